package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/actorframe/actorframe/features"
	"github.com/actorframe/actorframe/features/actors"
	"github.com/actorframe/actorframe/internal/framing"
	"github.com/actorframe/actorframe/internal/progress"
	"github.com/actorframe/actorframe/models"
	"github.com/actorframe/actorframe/train/dataset"
	"github.com/actorframe/actorframe/train/evaluate"
)

// actorL2 is the actor head's L2 penalty: it has a few dozen dense inputs
// and a few hundred documents, so it is kept strongly regularised (grouped
// cross-validation on PerSenT: 1e-2 beat 1e-3 and 1e-4).
const actorL2 = 1e-2

// actorExample is one actor of one document as the actor head reads it.
type actorExample struct {
	idx    []uint32
	val    []float32
	label  int // polarity + 1
	found  bool
	weight float64          // of the example in training; 0 is 1
	cues   framing.CueTally // what Frame reads besides the head (Agency)
}

// w is the example's training weight.
func (e *actorExample) w() float64 {
	if e.weight == 0 {
		return 1
	}
	return e.weight
}

// actorExamples scores the labelled actor of every document with the
// polarity and role heads of eng and returns the actor head's inputs. The
// text is mended as scoring mends it, since no labelled span points into
// it. A document whose actor is not found yields found == false.
func actorExamples(eng *framing.Engine, docs []dataset.Actor, prog *progress.Progress) ([]actorExample, error) {
	da, err := newDocActors(eng)
	if err != nil {
		return nil, err
	}
	out := make([]actorExample, len(docs))
	bar := prog.Bar("actor examples", len(docs))
	for i, d := range docs {
		t, idx, err := da.score(d.Text, d.Actor)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", d.Line, err)
		}
		ex := actorExample{label: d.Polarity + 1, found: len(idx) > 0}
		if ex.found {
			ex.idx, ex.val, ex.cues = da.vector(idx)
		}
		out[i] = ex
		da.pipe.Release(t)
		bar.Add(1)
	}
	bar.Done()
	return out, nil
}

// docActors scores the mentions of a document's labelled actor, as the
// actor head's document and passage examples read them: the text mended
// as scoring mends it, the actor found by a finder that knows its name.
type docActors struct {
	eng  *framing.Engine
	pipe *framing.Pipeline
	cat  *actors.Catalogue
	spec framing.HeadSpec
	s    framing.Scores
}

func newDocActors(eng *framing.Engine) (*docActors, error) {
	pipe, err := newPipeline(eng.Config(), true)
	if err != nil {
		return nil, err
	}
	cat, err := actors.Default()
	if err != nil {
		return nil, err
	}
	spec, _ := framing.Spec(framing.ActorHead)
	return &docActors{eng: eng, pipe: pipe, cat: cat, spec: spec}, nil
}

// score analyses text and scores the mentions of actor into da.s, emptied
// first; it returns the analysis, to be released, and the mentions'
// indices in da.s, in text order.
func (da *docActors) score(text, actor string) (*framing.Analysis, []int, error) {
	finder, err := framing.FinderFor(da.pipe.Finder(), da.cat, actor)
	if err != nil {
		return nil, nil, err
	}
	t := da.pipe.AnalyzeWith(text, finder)
	da.s.Reset()
	var idx []int
	for _, m := range t.Mentions {
		if m.Actor == actor {
			idx = append(idx, da.s.Len())
			da.eng.AddMention(t, &da.s, features.Span{Start: m.Start, End: m.End}, m.Via)
		}
	}
	return t, idx, nil
}

// vector is the actor head's input for the scored mentions idx, and their
// cue counts.
func (da *docActors) vector(idx []int) ([]uint32, []float32, framing.CueTally) {
	st := da.eng.Stats(&da.s, idx)
	fi, fv := framing.AppendActorVector(nil, nil, da.spec, da.eng.Config(), nil, &st)
	return fi, fv, st.Cues
}

