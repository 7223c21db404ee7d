package stance_test

import (
	"testing"

	"github.com/actorframe/actorframe/stance"
)

func BenchmarkScore(b *testing.B) {
	m := model(b)
	text := article(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		m.Score(text)
	}
}

func BenchmarkScoreNoEvidence(b *testing.B) {
	m, err := model(b).WithOptions(stance.Options{NoEvidence: true})
	if err != nil {
		b.Fatal(err)
	}
	text := article(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		m.Score(text)
	}
}
