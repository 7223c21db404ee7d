//go:build !amd64 || purego

package framing

// splitDot is splitDotGo where there is no assembly version.
func splitDot(l *[3]float64, dense []float32, w []float64) { splitDotGo(l, dense, w) }