// mentionActorExamples makes actor examples of labelled targets: each
// target with a polarity, with its occurrences in the text, is an actor
// framed as the label says. Short conflict texts teach the head what
// doing harm or helping means for a whole actor, which document labels
// from US politics rarely show.
func mentionActorExamples(eng *framing.Engine, recs []dataset.Mentions, prog *progress.Progress) ([]actorExample, error) {
	if len(recs) == 0 {
		return nil, nil // optional input: no bar for nothing
	}
	cfg := eng.Config()
	pipe, err := newPipeline(cfg, false)
	if err != nil {
		return nil, err
	}
	spec, _ := framing.Spec(framing.ActorHead)
	var out []actorExample
	var s framing.Scores
	eachLabelledActor(pipe, recs, prog.Bar("actor mention examples", len(recs)), func(t *framing.Analysis, text string, tg *dataset.Target) {
		idx := scoreSpans(eng, t, &s, occurrences(text, *tg))
		st := eng.Stats(&s, idx)
		ex := actorExample{label: tg.Polarity + 1, found: true}
		ex.idx, ex.val = framing.AppendActorVector(nil, nil, spec, cfg, nil, &st)
		out = append(out, ex)
	})
	return out, nil
}

// defaultPassageWeight is the weight of a paragraph example against a
// document's in the actor head's training.
const defaultPassageWeight = 0.25

// checkPassageWeight says what is wrong with a -passage-weight, if anything.
func checkPassageWeight(w float64) error {
	if !(w > 0) || math.IsInf(w, 0) {
		return fmt.Errorf("-passage-weight %v: need a positive number", w)
	}
	return nil
}

// passageExample is an actor example of one labelled paragraph, with the
// document it comes from, so that cross-validation keeps a document's
// paragraphs out of the folds that test it.
type passageExample struct {
	doc string // the document's id as format A files write it
	actorExample
}

// passageExamples makes actor examples of PerSenT's labelled paragraphs:
// the mentions of the document's actor in one paragraph, read as the
// actor head reads a document's, labelled with the paragraph's label.
// They teach the head what a passage says of an actor from eight times
// as many labels as the documents give; each weighs w.
func passageExamples(eng *framing.Engine, docs []dataset.Passages, w float64, prog *progress.Progress) ([]passageExample, error) {
	if len(docs) == 0 {
		return nil, nil
	}
	da, err := newDocActors(eng)
	if err != nil {
		return nil, err
	}
	var out []passageExample
	bar := prog.Bar("passage examples", len(docs))
	for _, d := range docs {
		t, scored, err := da.score(d.Text, d.Actor)
		if err != nil {
			return nil, fmt.Errorf("record %d: %w", d.Line, err)
		}
		// Mending changes bytes, never line breaks: the paragraphs are
		// found again in the mended text, in the same order.
		paras := paragraphSpans(t.Doc.Text)
		var at []int // each scored mention's start, in the order of scored
		for _, m := range t.Mentions {
			if m.Actor == d.Actor {
				at = append(at, m.Start)
			}
		}
		for i, p := range d.Paragraphs {
			if !p.Labelled || len(paras) != len(d.Paragraphs) {
				continue
			}
			var idx []int
			for j, start := range at {
				if start >= paras[i][0] && start < paras[i][1] {
					idx = append(idx, scored[j])
				}
			}
			if len(idx) == 0 {
				continue
			}
			ex := passageExample{doc: "persent-" + d.ID, actorExample: actorExample{label: p.Polarity + 1, found: true, weight: w}}
			ex.idx, ex.val, ex.cues = da.vector(idx)
			out = append(out, ex)
		}
		da.pipe.Release(t)
		bar.Add(1)
	}
	bar.Done()
	return out, nil
}

// paragraphSpans are the non-empty lines of text as byte spans, as
// dataset.Passages cuts its paragraphs.
func paragraphSpans(text string) [][2]int {
	var out [][2]int
	pos := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		s, e := pos, pos+len(line)
		pos = e
		if strings.TrimSpace(line) == "" {
			continue
		}
		out = append(out, [2]int{s, s + len(strings.TrimRight(line, "\r\n"))})
	}
	return out
}

// fitActorHead trains the actor head on examples and adds it to f.
func fitActorHead(f *models.File, xs []actorExample, o fitOptions) error {
	cfg, err := features.ParseConfig(f.Config)
	if err != nil {
		return err
	}
	m, err := trainActorHead(xs, cfg, o)
	if err != nil {
		return err
	}
	spec, _ := framing.Spec(framing.ActorHead)
	f.Heads = append(f.Heads, models.Head{Name: spec.Name, Labels: spec.Labels, Model: m})
	f.Meta["actor"] = strconv.Itoa(countFound(xs)) + " documents"
	f.Meta["actor_l2"] = strconv.FormatFloat(actorL2, 'g', -1, 64)
	return nil
}

