package framing

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/actorframe/actorframe/features"
)

// TestKeepStrongestMatchesPushStrong checks that a mention keeps the
// features pushStrong would rank strongest, in text order, on
// contributions with many ties, zeros, denormals and a wide spread.
func TestKeepStrongestMatchesPushStrong(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	values := []float32{0, 0.5, -0.5, 0.25, 1e-40, -1e-40, 3, 1e-3}
	for trial := range 2000 {
		n := r.IntN(60)
		var s Scores
		s.Reset()
		for j := range n {
			var w float32
			switch r.IntN(3) {
			case 0:
				w = values[r.IntN(len(values))]
			case 1:
				w = float32(r.NormFloat64())
			default:
				w = float32(r.NormFloat64() * math.Pow(10, float64(-r.IntN(8))))
			}
			s.scratch = append(s.scratch, features.Feature{Index: uint32(j)})
			s.scratchW = append(s.scratchW, w)
		}
		s.keepStrongest()
		var top [keepPerMention]strong
		nt := 0
		for j, w := range s.scratchW {
			nt = pushStrong(top[:], nt, j, w)
		}
		var want []uint32
		for _, c := range top[:nt] {
			want = append(want, uint32(c.j))
		}
		slices.Sort(want)
		var got []uint32
		for _, f := range s.feats {
			got = append(got, f.Index)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("trial %d: contributions %v: kept %v, want %v", trial, s.scratchW, got, want)
		}
	}
}
