//go:build !purego

package framing

// splitDotSSE2 is splitDotGo over n values: the first two classes in one
// register, the third in another, each sum in the same order with the
// same float64 multiply and add (SSE2, which every amd64 processor has).
//
//go:noescape
func splitDotSSE2(l *[3]float64, dense *float32, w *float64, n int)

// splitDot is splitDotGo in assembly.
func splitDot(l *[3]float64, dense []float32, w []float64) {
	w = w[:6*len(dense)]
	if len(dense) > 0 {
		splitDotSSE2(l, &dense[0], &w[0], len(dense))
	}
}