// trainActorHead fits the head on the examples whose actor was found,
// each class weighted inversely to its frequency: document labels are
// skewed (PerSenT: 58 negative of 578) and macro-F1 counts every class
// alike.
func trainActorHead(xs []actorExample, cfg features.Config, o fitOptions) (*models.Linear, error) {
	var n [3]float64
	total := 0.0
	for i := range xs {
		if e := &xs[i]; e.found {
			n[e.label] += e.w()
			total += e.w()
		}
	}
	if total == 0 {
		return nil, errors.New("no document mentions its actor")
	}
	x := &models.Examples{}
	for i := range xs {
		if e := &xs[i]; e.found {
			x.Append(e.idx, e.val, e.label, float32(e.w()*total/(3*n[e.label])))
		}
	}
	spec, _ := framing.Spec(framing.ActorHead)
	return fitHead(x, "actor", spec.Dim(cfg), actorL2, o)
}

func countFound(xs []actorExample) int {
	n := 0
	for _, e := range xs {
		if e.found {
			n++
		}
	}
	return n
}

// cvActors cross-validates the actor head on documents: the polarity and
// role heads of f are fixed (trained without these documents), and the
// head is fitted on k−1 folds and scored on the k-th, each document its
// own group. A document whose actor is not found counts as neutral.
func cvActors(f *models.File, docs []dataset.Actor, extra []dataset.Mentions, passages []dataset.Passages, passageWeight float64, k int, seed uint64, o fitOptions, prog *progress.Progress) (*evaluate.Confusion, []actorFrame, error) {
	eng, err := framing.NewEngine(f)
	if err != nil {
		return nil, nil, err
	}
	xs, err := actorExamples(eng, docs, prog)
	if err != nil {
		return nil, nil, err
	}
	more, err := mentionActorExamples(eng, extra, prog)
	if err != nil {
		return nil, nil, err
	}
	paras, err := passageExamples(eng, passages, passageWeight, prog)
	if err != nil {
		return nil, nil, err
	}
	strata := make([]string, len(docs))
	for i, d := range docs {
		strata[i] = strconv.Itoa(d.Polarity)
	}
	folds := evaluate.Folds(strata, nil, k, seed)
	foldOf := make(map[string]int, len(docs))
	for i, d := range docs {
		foldOf[d.ID] = folds[i]
	}
	conf := evaluate.NewConfusion(framing.LabelNames())
	var frames []actorFrame // held-out documents whose actor is found
	bar := prog.Bar("actor cv folds", k)
	// Each fold's fit is short and would add a bar per fold: only the
	// folds are shown.
	o.Progress = nil
	for fold := 0; fold < k; fold++ {
		train := append([]actorExample(nil), more...)
		for i, e := range xs {
			if folds[i] != fold {
				train = append(train, e)
			}
		}
		for _, p := range paras {
			// a tested document's paragraphs are held out with it
			if g, ok := foldOf[p.doc]; !ok || g != fold {
				train = append(train, p.actorExample)
			}
		}
		m, err := trainActorHead(train, eng.Config(), o)
		if err != nil {
			return nil, nil, fmt.Errorf("fold %d: %w", fold+1, err)
		}
		for i, e := range xs {
			if folds[i] != fold {
				continue
			}
			pred := int(framing.Neutral)
			if e.found {
				head := [3]float64(m.Probs(e.idx, e.val, nil))
				frames = append(frames, actorFrame{p: head, cues: e.cues, label: e.label})
				p := framing.Agency(head, &e.cues, agencyWeight)
				pred = int(framing.MostProbable(p[:]))
			}
			conf.Add(e.label, pred)
		}
		bar.Add(1)
	}
	bar.Done()
	return conf, frames, nil
}

// agencyWeights are the agency weights cv -agency-actors tries.
var agencyWeights = []float64{0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3}

