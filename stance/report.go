package stance

import (
	"fmt"
	"slices"
	"sort"

	"github.com/actorframe/actorframe/features"
	"github.com/actorframe/actorframe/features/actors"
	"github.com/actorframe/actorframe/internal/framing"
)

// Report is how one text frames each actor in it.
type Report struct {
	// Actors, most mentioned first.
	Actors []ActorFrame `json:"actors"`
	// NotText says why the input does not look like text (NUL bytes, or
	// much invalid UTF-8: a program, an image), and is empty for text.
	// Such input is still scored, but its "actors" are words that bytes
	// happened to spell. A text longer than MaxTextBytes is not scored
	// at all: NotText says so and Actors is empty.
	NotText string `json:"not_text,omitempty"`
}

// Actor returns the frame of the actor with canonical name name.
func (r Report) Actor(name string) (ActorFrame, bool) {
	for _, a := range r.Actors {
		if a.Actor == name {
			return a, true
		}
	}
	return ActorFrame{}, false
}

// Label is the polarity of a frame: Negative, Neutral or Positive. It
// prints and marshals as "negative", "neutral", "positive".
type Label = framing.Label

// The polarity labels.
const (
	Negative = framing.Negative
	Neutral  = framing.Neutral
	Positive = framing.Positive
)

// Role is the part an actor plays in the text: Protagonist, Antagonist,
// Innocent, or NeutralRole when the text casts it in none. It prints and
// marshals as "protagonist", "antagonist", "innocent", "neutral".
type Role = framing.Role

// The main roles.
const (
	Protagonist = framing.Protagonist
	Antagonist  = framing.Antagonist
	Innocent    = framing.Innocent
	NeutralRole = framing.NeutralRole
)

// FineRole is a frame from the SemEval-2025 Task 10 taxonomy (Guardian,
// Peacemaker, Virtuous, Underdog, Tyrant, Terrorist, Deceiver,
// Instigator, Victim); NoFineRole, which prints as "", when the evidence
// supports none.
type FineRole = framing.FineRole

// The fine roles.
const (
	NoFineRole = framing.NoFineRole
	Guardian   = framing.Guardian
	Peacemaker = framing.Peacemaker
	Virtuous   = framing.Virtuous
	Underdog   = framing.Underdog
	Tyrant     = framing.Tyrant
	Terrorist  = framing.Terrorist
	Deceiver   = framing.Deceiver
	Instigator = framing.Instigator
	Victim     = framing.Victim
)

// Voice is who speaks where a mention stands: the author (Kind
// AuthorVoice, also inside scare quotes), a quoted source (QuotedVoice,
// with Source the speaker's actor name or the words naming the speaker),
// or a quotation whose speaker is not found (UnattributedVoice). It prints
// and marshals as "author", the source, or "unattributed".
type Voice = framing.Voice

// VoiceKind says whose words a mention stands in.
type VoiceKind = framing.VoiceKind

// The kinds of voice.
const (
	AuthorVoice       = framing.AuthorVoice
	QuotedVoice       = framing.QuotedVoice
	UnattributedVoice = framing.UnattributedVoice
)

// Via says how a mention was found: Listed (catalogue), Discovered (an
// unlisted proper name), Pronoun, or Given (a span passed to ScoreMention).
type Via = actors.Via

// The ways a mention is found.
const (
	Listed     = actors.Listed
	Discovered = actors.Discovered
	Pronoun    = actors.Pronoun
	Given      = actors.Given
)

// Counted says which voices an actor's overall frame counts.
type Counted uint8

const (
	// AllVoices: the author and every quoted source.
	AllVoices Counted = iota
	// AuthorOnly: the author's own voice (Options.AuthorOnly).
	AuthorOnly
)

func (c Counted) String() string {
	if c == AuthorOnly {
		return "author"
	}
	return "all"
}

// MarshalText writes "all" or "author".
func (c Counted) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads "all" or "author".
func (c *Counted) UnmarshalText(b []byte) error {
	switch string(b) {
	case "all":
		*c = AllVoices
	case "author":
		*c = AuthorOnly
	default:
		return fmt.Errorf("stance: unknown counted voices %q", b)
	}
	return nil
}

