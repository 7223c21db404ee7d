// Linear models: fitting and prediction.

package models

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/optimize"
)

// Examples is a sparse design matrix in compressed-sparse-row form, one
// label per row: row i has features Indices[Indptr[i]:Indptr[i+1]] with
// Values at the same positions. The zero value is an empty matrix ready for
// Append.
type Examples struct {
	Indptr  []int
	Indices []uint32
	Values  []float32
	Labels  []int
	Weights []float32
}

// Rows is the number of examples.
func (x *Examples) Rows() int { return len(x.Labels) }

// Append adds one example with the given features, class and weight.
func (x *Examples) Append(indices []uint32, values []float32, label int, weight float32) {
	if len(x.Indptr) == 0 {
		x.Indptr = append(x.Indptr, 0)
	}
	x.Indices = append(x.Indices, indices...)
	x.Values = append(x.Values, values...)
	x.Indptr = append(x.Indptr, len(x.Indices))
	x.Labels = append(x.Labels, label)
	if weight != 1 || x.Weights != nil {
		for len(x.Weights) < len(x.Labels)-1 {
			x.Weights = append(x.Weights, 1)
		}
		x.Weights = append(x.Weights, weight)
	}
}

// FitOptions control Fit.
type FitOptions struct {
	Classes  int                          // number of classes, at least 2
	Dim      int                          // size of the feature space
	L2       float64                      // penalty on the weights (not the biases); the loss is a mean, so it does not grow with the data
	MaxIter  int                          // L-BFGS iterations at most (0: until converged)
	Workers  int                          // unused: the gradient always runs on fitChunks goroutines, so results never depend on it
	Progress func(iter int, loss float64) // optional, called after each iteration

	// for tests: the first evaluation is reported, from a given start
	evalHook func(loss float64, grad []float64)
	start    []float64
}

// Linear is a multinomial logistic regression: W holds Dim rows of
// Classes weights, W[f*Classes+c], and B one bias per class.
type Linear struct {
	Classes int
	Dim     int
	W       []float32
	B       []float32
}

// Fit trains a Linear model on x by L-BFGS. It is deterministic: the same
// x and options give the same weights, bit for bit, on any number of
// cores. Bad input (a label outside [0, Classes), an index outside
// [0, Dim), a non-finite value, no rows) is an error.
func Fit(x *Examples, opt FitOptions) (*Linear, error) {
	K, D := opt.Classes, opt.Dim
	n := x.Rows()
	if n == 0 {
		return nil, errors.New("models: no examples")
	}
	if K < 2 || D < 1 {
		return nil, fmt.Errorf("models: %d classes, %d features", K, D)
	}
	for i, l := range x.Labels {
		if l < 0 || l >= K {
			return nil, fmt.Errorf("models: row %d: label %d outside [0, %d)", i, l, K)
		}
	}
	for i, f := range x.Indices {
		if int(f) >= D {
			return nil, fmt.Errorf("models: index %d >= dim %d at nonzero %d", f, D, i)
		}
		if v := x.Values[i]; math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return nil, fmt.Errorf("models: non-finite value at nonzero %d", i)
		}
	}
	var wsum float64
	for i := 0; i < n; i++ {
		wsum += rowWeight(x, i)
	}
	nparam := D*K + K
	const chunks = fitChunks
	grads := make([][]float64, chunks)
	losses := make([]float64, chunks)
	for c := range grads {
		grads[c] = make([]float64, nparam)
	}
	// touched features, so that per-chunk buffers are cleared sparsely
	touched := make([][]uint32, chunks)
	bounds := make([]int, chunks+1)
	for c := 0; c <= chunks; c++ {
		bounds[c] = n * c / chunks
	}
	for c := 0; c < chunks; c++ {
		seen := make([]bool, D)
		for i := bounds[c]; i < bounds[c+1]; i++ {
			for _, f := range x.Indices[x.Indptr[i]:x.Indptr[i+1]] {
				if !seen[f] {
					seen[f] = true
					touched[c] = append(touched[c], f)
				}
			}
		}
	}
	var lastX []float64
	var lastF float64
	lastG := make([]float64, nparam)
	eval := func(w []float64) {
		if lastX != nil && equal(lastX, w) {
			return
		}
		done := make(chan struct{}, chunks)
		for c := 0; c < chunks; c++ {
			go func(c int) {
				g := grads[c]
				for _, f := range touched[c] {
					for k := 0; k < K; k++ {
						g[int(f)*K+k] = 0
					}
				}
				for k := 0; k < K; k++ {
					g[D*K+k] = 0
				}
				logits := make([]float64, K)
				var loss float64
				for i := bounds[c]; i < bounds[c+1]; i++ {
					lo, hi := x.Indptr[i], x.Indptr[i+1]
					for k := 0; k < K; k++ {
						logits[k] = w[D*K+k]
					}
					for j := lo; j < hi; j++ {
						f, v := int(x.Indices[j]), float64(x.Values[j])
						for k := 0; k < K; k++ {
							logits[k] += w[f*K+k] * v
						}
					}
					mx := logits[0]
					for k := 1; k < K; k++ {
						mx = math.Max(mx, logits[k])
					}
					var z float64
					for k := 0; k < K; k++ {
						logits[k] = math.Exp(logits[k] - mx)
						z += logits[k]
					}
					rw := rowWeight(x, i) / wsum
					y := x.Labels[i]
					loss -= rw * (math.Log(logits[y] / z))
					for k := 0; k < K; k++ {
						p := logits[k] / z
						if k == y {
							p -= 1
						}
						p *= rw
						logits[k] = p
						g[D*K+k] += p
					}
					for j := lo; j < hi; j++ {
						f, v := int(x.Indices[j]), float64(x.Values[j])
						for k := 0; k < K; k++ {
							g[f*K+k] += logits[k] * v
						}
					}
				}
				losses[c] = loss
				done <- struct{}{}
			}(c)
		}
		for c := 0; c < chunks; c++ {
			<-done
		}
		var loss float64
		for c := 0; c < chunks; c++ {
			loss += losses[c]
		}
		for i := 0; i < D*K; i++ {
			lastG[i] = opt.L2 * w[i]
			loss += 0.5 * opt.L2 * w[i] * w[i]
		}
		for k := 0; k < K; k++ {
			lastG[D*K+k] = 0
		}
		for c := 0; c < chunks; c++ {
			g := grads[c]
			for _, f := range touched[c] {
				for k := 0; k < K; k++ {
					lastG[int(f)*K+k] += g[int(f)*K+k]
				}
			}
			for k := 0; k < K; k++ {
				lastG[D*K+k] += g[D*K+k]
			}
		}
		lastF = loss
		lastX = append(lastX[:0], w...)
		if opt.evalHook != nil {
			opt.evalHook(lastF, lastG)
		}
	}
	iter := 0
	prob := optimize.Problem{
		Func: func(w []float64) float64 { eval(w); return lastF },
		Grad: func(g, w []float64) { eval(w); copy(g, lastG) },
	}
	settings := &optimize.Settings{
		MajorIterations:   opt.MaxIter,
		GradientThreshold: 1e-6,
		Converger:         &optimize.FunctionConverge{Absolute: 1e-9, Relative: 1e-7, Iterations: 20},
		Recorder:          nil,
	}
	if opt.Progress != nil {
		settings.Recorder = recorderFunc(func(l *optimize.Location, op optimize.Operation) {
			if op == optimize.MajorIteration {
				iter++
				opt.Progress(iter, l.F)
			}
		})
	}
	x0 := make([]float64, nparam)
	if opt.start != nil {
		copy(x0, opt.start)
	}
	res, err := optimize.Minimize(prob, x0, settings, &optimize.LBFGS{Store: 10})
	if err != nil && res == nil {
		return nil, fmt.Errorf("models: optimize: %w", err)
	}
	m := &Linear{Classes: K, Dim: D, W: make([]float32, D*K), B: make([]float32, K)}
	for i := 0; i < D*K; i++ {
		m.W[i] = float32(res.X[i])
	}
	for k := 0; k < K; k++ {
		m.B[k] = float32(res.X[D*K+k])
	}
	return m, nil
}

