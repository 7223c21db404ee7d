package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/actorframe/actorframe/features"
	"github.com/actorframe/actorframe/internal/framing"
	"github.com/actorframe/actorframe/internal/progress"
	"github.com/actorframe/actorframe/models"
	"github.com/actorframe/actorframe/stance"
	"github.com/actorframe/actorframe/train/dataset"
	"github.com/actorframe/actorframe/train/evaluate"
)

// roleEvalLabels are the role classes scored: the three trained roles and
// neutral, which the library may answer but gold data rarely holds; in
// the order of framing.Role.
var roleEvalLabels = []string{
	framing.Protagonist.String(), framing.Antagonist.String(), framing.Innocent.String(), framing.NeutralRole.String(),
}

// result holds the metrics of one evaluation.
type result struct {
	Polarity *evaluate.Confusion
	Role     *evaluate.Confusion
	// Article holds format M's polarity-labelled targets framed as whole
	// actors, with the actor head and agency, as a report frames them
	// (with a model that has an actor head).
	Article *evaluate.Confusion
	Missing int // format A: documents where the actor was not found
}

func newResult() *result {
	return &result{Polarity: evaluate.NewConfusion(framing.LabelNames()), Role: evaluate.NewConfusion(roleEvalLabels),
		Article: evaluate.NewConfusion(framing.LabelNames())}
}

func (r *result) merge(o *result) {
	r.Polarity.Merge(o.Polarity)
	r.Role.Merge(o.Role)
	r.Article.Merge(o.Article)
	r.Missing += o.Missing
}

