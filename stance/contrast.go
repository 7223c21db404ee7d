package stance

import (
	"cmp"
	"github.com/actorframe/actorframe/features/actors"
	"math"
	"slices"
)

// ContrastMinDiff is the least difference of score between two frames of an
// actor for Contrast to report them as framing it differently. Below it, two
// voices mostly differ by the noise of a few mentions.
const ContrastMinDiff = 0.25

// LabeledReport is the Report on one document with the document's
// identity, as Contrast takes it.
type LabeledReport struct {
	ID     string `json:"id"`
	Outlet string `json:"outlet,omitempty"`
	Date   string `json:"date,omitempty"`
	Report Report `json:"report"`
}

// ActorContrast is how differently several documents, or the voices in
// them, frame one actor.
type ActorContrast struct {
	Actor     string      `json:"actor"`
	Kind      actors.Kind `json:"kind,omitempty"`
	Documents int         `json:"documents"` // documents that mention the actor
	Mentions  int         `json:"mentions"`  // mentions over all documents
	// Pairs holds, for every two documents (or one document with several
	// voices) that frame the actor differently, the two voices that differ
	// most; the largest difference first, so Pairs[0] is the pair that
	// differs most of all.
	Pairs []FramePair `json:"pairs"`
}

// FramePair is two frames of one actor side by side; A is the more hostile.
type FramePair struct {
	A VoiceFrame `json:"a"`
	B VoiceFrame `json:"b"`
	// Diff is B.Score − A.Score, at least ContrastMinDiff.
	Diff float64 `json:"diff"`
	// OpposedRoles is true when one frame makes the actor a protagonist
	// and the other an antagonist.
	OpposedRoles bool `json:"opposed_roles"`
}

// VoiceFrame is the frame of an actor in one voice of one document.
type VoiceFrame struct {
	Doc      string   `json:"doc"`
	Outlet   string   `json:"outlet,omitempty"`
	Date     string   `json:"date,omitempty"`
	Voice    Voice    `json:"voice"` // the author, or the quoted source
	Score    float64  `json:"score"`
	Label    Label    `json:"label"`
	Role     Role     `json:"role"`
	FineRole FineRole `json:"fine_role,omitempty"`
	Mentions int      `json:"mentions"`
	// Label, Role and FineRole above are the Frame's.

	// Phrases are the mentions that carry the frame: those in this voice
	// whose score has the frame's sign, strongest first, one a sentence,
	// at most three.
	Phrases []Phrase `json:"phrases"`
	// Evidence are the features of the actor in the whole document that
	// push the way this frame does, strongest first, at most three. A
	// Report keeps evidence per actor, not per voice, so where the
	// document has several voices they may come from any of them.
	Evidence []Evidence `json:"evidence,omitempty"`
}

// Phrase is one mention of an actor with the sentence around it.
type Phrase struct {
	Start    int     `json:"start"` // byte offsets of the mention in its document
	End      int     `json:"end"`
	Text     string  `json:"text"`
	Score    float64 `json:"score"`
	Sentence string  `json:"sentence"`
}

// Contrast compares how docs frame each actor: for every two documents,
// and for the voices within each document, it finds the two voices (the
// author, or a quoted source) whose scores of the actor differ most, and
// keeps the pairs that differ by at least ContrastMinDiff. Actors are
// matched by canonical name. The result lists the actors with at least one
// such pair, the strongest contrast first (ties by name); it is empty when
// no two frames differ. The work grows with the square of the number of
// documents that mention an actor, which suits the tens of articles one
// reads side by side.
func Contrast(docs []LabeledReport) []ActorContrast {
	type seen struct {
		kind     actors.Kind
		mentions int
		frames   [][]VoiceFrame // one slice of voices per document mentioning the actor
	}
	byActor := map[string]*seen{}
	var order []string
	for _, d := range docs {
		for _, a := range d.Report.Actors {
			vs := voiceFrames(d, a)
			if len(vs) == 0 {
				continue
			}
			s := byActor[a.Actor]
			if s == nil {
				s = &seen{kind: a.Kind}
				byActor[a.Actor] = s
				order = append(order, a.Actor)
			}
			s.mentions += len(a.MentionList)
			s.frames = append(s.frames, vs)
		}
	}
	var out []ActorContrast
	for _, name := range order {
		s := byActor[name]
		var pairs []FramePair
		for i := range s.frames {
			for j := i; j < len(s.frames); j++ {
				if p, ok := widestPair(s.frames[i], s.frames[j], i == j); ok {
					pairs = append(pairs, p)
				}
			}
		}
		if len(pairs) == 0 {
			continue
		}
		// Stable, so that equal differences keep document order.
		slices.SortStableFunc(pairs, func(a, b FramePair) int { return cmp.Compare(b.Diff, a.Diff) })
		out = append(out, ActorContrast{Actor: name, Kind: s.kind, Documents: len(s.frames), Mentions: s.mentions, Pairs: pairs})
	}
	slices.SortStableFunc(out, func(a, b ActorContrast) int {
		if c := cmp.Compare(b.Pairs[0].Diff, a.Pairs[0].Diff); c != 0 {
			return c
		}
		return cmp.Compare(a.Actor, b.Actor)
	})
	return out
}

