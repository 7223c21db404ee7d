package models

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"
)

// synthetic makes a separable 3-class problem: class c fires features
// 10c..10c+4, plus noise features shared by all.
func synthetic(n int, seed uint64) *Examples {
	rng := rand.New(rand.NewPCG(seed, 1))
	x := &Examples{}
	for i := 0; i < n; i++ {
		c := i % 3
		var idx []uint32
		var val []float32
		for k := 0; k < 3; k++ {
			idx = append(idx, uint32(10*c+rng.IntN(5)))
			val = append(val, 1)
		}
		idx = append(idx, uint32(100+rng.IntN(50)))
		val = append(val, 1)
		x.Append(idx, val, c, 1)
	}
	return x
}

func TestFitLearnsSeparableData(t *testing.T) {
	x := synthetic(600, 1)
	m, err := Fit(x, FitOptions{Classes: 3, Dim: 256, L2: 1e-4, MaxIter: 200})
	if err != nil {
		t.Fatal(err)
	}
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
		if s := p[0] + p[1] + p[2]; math.Abs(s-1) > 1e-9 {
			t.Fatalf("probabilities sum to %v", s)
		}
	}
	if correct < x.Rows()*98/100 {
		t.Errorf("training accuracy %d/%d", correct, x.Rows())
	}
}

