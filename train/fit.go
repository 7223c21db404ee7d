package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/actorframe/actorframe/features"
	"github.com/actorframe/actorframe/features/actors"
	"github.com/actorframe/actorframe/internal/framing"
	"github.com/actorframe/actorframe/internal/progress"
	"github.com/actorframe/actorframe/models"
	"github.com/actorframe/actorframe/train/dataset"
)

// fitOptions are the knobs of a training run.
type fitOptions struct {
	Features features.Config
	L2       float64 // polarity head
	RoleL2   float64 // role head
	Iters    int
	Workers  int
	Further  bool               // further_mentions of a target are extra examples
	Vec      vecOptions         // the word-vector view
	Progress *progress.Progress // nil: no progress (cross-validation folds)
}

func defaultFitOptions() fitOptions {
	return fitOptions{
		Features: features.DefaultConfig(),
		L2:       1e-5,
		// chosen by grouped 5-fold cv on NFC roles (README, "Roles"):
		// 1e-2, 3e-3, 1e-3, 3e-4, 1e-4, 3e-5, 1e-5, 3e-6 gave macro-F1
		// 0.416, 0.434, 0.446, 0.473, 0.482, 0.500, 0.505, 0.506; our
		// conflict training texts' cv rose too, 0.768 to 0.780
		RoleL2:  1e-5,
		Iters:   300,
		Workers: runtime.GOMAXPROCS(0),
		Vec:     defaultVecOptions(),
	}
}

// addFitFlags registers the flags shared by fit and cv.
func addFitFlags(fs *flag.FlagSet, o *fitOptions) {
	fs.Float64Var(&o.L2, "l2", o.L2, "L2 penalty of the polarity head")
	fs.Float64Var(&o.RoleL2, "role-l2", o.RoleL2, "L2 penalty of the role head")
	fs.IntVar(&o.Iters, "iters", o.Iters, "L-BFGS iterations at most")
	fs.IntVar(&o.Workers, "workers", o.Workers, "goroutines for the gradient (results do not depend on it)")
	fs.IntVar(&o.Features.HashBits, "bits", o.Features.HashBits, "feature space is 2^bits")
	fs.Uint64Var(&o.Features.Seed, "seed", o.Features.Seed, "hash seed (and fold seed for cv)")
	fs.BoolVar(&o.Further, "further", o.Further, "use a target's further_mentions as extra examples")
	fs.Func("features", featuresUsage(), func(v string) error { return o.Features.Apply(v) })
	addVecFlags(fs, &o.Vec)
}

func featuresUsage() string {
	var b strings.Builder
	b.WriteString("comma-separated feature switches, e.g. -features=-clause,+target,window=6:")
	for _, f := range features.Families() {
		b.WriteString("\n  " + f[0] + ": " + f[1])
	}
	return b.String()
}

