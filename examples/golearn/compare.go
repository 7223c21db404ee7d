package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"runtime/debug"
	"slices"
	"strings"
	"time"
)

// options are the knobs of a comparison run.
type options struct {
	k      int    // features kept
	method string // feature selection: chi2 or df
	minDF  int    // chi2: least training rows a feature must occur in

	knnK, knnTrain                           int
	treeTrain                                int
	forestTrees, forestFeatures, forestTrain int
	seed                                     uint64 // subsampling

	progress io.Writer // a line per finished row, or nil
	only     string    // run only the rows whose name contains this
}

// defaultOptions keep a run on all of NewsMTSC train under about five
// minutes on two cores. golearn's ID3 costs about rows × k² attribute
// name comparisons per tree node (see lookupCost) and KNN compares every
// test row with every training row, so the tree, the forest and KNN use
// stratified subsamples of the training rows.
func defaultOptions() options {
	return options{
		k: 1000, method: "chi2", minDF: 3,
		knnK: 10, knnTrain: 4000,
		treeTrain:   250,
		forestTrees: 10, forestFeatures: 0, forestTrain: 2000,
		seed: 1,
	}
}

// model is one trained-and-scored classifier.
type model interface {
	// fit trains on train and returns the bytes of the training matrix
	// it had to build.
	fit(train []sample) (int64, error)
	predict(test []sample) ([]int, error)
}

// contender is a row of the table.
type contender struct {
	name     string
	note     string
	maxTrain int  // train on a subsample of this many rows (0: all)
	full     bool // reads the full hashed space, not the selected columns
	shipped  bool // comes trained: no fit time
	// newModel returns the model for k selected columns, or why there
	// is none in this build.
	newModel func(k int) (model, error)
}

// testSet is a named evaluation set.
type testSet struct {
	name    string
	samples []sample
}

// result is a measured row.
type result struct {
	name, note  string
	unavailable string // why there are no figures
	shipped     bool
	trainRows   int
	fit, score  time.Duration // wall clock; score: all test sets together
	fitCPU      time.Duration // process CPU time, all threads
	scoreCPU    time.Duration
	cpuOK       bool
	matrix      int64     // bytes of the training matrix
	f1, acc     []float64 // per test set
}

// compare selects features on train, then trains and scores every
// contender on the same data.
func compare(train []sample, tests []testSet, dim int, o options, extra []contender) (*selection, []result, error) {
	sel, err := selectFeatures(train, o.k, o.method, o.minDF)
	if err != nil {
		return nil, nil, err
	}
	selTrain := sel.project(train)
	selTests := make([][]sample, len(tests))
	for i, t := range tests {
		selTests[i] = sel.project(t.samples)
	}
	var rows []result
	for _, c := range allContenders(o, dim, extra) {
		if !strings.Contains(c.name, o.only) {
			continue
		}
		tr, ts := selTrain, selTests
		if c.full {
			tr = train
			ts = make([][]sample, len(tests))
			for i, t := range tests {
				ts[i] = t.samples
			}
		}
		r := measure(c, sel.k(), tr, ts, o.seed)
		if o.progress != nil {
			fmt.Fprintf(o.progress, "%s: fit %v, score %v %s\n", r.name, r.fit.Round(time.Millisecond), r.score.Round(time.Millisecond), r.unavailable)
		}
		rows = append(rows, r)
	}
	return sel, rows, nil
}

// allContenders is every row, in table order: actorframe's heads first.
func allContenders(o options, dim int, extra []contender) []contender {
	cs := []contender{
		{
			name: "actorframe head, same k features",
			note: "models.Fit, L2 1e-5, L-BFGS",
			newModel: func(k int) (model, error) {
				return &headModel{dim: k}, nil
			},
		},
		{
			name: "actorframe head, all features",
			note: fmt.Sprintf("retrained here on the 2^%d hashed space", bits(dim)),
			full: true,
			newModel: func(int) (model, error) {
				return &headModel{dim: dim}, nil
			},
		},
		{
			name:    "actorframe shipped model",
			note:    "embedded default.afm, polarity head, argmax",
			full:    true,
			shipped: true,
			newModel: func(int) (model, error) {
				h, err := shippedHead()
				if err != nil {
					return nil, err
				}
				return &headModel{head: h}, nil
			},
		},
	}
	cs = append(cs, pureGoContenders(o)...)
	cs = append(cs, cgoContenders(o)...)
	return append(cs, extra...)
}