// fitChunks is how many row blocks the gradient is split into. It is fixed,
// not the number of cores, so that sums happen in the same order everywhere.
const fitChunks = 2

type recorderFunc func(*optimize.Location, optimize.Operation)

func (r recorderFunc) Init() error { return nil }
func (r recorderFunc) Record(l *optimize.Location, op optimize.Operation, _ *optimize.Stats) error {
	r(l, op)
	return nil
}

func equal(a, b []float64) bool {
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

func rowWeight(x *Examples, i int) float64 {
	if x.Weights == nil {
		return 1
	}
	return float64(x.Weights[i])
}

// Logits writes the class scores of a sparse input into dst (reusing its
// memory) and returns it. Indices outside the model are ignored.
func (m *Linear) Logits(indices []uint32, values []float32, dst []float64) []float64 {
	K := m.Classes
	dst = dst[:0]
	for k := 0; k < K; k++ {
		dst = append(dst, float64(m.B[k]))
	}
	for j, f := range indices {
		if int(f) >= m.Dim {
			continue
		}
		v := float64(values[j])
		row := m.W[int(f)*K : int(f)*K+K]
		for k := 0; k < K; k++ {
			dst[k] += float64(row[k]) * v
		}
	}
	return dst
}

// Probs is the softmax of Logits: class probabilities summing to 1.
func (m *Linear) Probs(indices []uint32, values []float32, dst []float64) []float64 {
	dst = m.Logits(indices, values, dst)
	mx := dst[0]
	for _, v := range dst[1:] {
		mx = math.Max(mx, v)
	}
	var z float64
	for k := range dst {
		dst[k] = math.Exp(dst[k] - mx)
		z += dst[k]
	}
	for k := range dst {
		dst[k] /= z
	}
	return dst
}

// Contribution is one feature's addition to the logit of class.
func (m *Linear) Contribution(index uint32, value float32, class int) float64 {
	if int(index) >= m.Dim || class < 0 || class >= m.Classes {
		return 0
	}
	return float64(m.W[int(index)*m.Classes+class]) * float64(value)
}

// lossAndGrad evaluates the training objective and its gradient at w (for
// tests: Fit computes the same through the same code path).
func lossAndGrad(x *Examples, dim, classes int, l2 float64, w []float64) (float64, []float64) {
	var f float64
	var g []float64
	_, _ = Fit(x, FitOptions{Classes: classes, Dim: dim, L2: l2, MaxIter: 1, evalHook: func(loss float64, grad []float64) {
		if f == 0 && g == nil {
			f, g = loss, append([]float64(nil), grad...)
		}
	}, start: w})
	return f, g
}
