package models

import (
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/optimize"
)

// FitOptions control Fit. Classes and Dim are required; the zero value of
// every other field is a usable default.
type FitOptions struct {
	Classes int // number of classes, at least 2
	Dim     int // size of the feature space: every index is below it

	// L2 is the penalty L2/2·‖W‖² added to the mean (weighted)
	// cross-entropy; it does not apply to the biases. Because the data term
	// is a mean, the same L2 means the same strength whatever the number of
	// rows: 1e-4 is a light touch for a few thousand rows, 1e-2 a strong
	// one. 0 fits without a penalty (separable data then drifts towards
	// ever larger weights until MaxIter).
	L2 float64

	// MaxIter caps the L-BFGS iterations; 0 means iterate until converged.
	MaxIter int

	// Workers is how many goroutines compute the gradient; 0 means
	// GOMAXPROCS. The work is cut into fixed blocks whose sums never depend
	// on who computes them, so the model is bit-for-bit the same for every
	// value.
	Workers int

	// Progress, if set, is called once per iteration with the iteration
	// number and the loss there, starting with iteration 0 at the all-zero
	// start (loss log Classes).
	Progress func(iter int, loss float64)
}

// Fitting constants. They are part of what makes a fit reproducible, so
// they are fixed rather than tuned to the machine.
const (
	lbfgsStore     = 10   // L-BFGS history pairs: memory is 2·lbfgsStore parameter vectors
	gradTolerance  = 1e-7 // stop when no gradient component exceeds this
	lossTolerance  = 1e-9 // stop when the loss improves by less than this (relative) ...
	lossWindow     = 10   // ... over this many iterations
	rowsPerBlock   = 256  // rows per parallel block of the loss
	colsPerBlock   = 4096 // features per parallel block of the gradient
	maxFitClasses  = maxClasses
	maxFitFeatures = maxWeights
)

// Fit trains a Linear model on x by minimising
//
//	Σ_i w_i·(−log P(y_i | x_i)) / Σ_i w_i  +  L2/2·‖W‖²
//
// with gonum's L-BFGS from an all-zero start. Only the features that occur
// in x are optimised — the others keep a zero weight, which is their exact
// optimum — so the cost grows with the data, not with Dim.
//
// A fit is deterministic: the same x and options give the same weights,
// bit for bit, on every run and for every Workers value (on one GOARCH;
// floating-point library code may differ between architectures).
//
// Bad input — no rows, a label outside [0, Classes), an index outside
// [0, Dim), a non-finite value or weight, inconsistent slice lengths — is
// an error wrapping ErrExamples. Fit stops without error when it reaches
// MaxIter, when the loss or gradient stop changing, or when the line search
// can make no further progress in float64; the model is then the best point
// found.
func Fit(x *Examples, opt FitOptions) (*Linear, error) {
	switch {
	case opt.Classes < 2 || opt.Classes > maxFitClasses:
		return nil, fmt.Errorf("%w: %d classes, want 2 to %d", ErrExamples, opt.Classes, maxFitClasses)
	case opt.Dim < 1 || opt.Dim > maxFitFeatures/opt.Classes:
		return nil, fmt.Errorf("%w: dimension %d with %d classes, want 1 to %d weights in all", ErrExamples, opt.Dim, opt.Classes, maxFitFeatures)
	case !(opt.L2 >= 0) || math.IsInf(opt.L2, 0):
		return nil, fmt.Errorf("%w: L2 penalty %v", ErrExamples, opt.L2)
	case opt.MaxIter < 0:
		return nil, fmt.Errorf("%w: MaxIter %d", ErrExamples, opt.MaxIter)
	}
	if err := x.check(opt.Classes, opt.Dim); err != nil {
		return nil, err
	}
	obj := newObjective(x, opt)
	K, F := obj.classes, obj.feats
	nparam := F*K + K

	// gonum asks for the function and then the gradient at the same point;
	// one pass computes both, so the second request is served from here.
	cacheX := make([]float64, nparam)
	cacheG := make([]float64, nparam)
	var cacheF float64
	cached := false
	at := func(w []float64) {
		if cached && floats.Equal(w, cacheX) {
			return
		}
		cacheF = obj.eval(w, cacheG)
		copy(cacheX, w)
		cached = true
	}
	problem := optimize.Problem{
		Func: func(w []float64) float64 { at(w); return cacheF },
		Grad: func(g, w []float64) { at(w); copy(g, cacheG) },
	}
	settings := &optimize.Settings{
		GradientThreshold: gradTolerance,
		Converger:         &optimize.FunctionConverge{Relative: lossTolerance, Iterations: lossWindow},
	}
	if opt.MaxIter > 0 {
		// gonum counts the starting point as the first major iteration.
		settings.MajorIterations = opt.MaxIter + 1
	}
	if opt.Progress != nil {
		settings.Recorder = &progressRecorder{report: opt.Progress, last: -1}
	}
	res, err := optimize.Minimize(problem, make([]float64, nparam), settings, &optimize.LBFGS{Store: lbfgsStore})
	if res == nil || math.IsNaN(res.F) || math.IsInf(res.F, 0) {
		// Validated input keeps every loss finite, so this is a bug, not bad data.
		return nil, fmt.Errorf("models: optimisation failed: %v", err)
	}

	m := &Linear{Classes: K, Dim: opt.Dim, W: make([]float32, opt.Dim*K), B: make([]float32, K)}
	for c, f := range obj.features {
		for k := 0; k < K; k++ {
			m.W[int(f)*K+k] = float32(res.X[c*K+k])
		}
	}
	for k := 0; k < K; k++ {
		m.B[k] = float32(res.X[F*K+k])
	}
	return m, nil
}

