package framing

import (
	"fmt"
	"math"
	"slices"

	"github.com/actorframe/actorframe/features"
	"github.com/actorframe/actorframe/features/actors"
	"github.com/actorframe/actorframe/models"
)

// Engine scores mentions and actors with the heads of one model file. It
// is read-only after NewEngine, so any number of goroutines may use it.
type Engine struct {
	file  *models.File
	cfg   features.Config
	calib Calibration
	// heads in the order of the spec table; nil where the file has none
	heads []*Head
	pol   *Head // heads[0]
	// actorHeads are the ActorInput heads present, whose per-mention
	// partial logits Scores keeps
	actorHeads []*Head
	role       int   // index of the role head in actorHeads, -1 without one
	actor      *Head // the actor head, nil without one
	vec        vectorView
}

// NewEngine checks a decoded model file and prepares it for scoring.
func NewEngine(f *models.File) (*Engine, error) {
	cfg, err := features.ParseConfig(f.Config)
	if err != nil {
		return nil, fmt.Errorf("framing: model feature config: %w", err)
	}
	calib, err := ParseCalibration(f.Calibration)
	if f.Calibration == nil {
		calib, err = legacyCalibration(f.Meta)
	}
	if err != nil {
		return nil, err
	}
	heads, err := loadHeads(f, cfg)
	if err != nil {
		return nil, err
	}
	e := &Engine{file: f, cfg: cfg, calib: calib, heads: heads, pol: heads[0], role: -1}
	if err := e.vec.load(f, heads, calib); err != nil {
		return nil, err
	}
	for _, h := range heads {
		if h != nil && h.Spec.Name == ActorHead {
			e.actor = h
		}
		if h != nil && h.Spec.Input == ActorInput {
			if h.Spec.Name == RoleHead {
				e.role = len(e.actorHeads)
			}
			if h.Model.Classes != 3 {
				return nil, fmt.Errorf("framing: %s head has %d classes, want 3", h.Spec.Name, h.Model.Classes)
			}
			e.actorHeads = append(e.actorHeads, h)
		}
	}
	return e, nil
}

// Config is the feature configuration the model was trained with.
func (e *Engine) Config() features.Config { return e.cfg }

// File is the model file the Engine was built from.
func (e *Engine) File() *models.File { return e.file }

// Calibration is the model's label calibration.
func (e *Engine) Calibration() Calibration { return e.calib }

// Head returns the head called name, if the model has it.
func (e *Engine) Head(name string) (*Head, bool) {
	for _, h := range e.heads {
		if h != nil && h.Spec.Name == name {
			return h, true
		}
	}
	return nil, false
}

// Scores holds the scored mentions of one text: each mention's polarity
// probabilities, its share of every actor head's logits, its cue tally,
// and what evidence needs to name the features that pushed its score
// hardest. Its zero value is empty and ready; Reset empties it for reuse.
type Scores struct {
	// KeepAll keeps every feature of every mention, as training needs
	// for actor vectors. Scoring keeps the strongest features of a
	// text's first strongMentions mentions and the span of every one,
	// from which evidence extracts a later mention's features again;
	// KeepNone keeps neither, when no evidence is asked for.
	KeepAll, KeepNone bool
	// LinearOnly scores polarity with the linear head alone, skipping a
	// model's word-vector views (roles then come from the role head
	// alone): about 1.6 times as fast, and less accurate (see the
	// README's Speed section).
	LinearOnly bool
	// keepMentions is how many mentions keep their strongest features:
	// 0 means strongMentions, a negative number none (tests set it).
	keepMentions int

	feats   []features.Feature // kept features, mention by mention
	contrib []float32          // per kept feature: its push on P(positive) − P(negative), in logit units
	offs    []int              // feats[offs[i]:offs[i+1]] belong to mention i, for the mentions that keep theirs
	spans   []features.Span    // per mention, unless KeepNone: where it stands, to extract it again
	probs   [][3]float64
	actor   [][3]float64 // per mention and actor head: that head's logit sums over the mention's features
	roleVec [][3]float64 // per mention: the role-vectors head's sums over its word-vector view
	weights []float64
	cues    []mentionCues
	meta    []mentionMeta
	group   []int32 // per mention, its actor (SetGroups)
	ngroups int
	side    *sideIndex // built from the above when first needed

	scratch     []features.Feature // the mention being scored
	scratchW    []float32
	reextracted []features.Feature // the features of the mentions evidence extracts again
	stats       ActorStats         // Frame's, kept here so that it does not escape per call
	names       []byte             // evidence names being compared
	top         []int              // ActorEvidence's mentions, strongest first
}

// mentionMeta is what the actor head reads of one mention besides its
// probabilities.
type mentionMeta struct {
	voice         Voice
	pronoun, lead bool
	lex           [2][2]float32 // [near, far][positive, negative]
}

