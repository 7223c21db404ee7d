package framing

import (
	"fmt"
	"math"

	"github.com/actorframe/actorframe/features"
	"github.com/actorframe/actorframe/models"
)

// Input says what a head reads.
type Input uint8

const (
	// MentionInput: the features of one mention.
	MentionInput Input = iota
	// ActorInput: the features of an actor's mentions, summed and scaled
	// by 1/√n, plus the head's summary values of the actor.
	ActorInput
	// SummaryInput: the head's summary values of the actor alone.
	SummaryInput
	// VectorInput: the dense word-vector view of one mention (package
	// features/wordvec), read from the model file's vectors.
	VectorInput
	// ActorVectorInput: the mean over an actor's mentions of their
	// word-vector views.
	ActorVectorInput
)

// Head names in model files.
const (
	PolarityHead = "polarity"
	RoleHead     = "role"
	ActorHead    = "actor"
	VectorHead   = "polarity-vectors"
	RoleVecHead  = "role-vectors"
)

// HeadSpec describes one kind of head: its name in model files, its
// classes, what it reads. Adding a head is adding a row to Specs, a fit
// in package train, and a use of its output here.
type HeadSpec struct {
	Name     string
	Labels   []string
	Input    Input
	Required bool
	// Summary are named values of an actor appended to an ActorInput
	// head's vector, each at the feature index of its name.
	Summary []Summary
}

// Summary is one named value computed from an actor's mentions.
type Summary struct {
	Name  string
	Value func(st *ActorStats) float64
}

// ActorStats is what an actor's summary values are computed from: the
// weighted mean of its mentions' polarity probabilities, and how often it
// is the agent or the patient of each kind of act; and, for the actor
// head, how its mentions spread. Nothing in it says who the actor is.
type ActorStats struct {
	P    [3]float64
	Cues CueTally
	Side SideStats // how it stands to the text's other actors

	N                int           // mentions
	Mean, Max, Min   [3]float64    // unweighted, over the mentions
	FracNeg, FracPos float64       // share of mentions whose most probable class is negative, positive
	Pronoun, Quoted  float64       // share of mentions that are pronouns, that stand in quotations
	AuthorScore      float64       // mean P(pos) − P(neg) of the author's mentions (0 without)
	QuotedScore      float64       // the same in quotations
	Lead             float64       // 1 when a mention stands in the first sentence or paragraph
	Lex              [2][2]float64 // per mention: [near, far][positive, negative] lexicon weight
}

// cueSummaries are an actor's cue counts as summary values, log-scaled:
// who does what to whom is the evidence roles rest on, and a head learns
// from data how much each counts.
func cueSummaries() []Summary {
	var out []Summary
	for c := features.CueClass(1); c < features.NumCues; c++ {
		out = append(out,
			Summary{"cue:" + c.String() + ":agent", func(st *ActorStats) float64 { return math.Log1p(st.Cues[c].Agent) }},
			Summary{"cue:" + c.String() + ":patient", func(st *ActorStats) float64 { return math.Log1p(st.Cues[c].Patient) }})
	}
	return out
}

// actorSummaries are the actor head's inputs: the spread of the actor's
// mention probabilities, where and in whose voice it is mentioned, its
// cue counts and the lexicon around it.
func actorSummaries() []Summary {
	cls := [3]string{"neg", "neu", "pos"}
	var out []Summary
	for c := range 3 {
		out = append(out,
			Summary{"actor:mean:" + cls[c], func(st *ActorStats) float64 { return st.Mean[c] }},
			Summary{"actor:wmean:" + cls[c], func(st *ActorStats) float64 { return st.P[c] }},
			Summary{"actor:max:" + cls[c], func(st *ActorStats) float64 { return st.Max[c] }},
			Summary{"actor:min:" + cls[c], func(st *ActorStats) float64 { return st.Min[c] }})
	}
	out = append(out,
		Summary{"actor:score", func(st *ActorStats) float64 { return st.Mean[2] - st.Mean[0] }},
		Summary{"actor:frac:neg", func(st *ActorStats) float64 { return st.FracNeg }},
		Summary{"actor:frac:pos", func(st *ActorStats) float64 { return st.FracPos }},
		Summary{"actor:n", func(st *ActorStats) float64 { return math.Log1p(float64(st.N)) / 3 }},
		Summary{"actor:pronoun", func(st *ActorStats) float64 { return st.Pronoun }},
		Summary{"actor:quoted", func(st *ActorStats) float64 { return st.Quoted }},
		Summary{"actor:author:score", func(st *ActorStats) float64 { return st.AuthorScore }},
		Summary{"actor:quoted:score", func(st *ActorStats) float64 { return st.QuotedScore }},
		Summary{"actor:lead", func(st *ActorStats) float64 { return st.Lead }},
		Summary{"actor:lex:near:pos", func(st *ActorStats) float64 { return st.Lex[0][0] }},
		Summary{"actor:lex:near:neg", func(st *ActorStats) float64 { return st.Lex[0][1] }},
		Summary{"actor:lex:far:pos", func(st *ActorStats) float64 { return st.Lex[1][0] }},
		Summary{"actor:lex:far:neg", func(st *ActorStats) float64 { return st.Lex[1][1] }},
		Summary{"actor:bias", func(*ActorStats) float64 { return 1 }},
	)
	for _, s := range cueSummaries() {
		s.Name = "actor:" + s.Name
		out = append(out, s)
	}
	return out
}

