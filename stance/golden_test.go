package stance

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden reports in testdata/golden")

// TestGoldenReports pins the JSON that examples/score -json prints: any
// change to a report must be deliberate (go test ./stance -run Golden
// -update rewrites the files, and the diff shows what changed). The
// article we wrote is stored whole; the seed articles are not ours to
// copy, so only a digest of each report is stored.
func TestGoldenReports(t *testing.T) {
	type golden struct {
		text, name string
		whole      bool
	}
	cases := []golden{{text: "../features/testdata/article.txt", name: "article.json", whole: true}}
	seeds, _ := filepath.Glob("../../shared/seeds/*.txt")
	for _, s := range seeds {
		cases = append(cases, golden{text: s, name: strings.TrimSuffix(filepath.Base(s), ".txt") + ".sha256"})
	}
	if len(seeds) == 0 {
		t.Log("../shared/seeds not found: only the repository's own article is checked")
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text, err := os.ReadFile(c.text)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetIndent("", "  ")
			if err := enc.Encode(Score(string(text))); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			if !c.whole {
				sum := sha256.Sum256(got)
				got = []byte(hex.EncodeToString(sum[:]) + "\n")
			}
			path := filepath.Join("testdata", "golden", c.name)
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./stance -run Golden -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("report for %s differs from %s; if the change is deliberate, rerun with -update and explain it in the commit", c.text, path)
			}
		})
	}
}