func bits(dim int) int {
	b := 0
	for 1<<b < dim {
		b++
	}
	return b
}

// measure trains and scores one contender. A panic inside a classifier
// becomes the row's unavailable reason, so one broken classifier does not
// hide the others' figures.
func measure(c contender, k int, train []sample, tests [][]sample, seed uint64) (r result) {
	r = result{name: c.name, note: c.note, shipped: c.shipped}
	defer func() {
		if p := recover(); p != nil {
			r.unavailable = fmt.Sprintf("panicked: %v", p)
			r.f1, r.acc = nil, nil
		}
	}()
	m, err := c.newModel(k)
	if err != nil {
		r.unavailable = err.Error()
		return r
	}
	if c.maxTrain > 0 && c.maxTrain < len(train) {
		train = subsample(train, c.maxTrain, seed)
		r.note += fmt.Sprintf("; stratified subsample of %d rows", len(train))
	}
	r.trainRows = len(train)
	debug.FreeOSMemory() // so one row's garbage is not collected in the next's timing
	cpu0, ok0 := processCPU()
	start := time.Now()
	if r.matrix, err = m.fit(train); err != nil {
		r.unavailable = "fit: " + err.Error()
		return r
	}
	r.fit = time.Since(start)
	cpu1, ok1 := processCPU()
	r.fitCPU = cpu1 - cpu0
	for _, t := range tests {
		start = time.Now()
		pred, err := m.predict(t)
		r.score += time.Since(start)
		if err != nil {
			r.unavailable = "predict: " + err.Error()
			return r
		}
		if len(pred) != len(t) {
			r.unavailable = fmt.Sprintf("predict: %d predictions for %d rows", len(pred), len(t))
			return r
		}
		cm := score(t, pred)
		r.f1 = append(r.f1, cm.macroF1())
		r.acc = append(r.acc, cm.accuracy())
	}
	cpu2, ok2 := processCPU()
	r.scoreCPU, r.cpuOK = cpu2-cpu1, ok0 && ok1 && ok2
	return r
}

// subsample draws about n rows (rounding per class) without
// replacement, stratified by class so that a small sample keeps the class
// balance, and keeps them in their original order.
func subsample(in []sample, n int, seed uint64) []sample {
	rng := rand.New(rand.NewPCG(seed, 0x601ea))
	byClass := make([][]int, len(classNames))
	for i, s := range in {
		byClass[s.label] = append(byClass[s.label], i)
	}
	var keep []int
	for _, idx := range byClass {
		rng.Shuffle(len(idx), func(a, b int) { idx[a], idx[b] = idx[b], idx[a] })
		take := int(math.Round(float64(len(idx)) * float64(n) / float64(len(in))))
		keep = append(keep, idx[:take]...)
	}
	slices.Sort(keep)
	out := make([]sample, len(keep))
	for i, j := range keep {
		out[i] = in[j]
	}
	return out
}

// headModel is actorframe's polarity head, trained here (dim > 0) or
// the shipped one (head set).
type headModel struct {
	dim  int
	head *linearHead
}

func (h *headModel) fit(train []sample) (int64, error) {
	bytes := csrBytes(train)
	if h.head != nil {
		return bytes, nil // shipped: nothing to train
	}
	hd, err := fitHead(train, h.dim)
	if err != nil {
		return 0, err
	}
	h.head = hd
	return bytes, nil
}

func (h *headModel) predict(test []sample) ([]int, error) {
	if h.head == nil {
		return nil, errors.New("not trained")
	}
	out := make([]int, len(test))
	var buf []float64
	for i, s := range test {
		out[i], buf = h.head.predict(s, buf)
	}
	return out, nil
}
