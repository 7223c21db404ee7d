package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/actorframe/actorframe/features"
	"github.com/actorframe/actorframe/models"
	"github.com/actorframe/actorframe/stance"
	"github.com/actorframe/actorframe/train/dataset"
)

// roleEvalLabels are the role classes scored: the three trained roles and
// neutral, which the library may answer but gold data rarely holds.
var roleEvalLabels = append(append([]string(nil), stance.RoleLabels...), stance.NeutralRole)

// result holds the metrics of one evaluation.
type result struct {
	Polarity *Confusion
	Role     *Confusion
	Missing  int // format A: documents where the actor was not found
}

func newResult() *result {
	return &result{Polarity: NewConfusion(stance.PolarityLabels), Role: NewConfusion(roleEvalLabels)}
}

func (r *result) merge(o *result) {
	r.Polarity.Merge(o.Polarity)
	r.Role.Merge(o.Role)
	r.Missing += o.Missing
}

// jsonResult is eval -json's output.
type jsonResult struct {
	N        int      `json:"n"`
	Polarity *Summary `json:"polarity,omitempty"`
	Role     *Summary `json:"role,omitempty"`
	Missing  *int     `json:"actor_not_found,omitempty"`
}

func (r *result) print(w io.Writer, asJSON bool, formatA bool) error {
	if asJSON {
		out := jsonResult{N: r.Polarity.N() + r.Role.N()}
		if r.Polarity.N() > 0 {
			s := r.Polarity.Summary()
			out.Polarity = &s
		}
		if r.Role.N() > 0 {
			s := r.Role.Summary()
			out.Role = &s
		}
		if formatA {
			out.Missing = &r.Missing
		}
		enc := json.NewEncoder(w)
		return enc.Encode(out)
	}
	if r.Polarity.N() > 0 {
		r.Polarity.Print(w, "polarity")
		printMajority(w, r.Polarity)
	}
	if r.Role.N() > 0 {
		r.Role.Print(w, "role")
		printMajority(w, r.Role)
	}
	if formatA {
		fmt.Fprintf(w, "actor not found in %d documents (counted as neutral)\n", r.Missing)
	}
	return nil
}

// printMajority prints the baseline that always answers the most frequent
// gold class.
func printMajority(w io.Writer, c *Confusion) {
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
	fmt.Fprintf(w, "  majority baseline (%s): macro-F1 %.4f   accuracy %.4f\n", c.Labels[best], base.MacroF1(), base.Accuracy())
}

func cmdEval(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	in := fs.String("in", "", "labelled file, format M or A")
	modelPath := fs.String("model", "", "model file (default: the embedded model)")
	asJSON := fs.Bool("json", false, `print one JSON object {"n", "polarity": {...}, "role": {...}}`)
	skipBad := fs.Bool("skip-bad", false, "skip malformed lines, listing each, instead of failing")
	authorOnly := fs.Bool("author-only", false, "count only the author's voice in actor scores")
	quiet := fs.Bool("q", false, "no progress on stderr")
	baseline := fs.Bool("baseline", false, "score with the lexicon baseline instead of a model (format M polarity)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *in == "" {
		fs.Usage()
		return errors.New("eval needs -in")
	}
	if *baseline {
		recs, skipped, err := dataset.ReadMentionsFile(*in, dataset.Options{SkipBad: *skipBad})
		reportSkipped(stderr, *in, skipped)
		if err != nil {
			return err
		}
		return lexiconBaseline(recs).print(stdout, *asJSON, false)
	}
	m, err := loadModel(*modelPath)
	if err != nil {
		return err
	}
	if *authorOnly {
		if m, err = m.WithOptions(stance.Options{AuthorOnly: true}); err != nil {
			return err
		}
	}
	var prog io.Writer
	if !*quiet {
		prog = stderr
	}
	format, err := dataset.DetectFile(*in)
	if err != nil {
		return err
	}
	opt := dataset.Options{SkipBad: *skipBad}
	var res *result
	switch format {
	case dataset.FormatM:
		recs, skipped, err := dataset.ReadMentionsFile(*in, opt)
		reportSkipped(stderr, *in, skipped)
		if err != nil {
			return err
		}
		res = evalMentions(m, recs, prog)
	case dataset.FormatA:
		recs, skipped, err := dataset.ReadActorsFile(*in, opt)
		reportSkipped(stderr, *in, skipped)
		if err != nil {
			return err
		}
		res, err = evalActors(m, recs, prog)
		if err != nil {
			return err
		}
	}
	return res.print(stdout, *asJSON, format == dataset.FormatA)
}

