package stance_test

import (
	"runtime"
	"testing"
	"os"
	"github.com/actorframe/actorframe/features"
)

func TestTmpAllocs(t *testing.T) {
	m := model(t)
	text := textOfSize(1 << 20)
	for i := range 4 {
		var a, b runtime.MemStats
		runtime.ReadMemStats(&a)
		m.Score(text)
		runtime.ReadMemStats(&b)
		t.Logf("run %d: %.1f MB, %d GCs", i, float64(b.TotalAlloc-a.TotalAlloc)/1e6, b.NumGC-a.NumGC)
	}
	art, _ := os.ReadFile("../features/testdata/article.txt")
	for _, s := range []string{string(art), text} {
		var d features.Doc
		features.NewParser(features.DefaultConfig()).Parse(s, &d)
		t.Logf("%d bytes, %d tokens, %.2f bytes/token, %d sentences", len(s), len(d.Tokens), float64(len(s))/float64(len(d.Tokens)), len(d.Sentences))
	}
}
