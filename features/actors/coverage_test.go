package actors

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestTargetsFound measures how many hand-annotated targets of news
// sentences the Finder finds (a mention overlapping the target's span):
// the actors a reader names that a report would show. The conflict files
// are the repository's; NewsMTSC's are read from ../shared when present.
func TestTargetsFound(t *testing.T) {
	f := NewFinder(mustDefault(), Options{Discover: true, Pronouns: true})
	for _, tc := range []struct {
		path  string
		floor float64 // the share measured when the test was written, less a margin
	}{
		{filepath.Join("..", "..", "train", "testdata", "conflict", "dev.jsonl"), 0.80},
		{filepath.Join("..", "..", "train", "testdata", "conflict", "train-1.jsonl"), 0.78},
		{filepath.Join("..", "..", "train", "testdata", "conflict", "train-2.jsonl"), 0.58},
		{filepath.Join("..", "..", "train", "testdata", "conflict", "train-3.jsonl"), 0.68},
		{filepath.Join("..", "..", "..", "shared", "data", "newsmtsc", "dev-rw.jsonl"), 0.52},
		{filepath.Join("..", "..", "..", "shared", "data", "newsmtsc", "dev-mt.jsonl"), 0.47},
	} {
		fh, err := os.Open(tc.path)
		if err != nil {
			t.Logf("skipping %s: %v", tc.path, err)
			continue
		}
		n, hit := 0, 0
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			var r struct {
				Text     string
				Sentence string `json:"sentence_normalized"`
				Targets  []struct{ From, To int }
			}
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatalf("%s: %v", tc.path, err)
			}
			if r.Text == "" {
				r.Text = r.Sentence
			}
			ms := f.Find(r.Text)
			for _, tg := range r.Targets {
				n++
				for _, m := range ms {
					if m.Start < tg.To && m.End > tg.From {
						hit++
						break
					}
				}
			}
		}
		fh.Close()
		share := float64(hit) / float64(n)
		t.Logf("%s: %d of %d targets found (%.1f%%)", filepath.Base(tc.path), hit, n, 100*share)
		if share < tc.floor {
			t.Errorf("%s: %.1f%% of targets found, below %.0f%%", tc.path, 100*share, 100*tc.floor)
		}
	}
}