func reportSkipped(w io.Writer, path string, skipped []*dataset.LineError) {
	for _, s := range skipped {
		fmt.Fprintf(w, "skipped %v\n", s)
	}
	if len(skipped) > 0 {
		fmt.Fprintf(w, "%s: skipped %d bad lines\n", path, len(skipped))
	}
}

func loadModel(path string) (*stance.Model, error) {
	if path == "" {
		return stance.Default()
	}
	return stance.LoadFile(path)
}

// evalMentions scores every labelled target of format M records.
func evalMentions(m *stance.Model, recs []dataset.Mentions, prog io.Writer) *result {
	res := newResult()
	pipe := m.Pipeline()
	tick := newTicker(prog, "eval", len(recs))
	for i := range recs {
		r := &recs[i]
		t := pipe.Analyze(r.Text)
		t.AddOthers(targetSpans(r)...)
		for _, tg := range r.Targets {
			if tg.HasPolarity {
				f := m.FrameSpans(t, []features.Span{{Start: tg.Start, End: tg.End}}, "")
				res.Polarity.Add(tg.Polarity+1, labelIndex(stance.PolarityLabels, f.Label))
			}
			if k := labelIndex(roleEvalLabels, tg.Role); k >= 0 {
				f := m.FrameSpans(t, occurrences(r.Text, tg), "")
				res.Role.Add(k, labelIndex(roleEvalLabels, f.Role))
			}
		}
		pipe.Release(t)
		tick.step()
	}
	return res
}

// evalActors scores format A records: the library finds the actor itself.
func evalActors(m *stance.Model, recs []dataset.Actor, prog io.Writer) (*result, error) {
	res := newResult()
	tick := newTicker(prog, "eval", len(recs))
	for _, r := range recs {
		af, found, err := m.ScoreActor(r.Text, r.Actor)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", r.Line, err)
		}
		pred := labelIndex(stance.PolarityLabels, stance.Neutral)
		if found {
			pred = labelIndex(stance.PolarityLabels, af.Label)
		} else {
			res.Missing++
		}
		res.Polarity.Add(r.Polarity+1, pred)
		tick.step()
	}
	return res, nil
}

func labelIndex(labels []string, l string) int {
	for i, x := range labels {
		if x == l {
			return i
		}
	}
	return -1
}

// ticker prints progress on long runs, at most every two seconds.
type ticker struct {
	w     io.Writer
	name  string
	n, i  int
	last  time.Time
	start time.Time
}

func newTicker(w io.Writer, name string, n int) *ticker {
	now := time.Now()
	return &ticker{w: w, name: name, n: n, last: now, start: now}
}

func (t *ticker) step() {
	t.i++
	if t.w == nil {
		return
	}
	if now := time.Now(); now.Sub(t.last) > 2*time.Second || t.i == t.n && now.Sub(t.start) > 2*time.Second {
		t.last = now
		fmt.Fprintf(t.w, "%s: %d/%d\n", t.name, t.i, t.n)
	}
}