// actorFrame is a labelled target framed as a whole actor: the actor
// head's probabilities before the agency shift, and its cue counts.
type actorFrame struct {
	p     [3]float64
	cues  framing.CueTally
	label int
}

// agencyWeight is how much what an actor does moves its article-level
// probabilities (framing.Calibration.AgencyWeight). It is chosen by
// grouped 5-fold cross-validation on our conflict training texts, each
// fold's heads refit, its actor head trained on PerSenT, held-out targets
// framed as whole actors (the README gives the command, train cv
// -agency-actors): fit cannot choose it on its own data, where the
// mention heads already know every label.
const agencyWeight = 0.5

// wholeFrames frames every target of recs that has a polarity label as a
// whole actor, with eng's actor head and eng's agency weight (none in
// cross-validation's folds), among the text's other actors.
func wholeFrames(eng *framing.Engine, recs []dataset.Mentions, prog *progress.Progress) ([]actorFrame, error) {
	pipe, err := newPipeline(eng.Config(), false)
	if err != nil {
		return nil, err
	}
	var out []actorFrame
	var s framing.Scores
	eachLabelledActor(pipe, recs, prog.Bar("agency", len(recs)), func(t *framing.Analysis, text string, tg *dataset.Target) {
		idx := scoreActor(eng, t, &s, occurrences(text, *tg))
		f := eng.Frame(&s, idx, "", true)
		out = append(out, actorFrame{p: f.Probs, cues: eng.Stats(&s, idx).Cues, label: tg.Polarity + 1})
	})
	return out, nil
}

// mentionFrames is wholeFrames for each labelled target's own mention:
// its polarity probabilities and cue counts.
func mentionFrames(eng *framing.Engine, recs []dataset.Mentions) ([]actorFrame, error) {
	pipe, err := newPipeline(eng.Config(), false)
	if err != nil {
		return nil, err
	}
	var out []actorFrame
	var s framing.Scores
	eachLabelledActor(pipe, recs, nil, func(t *framing.Analysis, _ string, tg *dataset.Target) {
		idx := scoreSpans(eng, t, &s, []features.Span{{Start: tg.Start, End: tg.End}})
		out = append(out, actorFrame{p: s.Probs(idx[0]), cues: eng.Stats(&s, idx).Cues, label: tg.Polarity + 1})
	})
	return out, nil
}

// eachLabelledActor calls fn with every target of recs that has a
// polarity label, its record analysed among its other targets: the
// walk of the actor-level uses of labelled targets, as
// eachPolarityTarget is the mention-level one.
func eachLabelledActor(pipe *framing.Pipeline, recs []dataset.Mentions, bar *progress.Bar, fn func(t *framing.Analysis, text string, tg *dataset.Target)) {
	for i := range recs {
		r := &recs[i]
		t := pipe.Analyze(r.Text)
		t.AddOthers(targetSpans(r)...)
		for j := range r.Targets {
			if tg := &r.Targets[j]; tg.HasPolarity {
				fn(t, r.Text, tg)
			}
		}
		pipe.Release(t)
		bar.Add(1)
	}
	bar.Done()
}

// printAgency prints the labels of frames, macro-F1 and accuracy, for
// each agency weight.
func printAgency(w io.Writer, title string, frames []actorFrame) {
	fmt.Fprintf(w, "%s by agency weight (n=%d), macro-F1 / accuracy\n", title, len(frames))
	for _, c := range agencyWeights {
		conf := evaluate.NewConfusion(framing.LabelNames())
		for i := range frames {
			fr := &frames[i]
			p := framing.Agency(fr.p, &fr.cues, c)
			conf.Add(fr.label, int(framing.MostProbable(p[:])))
		}
		fmt.Fprintf(w, "  agency weight %-5g %.4f  %.4f\n", c, conf.MacroF1(), conf.Accuracy())
	}
}

// fitAgency sets f's agency weight (see agencyWeight) and says so in
// f.Meta.
func fitAgency(f *models.File) error {
	cal, err := framing.ParseCalibration(f.Calibration)
	if err != nil {
		return err
	}
	cal.AgencyWeight = agencyWeight
	f.Calibration = cal.Marshal()
	f.Meta["agency"] = strconv.FormatFloat(agencyWeight, 'g', -1, 64)
	return nil
}
