package models

import (
	"errors"
	"fmt"
	"math"
)

// Examples is a sparse design matrix in compressed-sparse-row form, one
// label per row: row i has the features Indices[Indptr[i]:Indptr[i+1]],
// with their Values at the same positions, and the class Labels[i].
// A feature index may repeat within a row; its values then add up.
//
// The zero value is an empty matrix ready for Append.
type Examples struct {
	Indptr  []int     // len Rows()+1, starting at 0, nondecreasing
	Indices []uint32  // feature indices in [0, Dim)
	Values  []float32 // finite, one per index
	Labels  []int     // class in [0, Classes)
	Weights []float32 // optional per-row weights, finite and >= 0; nil means all 1
}

// ErrExamples is wrapped by every error Fit returns for malformed training
// data or options.
var ErrExamples = errors.New("models: invalid training input")

// Rows is the number of examples.
func (x *Examples) Rows() int { return len(x.Labels) }

// Append adds one example with the given features, class and weight. A nil
// values means every value is 1. Weights is left nil for as long as every
// weight is 1.
func (x *Examples) Append(indices []uint32, values []float32, label int, weight float32) {
	if len(x.Indptr) == 0 {
		x.Indptr = append(x.Indptr, 0)
	}
	x.Indices = append(x.Indices, indices...)
	if values == nil {
		for range indices {
			x.Values = append(x.Values, 1)
		}
	} else {
		x.Values = append(x.Values, values...)
	}
	x.Indptr = append(x.Indptr, len(x.Indices))
	x.Labels = append(x.Labels, label)
	if weight != 1 && x.Weights == nil {
		x.Weights = make([]float32, len(x.Labels)-1, cap(x.Labels))
		for i := range x.Weights {
			x.Weights[i] = 1
		}
	}
	if x.Weights != nil {
		x.Weights = append(x.Weights, weight)
	}
}

// check reports the first way x is not a valid training set for classes
// classes over dim features.
func (x *Examples) check(classes, dim int) error {
	n := x.Rows()
	switch {
	case n == 0:
		return fmt.Errorf("%w: no examples", ErrExamples)
	case len(x.Indptr) != n+1:
		return fmt.Errorf("%w: %d labels need %d row pointers, have %d", ErrExamples, n, n+1, len(x.Indptr))
	case x.Indptr[0] != 0:
		return fmt.Errorf("%w: Indptr[0] is %d, not 0", ErrExamples, x.Indptr[0])
	case x.Indptr[n] != len(x.Indices):
		return fmt.Errorf("%w: Indptr ends at %d but there are %d indices", ErrExamples, x.Indptr[n], len(x.Indices))
	case len(x.Values) != len(x.Indices):
		return fmt.Errorf("%w: %d values for %d indices", ErrExamples, len(x.Values), len(x.Indices))
	case x.Weights != nil && len(x.Weights) != n:
		return fmt.Errorf("%w: %d weights for %d rows", ErrExamples, len(x.Weights), n)
	}
	for i := 0; i < n; i++ {
		if x.Indptr[i+1] < x.Indptr[i] {
			return fmt.Errorf("%w: row %d: Indptr decreases from %d to %d", ErrExamples, i, x.Indptr[i], x.Indptr[i+1])
		}
		if l := x.Labels[i]; l < 0 || l >= classes {
			return fmt.Errorf("%w: row %d: label %d outside [0, %d)", ErrExamples, i, l, classes)
		}
	}
	row := 0
	for j, f := range x.Indices {
		for x.Indptr[row+1] <= j {
			row++
		}
		if int(f) >= dim {
			return fmt.Errorf("%w: row %d: feature index %d outside [0, %d)", ErrExamples, row, f, dim)
		}
		if v := float64(x.Values[j]); math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: row %d: feature %d has value %v", ErrExamples, row, f, v)
		}
	}
	var total float64
	for i, w := range x.Weights {
		if !(w >= 0) || math.IsInf(float64(w), 0) {
			return fmt.Errorf("%w: row %d: weight %v is not a finite number >= 0", ErrExamples, i, w)
		}
		total += float64(w)
	}
	if x.Weights != nil && total == 0 {
		return fmt.Errorf("%w: every weight is 0", ErrExamples)
	}
	return nil
}