// jsonResult is eval -json's output.
type jsonResult struct {
	N        int               `json:"n"`
	Polarity *evaluate.Summary `json:"polarity,omitempty"`
	Role     *evaluate.Summary `json:"role,omitempty"`
	Article  *evaluate.Summary `json:"article,omitempty"`
	Missing  *int              `json:"actor_not_found,omitempty"`
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
		if r.Article.N() > 0 {
			s := r.Article.Summary()
			out.Article = &s
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
	if r.Article.N() > 0 {
		r.Article.Print(w, "actor label, article level (each labelled target framed as a whole actor)")
		printMajority(w, r.Article)
	}
	if formatA {
		fmt.Fprintf(w, "actor not found in %d documents (counted as neutral)\n", r.Missing)
	}
	return nil
}

// printMajority prints the baseline that always answers the most frequent
// gold class.
func printMajority(w io.Writer, c *evaluate.Confusion) {
	base, best := evaluate.Majority(c)
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
	quiet := addQuietFlags(fs)
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
	file, err := loadModel(*modelPath)
	if err != nil {
		return err
	}
	m, err := stance.FromFile(file, stance.Options{AuthorOnly: *authorOnly})
	if err != nil {
		return err
	}
	eng, err := framing.NewEngine(file)
	if err != nil {
		return err
	}
	prog := progress.New(stderr, *quiet)
	defer prog.Close()
	format, err := dataset.DetectFile(*in)
	if err != nil {
		return err
	}
	opt := dataset.Options{SkipBad: *skipBad}
	prog.Printf("reading %s...", *in)
	var res *result
	var views []viewScore
	switch format {
	case dataset.FormatM:
		recs, skipped, err := dataset.ReadMentionsFile(*in, opt)
		reportSkipped(prog.Writer(), *in, skipped)
		if err != nil {
			return err
		}
		if res, err = evalMentions(eng, recs, prog); err != nil {
			return err
		}
		if _, ok := eng.Head(framing.VectorHead); ok && !*asJSON {
			if views, err = scoreViews(eng, recs); err != nil {
				return err
			}
		}
	case dataset.FormatA:
		recs, skipped, err := dataset.ReadActorsFile(*in, opt)
		reportSkipped(prog.Writer(), *in, skipped)
		if err != nil {
			return err
		}
		res, err = evalActors(m, recs, prog)
		if err != nil {
			return err
		}
	}
	prog.Close() // the bars' last state before the metrics on stdout
	if err := res.print(stdout, *asJSON, format == dataset.FormatA); err != nil {
		return err
	}
	if len(views) > 0 {
		printViews(stdout, "eval", views)
	}
	return nil
}

func reportSkipped(w io.Writer, path string, skipped []*dataset.LineError) {
	for _, s := range skipped {
		fmt.Fprintf(w, "skipped %v\n", s)
	}
	if len(skipped) > 0 {
		fmt.Fprintf(w, "%s: skipped %d bad lines\n", path, len(skipped))
	}
}

// loadModel reads the model file at path, or the embedded one.
func loadModel(path string) (*models.File, error) {
	if path == "" {
		return models.Default()
	}
	return models.ReadFile(path)
}

// evalMentions scores every labelled target of format M records: each
// polarity target as one mention, each role target as the actor of all its
// occurrences, as training built them.
func evalMentions(eng *framing.Engine, recs []dataset.Mentions, prog *progress.Progress) (*result, error) {
	pipe, err := newPipeline(eng.Config(), false)
	if err != nil {
		return nil, err
	}
	res := newResult()
	_, article := eng.Head(framing.ActorHead)
	var s framing.Scores
	bar := prog.Bar("eval", len(recs))
	for i := range recs {
		r := &recs[i]
		t := pipe.Analyze(r.Text)
		t.AddOthers(targetSpans(r)...)
		for _, tg := range r.Targets {
			if tg.HasPolarity {
				idx := scoreSpans(eng, t, &s, []features.Span{{Start: tg.Start, End: tg.End}})
				f := eng.Frame(&s, idx, "", false)
				res.Polarity.Add(tg.Polarity+1, int(f.Label))
			}
			k := labelIndex(roleEvalLabels, tg.Role)
			if k < 0 && !(tg.HasPolarity && article) {
				continue
			}
			idx := scoreActor(eng, t, &s, occurrences(r.Text, tg))
			if k >= 0 {
				f := eng.Frame(&s, idx, "", false)
				res.Role.Add(k, int(f.Role))
			}
			if tg.HasPolarity && article {
				f := eng.Frame(&s, idx, "", true)
				res.Article.Add(tg.Polarity+1, int(f.Label))
			}
		}
		pipe.Release(t)
		bar.Add(1)
	}
	bar.Done()
	return res, nil
}

// evalActors scores format A records: the library finds the actor itself.
func evalActors(m *stance.Model, recs []dataset.Actor, prog *progress.Progress) (*result, error) {
	res := newResult()
	bar := prog.Bar("eval", len(recs))
	for _, r := range recs {
		af, found, err := m.ScoreActor(r.Text, r.Actor)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", r.Line, err)
		}
		pred := int(stance.Neutral)
		if found {
			pred = int(af.Label)
		} else {
			res.Missing++
		}
		res.Polarity.Add(r.Polarity+1, pred)
		bar.Add(1)
	}
	bar.Done()
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

func cmdCV(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("cv", flag.ContinueOnError)
	fs.SetOutput(stderr)
	in := fs.String("in", "", "format M training file to cross-validate (polarity and/or role labels)")
	var polExtra, rolesExtra listFlag
	fs.Var(&polExtra, "pol", "extra format M polarity data always trained on (e.g. for role cv)")
	fs.Var(&rolesExtra, "roles", "extra format M role data always trained on")
	actorsIn := fs.String("actors", "", "format A file: cross-validate the actor head on its documents (polarity head from -pol, role head from -roles)")
	var actorMentions listFlag
	fs.Var(&actorMentions, "actor-mentions", "with -actors: format M files whose targets are extra actor-head examples in every fold")
	agencyMentions := fs.Bool("agency", false, "with -in: print held-out mention polarity by agency weight")
	agencyDocs := fs.String("agency-actors", "", "with -in: format A file to train each fold's actor head on, then print held-out article-level labels by agency weight")
	passagesIn := fs.String("passages", "", "with -actors: PerSenT CSV whose labelled paragraphs are extra actor-head examples (a tested document's held out with it)")
	passageW := fs.Float64("passage-weight", defaultPassageWeight, "with -passages: the weight of a paragraph example against a document's")
	k := fs.Int("k", 5, "folds")
	asJSON := fs.Bool("json", false, "print one JSON object")
	skipBad := fs.Bool("skip-bad", false, "skip malformed lines, listing each, instead of failing")
	quiet := addQuietFlags(fs)
	o := defaultFitOptions()
	addFitFlags(fs, &o)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *in == "" && *actorsIn == "" {
		fs.Usage()
		return errors.New("cv needs -in or -actors")
	}
	if *k < 2 {
		return fmt.Errorf("cv: -k %d: need at least 2 folds", *k)
	}
	switch {
	case *in != "" && *actorsIn != "":
		return errors.New("cv: -in and -actors cross-validate different heads: give one")
	case *passagesIn != "" && *actorsIn == "":
		return errors.New("cv: -passages adds actor-head examples: it needs -actors")
	case (*agencyMentions || *agencyDocs != "") && *in == "":
		return errors.New("cv: -agency and -agency-actors read held-out targets of -in: they need -in")
	}
	if err := checkPassageWeight(*passageW); err != nil {
		return fmt.Errorf("cv: %w", err)
	}
	prog := progress.New(stderr, *quiet)
	defer prog.Close()
	prog.Printf("reading data...")
	if *actorsIn != "" {
		return cvActorsCmd(*actorsIn, polExtra, rolesExtra, actorMentions, *passagesIn, *passageW, *k, *skipBad, *asJSON, o, stdout, prog)
	}
	log := prog.Writer()
	recs, err := readMentionFiles([]string{*in}, *skipBad, log)
	if err != nil {
		return err
	}
	extra, err := readMentionFiles(polExtra, *skipBad, log)
	if err != nil {
		return err
	}
	extraRoles, err := readMentionFiles(rolesExtra, *skipBad, log)
	if err != nil {
		return err
	}
	if len(recs) < *k {
		return fmt.Errorf("cv: %d records, fewer than %d folds", len(recs), *k)
	}
	if err := loadVectors(&o.Vec, recs, extra); err != nil {
		return err
	}
	var views []viewScore // with -vectors: each view of each held-out target
	var agencyIn []dataset.Actor
	var frames []actorFrame             // with -agency-actors: each held-out target framed whole
	var mframes []actorFrame            // with -agency: each held-out target's mention
	var roleBlend []*evaluate.Confusion // with a role-vectors head: roles by its weight
	if *agencyDocs != "" {
		if agencyIn, err = readActorFiles([]string{*agencyDocs}, *skipBad, log); err != nil {
			return err
		}
	}
	folds := evaluate.Folds(strataOf(recs), nil, *k, o.Features.Seed)
	total := newResult()
	// A file without polarity labels (roles only) needs its polarity head
	// trained once, on the extra data, not once per fold.
	var shared *models.File
	if countPolarity(recs) == 0 {
		fo := o
		fo.Progress = prog // once, not per fold: worth its bars
		if shared, err = fitPolarity(extra, fo); err != nil {
			return fmt.Errorf("cv: polarity head from -pol: %w", err)
		}
	}
	bar := prog.Bar("cv folds", *k)
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
		// The folds' own phases would add bars by the dozen; the folds
		// bar and a line per fold say enough.
		fo.Progress = nil
		var file *models.File
		if shared != nil {
			file, err = fitRole(shared, append(append([]dataset.Mentions(nil), train...), extraRoles...), fo)
		} else {
			file, err = fitModel(append(append([]dataset.Mentions(nil), train...), extra...), append(append([]dataset.Mentions(nil), train...), extraRoles...), fo)
		}
		if err != nil {
			return fmt.Errorf("cv fold %d: %w", f+1, err)
		}
		eng, err := framing.NewEngine(file)
		if err != nil {
			return err
		}
		r, err := evalMentions(eng, test, nil)
		if err != nil {
			return err
		}
		if _, ok := eng.Head(framing.RoleVecHead); ok {
			roleBlend = addRoleBlend(roleBlend, eng, test)
		}
		if *agencyMentions {
			fr, err := mentionFrames(eng, test)
			if err != nil {
				return err
			}
			mframes = append(mframes, fr...)
		}
		if len(agencyIn) > 0 {
			xs, err := actorExamples(eng, agencyIn, nil)
			if err != nil {
				return err
			}
			if err := fitActorHead(file, xs, fo); err != nil {
				return fmt.Errorf("cv fold %d: actor head: %w", f+1, err)
			}
			if eng, err = framing.NewEngine(file); err != nil {
				return err
			}
			fr, err := wholeFrames(eng, test, nil)
			if err != nil {
				return err
			}
			frames = append(frames, fr...)
		}
		if o.Vec.table != nil && shared == nil {
			vs, err := scoreViews(eng, test)
			if err != nil {
				return err
			}
			views = append(views, vs...)
		}
		line := fmt.Sprintf("fold %d/%d:", f+1, *k)
		if r.Polarity.N() > 0 {
			line += fmt.Sprintf("  polarity macro-F1 %.4f (n=%d)", r.Polarity.MacroF1(), r.Polarity.N())
		}
		if r.Role.N() > 0 {
			line += fmt.Sprintf("  role macro-F1 %.4f (n=%d)", r.Role.MacroF1(), r.Role.N())
		}
		prog.Printf("%s", line)
		bar.Add(1)
		total.merge(r)
	}
	bar.Done()
	prog.Close() // the bars' last state before the metrics on stdout
	if err := total.print(stdout, *asJSON, false); err != nil {
		return err
	}
	if len(views) > 0 && !*asJSON {
		printViews(stdout, fmt.Sprintf("%d-fold cv", *k), views)
	}
	if len(roleBlend) > 0 && !*asJSON {
		fmt.Fprintf(stdout, "%d-fold cv: roles by the role-vectors head's weight (n=%d), macro-F1 / accuracy\n", *k, roleBlend[0].N())
		for i, w := range roleBlendWeights {
			fmt.Fprintf(stdout, "  weight %-5g %.4f  %.4f\n", w, roleBlend[i].MacroF1(), roleBlend[i].Accuracy())
		}
	}
	if len(mframes) > 0 && !*asJSON {
		printAgency(stdout, fmt.Sprintf("%d-fold cv: mention polarity", *k), mframes)
	}
	if len(frames) > 0 && !*asJSON {
		printAgency(stdout, fmt.Sprintf("%d-fold cv: article-level labels", *k), frames)
	}
	return nil
}

