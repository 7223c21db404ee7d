package models

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// separable makes a 3-class problem a linear model can learn exactly:
// class c fires three of the features 10c..10c+4, plus one noise feature
// shared by all classes.
func separable(n int, seed uint64) *Examples {
	rng := rand.New(rand.NewPCG(seed, 1))
	x := &Examples{}
	for i := 0; i < n; i++ {
		c := i % 3
		var idx []uint32
		for k := 0; k < 3; k++ {
			idx = append(idx, uint32(10*c+rng.IntN(5)))
		}
		idx = append(idx, uint32(100+rng.IntN(50)))
		x.Append(idx, nil, c, 1)
	}
	return x
}

// realistic makes data shaped like actorframe's: perRow hashed features a
// row drawn from a Zipf vocabulary, one in ten from a class's own
// vocabulary, values normalised to unit length, and 10% label noise.
func realistic(rows, perRow, dim int, seed uint64) *Examples {
	rng := rand.New(rand.NewPCG(seed, 2))
	zipf := rand.NewZipf(rng, 1.1, 1, 300_000)
	x := &Examples{}
	idx := make([]uint32, perRow)
	val := make([]float32, perRow)
	for i := 0; i < rows; i++ {
		c := rng.IntN(3)
		for j := range idx {
			term := zipf.Uint64()
			if rng.IntN(10) == 0 {
				term = 1<<32 + uint64(c)<<16 + uint64(rng.IntN(2000))
			}
			idx[j] = uint32((term * 0x9E3779B97F4A7C15) >> 32 % uint64(dim))
			val[j] = float32(1 / math.Sqrt(float64(perRow)))
		}
		label := c
		if rng.IntN(10) == 0 {
			label = rng.IntN(3)
		}
		x.Append(idx, val, label, 1)
	}
	return x
}

func accuracy(m *Linear, x *Examples) float64 {
	correct := 0
	var p []float64
	for i := 0; i < x.Rows(); i++ {
		lo, hi := x.Indptr[i], x.Indptr[i+1]
		p = m.Probs(x.Indices[lo:hi], x.Values[lo:hi], p)
		best := 0
		for k := range p {
			if p[k] > p[best] {
				best = k
			}
		}
		if best == x.Labels[i] {
			correct++
		}
	}
	return float64(correct) / float64(x.Rows())
}

func TestFitLearnsSeparableData(t *testing.T) {
	tests := []struct {
		name    string
		workers int
		l2      float64
		minAcc  float64
	}{
		{"serial, light penalty", 1, 1e-4, 1},
		{"parallel, light penalty", 4, 1e-4, 1},
		{"no penalty", 2, 0, 1},
		{"strong penalty", 2, 1e-2, 0.95},
	}
	x := separable(600, 1)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Fit(x, FitOptions{Classes: 3, Dim: 256, L2: tt.l2, MaxIter: 200, Workers: tt.workers})
			if err != nil {
				t.Fatal(err)
			}
			if acc := accuracy(m, x); acc < tt.minAcc {
				t.Errorf("training accuracy %.3f, want >= %.3f", acc, tt.minAcc)
			}
			// Features absent from the data keep a zero weight.
			for f := 150; f < 256; f++ {
				for k := 0; k < 3; k++ {
					if w := m.W[f*3+k]; w != 0 {
						t.Fatalf("unused feature %d has weight %v", f, w)
					}
				}
			}
		})
	}
}

