package main

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// selection maps the hashed indices kept to columns 0..k-1.
type selection struct {
	cols   map[uint32]int32
	hashed []uint32 // hashed index of each column
	method string
}

// selectFeatures picks the k hashed features that best separate the
// classes of train. golearn only has dense instances, so the 2^20 hashed
// space has to be cut down before any of its classifiers can see it.
//
// method "chi2" scores a feature by the χ² statistic of its presence
// against each class (2×2 tables, summed over classes), among features
// present in at least minDF training rows: the rare ones have unstable
// χ² and a dense column that is nearly all zeros helps no classifier.
// Method "df" keeps the k most frequent features. Ties go to the lower
// hashed index, so the choice depends only on the data.
func selectFeatures(train []sample, k int, method string, minDF int) (*selection, error) {
	if k < 1 {
		return nil, fmt.Errorf("select: k = %d, want at least 1", k)
	}
	nc := len(classNames)
	df := map[uint32][]int{} // per feature: rows containing it, by class
	seen := map[uint32]bool{}
	classN := make([]int, nc)
	for _, s := range train {
		classN[s.label]++
		clear(seen)
		for _, f := range s.idx {
			if seen[f] {
				continue
			}
			seen[f] = true
			d := df[f]
			if d == nil {
				d = make([]int, nc)
				df[f] = d
			}
			d[s.label]++
		}
	}
	type scored struct {
		f     uint32
		score float64
	}
	n := float64(len(train))
	var all []scored
	for f, d := range df {
		tot := 0
		for _, v := range d {
			tot += v
		}
		var sc float64
		switch method {
		case "df":
			sc = float64(tot)
		case "chi2":
			if tot < minDF {
				continue
			}
			for c := range nc {
				a := float64(d[c])               // present, class c
				b := float64(tot) - a            // present, other class
				cc := float64(classN[c]) - a     // absent, class c
				dd := n - float64(classN[c]) - b // absent, other class
				den := (a + cc) * (b + dd) * (a + b) * (cc + dd)
				if den > 0 {
					sc += n * (a*dd - b*cc) * (a*dd - b*cc) / den
				}
			}
		default:
			return nil, fmt.Errorf("select: unknown method %q (chi2, df)", method)
		}
		all = append(all, scored{f, sc})
	}
	slices.SortFunc(all, func(x, y scored) int {
		if c := cmp.Compare(y.score, x.score); c != 0 {
			return c
		}
		return cmp.Compare(x.f, y.f)
	})
	if len(all) > k {
		all = all[:k]
	}
	sel := &selection{cols: make(map[uint32]int32, len(all)), method: method}
	for i, s := range all {
		sel.cols[s.f] = int32(i)
		sel.hashed = append(sel.hashed, s.f)
	}
	return sel, nil
}

// k is the number of columns kept.
func (sel *selection) k() int { return len(sel.hashed) }

// project keeps the selected features of each sample, renumbered as
// columns, with repeated indices summed and columns sorted.
func (sel *selection) project(in []sample) []sample {
	out := make([]sample, len(in))
	for i, s := range in {
		acc := map[uint32]float32{}
		for j, f := range s.idx {
			if c, ok := sel.cols[f]; ok {
				acc[uint32(c)] += s.val[j]
			}
		}
		p := sample{label: s.label, idx: make([]uint32, 0, len(acc)), val: make([]float32, 0, len(acc))}
		for c := range acc {
			p.idx = append(p.idx, c)
		}
		slices.Sort(p.idx)
		for _, c := range p.idx {
			p.val = append(p.val, acc[c])
		}
		out[i] = p
	}
	return out
}

// coverage is the share of samples with at least one selected feature.
func coverage(in []sample) float64 {
	if len(in) == 0 {
		return math.NaN()
	}
	n := 0
	for _, s := range in {
		if len(s.idx) > 0 {
			n++
		}
	}
	return float64(n) / float64(len(in))
}
