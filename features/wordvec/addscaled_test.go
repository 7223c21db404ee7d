package wordvec

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestAddScaledEqualsGo checks that the assembly version gives the same
// bits as the Go loop, for every length up to a few vectors and scales
// from tiny (subnormal products) to large, so that reports do not depend
// on which one ran.
func TestAddScaledEqualsGo(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	scales := []float32{0, 1, -1, 0.013, 1e-40, 3e38 / 127, float32(1 / 3.0)}
	for n := 0; n <= 70; n++ {
		for _, s := range scales {
			q := make([]int8, n)
			want := make([]float32, n)
			for j := range q {
				q[j] = int8(r.IntN(256) - 128)
				want[j] = float32(r.NormFloat64()) * float32(math.Pow(10, float64(r.IntN(8)-4)))
			}
			got := append([]float32(nil), want...)
			addScaledGo(want, q, s)
			addScaled(got, q, s)
			for j := range want {
				if math.Float32bits(got[j]) != math.Float32bits(want[j]) {
					t.Fatalf("n=%d s=%g: value %d is %g, want %g", n, s, j, got[j], want[j])
				}
			}
		}
	}
}

// TestAddScaledLeavesTheRest checks that only the first len(q) values of
// dst change.
func TestAddScaledLeavesTheRest(t *testing.T) {
	for n := range 40 {
		q := make([]int8, n)
		for j := range q {
			q[j] = 1
		}
		dst := make([]float32, n+8)
		addScaled(dst[:n], q, 2)
		for j, x := range dst {
			if want := float32(2); j >= n {
				want = 0
				if x != want {
					t.Fatalf("n=%d: dst[%d] = %g, want %g", n, j, x, want)
				}
			} else if x != want {
				t.Fatalf("n=%d: dst[%d] = %g, want %g", n, j, x, want)
			}
		}
	}
}

// TestDivEqualsGo checks that the assembly division gives Go's bits.
func TestDivEqualsGo(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for n := 0; n <= 70; n++ {
		for _, w := range []float32{1, 3, 0.7, 1e-30, 7e30, float32(math.Inf(1))} {
			want := make([]float32, n)
			for j := range want {
				want[j] = float32(r.NormFloat64()) * float32(math.Pow(10, float64(r.IntN(60)-30)))
			}
			got := append([]float32(nil), want...)
			divGo(want, w)
			div(got, w)
			for j := range want {
				if math.Float32bits(got[j]) != math.Float32bits(want[j]) {
					t.Fatalf("n=%d w=%g: value %d is %g, want %g", n, w, j, got[j], want[j])
				}
			}
		}
	}
}

// TestAddScaled2EqualsGo checks the two-destination version against two
// passes of the Go loop.
func TestAddScaled2EqualsGo(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for n := 0; n <= 70; n++ {
		q := make([]int8, n)
		w1, w2 := make([]float32, n), make([]float32, n)
		for j := range q {
			q[j] = int8(r.IntN(256) - 128)
			w1[j], w2[j] = float32(r.NormFloat64()), float32(r.NormFloat64()*1e-3)
		}
		g1, g2 := append([]float32(nil), w1...), append([]float32(nil), w2...)
		s1, s2 := float32(r.NormFloat64()*0.01), float32(1/3.0)
		addScaledGo(w1, q, s1)
		addScaledGo(w2, q, s2)
		addScaled2(g1, g2, q, s1, s2)
		for j := range q {
			if math.Float32bits(g1[j]) != math.Float32bits(w1[j]) || math.Float32bits(g2[j]) != math.Float32bits(w2[j]) {
				t.Fatalf("n=%d: value %d is %g, %g, want %g, %g", n, j, g1[j], g2[j], w1[j], w2[j])
			}
		}
	}
}
