package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestFitReproducesEmbeddedModel runs the README's retraining command and
// compares the result with models/default.afm byte for byte.
func TestFitReproducesEmbeddedModel(t *testing.T) {
	if testing.Short() {
		t.Skip("trains the full model (a minute or two); skipped with -short")
	}
	data := filepath.Join("..", "..", "shared", "data")
	for _, p := range []string{"newsmtsc/train.jsonl", "nfc/roles.jsonl", "persent/dev.jsonl", "glove/glove.6B.100d.top100k.txt.gz"} {
		if _, err := os.Stat(filepath.Join(data, p)); err != nil {
			t.Skipf("training data %s is absent (../shared/data is not beside the repository)", p)
		}
	}
	out := filepath.Join(t.TempDir(), "model.afm")
	ours := filepath.Join("testdata", "conflict")
	args := []string{"fit", "-q",
		"-in", filepath.Join(data, "newsmtsc", "train.jsonl"),
		"-in", filepath.Join(ours, "train-1.jsonl"),
		"-in", filepath.Join(ours, "train-2.jsonl"),
		"-in", filepath.Join(ours, "train-3.jsonl"),
		"-roles", filepath.Join(data, "nfc", "roles.jsonl"),
		"-roles", filepath.Join(ours, "train-1.jsonl"),
		"-roles", filepath.Join(ours, "train-2.jsonl"),
		"-roles", filepath.Join(ours, "train-3.jsonl"),
		"-actors", filepath.Join(data, "persent", "dev.jsonl"),
		"-vectors", filepath.Join(data, "glove", "glove.6B.100d.top100k.txt.gz"),
		"-out", out}
	var stderr bytes.Buffer
	if err := run(args, io.Discard, &stderr); err != nil {
		t.Fatalf("fit: %v\n%s", err, stderr.String())
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "models", "default.afm"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("fit wrote %d bytes that differ from models/default.afm (%d bytes): retrain with the README's command", len(got), len(want))
	}
}
