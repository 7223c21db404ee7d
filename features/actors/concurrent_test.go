package actors

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// A Finder keeps per-call working memory in a pool; calls from many
// goroutines, on texts of different sizes, must not see each other's.
func TestConcurrentFind(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	article := string(data)
	texts := []string{
		article,
		article[:len(article)/3],
		strings.ToUpper(article),
		"Benjamin Koellmann bought a flat. Koellmann said he regrets it. The regime denied it; Syria was bombed.",
		strings.Repeat("Putin met Erdogan in Ankara. He said his army would stay. ", 50),
		"",
	}
	for _, opt := range []Options{{}, {Discover: true, Pronouns: true}} {
		f := NewFinder(nil, opt)
		want := make([][]Mention, len(texts))
		for i, text := range texts {
			want[i] = f.Find(text)
		}
		var wg sync.WaitGroup
		for g := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var ms []Mention
				for k := range 40 {
					i := (g + k) % len(texts)
					ms = f.AppendMentions(ms[:0], texts[i])
					if !slices.Equal(ms, want[i]) {
						t.Errorf("options %+v, text %d: concurrent result differs", opt, i)
						return
					}
				}
			}()
		}
		wg.Wait()
	}
}