func cmdCV(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("cv", flag.ContinueOnError)
	fs.SetOutput(stderr)
	in := fs.String("in", "", "format M training file to cross-validate (polarity and/or role labels)")
	var polExtra listFlag
	fs.Var(&polExtra, "pol", "extra format M polarity data always trained on (e.g. for role cv)")
	k := fs.Int("k", 5, "folds")
	asJSON := fs.Bool("json", false, "print one JSON object")
	skipBad := fs.Bool("skip-bad", false, "skip malformed lines, listing each, instead of failing")
	quiet := fs.Bool("q", false, "no progress on stderr")
	o := defaultFitOptions()
	addFitFlags(fs, &o)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *in == "" {
		fs.Usage()
		return errors.New("cv needs -in")
	}
	if *k < 2 {
		return fmt.Errorf("cv: -k %d: need at least 2 folds", *k)
	}
	var prog io.Writer
	if !*quiet {
		prog = stderr
	}
	recs, err := readMentionFiles([]string{*in}, *skipBad, stderr)
	if err != nil {
		return err
	}
	extra, err := readMentionFiles(polExtra, *skipBad, stderr)
	if err != nil {
		return err
	}
	if len(recs) < *k {
		return fmt.Errorf("cv: %d records, fewer than %d folds", len(recs), *k)
	}
	folds := stratifiedFolds(recs, *k, o.Features.Seed)
	total := newResult()
	// A file without polarity labels (roles only) needs its polarity head
	// trained once, on the extra data, not once per fold.
	var shared *models.File
	if countPolarity(recs) == 0 {
		fo := o
		fo.Progress = nil
		if shared, err = fitPolarity(extra, fo); err != nil {
			return fmt.Errorf("cv: polarity head from -pol: %w", err)
		}
	}
	for f := 0; f < *k; f++ {
		var train, test []dataset.Mentions
		for i := range recs {
			if folds[i] == f {
				test = append(test, recs[i])
			} else {
				train = append(train, recs[i])
			}
		}
		fo := o
		fo.Progress = nil
		var file *models.File
		if shared != nil {
			file, err = fitRole(shared, train, fo)
		} else {
			file, err = fitModel(append(append([]dataset.Mentions(nil), train...), extra...), train, fo)
		}
		if err != nil {
			return fmt.Errorf("cv fold %d: %w", f+1, err)
		}
		m, err := stance.FromFile(file, stance.Options{})
		if err != nil {
			return err
		}
		r := evalMentions(m, test, nil)
		if prog != nil {
			line := fmt.Sprintf("fold %d/%d:", f+1, *k)
			if r.Polarity.N() > 0 {
				line += fmt.Sprintf("  polarity macro-F1 %.4f (n=%d)", r.Polarity.MacroF1(), r.Polarity.N())
			}
			if r.Role.N() > 0 {
				line += fmt.Sprintf("  role macro-F1 %.4f (n=%d)", r.Role.MacroF1(), r.Role.N())
			}
			fmt.Fprintln(prog, line)
		}
		total.merge(r)
	}
	return total.print(stdout, *asJSON, false)
}

// stratifiedFolds assigns each record to a fold so that every fold holds
// about the same share of each record's first label. The assignment
// depends only on the records and seed.
func stratifiedFolds(recs []dataset.Mentions, k int, seed uint64) []int {
	strata := map[string][]int{}
	var keys []string
	for i, r := range recs {
		key := ""
		if len(r.Targets) > 0 {
			t := r.Targets[0]
			key = fmt.Sprintf("%d/%s", t.Polarity, t.Role)
		}
		if _, ok := strata[key]; !ok {
			keys = append(keys, key)
		}
		strata[key] = append(strata[key], i)
	}
	sort.Strings(keys)
	rng := rand.New(rand.NewPCG(seed, 0x5f0d))
	folds := make([]int, len(recs))
	next := 0
	for _, key := range keys {
		idx := strata[key]
		rng.Shuffle(len(idx), func(a, b int) { idx[a], idx[b] = idx[b], idx[a] })
		for _, i := range idx {
			folds[i] = next % k
			next++
		}
	}
	return folds
}

func countPolarity(recs []dataset.Mentions) int {
	n := 0
	for _, r := range recs {
		for _, t := range r.Targets {
			if t.HasPolarity {
				n++
			}
		}
	}
	return n
}
