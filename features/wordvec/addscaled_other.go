//go:build !amd64 || purego

package wordvec

// addScaled is addScaledGo where there is no assembly version.
func addScaled(dst []float32, q []int8, s float32) { addScaledGo(dst, q, s) }

// div is divGo where there is no assembly version.
func div(v []float32, w float32) { divGo(v, w) }
