//go:build !amd64 || purego

package wordvec

// addScaled is addScaledGo where there is no assembly version.
func addScaled(dst []float32, q []int8, s float32) { addScaledGo(dst, q, s) }
