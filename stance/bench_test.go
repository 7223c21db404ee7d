package stance_test

import (
	"bytes"
	"context"
	"runtime"
	"slices"
	"strconv"
	"testing"

	"github.com/actorframe/actorframe/models"
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

func BenchmarkScoreNoEvidence(b *testing.B) { benchScoreWith(b, stance.Options{NoEvidence: true}) }

// benchScoreWith is BenchmarkScore with a model of options opt.
func benchScoreWith(b *testing.B, opt stance.Options) {
	m, err := model(b).WithOptions(opt)
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

// BenchmarkLoadDefault decodes the embedded model, as the first call to
// Score does: in place (models.ReadBytes), then ready to score.
func BenchmarkLoadDefault(b *testing.B) {
	raw := models.DefaultBytes()
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := models.ReadBytes(raw)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := stance.FromFile(f, stance.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad reads a model file from a reader, as Load does for a
// caller's model: the payload is copied first.
func BenchmarkLoad(b *testing.B) {
	raw := models.DefaultBytes()
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := stance.Load(bytes.NewReader(raw)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScoreAll scores a corpus of 64 articles with 1 and 2 workers;
// the ratio of the two is the scaling across cores. It also reports the
// heap in use while scoring, beyond the model (heap-MB).
func BenchmarkScoreAll(b *testing.B) {
	m := model(b)
	text := article(b)
	docs := make([]stance.Document, 64)
	for i := range docs {
		docs[i] = stance.Document{ID: strconv.Itoa(i), Text: text}
	}
	for _, workers := range []int{1, 2} {
		b.Run("workers="+strconv.Itoa(workers), func(b *testing.B) {
			var before runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			var peak uint64
			b.SetBytes(int64(len(text) * len(docs)))
			b.ReportAllocs()
			for b.Loop() {
				for _, err := range m.ScoreAll(context.Background(), slices.Values(docs), workers) {
					if err != nil {
						b.Fatal(err)
					}
				}
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
			b.ReportMetric(float64(peak-min(peak, before.HeapInuse))/(1<<20), "heap-MB")
		})
	}
}

// BenchmarkScoreActor asks how the article frames one person the
// catalogue does not list; it should cost about what Score does.
func BenchmarkScoreActor(b *testing.B) {
	m := model(b)
	text := article(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := m.ScoreActor(text, "Anna Borodina"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScoreNoWordVectors is Score with the linear polarity head
// alone (Options.NoWordVectors): the cost of the word-vector view is the
// difference from BenchmarkScore.
func BenchmarkScoreNoWordVectors(b *testing.B) {
	benchScoreWith(b, stance.Options{NoWordVectors: true})
}
