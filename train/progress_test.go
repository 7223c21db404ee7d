package main

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// TestProgressOnStderr runs each command on the small conflict data with
// stderr a buffer (not a terminal): plain progress lines without -q, not a
// byte with -q or -quiet.
func TestProgressOnStderr(t *testing.T) {
	data := filepath.Join("testdata", "conflict")
	train1 := filepath.Join(data, "train-1.jsonl")
	dev := filepath.Join(data, "dev.jsonl")
	fit := func(quiet ...string) []string {
		return append(append([]string{"fit"}, quiet...),
			"-in", train1, "-roles", train1, "-iters", "5", "-out", filepath.Join(t.TempDir(), "m.afm"))
	}
	cv := func(quiet ...string) []string {
		return append(append([]string{"cv"}, quiet...), "-in", train1, "-k", "2", "-iters", "5")
	}
	eval := func(quiet ...string) []string {
		return append(append([]string{"eval"}, quiet...), "-in", dev)
	}
	tests := []struct {
		name string
		args []string
		want []string // in stderr, in this order; none: stderr empty
	}{
		{"fit", fit(), []string{"reading data...", "polarity examples: 381/381, done in", "polarity fit: 5/5 loss", "role fit: 5/5 loss"}},
		{"fit -q", fit("-q"), nil},
		{"fit -quiet", fit("-quiet"), nil},
		{"eval", eval(), []string{"reading " + dev, "eval: 183/183, done in"}},
		{"eval -q", eval("-q"), nil},
		{"cv", cv(), []string{"reading data...", "fold 1/2:", "fold 2/2:", "cv folds: 2/2, done in"}},
		{"cv -quiet", cv("-quiet"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			if err := run(tt.args, io.Discard, &stderr); err != nil {
				t.Fatalf("train %q: %v\n%s", tt.args, err, stderr.String())
			}
			got := stderr.String()
			if len(tt.want) == 0 && got != "" {
				t.Fatalf("train %q wrote on stderr:\n%s", tt.args, got)
			}
			rest := got
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("train %q: stderr lacks %q (or not in order):\n%s", tt.args, w, got)
				}
				rest = rest[i+len(w):]
			}
		})
	}
}