// keepPerMention is how many features of a mention are kept for evidence:
// evidence names the strongest few over an actor's mentions, and every
// one of those is among the strongest of its own mention.
const keepPerMention = 12

// strongMentions is how many mentions of a text keep their strongest
// features while scored. Keeping them spares evidence a second extraction
// of the mentions it reads, which in an article are most of them; but
// kept for every mention of a long text they were its largest allocation
// (107 MB of 520 on 10 MB of news), while evidence reads at most
// evidenceMentions of each actor. Past this many, a mention keeps only
// its span, and evidence extracts it again if it reads it: 1024 mentions
// are a long article's, and their features take 400 KB.
const strongMentions = 1024

// keeps reports whether the next mention scored keeps features: all of
// them with KeepAll, else its strongest while it is among the first. It
// counts the mentions already scored (len(s.probs)), so AddMention must
// ask it before appending the mention's probabilities.
func (s *Scores) keeps() bool {
	if s.KeepAll {
		return true
	}
	n := s.keepMentions
	if n == 0 {
		n = strongMentions
	}
	return !s.KeepNone && len(s.probs) < n
}

// Reset empties s, keeping its memory.
func (s *Scores) Reset() {
	s.feats, s.contrib, s.spans = s.feats[:0], s.contrib[:0], s.spans[:0]
	s.offs = append(s.offs[:0], 0)
	s.probs, s.actor, s.weights, s.cues, s.meta = s.probs[:0], s.actor[:0], s.weights[:0], s.cues[:0], s.meta[:0]
	s.roleVec = s.roleVec[:0]
	s.group, s.ngroups, s.side = s.group[:0], 0, nil
}

// Len is the number of mentions scored.
func (s *Scores) Len() int { return len(s.probs) }

// Probs returns mention i's [P(negative), P(neutral), P(positive)].
func (s *Scores) Probs(i int) [3]float64 { return s.probs[i] }

// Voice returns whose words mention i stands in.
func (s *Scores) Voice(i int) Voice { return s.meta[i].voice }

// Features returns mention i's kept features: all of them with KeepAll,
// the strongest of the first mentions without, and nil for a mention that
// kept none.
func (s *Scores) Features(i int) []features.Feature {
	if i+1 >= len(s.offs) {
		return nil
	}
	return s.feats[s.offs[i]:s.offs[i+1]]
}

// Grow reserves memory in s for n more mentions, so that scoring a long
// text allocates each buffer once rather than doubling it as it goes.
func (e *Engine) Grow(s *Scores, n int) {
	if len(s.offs) == 0 {
		s.offs = append(s.offs, 0)
	}
	if s.KeepAll {
		s.offs = slices.Grow(s.offs, n)
	} else if !s.KeepNone {
		// only the first strongMentions keep features, and Reset keeps
		// their memory, so it is reserved once for the most of them
		k := max(0, min(n, strongMentions-len(s.probs)))
		s.feats = slices.Grow(s.feats, k*keepPerMention)
		s.contrib = slices.Grow(s.contrib, k*keepPerMention)
		s.offs = slices.Grow(s.offs, k)
		s.spans = slices.Grow(s.spans, n)
	}
	s.probs = slices.Grow(s.probs, n)
	s.actor = slices.Grow(s.actor, n*len(e.actorHeads))
	if e.vec.table != nil && e.vec.role != nil && !s.LinearOnly {
		s.roleVec = slices.Grow(s.roleVec, n)
	}
	s.weights = slices.Grow(s.weights, n)
	s.cues = slices.Grow(s.cues, n)
	s.meta = slices.Grow(s.meta, n)
}

// Large reports whether s holds so much memory that it should not be kept
// for reuse.
func (s *Scores) Large() bool { return cap(s.feats) > 1<<20 || cap(s.probs) > 1<<16 }