func TestFitIsDeterministic(t *testing.T) {
	x := realistic(2000, 60, 1<<14, 2)
	x.Weights = make([]float32, x.Rows())
	for i := range x.Weights {
		x.Weights[i] = float32(1 + i%3)
	}
	encode := func(workers int) []byte {
		m, err := Fit(x, FitOptions{Classes: 3, Dim: 1 << 14, L2: 1e-4, MaxIter: 40, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		f := &File{Heads: []Head{{Name: "h", Labels: []string{"a", "b", "c"}, Model: m}}}
		return encodeFile(t, f)
	}
	want := encode(1)
	for _, workers := range []int{1, 2, 3, 8, 0} {
		if got := encode(workers); !bytes.Equal(got, want) {
			t.Errorf("Workers=%d gives a different model from Workers=1", workers)
		}
	}
}

func TestFitProgress(t *testing.T) {
	var iters []int
	var losses []float64
	_, err := Fit(separable(90, 3), FitOptions{Classes: 3, Dim: 256, L2: 1e-3, MaxIter: 5,
		Progress: func(iter int, loss float64) { iters = append(iters, iter); losses = append(losses, loss) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(iters) != 6 || iters[0] != 0 || iters[5] != 5 {
		t.Fatalf("progress reported iterations %v, want 0..5", iters)
	}
	if math.Abs(losses[0]-math.Log(3)) > 1e-12 {
		t.Errorf("starting loss %v, want log 3", losses[0])
	}
	for i := 1; i < len(losses); i++ {
		if losses[i] > losses[i-1] {
			t.Errorf("loss rose from %v to %v at iteration %d", losses[i-1], losses[i], i)
		}
	}
}

// A row of weight 2 counts like the same row twice.
func TestFitWeights(t *testing.T) {
	twice, weighted := &Examples{}, &Examples{}
	rows := []struct {
		idx   []uint32
		label int
	}{{[]uint32{0, 1}, 0}, {[]uint32{1, 2}, 1}, {[]uint32{2, 3}, 2}, {[]uint32{0, 3}, 1}}
	for i, r := range rows {
		twice.Append(r.idx, nil, r.label, 1)
		w := float32(1)
		if i == 3 {
			twice.Append(r.idx, nil, r.label, 1)
			w = 2
		}
		weighted.Append(r.idx, nil, r.label, w)
	}
	opt := FitOptions{Classes: 3, Dim: 4, L2: 1e-2, MaxIter: 100}
	a, err := Fit(twice, opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Fit(weighted, opt)
	if err != nil {
		t.Fatal(err)
	}
	for i := range a.W {
		if math.Abs(float64(a.W[i]-b.W[i])) > 1e-4 {
			t.Fatalf("W[%d]: %v with the row twice, %v with weight 2", i, a.W[i], b.W[i])
		}
	}
}

func TestFitErrors(t *testing.T) {
	ok := separable(9, 3)
	nan := float32(math.NaN())
	one := func(idx uint32, val float32, label int) *Examples {
		return &Examples{Indptr: []int{0, 1}, Indices: []uint32{idx}, Values: []float32{val}, Labels: []int{label}}
	}
	tests := []struct {
		name string
		x    *Examples
		opt  FitOptions
	}{
		{"no rows", &Examples{}, FitOptions{Classes: 3, Dim: 256}},
		{"one class", ok, FitOptions{Classes: 1, Dim: 256}},
		{"zero dim", ok, FitOptions{Classes: 3}},
		{"huge dim", ok, FitOptions{Classes: 3, Dim: 1 << 40}},
		{"negative L2", ok, FitOptions{Classes: 3, Dim: 256, L2: -1}},
		{"NaN L2", ok, FitOptions{Classes: 3, Dim: 256, L2: math.NaN()}},
		{"negative MaxIter", ok, FitOptions{Classes: 3, Dim: 256, MaxIter: -1}},
		{"index outside", ok, FitOptions{Classes: 3, Dim: 16}},
		{"label outside", one(1, 1, 5), FitOptions{Classes: 3, Dim: 8}},
		{"negative label", one(1, 1, -1), FitOptions{Classes: 3, Dim: 8}},
		{"NaN value", one(1, nan, 0), FitOptions{Classes: 3, Dim: 8}},
		{"infinite value", one(1, float32(math.Inf(1)), 0), FitOptions{Classes: 3, Dim: 8}},
		{"short Indptr", &Examples{Indptr: []int{0}, Labels: []int{0}}, FitOptions{Classes: 3, Dim: 8}},
		{"Indptr not from 0", &Examples{Indptr: []int{1, 1}, Indices: []uint32{1}, Values: []float32{1}, Labels: []int{0}}, FitOptions{Classes: 3, Dim: 8}},
		{"Indptr decreasing", &Examples{Indptr: []int{0, 2, 1, 2}, Indices: []uint32{1, 2}, Values: []float32{1, 1}, Labels: []int{0, 1, 2}}, FitOptions{Classes: 3, Dim: 8}},
		{"values short", &Examples{Indptr: []int{0, 2}, Indices: []uint32{1, 2}, Values: []float32{1}, Labels: []int{0}}, FitOptions{Classes: 3, Dim: 8}},
		{"weights short", &Examples{Indptr: []int{0, 1}, Indices: []uint32{1}, Values: []float32{1}, Labels: []int{0}, Weights: []float32{}}, FitOptions{Classes: 3, Dim: 8}},
		{"negative weight", &Examples{Indptr: []int{0, 1}, Indices: []uint32{1}, Values: []float32{1}, Labels: []int{0}, Weights: []float32{-1}}, FitOptions{Classes: 3, Dim: 8}},
		{"NaN weight", &Examples{Indptr: []int{0, 1}, Indices: []uint32{1}, Values: []float32{1}, Labels: []int{0}, Weights: []float32{nan}}, FitOptions{Classes: 3, Dim: 8}},
		{"all weights 0", &Examples{Indptr: []int{0, 1}, Indices: []uint32{1}, Values: []float32{1}, Labels: []int{0}, Weights: []float32{0}}, FitOptions{Classes: 3, Dim: 8}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Fit(tt.x, tt.opt)
			if !errors.Is(err, ErrExamples) || m != nil {
				t.Errorf("Fit = %v, %v; want an ErrExamples error", m, err)
			}
		})
	}
}

// The gradient the optimiser sees must match central differences of the
// loss, for weights and biases alike, with row weights and a penalty.
func TestGradient(t *testing.T) {
	x := &Examples{}
	rng := rand.New(rand.NewPCG(4, 4))
	for i := 0; i < 12; i++ {
		idx := []uint32{uint32(rng.IntN(6)), uint32(rng.IntN(6)), 7} // feature 6 never occurs
		val := []float32{float32(rng.NormFloat64()), float32(rng.NormFloat64()), 0.5}
		x.Append(idx, val, rng.IntN(4), float32(0.5+rng.Float64()))
	}
	for _, workers := range []int{1, 3} {
		o := newObjective(x, FitOptions{Classes: 4, Dim: 8, L2: 0.05, Workers: workers})
		if o.feats != 7 {
			t.Fatalf("%d features optimised, want the 7 that occur", o.feats)
		}
		n := o.feats*o.classes + o.classes
		w := make([]float64, n)
		for i := range w {
			w[i] = rng.NormFloat64()
		}
		g := make([]float64, n)
		o.eval(w, g)
		scratch := make([]float64, n)
		for i := range w {
			const h = 1e-5
			orig := w[i]
			w[i] = orig + h
			up := o.eval(w, scratch)
			w[i] = orig - h
			down := o.eval(w, scratch)
			w[i] = orig
			if num := (up - down) / (2 * h); math.Abs(num-g[i]) > 1e-7*(1+math.Abs(num)) {
				t.Errorf("workers %d: gradient[%d] = %v, central difference %v", workers, i, g[i], num)
			}
		}
	}
}

// Append keeps Weights nil while every weight is 1 and fills in the 1s
// once a row has another weight.
func TestAppend(t *testing.T) {
	x := &Examples{}
	x.Append([]uint32{3, 4}, []float32{0.5, 2}, 1, 1)
	x.Append(nil, nil, 0, 1)
	if x.Weights != nil {
		t.Fatalf("Weights = %v, want nil", x.Weights)
	}
	x.Append([]uint32{5}, nil, 2, 3)
	want := Examples{
		Indptr: []int{0, 2, 2, 3}, Indices: []uint32{3, 4, 5}, Values: []float32{0.5, 2, 1},
		Labels: []int{1, 0, 2}, Weights: []float32{1, 1, 3},
	}
	if x.Rows() != 3 || !equalSlices(x.Indptr, want.Indptr) || !equalSlices(x.Indices, want.Indices) ||
		!equalSlices(x.Values, want.Values) || !equalSlices(x.Labels, want.Labels) || !equalSlices(x.Weights, want.Weights) {
		t.Fatalf("got %+v, want %+v", *x, want)
	}
}

func equalSlices[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// BenchmarkFit fits data of the size actorframe trains on: 9,000 rows of
// ~300 hashed features in 2^20 dimensions, 3 classes, up to 200 iterations.
func BenchmarkFit(b *testing.B) {
	x := realistic(9000, 300, 1<<20, 6)
	for _, workers := range []int{1, 2} {
		b.Run(map[int]string{1: "workers=1", 2: "workers=2"}[workers], func(b *testing.B) {
			b.ReportAllocs()
			iters := 0
			for b.Loop() {
				_, err := Fit(x, FitOptions{Classes: 3, Dim: 1 << 20, L2: 1e-4, MaxIter: 200, Workers: workers,
					Progress: func(iter int, _ float64) { iters = iter }})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(iters), "iters")
		})
	}
}

// BenchmarkEval times one loss-and-gradient evaluation on the data of
// BenchmarkFit.
func BenchmarkEval(b *testing.B) {
	x := realistic(9000, 300, 1<<20, 6)
	for _, workers := range []int{1, 2} {
		b.Run(map[int]string{1: "workers=1", 2: "workers=2"}[workers], func(b *testing.B) {
			o := newObjective(x, FitOptions{Classes: 3, Dim: 1 << 20, L2: 1e-4, Workers: workers})
			n := o.feats*o.classes + o.classes
			w, g := make([]float64, n), make([]float64, n)
			for i := range w {
				w[i] = float64(i%7) * 0.01
			}
			b.ReportMetric(float64(o.feats), "features")
			b.ReportAllocs()
			for b.Loop() {
				o.eval(w, g)
			}
		})
	}
}
