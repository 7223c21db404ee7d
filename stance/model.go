package stance

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/actorframe/actorframe/features"
	"github.com/actorframe/actorframe/features/actors"
	"github.com/actorframe/actorframe/models"
)

// Head names and their labels, in index order.
const (
	PolarityHead = "polarity"
	RoleHead     = "role"
)

// PolarityLabels are the polarity head's classes, in index order.
var PolarityLabels = []string{Negative, Neutral, Positive}

// RoleLabels are the role head's classes, in index order.
var RoleLabels = []string{Protagonist, Antagonist, Innocent}

// Options change how a Model finds actors and reports. The zero value is
// the default: the built-in catalogue, unlisted actors and pronouns found,
// every voice counted in an actor's overall score, evidence given.
type Options struct {
	// Actors replaces the built-in catalogue when non-nil; build one with
	// actors.Default().With(list) to add to the built-in actors instead.
	Actors *actors.Catalogue
	// NoDiscover turns off finding actors that are not in the catalogue.
	NoDiscover bool
	// NoPronouns turns off attaching he/she/his/her to actors.
	NoPronouns bool
	// AuthorOnly makes an actor's overall score count only the author's
	// voice, leaving quoted sources out (they are still reported).
	AuthorOnly bool
	// NoEvidence leaves out Evidence, for the fastest scoring.
	NoEvidence bool
}

// Model scores texts. It is safe for concurrent use.
type Model struct {
	file *models.File
	pol  *models.Linear
	role *models.Linear // nil when the file has no role head
	pipe *Pipeline
	cat  *actors.Catalogue
	opt  Options
	// feature indices of the polarity summary the role head reads
	polIdx [2]uint32
	// labelWeights rescale an actor's mean probabilities before its
	// label is chosen (LabelWeightsMeta); all ones when absent
	labelWeights [3]float64
	// scratch memory, reused across calls
	scratch *sync.Pool
}

// Errors from loading models.
var (
	ErrNoPolarityHead = errors.New("stance: model has no polarity head")
)

// Load reads a model file (see package models) and prepares it for scoring
// with default options.
func Load(r io.Reader) (*Model, error) {
	f, err := models.Read(r)
	if err != nil {
		return nil, err
	}
	return FromFile(f, Options{})
}

