package main

import (
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kljensen/snowball/english"

	"github.com/actorframe/actorframe/internal/framing"
	"github.com/actorframe/actorframe/models"
	"github.com/actorframe/actorframe/train/dataset"
	"github.com/actorframe/actorframe/train/evaluate"
)

// TestPersentViews measures the views of PerSenT's documents that the
// README lists under "Tried and not kept, for PerSenT", in the folds of
// train cv -actors and with the embedded model's mention heads (trained
// without PerSenT): the actor head's class weights and L2, a head on the
// document's words, and a head on the paragraph labels. It is a
// measurement, not a check, and takes about a minute:
//
//	AF_PERSENT_VIEWS=1 go test ./train -run PersentViews -v
func TestPersentViews(t *testing.T) {
	if os.Getenv("AF_PERSENT_VIEWS") == "" {
		t.Skip("a measurement: set AF_PERSENT_VIEWS=1 to run it")
	}
	const dir = "../../shared/data/persent/"
	if _, err := os.Stat(dir + "dev.csv"); err != nil {
		t.Skipf("PerSenT not found (%v): the test needs ../shared beside the repository", err)
	}
	f, err := models.Default()
	if err != nil {
		t.Fatal(err)
	}
	f.Heads = slices.DeleteFunc(slices.Clone(f.Heads), func(h models.Head) bool { return h.Name == framing.ActorHead })
	eng, err := framing.NewEngine(f)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := readActorFiles([]string{dir + "dev.jsonl"}, false, os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	passages, err := readPassages(dir+"dev.csv", false, os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	xs, err := actorExamples(eng, docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	o := defaultFitOptions()
	o.Progress = nil
	strata := make([]string, len(docs))
	for i, d := range docs {
		strata[i] = strconv.Itoa(d.Polarity)
	}
	v := persentViews{t: t, docs: docs, o: o, folds: evaluate.Folds(strata, nil, 5, o.Features.Seed)}

	// The actor head, each class weighted (N/3n)^a; agency as reports apply it.
	spec, _ := framing.Spec(framing.ActorHead)
	for _, a := range []float64{0, 0.5, 0.75, 1} {
		for _, l2 := range []float64{1e-3, 1e-2, 3e-2, 1e-1} {
			f1 := v.cv(func(train []bool) func(int) [3]float64 {
				x := &models.Examples{}
				var n [3]float64
				for i, e := range xs {
					if train[i] && e.found {
						n[e.label]++
					}
				}
				for i, e := range xs {
					if train[i] && e.found {
						x.Append(e.idx, e.val, e.label, float32(math.Pow((n[0]+n[1]+n[2])/(3*n[e.label]), a)))
					}
				}
				m := v.fit(x, spec.Dim(eng.Config()), l2)
				return func(i int) [3]float64 {
					if !xs[i].found {
						return [3]float64{0, 1, 0}
					}
					p := framing.Agency([3]float64(m.Probs(xs[i].idx, xs[i].val, nil)), &xs[i].cues, agencyWeight)
					return p
				}
			})
			t.Logf("actor head, class weights a=%g, L2 %g: %.4f", a, l2, f1)
		}
	}

	// A head on the document's words, alone and beside the summaries.
	nsum := uint32(len(spec.Summary))
	words := map[string]uint32{}
	bag := make([]sparse, len(docs))
	for i, d := range docs {
		bag[i] = bagOfWords(d.Text, words, nsum)
	}
	for _, withSummaries := range []bool{false, true} {
		for _, l2 := range []float64{1e-3, 3e-3, 1e-2, 3e-2} {
			for _, scale := range []float32{0.5, 1, 2} {
				input := func(i int) sparse {
					var in sparse
					if withSummaries && xs[i].found {
						in.idx, in.val = slices.Clone(xs[i].idx), slices.Clone(xs[i].val)
					}
					in.idx = append(in.idx, bag[i].idx...)
					for _, x := range bag[i].val {
						in.val = append(in.val, x*scale)
					}
					return in
				}
				f1 := v.cv(func(train []bool) func(int) [3]float64 {
					m := v.fit(v.balanced(train, func(i int) (sparse, int) { return input(i), docs[i].Polarity + 1 }), int(nsum)+len(words), l2)
					return func(i int) [3]float64 { in := input(i); return [3]float64(m.Probs(in.idx, in.val, nil)) }
				})
				t.Logf("document words (scale %g, L2 %g), with the summaries %v: %.4f", scale, l2, withSummaries, f1)
			}
		}
	}

	// A head on the paragraph labels; a document is the mean of its
	// paragraphs' log-probabilities, blended log-linearly with the actor
	// head (no agency).
	byID := map[string]*dataset.Passages{}
	for i := range passages {
		byID["persent-"+passages[i].ID] = &passages[i]
	}
	type paragraph struct {
		sparse
		label        int
		labelled     bool
		names, leads bool // it names the actor; it is one of the first two
	}
	paras := make([][]paragraph, len(docs))
	pwords := map[string]uint32{}
	for i, d := range docs {
		p := byID[d.ID]
		if p == nil {
			t.Fatalf("document %s has no paragraphs in dev.csv", d.ID)
		}
		name := strings.Fields(d.Actor)
		for k, pg := range p.Paragraphs {
			text := p.Text[pg.Start:pg.End]
			paras[i] = append(paras[i], paragraph{bagOfWords(text, pwords, 0), pg.Polarity + 1, pg.Labelled,
				strings.Contains(text, name[len(name)-1]), k < 2})
		}
	}
	selections := []struct {
		name string
		use  func(paragraph) bool
	}{
		{"all paragraphs", func(paragraph) bool { return true }},
		{"paragraphs naming the actor", func(p paragraph) bool { return p.names }},
		{"the first two paragraphs", func(p paragraph) bool { return p.leads }},
	}
	blends := []float64{0, 0.2, 0.4, 0.5, 0.6, 0.8, 1}
	for _, sel := range selections {
		for _, l2 := range []float64{3e-3, 1e-2, 3e-2} {
			var row []string
			for _, w := range blends {
				f1 := v.cv(func(train []bool) func(int) [3]float64 {
					var head []actorExample
					for i, e := range xs {
						if train[i] {
							head = append(head, e)
						}
					}
					am, err := trainActorHead(head, eng.Config(), o)
					if err != nil {
						t.Fatal(err)
					}
					x := &models.Examples{}
					var n [3]float64
					for i := range docs {
						for _, p := range paras[i] {
							if train[i] && p.labelled {
								n[p.label]++
							}
						}
					}
					for i := range docs {
						for _, p := range paras[i] {
							if train[i] && p.labelled {
								x.Append(p.idx, p.val, p.label, float32((n[0]+n[1]+n[2])/(3*n[p.label])))
							}
						}
					}
					pm := v.fit(x, len(pwords), l2)
					return func(i int) [3]float64 {
						var la, lp [3]float64
						if xs[i].found {
							for c, q := range am.Probs(xs[i].idx, xs[i].val, nil) {
								la[c] = math.Log(q)
							}
						}
						chosen := 0
						for _, p := range paras[i] {
							if sel.use(p) {
								chosen++
							}
						}
						for _, p := range paras[i] {
							if chosen > 0 && !sel.use(p) {
								continue
							}
							for c, q := range pm.Probs(p.idx, p.val, nil) {
								lp[c] += math.Log(q)
							}
						}
						if chosen == 0 {
							chosen = len(paras[i])
						}
						var l [3]float64
						for c := range l {
							l[c] = (1-w)*la[c] + w*lp[c]/float64(chosen)
						}
						return l
					}
				})
				row = append(row, fmt.Sprintf("w %g: %.4f", w, f1))
			}
			t.Logf("paragraph head, %s, L2 %g: %s", sel.name, l2, strings.Join(row, ", "))
		}
	}
}

// persentViews cross-validates views of PerSenT's documents in one set of
// folds.
type persentViews struct {
	t     *testing.T
	docs  []dataset.Actor
	o     fitOptions
	folds []int
}

// cv returns the macro-F1 of the held-out documents, each labelled with
// the most probable class of what the fold's fitted predictor says.
func (v *persentViews) cv(fit func(train []bool) func(int) [3]float64) float64 {
	conf := evaluate.NewConfusion(framing.LabelNames())
	for fold := range 5 {
		train := make([]bool, len(v.docs))
		for i := range train {
			train[i] = v.folds[i] != fold
		}
		predict := fit(train)
		for i, d := range v.docs {
			if !train[i] {
				p := predict(i)
				conf.Add(d.Polarity+1, int(framing.MostProbable(p[:])))
			}
		}
	}
	return conf.MacroF1()
}

// balanced is the training documents' examples, each class weighted
// inversely to its frequency.
func (v *persentViews) balanced(train []bool, example func(int) (sparse, int)) *models.Examples {
	var n [3]float64
	for i := range v.docs {
		if train[i] {
			_, y := example(i)
			n[y]++
		}
	}
	x := &models.Examples{}
	for i := range v.docs {
		if train[i] {
			in, y := example(i)
			x.Append(in.idx, in.val, y, float32((n[0]+n[1]+n[2])/(3*n[y])))
		}
	}
	return x
}

func (v *persentViews) fit(x *models.Examples, dim int, l2 float64) *models.Linear {
	m, err := fitHead(x, "view", dim, l2, v.o)
	if err != nil {
		v.t.Fatal(err)
	}
	return m
}

// sparse is one example's feature indices and values.
type sparse struct {
	idx []uint32
	val []float32
}

var wordPattern = regexp.MustCompile(`[A-Za-z][A-Za-z'-]*`)

// bagOfWords is the set of stemmed lower-case words of text, no
// capitalised word (names stay out), each 1/√n, at indices from offset
// on; words numbers new words as it meets them.
func bagOfWords(text string, words map[string]uint32, offset uint32) sparse {
	var idx []uint32
	for _, w := range wordPattern.FindAllString(text, -1) {
		if w[0] >= 'A' && w[0] <= 'Z' {
			continue
		}
		s := english.Stem(strings.ToLower(w), false)
		id, ok := words[s]
		if !ok {
			id = uint32(len(words))
			words[s] = id
		}
		idx = append(idx, id+offset)
	}
	slices.Sort(idx)
	idx = slices.Compact(idx)
	val := make([]float32, len(idx))
	for i := range val {
		val[i] = float32(1 / math.Sqrt(float64(len(idx))))
	}
	return sparse{idx, val}
}