// widestPair returns the pair of frames, one from xs and one from ys (two
// different ones of xs when same), whose scores differ most, and whether
// they differ enough to report.
func widestPair(xs, ys []VoiceFrame, same bool) (FramePair, bool) {
	var best FramePair
	found := false
	for i, x := range xs {
		start := 0
		if same {
			start = i + 1
		}
		for _, y := range ys[start:] {
			a, b := x, y
			if b.Score < a.Score {
				a, b = b, a
			}
			p := FramePair{A: a, B: b, Diff: b.Score - a.Score, OpposedRoles: opposed(a.Role, b.Role)}
			// A pair with opposed roles beats an equal difference
			// without: it is the sharper contrast to show.
			if !found || p.Diff > best.Diff || (p.Diff == best.Diff && p.OpposedRoles && !best.OpposedRoles) {
				best, found = p, true
			}
		}
	}
	return best, found && best.Diff >= ContrastMinDiff
}

// opposed reports whether one role is the protagonist and the other the
// antagonist.
func opposed(r1, r2 Role) bool {
	return r1 == Protagonist && r2 == Antagonist || r1 == Antagonist && r2 == Protagonist
}

// voiceFrames lists the frames of actor a in document d, one per voice
// that mentions it: the author's first, then the quoted sources.
func voiceFrames(d LabeledReport, a ActorFrame) []VoiceFrame {
	var vs []VoiceFrame
	add := func(voice Voice, f Frame) {
		if f.Mentions == 0 {
			return
		}
		vf := VoiceFrame{
			Doc: d.ID, Outlet: d.Outlet, Date: d.Date, Voice: voice,
			Score: f.Score, Label: f.Label, Role: f.Role, FineRole: f.FineRole,
			Mentions: f.Mentions,
		}
		vf.Phrases = carriers(a.MentionList, voice, f.Score)
		for _, e := range a.Evidence {
			if len(vf.Evidence) == 3 {
				break
			}
			if (e.Weight < 0) == (f.Score < 0) && e.Weight != 0 {
				vf.Evidence = append(vf.Evidence, e)
			}
		}
		vs = append(vs, vf)
	}
	if a.Author != nil {
		add(Voice{Kind: AuthorVoice}, *a.Author)
	}
	for _, s := range a.Sources {
		add(s.Source, s.Frame)
	}
	return vs
}

// carriers picks the mentions in voice whose scores share the sign of the
// frame's score, strongest first, one a sentence, at most three; when
// none does, the strongest mentions of the voice, so that every frame
// shows where it comes from.
func carriers(ms []Mention, voice Voice, score float64) []Phrase {
	var in []Mention
	for _, m := range ms {
		if m.Voice == voice {
			in = append(in, m)
		}
	}
	slices.SortStableFunc(in, func(a, b Mention) int { return cmp.Compare(math.Abs(b.Score), math.Abs(a.Score)) })
	pick := func(agree bool) []Phrase {
		var ps []Phrase
		for _, m := range in {
			if len(ps) == 3 {
				break
			}
			if agree && (m.Score < 0) != (score < 0) {
				continue
			}
			if slices.ContainsFunc(ps, func(p Phrase) bool { return p.Sentence == m.Sentence }) {
				continue
			}
			ps = append(ps, Phrase{Start: m.Start, End: m.End, Text: m.Text, Score: m.Score, Sentence: m.Sentence})
		}
		return ps
	}
	if ps := pick(true); len(ps) > 0 {
		return ps
	}
	return pick(false)
}