func cmdFit(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("fit", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var in, roles listFlag
	fs.Var(&in, "in", "format M file with polarity labels (repeatable)")
	fs.Var(&roles, "roles", "format M file with role labels (repeatable)")
	var actorFiles listFlag
	fs.Var(&actorFiles, "actors", "format A file of document-level labels to train the actor head on (repeatable; optional)")
	var actorMentions listFlag
	fs.Var(&actorMentions, "actor-mentions", "format M file whose labelled targets are extra actor-head examples (repeatable)")
	passagesIn := fs.String("passages", "", "PerSenT CSV whose labelled paragraphs are extra actor-head examples (with -actors)")
	passageW := fs.Float64("passage-weight", defaultPassageWeight, "with -passages: the weight of a paragraph example against a document's")
	out := fs.String("out", "", "model file to write")
	skipBad := fs.Bool("skip-bad", false, "skip malformed lines, listing each, instead of failing")
	quiet := addQuietFlags(fs)
	o := defaultFitOptions()
	addFitFlags(fs, &o)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if len(in) == 0 || *out == "" {
		fs.Usage()
		return errors.New("fit needs -in and -out")
	}
	if *passagesIn != "" && len(actorFiles) == 0 {
		return errors.New("fit: -passages adds actor-head examples: it needs -actors")
	}
	if err := checkPassageWeight(*passageW); err != nil {
		return fmt.Errorf("fit: %w", err)
	}
	// Before training, which takes a while, not after.
	if err := checkOut(*out); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("fit: unexpected arguments %q", fs.Args())
	}
	prog := progress.New(stderr, *quiet)
	defer prog.Close()
	o.Progress = prog
	// Reading a large file takes seconds with nothing else to show.
	prog.Printf("reading data...")
	log := prog.Writer()
	pol, err := readMentionFiles(in, *skipBad, log)
	if err != nil {
		return err
	}
	rol, err := readMentionFiles(roles, *skipBad, log)
	if err != nil {
		return err
	}
	docs, err := readActorFiles(actorFiles, *skipBad, log)
	if err != nil {
		return err
	}
	am, err := readMentionFiles(actorMentions, *skipBad, log)
	if err != nil {
		return err
	}
	prog.Printf("read %d polarity, %d role, %d actor-mention records and %d actor documents", len(pol), len(rol), len(am), len(docs))
	if err := loadVectors(&o.Vec, pol); err != nil {
		return err
	}
	start := time.Now()
	f, err := fitModel(pol, rol, o)
	if err != nil {
		return err
	}
	if len(docs) > 0 {
		eng, err := framing.NewEngine(f)
		if err != nil {
			return err
		}
		xs, err := actorExamples(eng, docs, o.Progress)
		if err != nil {
			return err
		}
		more, err := mentionActorExamples(eng, am, o.Progress)
		if err != nil {
			return err
		}
		xs = append(xs, more...)
		if *passagesIn != "" {
			ps, err := readPassages(*passagesIn, *skipBad, log)
			if err != nil {
				return err
			}
			paras, err := passageExamples(eng, ps, *passageW, o.Progress)
			if err != nil {
				return err
			}
			for _, p := range paras {
				xs = append(xs, p.actorExample)
			}
		}
		if err := fitActorHead(f, xs, o); err != nil {
			return fmt.Errorf("fit actor head: %w", err)
		}
		if err := fitAgency(f); err != nil {
			return fmt.Errorf("fit agency weight: %w", err)
		}
	}
	if err := writeModel(*out, f); err != nil {
		return err
	}
	// Live bars are drawn a last time before the result goes to stdout,
	// often the same terminal.
	prog.Close()
	fmt.Fprintf(stdout, "wrote %s (%s) in %.1fs\n", *out, describe(f), time.Since(start).Seconds())
	return nil
}

func describe(f *models.File) string {
	var parts []string
	for _, h := range f.Heads {
		nz := 0
		for _, w := range h.Model.W {
			if w != 0 {
				nz++
			}
		}
		parts = append(parts, fmt.Sprintf("%s: %d classes, %d nonzero weights", h.Name, h.Model.Classes, nz))
	}
	return strings.Join(parts, "; ")
}