// Specs are the heads this package scores, in the order of Engine.Heads.
// The polarity head comes first.
var specs = []HeadSpec{
	{Name: PolarityHead, Labels: LabelNames(), Input: MentionInput, Required: true},
	// The vector head is a second view of a mention's polarity, from word
	// vectors; the engine blends the two heads' probabilities.
	{Name: VectorHead, Labels: LabelNames(), Input: VectorInput},
	{Name: RoleHead, Labels: RoleNames(), Input: ActorInput, Summary: append([]Summary{
		// float32 as stored in the training vectors
		{"polarity:negative", func(st *ActorStats) float64 { return float64(float32(st.P[0])) }},
		{"polarity:positive", func(st *ActorStats) float64 { return float64(float32(st.P[2])) }},
	}, append(cueSummaries(), sideSummaries()...)...)},
	// The role-vectors head is a second view of an actor's role: what the
	// words around its mentions mean (grouped cv on NFC: 0.60 macro-F1
	// alone, against 0.52 for the role head with its cues); the engine
	// blends it with the role head.
	{Name: RoleVecHead, Labels: RoleNames(), Input: ActorVectorInput},
	// The actor head turns an actor's mentions into how the whole text
	// frames it: trained on document and passage labels, it is what an
	// actor's label, score and probabilities in a report come from.
	{Name: ActorHead, Labels: LabelNames(), Input: SummaryInput, Summary: actorSummaries()},
}

// Dim is the size of the head's input space: the hashed feature space,
// or, for a SummaryInput head, just its summary values, one index each,
// so that the head stores a few dozen weights rather than a row per hash.
func (s HeadSpec) Dim(cfg features.Config) int {
	if s.Input == SummaryInput {
		return len(s.Summary)
	}
	return cfg.Dim()
}

// summaryIndex is where the summary value called name sits in the head's
// input: its position for a SummaryInput head, its hash otherwise.
func (s HeadSpec) summaryIndex(cfg features.Config, name string) uint32 {
	if s.Input == SummaryInput {
		for j, sm := range s.Summary {
			if sm.Name == name {
				return uint32(j)
			}
		}
	}
	return cfg.Index(name)
}

// Spec returns the spec of the head called name.
func Spec(name string) (HeadSpec, bool) {
	for _, s := range specs {
		if s.Name == name {
			return s, true
		}
	}
	return HeadSpec{}, false
}

// Head is one trained head of a model, ready to score.
type Head struct {
	Spec  HeadSpec
	Model *models.Linear
	// summary holds the feature index of each Spec.Summary entry.
	summary []uint32
	// sumW holds the weights of each Spec.Summary entry, copied out of
	// Model.W at load: in a hashed head they lie megabytes apart.
	sumW [][3]float32
}

// loadHeads checks f's heads against the specs: a spec'd head must have
// its labels and the feature space's size; a required one must be there.
// Heads the specs do not know are an error, so a newer model is not
// silently half-used.
func loadHeads(f *models.File, cfg features.Config) ([]*Head, error) {
	heads := make([]*Head, len(specs))
	for i := range f.Heads {
		h := &f.Heads[i]
		k := -1
		for j, s := range specs {
			if s.Name == h.Name {
				k = j
			}
		}
		if k < 0 {
			return nil, fmt.Errorf("framing: model has a head %q this build does not know", h.Name)
		}
		s := specs[k]
		if err := checkLabels(h, s.Labels); err != nil {
			return nil, err
		}
		// A vector head's size is its table's, checked by NewEngine.
		if s.Input != VectorInput && s.Input != ActorVectorInput && h.Model.Dim != s.Dim(cfg) {
			return nil, fmt.Errorf("framing: %s head has %d features, the feature config says %d", h.Name, h.Model.Dim, cfg.Dim())
		}
		hd := &Head{Spec: s, Model: h.Model}
		for _, sm := range s.Summary {
			hd.summary = append(hd.summary, s.summaryIndex(cfg, sm.Name))
		}
		if h.Model.Classes == 3 {
			hd.sumW = make([][3]float32, len(hd.summary))
			for j, f := range hd.summary {
				hd.sumW[j] = [3]float32(h.Model.W[int(f)*3:])
			}
		}
		heads[k] = hd
	}
	for i, s := range specs {
		if s.Required && heads[i] == nil {
			return nil, fmt.Errorf("%w: %q", ErrMissingHead, s.Name)
		}
	}
	return heads, nil
}

// ErrMissingHead is returned for a model without a required head.
var ErrMissingHead = fmt.Errorf("framing: model lacks a required head")

func checkLabels(h *models.Head, labels []string) error {
	ok := len(h.Labels) == len(labels)
	for i := 0; ok && i < len(labels); i++ {
		ok = h.Labels[i] == labels[i]
	}
	if !ok {
		return fmt.Errorf("framing: %s head has labels %v, want %v", h.Name, h.Labels, labels)
	}
	return nil
}

// SummaryIndex returns the feature indices of an actor head's summary
// values, for building its training vectors.
func (h *Head) SummaryIndex() []uint32 { return h.summary }

// AppendActorVector appends an ActorInput head's input for an actor: the
// features of its mentions, each scaled by 1/√n for n mentions, then the
// summary values computed from st. Training builds the role head's
// examples with it, and Engine's fast path computes the same logits.
func AppendActorVector(idx []uint32, val []float32, spec HeadSpec, cfg features.Config, mentions [][]features.Feature, st *ActorStats) ([]uint32, []float32) {
	if spec.Input == ActorInput {
		scale := float32(1 / sqrt(float64(len(mentions))))
		for _, fs := range mentions {
			for _, f := range fs {
				idx = append(idx, f.Index)
				val = append(val, f.Value*scale)
			}
		}
	}
	for _, sm := range spec.Summary {
		idx = append(idx, spec.summaryIndex(cfg, sm.Name))
		val = append(val, float32(sm.Value(st)))
	}
	return idx, val
}
