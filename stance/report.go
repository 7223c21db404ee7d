package stance

// Report is how one text frames each actor in it.
type Report struct {
	// Actors, most mentioned first.
	Actors []ActorFrame `json:"actors"`
}

// Actor returns the frame of the actor with canonical name name.
func (r *Report) Actor(name string) (ActorFrame, bool) {
	for _, a := range r.Actors {
		if a.Actor == name {
			return a, true
		}
	}
	return ActorFrame{}, false
}

// Polarity labels.
const (
	Negative = "negative"
	Neutral  = "neutral"
	Positive = "positive"
)

// Main roles.
const (
	Protagonist = "protagonist"
	Antagonist  = "antagonist"
	Innocent    = "innocent"
	NeutralRole = "neutral"
)

// Frame is a judgement of an actor by one voice or by the whole text.
type Frame struct {
	// Score is P(positive) − P(negative), averaged over the mentions
	// weighted by confidence: -1 is hostile, +1 sympathetic.
	Score float64 `json:"score"`
	// Label is negative, neutral or positive. For actors of a Report it
	// is calibrated to document-level judgements (see LabelWeightsMeta),
	// so a slightly negative Score may be labelled neutral; a label never
	// has the opposite sign of Score.
	Label string `json:"label"`
	// Confidence is the probability of Label, in [0, 1], after that
	// calibration.
	Confidence float64 `json:"confidence"`
	// Probs are P(negative), P(neutral), P(positive) averaged over the
	// mentions, weighted by confidence, before calibration.
	Probs [3]float64 `json:"probs"`
	// Role is protagonist, antagonist, innocent, or neutral when the text
	// takes no side.
	Role string `json:"role"`
	// RoleConfidence is the probability of Role.
	RoleConfidence float64 `json:"role_confidence"`
	// FineRole is a frame from the SemEval-2025 Task 10 taxonomy (Guardian,
	// Peacemaker, Tyrant, Terrorist, Victim...) where cue words support one.
	FineRole string `json:"fine_role,omitempty"`
	// Mentions counts the mentions this frame rests on.
	Mentions int `json:"mentions"`
}

// ActorFrame is how the text frames one actor.
type ActorFrame struct {
	Actor  string `json:"actor"`            // canonical name
	Kind   string `json:"kind,omitempty"`   // country, person, armed_group...
	Parent string `json:"parent,omitempty"` // e.g. Putin's parent is Russia
	Frame
	// Voices counted in Score: "all" (the author and every quoted source)
	// or "author".
	Counted string `json:"counted"`
	// Author is the frame in the author's own voice, outside quotations;
	// nil when every mention is quoted.
	Author *Frame `json:"author,omitempty"`
	// Sources are the frames in quoted voices, one per source.
	Sources []SourceFrame `json:"sources,omitempty"`
	// Evidence are the features that moved the score most, strongest first.
	Evidence []Evidence `json:"evidence,omitempty"`
	// Mentions of the actor, in text order.
	MentionList []Mention `json:"mention_list"`
}

// SourceFrame is how one quoted source frames the actor.
type SourceFrame struct {
	Source string `json:"source"` // canonical actor name, or the source as written
	Frame
	// Quotes are the quoted sentences that mention the actor.
	Quotes []string `json:"quotes,omitempty"`
}

// Evidence is one feature's contribution to an actor's score.
type Evidence struct {
	Feature string  `json:"feature"` // readable, e.g. "⟨T⟩ crushed"
	Weight  float64 `json:"weight"`  // contribution to P(positive) − P(negative), summed over mentions
}

// Mention is one mention of an actor and how it is framed there.
type Mention struct {
	Start    int        `json:"start"` // byte offsets in the text
	End      int        `json:"end"`
	Text     string     `json:"text"`
	Via      string     `json:"via"` // listed, discovered, pronoun, given
	Score    float64    `json:"score"`
	Label    string     `json:"label"`
	Prob     [3]float64 `json:"probs"` // P(negative), P(neutral), P(positive)
	Voice    string     `json:"voice"` // "author", or the quoted source
	Sentence string     `json:"sentence"`
}