// progressRecorder reports major iterations to a FitOptions.Progress.
// gonum does not record the iteration that ends a run, so that one is
// reported from the final PostIteration.
type progressRecorder struct {
	report func(iter int, loss float64)
	last   int
}

func (*progressRecorder) Init() error { return nil }

func (p *progressRecorder) Record(loc *optimize.Location, op optimize.Operation, stats *optimize.Stats) error {
	if op != optimize.MajorIteration && op != optimize.PostIteration {
		return nil
	}
	if iter := stats.MajorIterations - 1; op == optimize.MajorIteration || iter > p.last {
		p.report(iter, loc.F)
		p.last = iter
	}
	return nil
}

// objective is the training loss and its gradient over the features that
// occur in the data, renumbered 0..feats-1 in increasing index order. The
// parameter vector is feats·classes weights, w[c*classes+k] for compact
// feature c, followed by classes biases.
//
// The data is held twice: by rows, to compute each row's probabilities,
// and by columns, to sum each feature's gradient over its rows. Both passes
// are parallel over fixed blocks, and every sum is taken in one fixed order
// (rows ascending within a feature, blocks ascending), so the result does
// not depend on how blocks are spread over goroutines.
type objective struct {
	classes, feats, rows int
	l2                   float64
	workers              int

	features []uint32 // compact feature -> original index

	// by rows
	indptr  []int
	rowFeat []uint32 // compact feature of each nonzero
	values  []float32
	labels  []int
	share   []float64 // each row's weight over the total weight

	// by columns
	colptr []int    // feats+1
	colRow []uint32 // row of each nonzero, rows ascending within a column
	colVal []float32

	// scratch, allocated once
	resid      []float64 // rows·classes: share·(p − onehot(y)), the loss's derivative by the logits
	rowLoss    []float64 // rows: share·(−log p_y)
	blockNorm2 []float64 // per column block: Σ w² over its weights
}