// Frame is a judgement of an actor by one voice or by the whole text.
//
// One rule ties its numbers together: Probs are the actor's probabilities,
// Label is the most probable class and Score is P(positive) − P(negative)
// of the same Probs. A positive label therefore always has a positive
// score, and an actor whose most probable class is neutral is labelled
// neutral. An actor's Probs come from the model's actor head, which learned
// from document labels how a text frames an actor from its mentions (their
// polarities, voices, positions and cue words); a mention's are its own.
type Frame struct {
	// Score is P(positive) − P(negative): -1 is hostile, +1 sympathetic.
	Score float64 `json:"score"`
	// Label is negative, neutral or positive: the most probable class.
	Label Label `json:"label"`
	// Confidence is the probability of Label.
	Confidence float64 `json:"confidence"`
	// Probs are P(negative), P(neutral), P(positive).
	Probs [3]float64 `json:"probs"`
	// Role is protagonist, antagonist, innocent, or neutral when nothing
	// in the text frames the actor (no cue word acts by or on it, and no
	// mention carries polarity). An actor's overall role is the one the
	// author's own voice gives it, where the author gives one.
	Role Role `json:"role"`
	// RoleConfidence is the role head's probability of Role.
	RoleConfidence float64 `json:"role_confidence"`
	// FineRole is a frame from the SemEval-2025 Task 10 taxonomy where
	// cue words support one.
	FineRole FineRole `json:"fine_role,omitempty"`
	// Mentions counts the mentions this frame rests on.
	Mentions int `json:"mentions"`
}

// ActorFrame is how the text frames one actor.
type ActorFrame struct {
	Actor  string      `json:"actor"`            // canonical name
	Kind   actors.Kind `json:"kind,omitempty"`   // country, person, armed_group...
	Parent string      `json:"parent,omitempty"` // e.g. Putin's parent is Russia
	Frame
	// Counted says which voices Frame counts: all, or the author's only.
	Counted Counted `json:"counted"`
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
	Source Voice `json:"source"` // the quoted voice: its canonical actor name, the source as written, or unattributed
	Frame
	// Quotes are the quoted sentences that mention the actor.
	Quotes []string `json:"quotes,omitempty"`
}

// Evidence is one feature's contribution to an actor's score: Feature
// names it readably (e.g. "⟨T⟩ crushed"), Weight is its push on
// P(positive) − P(negative), summed over the mentions.
type Evidence = framing.Evidence

// Mention is one mention of an actor and how it is framed there.
type Mention struct {
	Start    int        `json:"start"` // byte offsets in the text
	End      int        `json:"end"`
	Text     string     `json:"text"`
	Via      Via        `json:"via"`
	Score    float64    `json:"score"`
	Label    Label      `json:"label"`
	Prob     [3]float64 `json:"probs"` // P(negative), P(neutral), P(positive)
	Voice    Voice      `json:"voice"`
	Sentence string     `json:"sentence"`
}

// report groups the scored mentions of t into actors.
func (m *Model) report(t *framing.Analysis, s *scratch) Report {
	n := len(t.Mentions)
	// Group mentions by actor, in order of first appearance: a group
	// number per mention, then one counting sort into s.members, so that
	// the groups share one reused buffer rather than growing a slice each.
	if s.index == nil {
		s.index = map[string]int{}
	}
	clear(s.index)
	s.group, s.starts = slices.Grow(s.group[:0], n), s.starts[:0]
	for i := 0; i < n; i++ {
		a := t.Mentions[i].Actor
		g, ok := s.index[a]
		if !ok {
			g = len(s.starts)
			s.index[a] = g
			s.starts = append(s.starts, 0)
		}
		s.group = append(s.group, g)
		s.starts[g]++
	}
	// starts[g] becomes where group g begins, and an extra entry the end
	sum := 0
	for g, c := range s.starts {
		s.starts[g] = sum
		sum += c
	}
	s.starts = append(s.starts, sum)
	s.members = append(s.members[:0], make([]int, n)...)
	s.fill = append(s.fill[:0], s.starts...)
	for i, g := range s.group {
		s.members[s.fill[g]] = i
		s.fill[g]++
	}
	ng := len(s.starts) - 1
	s.groups = s.groups[:0]
	for k := range ng {
		s.groups = append(s.groups, s.members[s.starts[k]:s.starts[k+1]])
	}
	s.scores.SetGroups(s.groups) // roles read who acts on whom across actors
	rep := Report{Actors: make([]ActorFrame, 0, ng)}
	if bad, why := features.NotText(t.Original); bad {
		rep.NotText = why
	}
	for k := range ng {
		g := s.members[s.starts[k]:s.starts[k+1]]
		if onlyReports(t, g) {
			continue // a voice, not an actor the text frames
		}
		rep.Actors = append(rep.Actors, m.actorFrame(t, s, g))
	}
	sort.SliceStable(rep.Actors, func(i, j int) bool {
		return len(rep.Actors[i].MentionList) > len(rep.Actors[j].MentionList)
	})
	return rep
}

