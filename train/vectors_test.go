package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorframe/actorframe/internal/framing"
	"github.com/actorframe/actorframe/models"
)

// tinyVectors writes a GloVe-format file of a few words with vectors made
// up for the test, and returns its path.
func tinyVectors(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	for i, w := range strings.Fields("the of killed attacked shelled praised helped protected civilians forces said not") {
		fmt.Fprintf(&b, "%s", w)
		for j := range 4 {
			fmt.Fprintf(&b, " %.3f", float64((i*7+j*3)%11)/10-0.5)
		}
		b.WriteByte('\n')
	}
	p := filepath.Join(t.TempDir(), "vectors.txt")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestFitVectors fits a model with the word-vector view on our conflict
// texts: it has the vector head, its vectors and the blend weight, two
// fits are byte for byte the same, and eval and cv report each view.
func TestFitVectors(t *testing.T) {
	if testing.Short() {
		t.Skip("fits a small model twice; skipped with -short")
	}
	vec := tinyVectors(t)
	in := filepath.Join("testdata", "conflict", "train-1.jsonl")
	dir := t.TempDir()
	var models2 [2][]byte
	for i := range models2 {
		out := filepath.Join(dir, fmt.Sprintf("m%d.afm", i))
		var stderr bytes.Buffer
		if err := run([]string{"fit", "-q", "-iters", "30", "-in", in, "-roles", in, "-vectors", vec, "-vec-weight", "0.4", "-vec-role-weight", "0.3", "-out", out}, io.Discard, &stderr); err != nil {
			t.Fatalf("fit: %v\n%s", err, stderr.String())
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		models2[i] = b
	}
	if !bytes.Equal(models2[0], models2[1]) {
		t.Fatal("two fits with vectors differ")
	}
	f, err := models.Read(bytes.NewReader(models2[0]))
	if err != nil {
		t.Fatal(err)
	}
	eng, err := framing.NewEngine(f)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := eng.Head(framing.VectorHead); !ok || len(f.Vectors) == 0 || eng.Calibration().VectorWeight != 0.4 {
		t.Fatalf("model lacks the vector view: head %v, %d bytes of vectors, weight %v", ok, len(f.Vectors), eng.Calibration().VectorWeight)
	}
	if _, ok := eng.Head(framing.RoleVecHead); !ok || eng.Calibration().RoleVectorWeight != 0.3 {
		t.Fatalf("model lacks the role-vectors view: head %v, weight %v", ok, eng.Calibration().RoleVectorWeight)
	}
	var stdout, stderr bytes.Buffer
	if err := run([]string{"eval", "-q", "-model", filepath.Join(dir, "m0.afm"), "-in", in}, &stdout, &stderr); err != nil {
		t.Fatalf("eval: %v\n%s", err, stderr.String())
	}
	for _, want := range []string{"views of mention polarity", "linear view", "vector view", "best blend"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("eval output lacks %q:\n%s", want, stdout.String())
		}
	}
	stdout.Reset()
	if err := run([]string{"cv", "-q", "-k", "2", "-iters", "20", "-in", in, "-vectors", vec}, &stdout, &stderr); err != nil {
		t.Fatalf("cv: %v\n%s", err, stderr.String())
	}
	for _, want := range []string{"2-fold cv: views of mention polarity", "2-fold cv: roles by the role-vectors head's weight"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("cv output lacks %q:\n%s", want, stdout.String())
		}
	}
	for _, bad := range [][]string{
		{"fit", "-q", "-in", in, "-vectors", filepath.Join(dir, "none.txt"), "-out", filepath.Join(dir, "x.afm")},
		{"fit", "-q", "-in", in, "-vectors", vec, "-vec-weight", "1.5", "-out", filepath.Join(dir, "x.afm")},
		{"fit", "-q", "-in", in, "-vectors", vec, "-vec-role-weight", "-0.1", "-out", filepath.Join(dir, "x.afm")},
	} {
		if err := run(bad, io.Discard, io.Discard); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
