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
