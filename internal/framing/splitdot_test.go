package framing

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestSplitDotEqualsGo checks that the assembly version of the vector
// head's sum gives the same bits as the Go loop, with zeros (of both
// signs) and values of both signs and of many sizes.
func TestSplitDotEqualsGo(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for n := 0; n <= 50; n++ {
		for range 20 {
			dense := make([]float32, n)
			for j := range dense {
				switch r.IntN(5) {
				case 0:
				case 1:
					dense[j] = float32(math.Copysign(0, -1))
				default:
					dense[j] = float32(r.NormFloat64() * math.Pow(10, float64(r.IntN(10)-5)))
				}
			}
			w := make([]float64, 6*n)
			for i := range w {
				w[i] = r.NormFloat64()
			}
			start := [3]float64{r.NormFloat64(), r.NormFloat64(), r.NormFloat64()}
			want, got := start, start
			splitDotGo(&want, dense, w)
			splitDot(&got, dense, w)
			for k := range want {
				if math.Float64bits(got[k]) != math.Float64bits(want[k]) {
					t.Fatalf("n=%d: class %d is %v, want %v", n, k, got[k], want[k])
				}
			}
		}
	}
}