// LoadFile reads a model file from disk.
func LoadFile(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := Load(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// FromFile builds a Model from a decoded model file.
func FromFile(f *models.File, opt Options) (*Model, error) {
	cfg, err := features.ParseConfig(f.Config)
	if err != nil {
		return nil, fmt.Errorf("stance: model feature config: %w", err)
	}
	m := &Model{file: f}
	h, ok := f.Head(PolarityHead)
	if !ok {
		return nil, ErrNoPolarityHead
	}
	if err := checkHead(h, PolarityLabels, cfg); err != nil {
		return nil, err
	}
	m.pol = h.Model
	if h, ok := f.Head(RoleHead); ok {
		if err := checkHead(h, RoleLabels, cfg); err != nil {
			return nil, err
		}
		m.role = h.Model
	}
	m.polIdx = [2]uint32{cfg.Index("polarity:negative"), cfg.Index("polarity:positive")}
	if m.labelWeights, err = ParseLabelWeights(f.Meta[LabelWeightsMeta]); err != nil {
		return nil, err
	}
	return m.with(cfg, opt)
}

// LabelWeightsMeta is the model-file metadata key of the actor label
// calibration: three comma-separated positive weights for negative,
// neutral and positive. An actor's label is the argmax of its mean
// probabilities times these weights. The mention model is trained on
// sentences; whole news documents use more negative words for the same
// authorial stance, and "train fit -actors" fits the weights to
// document-level labels (PerSenT). Mention-level results (ScoreMention,
// FrameSpans) are not calibrated.
const LabelWeightsMeta = "actor_label_weights"

// ParseLabelWeights parses the value of LabelWeightsMeta; "" means no
// calibration (all ones).
func ParseLabelWeights(v string) ([3]float64, error) {
	w := [3]float64{1, 1, 1}
	if v == "" {
		return w, nil
	}
	parts := strings.Split(v, ",")
	if len(parts) != 3 {
		return w, fmt.Errorf("stance: model metadata %s = %q: want three weights", LabelWeightsMeta, v)
	}
	for i, p := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || !(x > 0) || math.IsInf(x, 0) {
			return w, fmt.Errorf("stance: model metadata %s = %q: weight %q is not a positive number", LabelWeightsMeta, v, p)
		}
		w[i] = x
	}
	return w, nil
}

// FormatLabelWeights formats w as the value of LabelWeightsMeta.
func FormatLabelWeights(w [3]float64) string {
	return strconv.FormatFloat(w[0], 'g', 6, 64) + "," + strconv.FormatFloat(w[1], 'g', 6, 64) + "," + strconv.FormatFloat(w[2], 'g', 6, 64)
}

func checkHead(h *models.Head, labels []string, cfg features.Config) error {
	if len(h.Labels) != len(labels) {
		return fmt.Errorf("stance: %s head has labels %v, want %v", h.Name, h.Labels, labels)
	}
	for i := range labels {
		if h.Labels[i] != labels[i] {
			return fmt.Errorf("stance: %s head has labels %v, want %v", h.Name, h.Labels, labels)
		}
	}
	if h.Model.Dim != cfg.Dim() {
		return fmt.Errorf("stance: %s head has %d features, the feature config says %d", h.Name, h.Model.Dim, cfg.Dim())
	}
	return nil
}

// WithOptions returns a Model that shares m's weights but finds actors and
// reports as opt says.
func (m *Model) WithOptions(opt Options) (*Model, error) {
	return m.with(m.pipe.cfg, opt)
}

func (m *Model) with(cfg features.Config, opt Options) (*Model, error) {
	n := *m
	n.opt = opt
	n.scratch = new(sync.Pool)
	n.cat = opt.Actors
	if n.cat == nil {
		n.cat = actors.Default()
	}
	finder := actors.NewFinder(n.cat, actors.Options{Discover: !opt.NoDiscover, Pronouns: !opt.NoPronouns})
	p, err := NewPipeline(cfg, finder)
	if err != nil {
		return nil, err
	}
	n.pipe = p
	return &n, nil
}

// Pipeline returns the model's pipeline.
func (m *Model) Pipeline() *Pipeline { return m.pipe }

// File returns the model file the Model was built from.
func (m *Model) File() *models.File { return m.file }

// Options returns the options m was built with.
func (m *Model) Options() Options { return m.opt }

// scratch holds per-call working memory; Models pool them.
type scratch struct {
	feats   []features.Feature
	contrib []float32 // per feature: its push on P(positive) − P(negative), in logit units
	offs    []int     // feats[offs[i]:offs[i+1]] belong to mention i
	mprobs  [][3]float64
	mrole   [][3]float64 // per mention: the role head's logit sums over its features
	weights []float64
	voices  []string
	probs   []float64
	idx     []uint32
	val     []float32
}

func (m *Model) getScratch() *scratch {
	if s, ok := m.scratch.Get().(*scratch); ok {
		return s
	}
	return &scratch{}
}

func (m *Model) putScratch(s *scratch) {
	if cap(s.feats) > 1<<20 {
		return // do not keep the memory of a huge text alive
	}
	m.scratch.Put(s)
}

// Score reports how text frames each actor in it.
func (m *Model) Score(text string) Report {
	t := m.pipe.Analyze(text)
	defer m.pipe.Release(t)
	s := m.getScratch()
	defer m.putScratch(s)
	s.reset()
	for _, mn := range t.Mentions {
		m.addMention(t, s, features.Span{Start: mn.Start, End: mn.End}, mn.Via)
	}
	return m.report(t, s)
}

func (s *scratch) reset() {
	s.feats, s.contrib = s.feats[:0], s.contrib[:0]
	s.offs = append(s.offs[:0], 0)
	s.mprobs, s.mrole, s.weights = s.mprobs[:0], s.mrole[:0], s.weights[:0]
}

// addMention extracts and scores one mention. A single pass over its
// features computes the polarity logits, the role head's partial sums and
// each feature's contribution, so that frames and evidence later need no
// second look at the weights.
func (m *Model) addMention(t *Text, s *scratch, span features.Span, via actors.Via) {
	from := len(s.feats)
	s.feats = t.Features(span, s.feats)
	fs := s.feats[from:]
	K := m.pol.Classes
	pw, rw := m.pol.W, []float32(nil)
	if m.role != nil {
		rw = m.role.W
	}
	var l, r [3]float64
	for k := 0; k < 3; k++ {
		l[k] = float64(m.pol.B[k])
	}
	for _, f := range fs {
		i := int(f.Index) * K
		v := float64(f.Value)
		row := pw[i : i+3 : i+3]
		l[0] += float64(row[0]) * v
		l[1] += float64(row[1]) * v
		l[2] += float64(row[2]) * v
		s.contrib = append(s.contrib, (row[2]-row[0])*f.Value)
		if rw != nil {
			rr := rw[i : i+3 : i+3]
			r[0] += float64(rr[0]) * v
			r[1] += float64(rr[1]) * v
			r[2] += float64(rr[2]) * v
		}
	}
	p := softmax3(l)
	s.offs = append(s.offs, len(s.feats))
	s.mprobs = append(s.mprobs, p)
	s.mrole = append(s.mrole, r)
	s.weights = append(s.weights, mentionWeight(p, via))
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

func (m *Model) probs(s *scratch, fs []features.Feature) [3]float64 {
	s.idx, s.val = s.idx[:0], s.val[:0]
	for _, f := range fs {
		s.idx = append(s.idx, f.Index)
		s.val = append(s.val, f.Value)
	}
	s.probs = m.pol.Probs(s.idx, s.val, s.probs[:0])
	return [3]float64{s.probs[0], s.probs[1], s.probs[2]}
}

// MentionScore is the framing of one given mention.
type MentionScore struct {
	Mention
	Evidence []Evidence `json:"evidence,omitempty"`
}

// ErrSpan is returned for a mention span that is not inside the text.
var ErrSpan = errors.New("stance: mention span outside the text or not on character boundaries")

// ScoreMention scores the mention at byte offsets [from, to) of text, for
// callers that bring their own entity spans.
func (m *Model) ScoreMention(text string, from, to int) (MentionScore, error) {
	if from < 0 || to > len(text) || from >= to || !boundary(text, from) || !boundary(text, to) {
		return MentionScore{}, fmt.Errorf("%w: [%d, %d) in a text of %d bytes", ErrSpan, from, to, len(text))
	}
	t := m.pipe.Analyze(text)
	defer m.pipe.Release(t)
	s := m.getScratch()
	defer m.putScratch(s)
	s.reset()
	m.addMention(t, s, features.Span{Start: from, End: to}, actors.Listed)
	ms := MentionScore{Mention: m.mention(t, from, to, "given", s.mprobs[0], voiceOf(t, from))}
	if !m.opt.NoEvidence {
		ms.Evidence = m.evidence(&t.Doc, s, []int{0}, 5)
	}
	return ms, nil
}

func boundary(s string, i int) bool {
	return i == len(s) || utf8.RuneStart(s[i])
}

func (m *Model) mention(t *Text, from, to int, via string, p [3]float64, voice string) Mention {
	ss, se := sentenceAround(&t.Doc, from)
	return Mention{
		Start: from, End: to, Text: t.Doc.Text[from:to], Via: via,
		Score: p[2] - p[0], Label: PolarityLabels[argmax(p[:])], Prob: p,
		Voice: voice, Sentence: t.Doc.Text[ss:se],
	}
}

func sentenceAround(d *features.Doc, pos int) (int, int) {
	i := d.TokenAt(pos)
	if i >= len(d.Tokens) || len(d.Sentences) == 0 {
		return pos, pos
	}
	return d.SentenceSpan(d.SentenceOf(i))
}

// voiceOf names the voice at pos: "author", or the quoted source.
func voiceOf(t *Text, pos int) string {
	qi := t.QuoteAt(pos)
	if qi < 0 {
		return Author
	}
	q := t.Quotes[qi]
	if q.Source == "" {
		return Unattributed
	}
	if i := t.mentionIn(q.SourceStart, q.SourceEnd); i >= 0 {
		return t.Mentions[i].Actor
	}
	return q.Source
}

// Voices.
const (
	Author       = "author"
	Unattributed = "unattributed"
)

func argmax(p []float64) int {
	best := 0
	for i := range p {
		if p[i] > p[best] {
			best = i
		}
	}
	return best
}

// evidence returns the n features of mentions idx that push
// P(positive) − P(negative) hardest, merged by name. It keeps a short list
// of the strongest contributions in one pass, so only a few features are
// ever rendered as names.
func (m *Model) evidence(d *features.Doc, s *scratch, idx []int, n int) []Evidence {
	const keep = 12
	// A candidate is a feature's position in s.feats with its weight and
	// the weight's magnitude, so the scan copies 12 bytes per insertion
	// rather than a whole Feature and never recomputes magnitudes.
	type cand struct {
		j      int
		w, abs float32
	}
	var top [keep]cand
	nt := 0
	// thr is the magnitude a feature must beat once top is full.
	var thr float32
	for _, i := range idx {
		for j := s.offs[i]; j < s.offs[i+1]; j++ {
			w := s.contrib[j]
			aw := float32(math.Abs(float64(w)))
			if aw == 0 || nt == keep && aw <= thr {
				continue
			}
			k := nt
			if nt < keep {
				nt++
			} else {
				k = keep - 1
			}
			for k > 0 && top[k-1].abs < aw {
				top[k] = top[k-1]
				k--
			}
			top[k] = cand{j, w, aw}
			thr = top[nt-1].abs
		}
	}
	out := make([]Evidence, 0, min(n, nt)) // one allocation, not a growing slice
	for _, c := range top[:nt] {
		name := d.FeatureName(s.feats[c.j])
		merged := false
		for i := range out {
			if out[i].Feature == name {
				out[i].Weight += float64(c.w)
				merged = true
			}
		}
		if !merged {
			if len(out) == n {
				continue
			}
			out = append(out, Evidence{Feature: name, Weight: float64(c.w)})
		}
	}
	for i := range out {
		out[i].Weight = math.Round(out[i].Weight*1000) / 1000
	}
	return out
}

// loadBytes is Load on an in-memory file.
func loadBytes(b []byte) (*Model, error) { return Load(bytes.NewReader(b)) }
