package evaluate

import (
	"math/rand/v2"
	"sort"
	"strconv"
)

// Folds assigns n items to k folds so that every fold holds about the same
// share of each stratum, and items of one group always share a fold:
// strata[i] and groups[i] are item i's stratum and group (a nil groups
// puts every item in a group of its own). A group's stratum is that of its
// first item. The assignment depends only on the inputs and seed.
func Folds(strata, groups []string, k int, seed uint64) []int {
	n := len(strata)
	type group struct {
		stratum string
		items   []int
	}
	var order []string
	byName := map[string]*group{}
	for i := 0; i < n; i++ {
		name := ""
		if groups != nil {
			name = groups[i]
		} else {
			name = "\x00" + strconv.Itoa(i) // unique, never a caller's name
		}
		g, ok := byName[name]
		if !ok {
			g = &group{stratum: strata[i]}
			byName[name] = g
			order = append(order, name)
		}
		g.items = append(g.items, i)
	}
	byStratum := map[string][]*group{}
	var keys []string
	for _, name := range order {
		g := byName[name]
		if _, ok := byStratum[g.stratum]; !ok {
			keys = append(keys, g.stratum)
		}
		byStratum[g.stratum] = append(byStratum[g.stratum], g)
	}
	sort.Strings(keys)
	rng := rand.New(rand.NewPCG(seed, 0x5f0d))
	folds := make([]int, n)
	next := 0
	for _, key := range keys {
		gs := byStratum[key]
		rng.Shuffle(len(gs), func(a, b int) { gs[a], gs[b] = gs[b], gs[a] })
		for _, g := range gs {
			for _, i := range g.items {
				folds[i] = next % k
			}
			next++
		}
	}
	return folds
}

// Majority returns the confusion matrix of always answering the most
// frequent gold class of c, and that class.
func Majority(c *Confusion) (*Confusion, int) {
	best, bestN := 0, -1
	for k := range c.Labels {
		n := 0
		for _, v := range c.M[k] {
			n += v
		}
		if n > bestN {
			best, bestN = k, n
		}
	}
	base := NewConfusion(c.Labels)
	for k := range c.Labels {
		for _, v := range c.M[k] {
			base.M[k][best] += v
		}
	}
	return base, best
}