// AddMention extracts and scores the mention at span of a, found as via.
// One pass over its features computes the polarity logits, each
// feature's contribution and the first actor head's partial sums (one
// more pass per further actor head), so that frames and evidence later
// need no second look at the weights.
func (e *Engine) AddMention(a *Analysis, s *Scores, span features.Span, via actors.Via) {
	if len(s.offs) == 0 {
		s.offs = append(s.offs, 0)
	}
	s.scratch = a.Features(span, s.scratch[:0])
	fs := s.scratch
	// contributions are written by index into memory sized once, not
	// appended one by one
	s.scratchW = slices.Grow(s.scratchW[:0], len(fs))[:len(fs)]
	cw := s.scratchW
	pm := e.pol.Model
	K := pm.Classes
	pw := pm.W
	var l [3]float64
	for k := 0; k < 3; k++ {
		l[k] = float64(pm.B[k])
	}
	var cues mentionCues
	meta := mentionMeta{voice: a.VoiceAt(span.Start), pronoun: via == actors.Pronoun, lead: a.lead(span.Start)}
	// The first actor head (the role head, in the shipped models) is
	// scored in the same pass, so that its weight row is fetched while
	// the polarity row is, not in a second round of cache misses; any
	// further head gets a pass of its own. Each head's sums are added in
	// feature order, as they always were, so they are the same.
	var rw []float32
	if len(e.actorHeads) > 0 {
		rw = e.actorHeads[0].Model.W
	}
	var r0, r1, r2 float64
	for j := range fs {
		f := &fs[j]
		i := int(f.Index) * K
		v := float64(f.Value)
		row := pw[i : i+3 : i+3]
		l[0] += float64(row[0]) * v
		l[1] += float64(row[1]) * v
		l[2] += float64(row[2]) * v
		cw[j] = (row[2] - row[0]) * f.Value
		if rw != nil {
			i := int(f.Index) * 3
			rr := rw[i : i+3 : i+3]
			r0 += float64(rr[0]) * v
			r1 += float64(rr[1]) * v
			r2 += float64(rr[2]) * v
		}
		switch {
		case f.Template == features.TCue && !f.Neg:
			cues.add(f.Cue)
		case f.Template == features.TLex:
			meta.addLex(f.Aux)
		}
	}
	if rw != nil {
		s.actor = append(s.actor, [3]float64{r0, r1, r2})
	}
	for h := 1; h < len(e.actorHeads); h++ {
		W := e.actorHeads[h].Model.W
		var r [3]float64
		for j := range fs {
			i := int(fs[j].Index) * 3
			v := float64(fs[j].Value)
			rr := W[i : i+3 : i+3]
			r[0] += float64(rr[0]) * v
			r[1] += float64(rr[1]) * v
			r[2] += float64(rr[2]) * v
		}
		s.actor = append(s.actor, r)
	}
	if s.keeps() {
		if s.KeepAll {
			s.feats = append(s.feats, fs...)
			s.contrib = append(s.contrib, s.scratchW...)
		} else {
			s.keepStrongest()
		}
		s.offs = append(s.offs, len(s.feats))
	}
	if !s.KeepNone {
		s.spans = append(s.spans, span)
	}
	p := softmax3(l)
	if !s.LinearOnly {
		p = e.vec.scoreMention(a, s, span, p)
	}
	s.probs = append(s.probs, p)
	s.weights = append(s.weights, mentionWeight(p, via))
	s.cues = append(s.cues, cues)
	s.meta = append(s.meta, meta)
}

// addLex counts a lexicon feature by its Aux: side × (distance·4 +
// strong·2 + sign), distances 1 near, 2 mid, 3 far, 4 another clause.
func (m *mentionMeta) addLex(aux int8) {
	a := int(aux)
	if a < 0 {
		a = -a
	}
	far := 0
	if a/4 >= 3 {
		far = 1
	}
	w := float32(0.25)
	if a&2 != 0 {
		w = 0.5
	}
	if a&1 == 1 {
		m.lex[far][0] += w
	} else {
		m.lex[far][1] += w
	}
}

// keepStrongest keeps the keepPerMention features of the scratch mention
// whose contributions are largest in magnitude, in their original order,
// choosing among equals as MentionEvidence does (the first one met).
//
// It first finds the magnitude of the keepPerMention-th strongest, moving
// only magnitudes (non-negative float32 bits order as the floats do), then
// keeps, in text order, every feature above it and the first of those equal
// to it: the set pushStrong would keep, without moving a feature twice or
// sorting back to text order.
func (s *Scores) keepStrongest() {
	var top [keepPerMention]uint32 // strongest magnitudes met, largest first; zeros are never kept
	for _, w := range s.scratchW {
		m := math.Float32bits(w) &^ (1 << 31)
		if m <= top[keepPerMention-1] {
			continue
		}
		k := keepPerMention - 1
		for k > 0 && top[k-1] < m {
			top[k] = top[k-1]
			k--
		}
		top[k] = m
	}
	t := top[keepPerMention-1]
	eq := 0 // how many features equal to t are kept
	for _, m := range top {
		if m == t && t != 0 {
			eq++
		}
	}
	for j, w := range s.scratchW {
		m := math.Float32bits(w) &^ (1 << 31)
		if m < t || m == 0 {
			continue
		}
		if m == t {
			if eq == 0 {
				continue
			}
			eq--
		}
		s.feats = append(s.feats, s.scratch[j])
		s.contrib = append(s.contrib, w)
	}
}

// pronounWeight is how much a mention found through a pronoun counts next
// to a named one: pronoun resolution is right less often.
const pronounWeight = 0.5

