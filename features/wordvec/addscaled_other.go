//go:build !amd64 || purego

package wordvec

// addScaled is addScaledGo where there is no assembly version.
func addScaled(dst []float32, q []int8, s float32) { addScaledGo(dst, q, s) }

// div is divGo where there is no assembly version.
func div(v []float32, w float32) { divGo(v, w) }

// addScaled2 is addScaled into d1 with s1, then into d2 with s2.
func addScaled2(d1, d2 []float32, q []int8, s1, s2 float32) {
	addScaledGo(d1, q, s1)
	addScaledGo(d2, q, s2)
}
