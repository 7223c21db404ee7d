package models

import (
	"math"
	"math/rand/v2"
	"testing"
)

func smallModel() *Linear {
	// 4 features, 3 classes.
	return &Linear{Classes: 3, Dim: 4,
		W: []float32{
			1, 0, -1, // feature 0
			0, 2, 0, // feature 1
			0.5, 0.5, 0.5, // feature 2
			0, 0, 0, // feature 3
		},
		B: []float32{0.25, 0, -0.25},
	}
}

func TestLogits(t *testing.T) {
	m := smallModel()
	tests := []struct {
		name    string
		indices []uint32
		values  []float32
		want    []float64
	}{
		{"empty", nil, nil, []float64{0.25, 0, -0.25}},
		{"one feature", []uint32{0}, []float32{2}, []float64{2.25, 0, -2.25}},
		{"nil values are 1", []uint32{0, 1}, nil, []float64{1.25, 2, -1.25}},
		{"repeated index adds", []uint32{1, 1}, []float32{1, 0.5}, []float64{0.25, 3, -0.25}},
		{"index outside ignored", []uint32{9, 0}, []float32{5, 1}, []float64{1.25, 0, -1.25}},
		{"short values", []uint32{0, 1}, []float32{1}, []float64{1.25, 0, -1.25}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := m.Logits(tt.indices, tt.values, nil)
			for k := range tt.want {
				if got[k] != tt.want[k] {
					t.Fatalf("Logits = %v, want %v", got, tt.want)
				}
			}
			// Contributions and the bias add up to the logits.
			n := len(tt.indices)
			if tt.values != nil {
				n = min(n, len(tt.values))
			}
			for k := range tt.want {
				sum := float64(m.B[k])
				for j := 0; j < n; j++ {
					v := float32(1)
					if tt.values != nil {
						v = tt.values[j]
					}
					sum += m.Contribution(tt.indices[j], v, k)
				}
				if sum != got[k] {
					t.Errorf("class %d: contributions sum to %v, logit is %v", k, sum, got[k])
				}
			}
		})
	}
}

func TestProbs(t *testing.T) {
	m := smallModel()
	tests := []struct {
		name   string
		values []float32
	}{
		{"moderate", []float32{1, 1}},
		{"huge logits do not overflow", []float32{1e30, 1}},
		{"huge negative logits do not underflow to NaN", []float32{-1e30, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := m.Probs([]uint32{0, 1}, tt.values, nil)
			var sum float64
			for _, v := range p {
				if math.IsNaN(v) || v < 0 || v > 1 {
					t.Fatalf("Probs = %v", p)
				}
				sum += v
			}
			if math.Abs(sum-1) > 1e-12 {
				t.Errorf("Probs = %v, sum %v", p, sum)
			}
		})
	}
	p := m.Probs(nil, nil, nil)
	l := m.Logits(nil, nil, nil)
	if r := p[0] / p[1]; math.Abs(r-math.Exp(l[0]-l[1])) > 1e-12 {
		t.Errorf("probability ratio %v, want exp(logit difference) %v", r, math.Exp(l[0]-l[1]))
	}
}

func TestContributionOutside(t *testing.T) {
	m := smallModel()
	for _, c := range []struct {
		index uint32
		class int
	}{{4, 0}, {0, 3}, {0, -1}} {
		if got := m.Contribution(c.index, 1, c.class); got != 0 {
			t.Errorf("Contribution(%d, 1, %d) = %v, want 0", c.index, c.class, got)
		}
	}
}

func TestProbsDoesNotAllocate(t *testing.T) {
	m := smallModel()
	dst := make([]float64, 0, 3)
	idx, val := []uint32{0, 1, 2}, []float32{1, 2, 3}
	if n := testing.AllocsPerRun(100, func() { dst = m.Probs(idx, val, dst) }); n != 0 {
		t.Errorf("Probs allocates %v times per call with capacity in dst", n)
	}
}

func BenchmarkProbs(b *testing.B) {
	const dim, nnz = 1 << 20, 150
	rng := rand.New(rand.NewPCG(7, 7))
	m := &Linear{Classes: 3, Dim: dim, W: make([]float32, 3*dim), B: make([]float32, 3)}
	for i := range m.W {
		m.W[i] = float32(rng.NormFloat64())
	}
	idx := make([]uint32, nnz)
	val := make([]float32, nnz)
	for i := range idx {
		idx[i], val[i] = uint32(rng.IntN(dim)), 0.08
	}
	var p []float64
	b.SetBytes(nnz * 8) // bytes of input: an index and a value per feature
	b.ReportAllocs()
	for b.Loop() {
		p = m.Probs(idx, val, p)
	}
}
