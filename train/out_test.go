package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/actorframe/actorframe/models"
)

// dirNames lists the names in dir, to see what a write left behind.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// canWriteReadOnly is whether a read-only directory can be written to
// anyway, as root can: then the unwritable cases prove nothing.
func canWriteReadOnly(t *testing.T) bool {
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	f, err := os.CreateTemp(dir, "probe")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}

func TestWriteModel(t *testing.T) {
	good := &models.File{Config: json.RawMessage(`{}`)}
	bad := &models.File{Config: json.RawMessage(`{`)} // WriteTo refuses it
	var want bytes.Buffer
	if _, err := good.WriteTo(&want); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		file     *models.File
		target   func(dir string) string // the -out path, given a fresh directory
		existing bool                    // a model.afm is there before
		readOnly bool
		wantErr  string
	}{
		{name: "new file", file: good, target: func(d string) string { return filepath.Join(d, "model.afm") }},
		{name: "replaces", file: good, existing: true, target: func(d string) string { return filepath.Join(d, "model.afm") }},
		{name: "write fails", file: bad, existing: true, target: func(d string) string { return filepath.Join(d, "model.afm") }, wantErr: "Config"},
		{name: "directory", file: good, target: func(d string) string { return d }, wantErr: "write "},
		{name: "directory slash", file: good, target: func(d string) string { return d + "/" }, wantErr: "write "},
		{name: "no directory", file: good, target: func(d string) string { return filepath.Join(d, "nope", "model.afm") }, wantErr: "no such file"},
		{name: "read-only", file: good, readOnly: true, target: func(d string) string { return filepath.Join(d, "model.afm") }, wantErr: "permission denied"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.readOnly && canWriteReadOnly(t) {
				t.Skip("read-only directories are writable here (root)")
			}
			dir := t.TempDir()
			old := []byte("the previous model")
			if tt.existing {
				if err := os.WriteFile(filepath.Join(dir, "model.afm"), old, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before := dirNames(t, dir)
			if tt.readOnly {
				os.Chmod(dir, 0o555)
				defer os.Chmod(dir, 0o755)
			}
			path := tt.target(dir)
			err := writeModel(path, tt.file)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), path) {
					t.Errorf("err = %v, want one naming %s and saying %q", err, path, tt.wantErr)
				}
				if got := dirNames(t, dir); !slices.Equal(got, before) {
					t.Errorf("directory holds %q after the failure, want %q", got, before)
				}
				if tt.existing {
					if b, _ := os.ReadFile(filepath.Join(dir, "model.afm")); !bytes.Equal(b, old) {
						t.Errorf("a failed write changed the previous model")
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := dirNames(t, dir); !slices.Equal(got, []string{"model.afm"}) {
				t.Errorf("directory holds %q, want only model.afm", got)
			}
			b, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(b, want.Bytes()) {
				t.Errorf("model.afm: %d bytes (err %v), want the %d bytes WriteTo gives", len(b), err, want.Len())
			}
			if fi, err := os.Stat(path); err != nil || fi.Mode().Perm()&0o044 != 0o044 {
				t.Errorf("model.afm mode %v (err %v), want readable by all", fi.Mode(), err)
			}
		})
	}
}

func TestCheckOut(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(ro, 0o755)
	tests := []struct {
		path    string
		wantErr string
	}{
		{filepath.Join(dir, "model.afm"), ""},
		{file, ""}, // an existing model is replaced
		{dir, "is a directory"},
		{dir + "/", "is a directory"},
		{filepath.Join(dir, "new") + "/", "is a directory"},
		{filepath.Join(dir, "nope", "model.afm"), "does not exist"},
		{filepath.Join(file, "model.afm"), "is not a directory"},
		{filepath.Join(ro, "model.afm"), "cannot write"},
	}
	rootWrites := canWriteReadOnly(t)
	for _, tt := range tests {
		if strings.HasPrefix(tt.path, ro) && rootWrites {
			continue // root writes anyway
		}
		err := checkOut(tt.path)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("checkOut(%s): %v", tt.path, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("checkOut(%s): err = %v, want %q", tt.path, err, tt.wantErr)
		}
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"file", "ro"}) {
		t.Errorf("checkOut left %q behind", got)
	}
}

// TestFitChecksOutFirst: a bad -out fails at once, before the training
// data is even read, and writes nothing.
func TestFitChecksOutFirst(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	err := run([]string{"fit", "-q", "-in", filepath.Join(dir, "absent.jsonl"), "-out", dir + "/"}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("fit -out DIR/: err = %v, want it to say the path is a directory", err)
	}
	if got := dirNames(t, dir); len(got) != 0 {
		t.Errorf("fit left %q behind", got)
	}
}