// mentionWeight is how much a mention with probabilities p counts in its
// actor's aggregate: its confidence, less for pronouns.
func mentionWeight(p [3]float64, via actors.Via) float64 {
	w := max(p[0], p[1], p[2]) // as math.Max, for probabilities
	if via == actors.Pronoun {
		w *= pronounWeight
	}
	return w
}

func softmax3(l [3]float64) [3]float64 {
	mx := math.Max(l[0], math.Max(l[1], l[2]))
	var p [3]float64
	var z float64
	for k := range l {
		p[k] = math.Exp(l[k] - mx)
		z += p[k]
	}
	for k := range p {
		p[k] /= z
	}
	return p
}

func sqrt(x float64) float64 { return math.Sqrt(x) }

// MeanProbs averages the probabilities of mentions idx, each weighted by
// its confidence (pronouns half).
func (s *Scores) MeanProbs(idx []int) [3]float64 {
	var P [3]float64
	var sum float64
	for _, i := range idx {
		w := s.weights[i]
		for c := range P {
			P[c] += w * s.probs[i][c]
		}
		sum += w
	}
	if sum <= 0 {
		return [3]float64{0, 1, 0}
	}
	for c := range P {
		P[c] /= sum
	}
	return P
}

// actorProbs returns an ActorInput head's probabilities for the actor with
// mentions idx and mean polarity P, from the partial sums AddMention kept:
// the same numbers models.Linear.Probs gives on AppendActorVector's vector.
func (e *Engine) actorProbs(s *Scores, h int, idx []int, st *ActorStats) [3]float64 {
	ah := e.actorHeads[h]
	na := len(e.actorHeads)
	var l [3]float64
	scale := 1 / math.Sqrt(float64(len(idx)))
	for _, i := range idx {
		for k := range l {
			l[k] += s.actor[i*na+h][k]
		}
	}
	for k := range l {
		l[k] = float64(ah.Model.B[k]) + scale*l[k]
	}
	ah.addSummary(&l, st)
	return softmax3(l)
}

// addSummary adds the head's summary values of st, times their weights,
// to the logits l.
func (h *Head) addSummary(l *[3]float64, st *ActorStats) {
	for j, sm := range h.Spec.Summary {
		v := sm.Value(st)
		w := &h.sumW[j]
		l[0] += float64(w[0]) * v
		l[1] += float64(w[1]) * v
		l[2] += float64(w[2]) * v
	}
}

// Stats computes what actor heads read of the actor with mentions idx.
func (e *Engine) Stats(s *Scores, idx []int) ActorStats {
	st := ActorStats{P: s.MeanProbs(idx), Cues: tallyCues(s, idx), N: len(idx), Side: sideStats(s, idx)}
	if len(idx) == 0 {
		return st
	}
	st.Min = [3]float64{1, 1, 1}
	n := float64(len(idx))
	var authS, authN, quoS, quoN float64
	for _, i := range idx {
		p := s.probs[i]
		for c := range 3 {
			st.Mean[c] += p[c] / n
			// the builtins inline; they differ from math.Max and
			// math.Min only on infinities, which probabilities never are
			st.Max[c] = max(st.Max[c], p[c])
			st.Min[c] = min(st.Min[c], p[c])
		}
		switch argmax(p[:]) {
		case 0:
			st.FracNeg += 1 / n
		case 2:
			st.FracPos += 1 / n
		}
		m := s.meta[i]
		sc := p[2] - p[0]
		if m.voice.Kind != AuthorVoice {
			st.Quoted += 1 / n
			quoS, quoN = quoS+sc, quoN+1
		} else {
			authS, authN = authS+sc, authN+1
		}
		if m.pronoun {
			st.Pronoun += 1 / n
		}
		if m.lead {
			st.Lead = 1
		}
		for a := range 2 {
			for b := range 2 {
				st.Lex[a][b] += float64(m.lex[a][b]) / n
			}
		}
	}
	if authN > 0 {
		st.AuthorScore = authS / authN
	}
	if quoN > 0 {
		st.QuotedScore = quoS / quoN
	}
	return st
}

// summaryProbs scores a SummaryInput head on st.
func summaryProbs(h *Head, st *ActorStats) [3]float64 {
	var l [3]float64
	for k := range l {
		l[k] = float64(h.Model.B[k])
	}
	h.addSummary(&l, st)
	return softmax3(l)
}

// ActorVector returns the input of head h (an ActorInput head) for the
// actor with mentions idx of s, for training it. It reads every
// mention's features, so s must be scored with KeepAll: otherwise a
// text's mentions past the first strongMentions keep none.
func (e *Engine) ActorVector(spec HeadSpec, s *Scores, idx []int) ([]uint32, []float32) {
	ms := make([][]features.Feature, len(idx))
	for j, i := range idx {
		ms[j] = s.Features(i)
	}
	st := e.Stats(s, idx)
	return AppendActorVector(nil, nil, spec, e.cfg, ms, &st)
}
