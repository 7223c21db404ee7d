package main

// confusion counts predictions: m[gold][pred].
type confusion [][]int

func newConfusion(classes int) confusion {
	c := make(confusion, classes)
	for i := range c {
		c[i] = make([]int, classes)
	}
	return c
}

// score builds the confusion matrix of pred against the gold labels of
// test.
func score(test []sample, pred []int) confusion {
	c := newConfusion(len(classNames))
	for i, s := range test {
		c[s.label][pred[i]]++
	}
	return c
}

// macroF1 averages F1 over the classes present in the gold labels, as
// actorframe's `train eval` does, so the figures here and in the
// README's accuracy table mean the same thing.
func (c confusion) macroF1() float64 {
	var sum float64
	n := 0
	for k := range c {
		tp, gold, predicted := c[k][k], 0, 0
		for i := range c {
			gold += c[k][i]
			predicted += c[i][k]
		}
		if gold == 0 {
			continue
		}
		n++
		if tp == 0 {
			continue
		}
		p := float64(tp) / float64(predicted)
		r := float64(tp) / float64(gold)
		sum += 2 * p * r / (p + r)
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// accuracy is the share of correct predictions.
func (c confusion) accuracy() float64 {
	ok, n := 0, 0
	for k := range c {
		for j, v := range c[k] {
			n += v
			if j == k {
				ok += v
			}
		}
	}
	if n == 0 {
		return 0
	}
	return float64(ok) / float64(n)
}