// onlyReports reports whether the mentions g of one actor are an outlet
// that only reports or is quoted ("RT reported", "according to Reuters"):
// a source of the text's voices, which the text does not frame.
func onlyReports(t *framing.Analysis, g []int) bool {
	if t.Mentions[g[0]].Kind != actors.Media {
		return false
	}
	for _, i := range g {
		// Words of what it reports stand near it ("shelled the market,
		// according to Reuters"): they frame the report, not the outlet.
		if !t.Speaks(i) {
			return false
		}
	}
	return true
}

func (m *Model) actorFrame(t *framing.Analysis, s *scratch, g []int) ActorFrame {
	first := t.Mentions[g[0]]
	af := ActorFrame{Actor: first.Actor, Kind: first.Kind, Parent: first.Parent}
	author := s.author[:0]
	defer func() { s.author = author[:0] }()
	var sources []Voice
	bySource := map[Voice][]int{}
	for _, i := range g {
		v := s.scores.Voice(i) // found once, when scored
		if v.Kind == framing.AuthorVoice {
			author = append(author, i)
			continue
		}
		if _, ok := bySource[v]; !ok {
			sources = append(sources, v)
		}
		bySource[v] = append(bySource[v], i)
	}
	counted := g
	if m.opt.AuthorOnly && len(author) > 0 {
		counted, af.Counted = author, AuthorOnly
	}
	af.Frame = frameOf(m.eng.Frame(&s.scores, counted, first.Kind, true))
	if len(author) > 0 {
		f := af.Frame
		if len(author) < len(counted) {
			// otherwise the author's mentions are the counted ones, whose
			// frame is af.Frame
			f = frameOf(m.eng.Frame(&s.scores, author, first.Kind, true))
		}
		af.Author = &f
		// The role is the article's casting, and the article speaks in
		// its author's voice: where the author casts the actor, quoted
		// accusations and praise do not recast it.
		if f.Role != NeutralRole && len(author) < len(counted) {
			af.Role, af.RoleConfidence, af.FineRole = f.Role, f.RoleConfidence, f.FineRole
		}
	}
	for _, src := range sources {
		idx := bySource[src]
		sf := SourceFrame{Source: src, Frame: frameOf(m.eng.Frame(&s.scores, idx, first.Kind, true))}
		for _, i := range idx {
			ss, se := t.SentenceAround(t.Mentions[i].Start)
			q, _, _ := t.OriginalSpan(ss, se)
			if len(sf.Quotes) == 0 || sf.Quotes[len(sf.Quotes)-1] != q {
				sf.Quotes = append(sf.Quotes, q)
			}
		}
		af.Sources = append(af.Sources, sf)
	}
	if !m.opt.NoEvidence {
		af.Evidence = m.eng.ActorEvidence(t, &s.scores, counted, 6)
	}
	af.MentionList = make([]Mention, 0, len(g))
	for _, i := range g {
		mn := t.Mentions[i]
		af.MentionList = append(af.MentionList, mentionOf(t, mn.Start, mn.End, mn.Via, s.scores.Probs(i), s.scores.Voice(i)))
	}
	return af
}

func frameOf(f framing.Frame) Frame {
	return Frame{
		Score: f.Score, Label: f.Label, Confidence: f.Confidence, Probs: f.Probs,
		Role: f.Role, RoleConfidence: f.RoleConfidence, FineRole: f.FineRole, Mentions: f.Mentions,
	}
}

func mentionOf(t *framing.Analysis, from, to int, via Via, p [3]float64, voice Voice) Mention {
	ss, se := t.SentenceAround(from)
	text, start, end := t.OriginalSpan(from, to)
	sentence, _, _ := t.OriginalSpan(ss, se)
	l := 0 // the first most probable class
	for k := 1; k < 3; k++ {
		if p[k] > p[l] {
			l = k
		}
	}
	return Mention{
		Start: start, End: end, Text: text, Via: via,
		Score: p[2] - p[0], Label: framing.LabelOf(l), Prob: p,
		Voice: voice, Sentence: sentence,
	}
}
