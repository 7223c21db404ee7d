//go:build !purego

package wordvec

// addScaledSSE2 adds s·q[j] to dst[j] for the first n values, n a
// multiple of 4: SSE2, which every amd64 processor has, so there is
// nothing to detect. It multiplies and adds as addScaledGo does, with
// MULPS and ADDPS (never a fused multiply-add, which rounds once and
// would change the sums' last bits).
//
//go:noescape
func addScaledSSE2(dst *float32, q *int8, n int, s float32)

// addScaled is addScaledGo, the bulk of it four values at a time.
func addScaled(dst []float32, q []int8, s float32) {
	dst = dst[:len(q)]
	n := len(q) &^ 3
	if n > 0 {
		addScaledSSE2(&dst[0], &q[0], n, s)
	}
	for j := n; j < len(q); j++ {
		dst[j] += s * float32(q[j])
	}
}

// divSSE2 divides the first n values of v by w, n a multiple of 4, with
// the same correctly rounded division as Go's.
//
//go:noescape
func divSSE2(v *float32, n int, w float32)

// div is divGo, the bulk of it four values at a time.
func div(v []float32, w float32) {
	n := len(v) &^ 3
	if n > 0 {
		divSSE2(&v[0], n, w)
	}
	for j := n; j < len(v); j++ {
		v[j] /= w
	}
}
