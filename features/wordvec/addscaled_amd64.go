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

// addScaled2SSE2 is addScaledSSE2 into d1 with s1 and d2 with s2 at
// once, each byte widened once.
//
//go:noescape
func addScaled2SSE2(d1, d2 *float32, q *int8, n int, s1, s2 float32)

// addScaled2 is addScaled(d1, q, s1) then addScaled(d2, q, s2), d1 and d2
// not overlapping, with each byte of q read once.
func addScaled2(d1, d2 []float32, q []int8, s1, s2 float32) {
	d1, d2 = d1[:len(q)], d2[:len(q)]
	n := len(q) &^ 3
	if n > 0 {
		addScaled2SSE2(&d1[0], &d2[0], &q[0], n, s1, s2)
	}
	for j := n; j < len(q); j++ {
		d1[j] += s1 * float32(q[j])
		d2[j] += s2 * float32(q[j])
	}
}