func TestFitIsDeterministic(t *testing.T) {
	x := synthetic(300, 2)
	enc := func(workers int) []byte {
		m, err := Fit(x, FitOptions{Classes: 3, Dim: 256, L2: 1e-3, MaxIter: 50, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		f := &File{Config: []byte(`{}`), Heads: []Head{{Name: "h", Labels: []string{"a", "b", "c"}, Model: m}}}
		if _, err := f.WriteTo(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b := enc(1), enc(8)
	if !bytes.Equal(a, b) || !bytes.Equal(a, enc(1)) {
		t.Fatal("two fits of the same data differ")
	}
}

func TestFitErrors(t *testing.T) {
	ok := synthetic(9, 3)
	tests := []struct {
		name string
		x    *Examples
		opt  FitOptions
	}{
		{"no rows", &Examples{}, FitOptions{Classes: 3, Dim: 256}},
		{"one class", ok, FitOptions{Classes: 1, Dim: 256}},
		{"index outside", ok, FitOptions{Classes: 3, Dim: 16}},
		{"label outside", &Examples{Indptr: []int{0, 1}, Indices: []uint32{1}, Values: []float32{1}, Labels: []int{5}}, FitOptions{Classes: 3, Dim: 8}},
		{"NaN", &Examples{Indptr: []int{0, 1}, Indices: []uint32{1}, Values: []float32{float32(math.NaN())}, Labels: []int{0}}, FitOptions{Classes: 3, Dim: 8}},
	}
	for _, tt := range tests {
		if _, err := Fit(tt.x, tt.opt); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
}

// The gradient the optimiser sees must match finite differences of the loss.
func TestGradient(t *testing.T) {
	x := synthetic(30, 4)
	const D, K, l2 = 160, 3, 0.01
	w := make([]float64, D*K+K)
	rng := rand.New(rand.NewPCG(5, 5))
	for i := range w {
		w[i] = rng.NormFloat64() * 0.1
	}
	f, g := lossAndGrad(x, D, K, l2, w)
	for _, i := range []int{30, 31, 100*K + 2, D * K, D*K + 2} {
		const h = 1e-6
		w2 := append([]float64(nil), w...)
		w2[i] += h
		f2, _ := lossAndGrad(x, D, K, l2, w2)
		if num := (f2 - f) / h; math.Abs(num-g[i]) > 1e-4 {
			t.Errorf("gradient[%d] = %v, finite difference %v", i, g[i], num)
		}
	}
}

func testFile(t testing.TB) *File {
	m := &Linear{Classes: 3, Dim: 64, W: make([]float32, 64*3), B: []float32{0.5, -0.25, 1}}
	for i := 0; i < 64*3; i += 7 {
		m.W[i] = float32(i) / 10
	}
	return &File{
		Config: []byte(`{"version":1}`),
		Meta:   map[string]string{"b": "2", "a": "1"},
		Heads:  []Head{{Name: "polarity", Labels: []string{"negative", "neutral", "positive"}, Model: m}},
	}
}

func encode(t testing.TB, f *File) []byte {
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRoundTrip(t *testing.T) {
	f := testFile(t)
	data := encode(t, f)
	g, err := Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(encode(t, g), data) {
		t.Fatal("re-encoding a decoded file changes its bytes")
	}
	h, ok := g.Head("polarity")
	if !ok || h.Model.B[2] != 1 || h.Model.W[7] != 0.7 || g.Meta["a"] != "1" || string(g.Config) != `{"version":1}` {
		t.Fatalf("decoded file differs: %+v", g)
	}
	if _, ok := g.Head("role"); ok {
		t.Error("found a head that is not there")
	}
}

func TestReadErrors(t *testing.T) {
	data := encode(t, testFile(t))
	// Every truncation is an error, never a panic.
	for n := 0; n < len(data); n++ {
		if _, err := Read(bytes.NewReader(data[:n])); err == nil {
			t.Fatalf("truncated to %d bytes: no error", n)
		}
	}
	flip := append([]byte(nil), data...)
	flip[len(flip)-3] ^= 0x40
	if _, err := Read(bytes.NewReader(flip)); !errors.Is(err, ErrChecksum) {
		t.Errorf("flipped payload byte: err = %v, want ErrChecksum", err)
	}
	magic := append([]byte("XXXX"), data[4:]...)
	if _, err := Read(bytes.NewReader(magic)); !errors.Is(err, ErrMagic) {
		t.Errorf("wrong magic: err = %v", err)
	}
	version := append([]byte(nil), data...)
	version[4] = 9
	if _, err := Read(bytes.NewReader(version)); !errors.Is(err, ErrVersion) {
		t.Errorf("wrong version: err = %v", err)
	}
	if _, err := Read(bytes.NewReader(data[:10])); !errors.Is(err, ErrTruncated) {
		t.Errorf("short header: err = %v, want ErrTruncated", err)
	}
	if _, err := Read(bytes.NewReader(data[:len(data)-5])); !errors.Is(err, ErrTruncated) {
		t.Errorf("short payload: err = %v, want ErrTruncated", err)
	}
	if _, err := ReadFile(filepath.Join(t.TempDir(), "none.afm")); err == nil {
		t.Error("missing file: no error")
	}
}

func FuzzRead(f *testing.F) {
	f.Add(encode(f, testFile(f)))
	f.Add([]byte("AFRM"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, h := range file.Heads {
			m := h.Model
			if len(m.W) != m.Dim*m.Classes || len(m.B) != m.Classes || len(h.Labels) != m.Classes {
				t.Fatalf("inconsistent head %q", h.Name)
			}
		}
	})
}

func TestDefaultModelLoads(t *testing.T) {
	f, err := Default()
	if err != nil {
		t.Fatalf("embedded model: %v", err)
	}
	if _, ok := f.Head("polarity"); !ok {
		t.Fatal("embedded model has no polarity head")
	}
}

func BenchmarkFit(b *testing.B) {
	x := synthetic(9000, 6)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Fit(x, FitOptions{Classes: 3, Dim: 1 << 16, L2: 1e-4, MaxIter: 50}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkProbs(b *testing.B) {
	m := &Linear{Classes: 3, Dim: 1 << 20, W: make([]float32, 3<<20), B: make([]float32, 3)}
	rng := rand.New(rand.NewPCG(7, 7))
	idx := make([]uint32, 150)
	val := make([]float32, 150)
	for i := range idx {
		idx[i], val[i] = uint32(rng.IntN(1<<20)), 0.08
	}
	var p []float64
	b.ReportAllocs()
	for b.Loop() {
		p = m.Probs(idx, val, p)
	}
}

func BenchmarkReadDefault(b *testing.B) {
	data := DefaultBytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
