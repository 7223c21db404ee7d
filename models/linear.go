package models

import "math"

// Linear is a multinomial logistic regression over a hashed feature space.
// W holds Dim rows of Classes weights, W[f*Classes+c], and B one bias per
// class. A Linear is read-only after Fit or Read returns it, so any number
// of goroutines may call its methods at once.
type Linear struct {
	Classes int
	Dim     int
	W       []float32 // Dim*Classes, W[f*Classes+c]
	B       []float32 // Classes
}

// Logits writes the class scores B[c] + Σ_j values[j]·W[indices[j]*Classes+c]
// of a sparse input into dst, reusing its memory when it has capacity for
// Classes values, and returns it.
//
// values[j] is the value of indices[j]; a nil values means every value is
// 1. Indices outside [0, Dim) and entries beyond the shorter of the two
// slices are ignored, so a malformed input scores as if they were absent.
func (m *Linear) Logits(indices []uint32, values []float32, dst []float64) []float64 {
	K := m.Classes
	if cap(dst) < K {
		dst = make([]float64, K)
	}
	dst = dst[:K]
	for k := range dst {
		dst[k] = float64(m.B[k])
	}
	n := len(indices)
	if values != nil {
		n = min(n, len(values))
	}
	for j := 0; j < n; j++ {
		f := int(indices[j])
		if f >= m.Dim {
			continue
		}
		v := 1.0
		if values != nil {
			v = float64(values[j])
		}
		row := m.W[f*K : f*K+K]
		for k, w := range row {
			dst[k] += float64(w) * v
		}
	}
	return dst
}

// Probs writes the class probabilities of a sparse input, the softmax of
// its Logits, into dst (reused as in Logits) and returns it. The largest
// logit is subtracted before exponentiating, so no input overflows.
func (m *Linear) Probs(indices []uint32, values []float32, dst []float64) []float64 {
	dst = m.Logits(indices, values, dst)
	softmax(dst)
	return dst
}

// softmax turns logits into probabilities in place.
func softmax(p []float64) {
	if len(p) == 0 {
		return
	}
	mx := p[0]
	for _, v := range p[1:] {
		mx = max(mx, v)
	}
	var z float64
	for k, v := range p {
		e := math.Exp(v - mx)
		p[k] = e
		z += e
	}
	for k := range p {
		p[k] /= z
	}
}

// Contribution is what one feature adds to the logit of class: the
// feature's weight for the class times its value. Summed over an input's
// features and added to B[class] it gives that class's logit, which is
// what explanations rank. It is 0 for an index or class outside the model.
func (m *Linear) Contribution(index uint32, value float32, class int) float64 {
	if int(index) >= m.Dim || class < 0 || class >= m.Classes {
		return 0
	}
	return float64(m.W[int(index)*m.Classes+class]) * float64(value)
}

// Nonzeros counts the features with a nonzero weight for some class: the
// rows a model file stores.
func (m *Linear) Nonzeros() int {
	n := 0
	for f := 0; f < m.Dim; f++ {
		if nonzeroRow(m.W[f*m.Classes : f*m.Classes+m.Classes]) {
			n++
		}
	}
	return n
}

// nonzeroRow reports whether any weight of a row has a bit set. Comparing
// bits rather than values keeps -0 and NaN, so a stored model reads back
// exactly as written.
func nonzeroRow(row []float32) bool {
	for _, w := range row {
		if math.Float32bits(w) != 0 {
			return true
		}
	}
	return false
}