// roleBlendWeights are the role-vectors weights cv reports.
var roleBlendWeights = []float64{0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1}

// addRoleBlend adds to cs, one confusion per roleBlendWeights entry, the
// roles eng gives the role-labelled targets of recs with each weight.
func addRoleBlend(cs []*evaluate.Confusion, eng *framing.Engine, recs []dataset.Mentions) []*evaluate.Confusion {
	for len(cs) < len(roleBlendWeights) {
		cs = append(cs, evaluate.NewConfusion(roleEvalLabels))
	}
	pipe, err := newPipeline(eng.Config(), false)
	if err != nil {
		return cs
	}
	var s framing.Scores
	for i := range recs {
		r := &recs[i]
		t := pipe.Analyze(r.Text)
		t.AddOthers(targetSpans(r)...)
		for _, tg := range r.Targets {
			k := labelIndex(roleEvalLabels, tg.Role)
			if k < 0 {
				continue
			}
			idx := scoreActor(eng, t, &s, occurrences(r.Text, tg))
			for j, w := range roleBlendWeights {
				cs[j].Add(k, int(eng.RoleWithWeight(&s, idx, w)))
			}
		}
		pipe.Release(t)
	}
	return cs
}

// strataOf returns each record's stratum for cross-validation: the
// labels of its first target.
func strataOf(recs []dataset.Mentions) []string {
	s := make([]string, len(recs))
	for i, r := range recs {
		if len(r.Targets) > 0 {
			t := r.Targets[0]
			s[i] = fmt.Sprintf("%d/%s", t.Polarity, t.Role)
		}
	}
	return s
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

// cvActorsCmd cross-validates the actor head on the documents of path.
func cvActorsCmd(path string, pol, roles, actorMentions []string, passagesPath string, passageWeight float64, k int, skipBad, asJSON bool, o fitOptions, stdout io.Writer, prog *progress.Progress) error {
	if len(pol) == 0 {
		return errors.New("cv -actors needs -pol: the polarity data the mention heads are trained on")
	}
	log := prog.Writer()
	docs, err := readActorFiles([]string{path}, skipBad, log)
	if err != nil {
		return err
	}
	p, err := readMentionFiles(pol, skipBad, log)
	if err != nil {
		return err
	}
	r, err := readMentionFiles(roles, skipBad, log)
	if err != nil {
		return err
	}
	am, err := readMentionFiles(actorMentions, skipBad, log)
	if err != nil {
		return err
	}
	if err := loadVectors(&o.Vec, p); err != nil {
		return err
	}
	// The mention heads are fitted once, before the folds: the longest
	// phase, so it shows its bars.
	fo := o
	fo.Progress = prog
	f, err := fitModel(p, r, fo)
	if err != nil {
		return err
	}
	var passages []dataset.Passages
	if passagesPath != "" {
		passages, err = readPassages(passagesPath, skipBad, log)
		if err != nil {
			return err
		}
	}
	conf, frames, err := cvActors(f, docs, am, passages, passageWeight, k, o.Features.Seed, o, prog)
	if err != nil {
		return err
	}
	prog.Close() // the bars' last state before the metrics on stdout
	res := newResult()
	res.Polarity = conf
	if err := res.print(stdout, asJSON, false); err != nil || asJSON || len(frames) == 0 {
		return err
	}
	printAgency(stdout, fmt.Sprintf("%d-fold cv: documents whose actor is found", k), frames)
	return nil
}
