package framing

import (
	"os"
	"testing"

	"github.com/actorframe/actorframe/features"
)

// BenchmarkAddMention scores every mention of the README's test article,
// keeping each one's strongest features for evidence (keep) or none: the
// difference is what evidence costs while scoring.
func BenchmarkAddMention(b *testing.B) {
	e, p := defaultEngine(b)
	text, err := os.ReadFile("../../features/testdata/article.txt")
	if err != nil {
		b.Fatal(err)
	}
	a := p.Analyze(string(text))
	defer p.Release(a)
	for _, keep := range []bool{true, false} {
		name := "keep"
		if !keep {
			name = "none"
		}
		b.Run(name, func(b *testing.B) {
			var s Scores
			s.KeepNone = !keep
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				s.Reset()
				for _, m := range a.Mentions {
					e.AddMention(a, &s, features.Span{Start: m.Start, End: m.End}, m.Via)
				}
			}
		})
	}
}
