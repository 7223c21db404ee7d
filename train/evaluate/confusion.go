package evaluate

import (
	"fmt"
	"io"
	"strings"
)

// Confusion is a confusion matrix over named classes: M[gold][pred].
type Confusion struct {
	Labels []string
	M      [][]int
}

// NewConfusion returns an empty matrix over labels.
func NewConfusion(labels []string) *Confusion {
	c := &Confusion{Labels: labels, M: make([][]int, len(labels))}
	for i := range c.M {
		c.M[i] = make([]int, len(labels))
	}
	return c
}

// Add counts one prediction.
func (c *Confusion) Add(gold, pred int) { c.M[gold][pred]++ }

// Merge adds the counts of o, which must have the same labels.
func (c *Confusion) Merge(o *Confusion) {
	for i := range c.M {
		for j := range c.M[i] {
			c.M[i][j] += o.M[i][j]
		}
	}
}

// N is the number of predictions counted.
func (c *Confusion) N() int {
	n := 0
	for i := range c.M {
		for j := range c.M[i] {
			n += c.M[i][j]
		}
	}
	return n
}

// PRF returns precision, recall and F1 of class k (0 where undefined).
func (c *Confusion) PRF(k int) (p, r, f float64) {
	tp := c.M[k][k]
	var predicted, gold int
	for i := range c.M {
		predicted += c.M[i][k]
		gold += c.M[k][i]
	}
	if predicted > 0 {
		p = float64(tp) / float64(predicted)
	}
	if gold > 0 {
		r = float64(tp) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// MacroF1 averages F1 over the classes that occur in the gold labels.
// Predictions of a class the gold labels never use (a neutral role on NFC,
// whose entities all have a role) still count, as misses of the gold class.
func (c *Confusion) MacroF1() float64 {
	var sum float64
	n := 0
	for k := range c.Labels {
		gold := 0
		for i := range c.M {
			gold += c.M[k][i]
		}
		if gold == 0 {
			continue
		}
		_, _, f := c.PRF(k)
		sum += f
		n++
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// Accuracy is the share of correct predictions.
func (c *Confusion) Accuracy() float64 {
	n := c.N()
	if n == 0 {
		return 0
	}
	ok := 0
	for k := range c.M {
		ok += c.M[k][k]
	}
	return float64(ok) / float64(n)
}

// Summary is the JSON form of a task's metrics.
type Summary struct {
	MacroF1  float64 `json:"macro_f1"`
	Accuracy float64 `json:"accuracy"`
	N        int     `json:"n"`
}

// Summary returns the headline metrics.
func (c *Confusion) Summary() Summary {
	return Summary{MacroF1: round4(c.MacroF1()), Accuracy: round4(c.Accuracy()), N: c.N()}
}

func round4(x float64) float64 { return float64(int64(x*10000+0.5)) / 10000 }

// Print writes per-class precision, recall and F1, the headline metrics and
// the matrix.
func (c *Confusion) Print(w io.Writer, title string) {
	fmt.Fprintf(w, "%s (n=%d)\n", title, c.N())
	fmt.Fprintf(w, "  %-12s %9s %9s %9s %7s\n", "class", "precision", "recall", "f1", "gold")
	for k, l := range c.Labels {
		p, r, f := c.PRF(k)
		gold := 0
		for _, v := range c.M[k] {
			gold += v
		}
		fmt.Fprintf(w, "  %-12s %9.3f %9.3f %9.3f %7d\n", l, p, r, f, gold)
	}
	fmt.Fprintf(w, "  macro-F1 %.4f   accuracy %.4f\n", c.MacroF1(), c.Accuracy())
	fmt.Fprintf(w, "  confusion (rows gold, columns predicted):\n  %-12s", "")
	for _, l := range c.Labels {
		fmt.Fprintf(w, " %11s", truncate(l, 11))
	}
	fmt.Fprintln(w)
	for k, l := range c.Labels {
		fmt.Fprintf(w, "  %-12s", truncate(l, 12))
		for _, v := range c.M[k] {
			fmt.Fprintf(w, " %11d", v)
		}
		fmt.Fprintln(w)
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.TrimSpace(s[:n])
}