func newObjective(x *Examples, opt FitOptions) *objective {
	n, K := x.Rows(), opt.Classes
	o := &objective{classes: K, rows: n, l2: opt.L2, workers: opt.Workers,
		indptr: x.Indptr, values: x.Values, labels: x.Labels}
	if o.workers <= 0 {
		o.workers = runtime.GOMAXPROCS(0)
	}

	// Renumber the features that occur, keeping their order.
	compact := make([]int32, opt.Dim)
	for _, f := range x.Indices {
		compact[f] = 1
	}
	for f, used := range compact {
		if used != 0 {
			compact[f] = int32(len(o.features))
			o.features = append(o.features, uint32(f))
		} else {
			compact[f] = -1
		}
	}
	F := len(o.features)
	o.feats = F
	o.rowFeat = make([]uint32, len(x.Indices))
	o.colptr = make([]int, F+1)
	for j, f := range x.Indices {
		c := uint32(compact[f])
		o.rowFeat[j] = c
		o.colptr[c+1]++
	}
	for c := 0; c < F; c++ {
		o.colptr[c+1] += o.colptr[c]
	}
	// Transpose by counting sort: scanning rows in order keeps each
	// column's rows ascending.
	o.colRow = make([]uint32, len(x.Indices))
	o.colVal = make([]float32, len(x.Indices))
	next := append([]int(nil), o.colptr[:F]...)
	for i := 0; i < n; i++ {
		for j := x.Indptr[i]; j < x.Indptr[i+1]; j++ {
			c := o.rowFeat[j]
			o.colRow[next[c]] = uint32(i)
			o.colVal[next[c]] = x.Values[j]
			next[c]++
		}
	}

	o.share = make([]float64, n)
	total := float64(n)
	if x.Weights != nil {
		total = 0
		for _, w := range x.Weights {
			total += float64(w)
		}
	}
	for i := range o.share {
		w := 1.0
		if x.Weights != nil {
			w = float64(x.Weights[i])
		}
		o.share[i] = w / total
	}
	o.resid = make([]float64, n*K)
	o.rowLoss = make([]float64, n)
	o.blockNorm2 = make([]float64, (F+colsPerBlock-1)/colsPerBlock)
	return o
}

// eval returns the loss at w and writes its gradient into grad.
func (o *objective) eval(w, grad []float64) float64 {
	K, F := o.classes, o.feats
	o.parallel((o.rows+rowsPerBlock-1)/rowsPerBlock, func(b int) {
		o.evalRows(w, b*rowsPerBlock, min(o.rows, (b+1)*rowsPerBlock))
	})
	o.parallel(len(o.blockNorm2), func(b int) {
		o.blockNorm2[b] = o.evalColumns(w, grad, b*colsPerBlock, min(F, (b+1)*colsPerBlock))
	})
	var loss float64
	for _, l := range o.rowLoss {
		loss += l
	}
	var norm2 float64
	for _, s := range o.blockNorm2 {
		norm2 += s
	}
	loss += 0.5 * o.l2 * norm2
	bias := grad[F*K : F*K+K]
	clear(bias)
	for i := 0; i < o.rows; i++ {
		for k, r := range o.resid[i*K : i*K+K] {
			bias[k] += r
		}
	}
	return loss
}

// evalRows computes the loss and the logit residuals of rows [lo, hi).
func (o *objective) evalRows(w []float64, lo, hi int) {
	K := o.classes
	bias := w[o.feats*K : o.feats*K+K]
	for i := lo; i < hi; i++ {
		z := o.resid[i*K : i*K+K]
		copy(z, bias)
		for j := o.indptr[i]; j < o.indptr[i+1]; j++ {
			c := int(o.rowFeat[j]) * K
			v := float64(o.values[j])
			for k, wk := range w[c : c+K] {
				z[k] += wk * v
			}
		}
		mx := z[0]
		for _, v := range z[1:] {
			mx = max(mx, v)
		}
		y := o.labels[i]
		zy := z[y] - mx
		var sum float64
		for k, v := range z {
			e := math.Exp(v - mx)
			z[k] = e
			sum += e
		}
		s := o.share[i]
		o.rowLoss[i] = s * (math.Log(sum) - zy)
		for k := range z {
			z[k] = s * z[k] / sum
		}
		z[y] -= s
	}
}

// evalColumns writes the gradient of the weights of compact features
// [lo, hi) and returns the sum of their squares.
func (o *objective) evalColumns(w, grad []float64, lo, hi int) float64 {
	K := o.classes
	var norm2 float64
	for c := lo; c < hi; c++ {
		g := grad[c*K : c*K+K]
		clear(g)
		for j := o.colptr[c]; j < o.colptr[c+1]; j++ {
			i := int(o.colRow[j]) * K
			v := float64(o.colVal[j])
			for k, r := range o.resid[i : i+K] {
				g[k] += r * v
			}
		}
		for k, wk := range w[c*K : c*K+K] {
			g[k] += o.l2 * wk
			norm2 += wk * wk
		}
	}
	return norm2
}

// parallel runs do(0..blocks-1) on up to o.workers goroutines.
func (o *objective) parallel(blocks int, do func(block int)) {
	workers := min(o.workers, blocks)
	if workers <= 1 {
		for b := 0; b < blocks; b++ {
			do(b)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				b := int(next.Add(1) - 1)
				if b >= blocks {
					return
				}
				do(b)
			}
		})
	}
	wg.Wait()
}