// writeModel writes f to path through a temporary file in path's
// directory, renamed into place once complete: a failed write leaves
// neither a truncated model nor the temporary file behind.
func writeModel(path string, f *models.File) (err error) {
	w, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := w.Name()
	defer func() {
		if err != nil {
			w.Close() // may be closed already; the first error is the one to report
			os.Remove(tmp)
			err = fmt.Errorf("write %s: %w", path, err)
		}
	}()
	// CreateTemp makes the file 0600; a model is for others to read too,
	// as os.Create would have allowed.
	if err := w.Chmod(0o644); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	if _, err := f.WriteTo(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// readActorFiles reads format A files, reporting skipped lines.
func readActorFiles(paths []string, skipBad bool, stderr io.Writer) ([]dataset.Actor, error) {
	var all []dataset.Actor
	for _, p := range paths {
		recs, skipped, err := dataset.ReadActorsFile(p, dataset.Options{SkipBad: skipBad})
		reportSkipped(stderr, p, skipped)
		if err != nil {
			return nil, err
		}
		all = append(all, recs...)
	}
	return all, nil
}

// readPassages reads a PerSenT CSV, reporting skipped records.
func readPassages(path string, skipBad bool, stderr io.Writer) ([]dataset.Passages, error) {
	recs, skipped, err := dataset.ReadPassagesFile(path, dataset.Options{SkipBad: skipBad})
	reportSkipped(stderr, path, skipped)
	return recs, err
}

// readMentionFiles reads format M files, reporting skipped lines.
func readMentionFiles(paths []string, skipBad bool, stderr io.Writer) ([]dataset.Mentions, error) {
	var all []dataset.Mentions
	for _, p := range paths {
		recs, skipped, err := dataset.ReadMentionsFile(p, dataset.Options{SkipBad: skipBad})
		reportSkipped(stderr, p, skipped)
		if err != nil {
			return nil, err
		}
		all = append(all, recs...)
	}
	return all, nil
}

// newPipeline is the pipeline training uses: the same actor finding as
// scoring with default options, so ⟨O⟩ marks the same actors.
func newPipeline(cfg features.Config, repair bool) (*framing.Pipeline, error) {
	cat, err := actors.Default()
	if err != nil {
		return nil, err
	}
	finder := actors.NewFinder(cat, actors.Options{Discover: true, Pronouns: true})
	// Labelled spans point into the raw text, so a pipeline for them does
	// not mend it.
	return framing.NewPipeline(cfg, finder, repair)
}

// fitModel trains the polarity head on pol and, when rol is not empty, the
// role head on rol.
func fitModel(pol, rol []dataset.Mentions, o fitOptions) (*models.File, error) {
	f, err := fitPolarity(pol, o)
	if err != nil {
		return nil, err
	}
	return fitRole(f, rol, o)
}

// fitPolarity trains a model file holding only the polarity head.
func fitPolarity(pol []dataset.Mentions, o fitOptions) (*models.File, error) {
	cfg := o.Features
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	pipe, err := newPipeline(cfg, false)
	if err != nil {
		return nil, err
	}
	x := polarityExamples(pipe, pol, o.Further, o.Progress)
	if x.Rows() == 0 {
		return nil, errors.New("fit: no targets with a polarity label")
	}
	o.Progress.Printf("polarity: %d examples, %d nonzeros", x.Rows(), len(x.Indices))
	polHead, err := fitHead(x, "polarity", cfg.Dim(), o.L2, o)
	if err != nil {
		return nil, fmt.Errorf("fit polarity: %w", err)
	}
	f := &models.File{
		Config: cfg.Marshal(),
		Meta: map[string]string{
			"l2":        strconv.FormatFloat(o.L2, 'g', -1, 64),
			"iters":     strconv.Itoa(o.Iters),
			"polarity":  strconv.Itoa(x.Rows()) + " examples",
			"further":   strconv.FormatBool(o.Further),
			"trainer":   "actorframe train fit",
			"algorithm": "multinomial logistic regression, L2, L-BFGS",
		},
		Heads: []models.Head{{Name: framing.PolarityHead, Labels: framing.LabelNames(), Model: polHead}},
	}
	if err := addVectorHead(f, pipe, pol, o); err != nil {
		return nil, err
	}
	return f, nil
}

// fitRole returns a copy of f with a role head trained on rol (f itself when
// rol holds no role labels). The role head reads the polarity head's output.
func fitRole(f *models.File, rol []dataset.Mentions, o fitOptions) (*models.File, error) {
	if countRoles(rol) == 0 {
		return f, nil
	}
	// The mention heads (polarity, and vectors when there are) are what
	// the role head reads.
	base := &models.File{Config: f.Config, Calibration: f.Calibration, Vectors: f.Vectors, Meta: map[string]string{}, Heads: mentionHeads(f.Heads)}
	for k, v := range f.Meta {
		base.Meta[k] = v
	}
	eng, err := framing.NewEngine(base)
	if err != nil {
		return nil, err
	}
	cfg := eng.Config()
	spec, _ := framing.Spec(framing.RoleHead)
	pipe, err := newPipeline(cfg, false)
	if err != nil {
		return nil, err
	}
	rx := roleExamples(eng, pipe, spec, rol, o.Progress)
	o.Progress.Printf("role: %d examples, %d nonzeros", rx.Rows(), len(rx.Indices))
	roleHead, err := fitHead(rx, "role", cfg.Dim(), o.RoleL2, o)
	if err != nil {
		return nil, fmt.Errorf("fit role: %w", err)
	}
	base.Meta["role"] = strconv.Itoa(rx.Rows()) + " examples"
	base.Meta["role_l2"] = strconv.FormatFloat(o.RoleL2, 'g', -1, 64)
	base.Heads = append(append([]models.Head(nil), base.Heads...), models.Head{Name: spec.Name, Labels: spec.Labels, Model: roleHead})
	if len(base.Vectors) > 0 {
		if err := addRoleVectorHead(base, eng, pipe, rol, o); err != nil {
			return nil, err
		}
	}
	return base, nil
}

// mentionHeads are the heads of hs that score single mentions.
func mentionHeads(hs []models.Head) []models.Head {
	var out []models.Head
	for _, h := range hs {
		if h.Name == framing.PolarityHead || h.Name == framing.VectorHead {
			out = append(out, h)
		}
	}
	return out
}

// fitHead fits a three-class head on x with L-BFGS, showing its
// iterations and loss as the bar "NAME fit".
func fitHead(x *models.Examples, name string, dim int, l2 float64, o fitOptions) (*models.Linear, error) {
	bar := o.Progress.Bar(name+" fit", o.Iters)
	var report func(int, float64)
	if bar != nil { // else no recorder: a quiet fit does no work for progress
		report = func(iter int, loss float64) { bar.Set(iter, fmt.Sprintf("loss %.5f", loss)) }
	}
	m, err := models.Fit(x, models.FitOptions{
		Classes: 3, Dim: dim, L2: l2, MaxIter: o.Iters, Workers: o.Workers, Progress: report,
	})
	if err != nil {
		return nil, err
	}
	bar.Done()
	return m, nil
}

func countRoles(recs []dataset.Mentions) int {
	n := 0
	for _, r := range recs {
		for _, t := range r.Targets {
			if roleIndex(t.Role) >= 0 {
				n++
			}
		}
	}
	return n
}

// targetSpans returns the spans of all targets of r.
func targetSpans(r *dataset.Mentions) []features.Span {
	spans := make([]features.Span, 0, len(r.Targets))
	for _, t := range r.Targets {
		spans = append(spans, features.Span{Start: t.Start, End: t.End})
	}
	return spans
}

// eachPolarityTarget calls fn with the span of every target of recs that
// has a polarity label (its label, 0–2) and weight 1, analysed among its
// record's other targets; with further, also with each of its further
// mentions at weight 0.5. It stops at fn's first error. The linear head's
// examples, the vector head's and eval's views all walk targets so.
func eachPolarityTarget(pipe *framing.Pipeline, recs []dataset.Mentions, further bool, bar *progress.Bar,
	fn func(t *framing.Analysis, sp features.Span, label int, w float32) error) error {
	for i := range recs {
		r := &recs[i]
		t := pipe.Analyze(r.Text)
		t.AddOthers(targetSpans(r)...)
		err := func() error {
			for _, tg := range r.Targets {
				if !tg.HasPolarity {
					continue
				}
				if err := fn(t, features.Span{Start: tg.Start, End: tg.End}, tg.Polarity+1, 1); err != nil {
					return err
				}
				if !further {
					continue
				}
				for _, fm := range tg.Further {
					if err := fn(t, features.Span{Start: fm.Start, End: fm.End}, tg.Polarity+1, 0.5); err != nil {
						return err
					}
				}
			}
			return nil
		}()
		pipe.Release(t)
		if err != nil {
			return err
		}
		bar.Add(1)
	}
	bar.Done()
	return nil
}

// polarityExamples featurises every target with a polarity label.
func polarityExamples(pipe *framing.Pipeline, recs []dataset.Mentions, further bool, prog *progress.Progress) *models.Examples {
	x := &models.Examples{}
	var fs []features.Feature
	var idx []uint32
	var val []float32
	eachPolarityTarget(pipe, recs, further, prog.Bar("polarity examples", len(recs)), func(t *framing.Analysis, sp features.Span, label int, w float32) error {
		fs = t.Features(sp, fs[:0])
		idx, val = idx[:0], val[:0]
		for _, f := range fs {
			idx = append(idx, f.Index)
			val = append(val, f.Value)
		}
		x.Append(idx, val, label, w)
		return nil
	})
	return x
}

// roleExamples builds one example per role-labelled target: the actor's
// vector over all its occurrences in the text, as the engine's role head
// reads it when scoring.
func roleExamples(eng *framing.Engine, pipe *framing.Pipeline, spec framing.HeadSpec, recs []dataset.Mentions, prog *progress.Progress) *models.Examples {
	x := &models.Examples{}
	s := framing.Scores{KeepAll: true}
	eachRoleTarget(pipe, recs, prog.Bar("role examples", len(recs)), func(t *framing.Analysis, spans []features.Span, k int) {
		idx := scoreActor(eng, t, &s, spans)
		fi, fv := eng.ActorVector(spec, &s, idx)
		x.Append(fi, fv, k, 1)
	})
	return x
}

// eachRoleTarget calls fn with every target of recs that has a role
// label: its record's analysis, the target's occurrences in the text and
// its role's class. The role heads' examples walk targets so.
func eachRoleTarget(pipe *framing.Pipeline, recs []dataset.Mentions, bar *progress.Bar, fn func(t *framing.Analysis, spans []features.Span, k int)) {
	for i := range recs {
		r := &recs[i]
		t := pipe.Analyze(r.Text)
		for _, tg := range r.Targets {
			if k := roleIndex(tg.Role); k >= 0 {
				fn(t, occurrences(r.Text, tg), k)
			}
		}
		pipe.Release(t)
		bar.Add(1)
	}
	bar.Done()
}

// scoreSpans scores the mentions at spans of t into s, emptied first, and
// returns their indices.
func scoreSpans(eng *framing.Engine, t *framing.Analysis, s *framing.Scores, spans []features.Span) []int {
	s.Reset()
	idx := make([]int, len(spans))
	for i, sp := range spans {
		eng.AddMention(t, s, sp, actors.Listed)
		idx[i] = i
	}
	return idx
}

// scoreActor scores the actor at spans of t into s, emptied first, then
// the other actors the pipeline finds in t, grouped by actor as a report
// groups them, so that the role head's relational summaries see who acts
// on whom as they do when scoring. A found actor with a mention that
// overlaps one of spans is the actor itself and is left out. It returns
// the indices of the actor's mentions.
func scoreActor(eng *framing.Engine, t *framing.Analysis, s *framing.Scores, spans []features.Span) []int {
	idx := scoreSpans(eng, t, s, spans)
	self := map[string]bool{}
	for _, m := range t.Mentions {
		for _, sp := range spans {
			if m.Start < sp.End && sp.Start < m.End {
				self[m.Actor] = true
			}
		}
	}
	groups := [][]int{idx}
	index := map[string]int{}
	for _, m := range t.Mentions {
		if self[m.Actor] {
			continue
		}
		g, ok := index[m.Actor]
		if !ok {
			g = len(groups)
			index[m.Actor] = g
			groups = append(groups, nil)
		}
		eng.AddMention(t, s, features.Span{Start: m.Start, End: m.End}, m.Via)
		groups[g] = append(groups[g], s.Len()-1)
	}
	s.SetGroups(groups)
	return idx
}

// roleIndex is the role head's class of a gold role, or -1 for none or
// neutral (not a class the head learns).
func roleIndex(role string) int {
	r, ok := framing.ParseRole(role)
	if !ok || int(r) >= framing.NumTrainedRoles {
		return -1
	}
	return int(r)
}

// maxOccurrences bounds how many mentions of one labelled entity are used.
const maxOccurrences = 20

// occurrences finds the labelled target and, for a named entity, its other
// word-bounded occurrences in the text. Pronouns and common-noun phrases
// ("they", "people who...") are taken only where labelled, since elsewhere
// they mean someone else.
func occurrences(text string, tg dataset.Target) []features.Span {
	spans := []features.Span{{Start: tg.Start, End: tg.End}}
	r, _ := utf8.DecodeRuneInString(tg.Mention)
	if !unicode.IsUpper(r) || len(tg.Mention) < 3 {
		return spans
	}
	for from := 0; len(spans) < maxOccurrences; {
		i := strings.Index(text[from:], tg.Mention)
		if i < 0 {
			break
		}
		s, e := from+i, from+i+len(tg.Mention)
		from = e
		if s == tg.Start || !wordBoundary(text, s, e) {
			continue
		}
		spans = append(spans, features.Span{Start: s, End: e})
	}
	sortSpans(spans)
	return spans
}

func wordBoundary(text string, s, e int) bool {
	if s > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:s])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if e < len(text) {
		r, _ := utf8.DecodeRuneInString(text[e:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func sortSpans(s []features.Span) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].Start < s[j-1].Start; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
