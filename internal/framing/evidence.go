package framing

import (
	"math"
	"sort"

	"github.com/actorframe/actorframe/features"
)

// Evidence is one feature's contribution to an actor's score.
type Evidence struct {
	Feature string  `json:"feature"` // readable, e.g. "⟨T⟩ crushed"
	Weight  float64 `json:"weight"`  // contribution to P(positive) − P(negative), summed over mentions
}

// evidenceMentions bounds how many mentions an actor's evidence is drawn
// from (the strongest ones), so that explanation cost stays flat.
const evidenceMentions = 16

// ActorEvidence explains an actor's score from its strongest mentions: the
// n features that push P(positive) − P(negative) hardest.
func (e *Engine) ActorEvidence(a *Analysis, s *Scores, idx []int, n int) []Evidence {
	if len(idx) > evidenceMentions {
		top := append(s.top[:0], idx...)
		s.top = top
		sort.SliceStable(top, func(x, y int) bool {
			return math.Abs(s.probs[top[x]][2]-s.probs[top[x]][0]) > math.Abs(s.probs[top[y]][2]-s.probs[top[y]][0])
		})
		idx = top[:evidenceMentions]
	}
	return e.MentionEvidence(a, s, idx, n)
}

// MentionEvidence returns the n features of mentions idx of s, scored on
// a, that push P(positive) − P(negative) hardest, merged by name. It
// reads the strongest features a mention kept, or extracts a mention
// that kept none again at its span; either gives the same strongest
// features, since each of those is among the strongest of its mention.
// It keeps a short list of the strongest contributions in one pass, so
// only a few features are ever rendered as names. It returns nil when s
// kept nothing for evidence (KeepNone).
func (e *Engine) MentionEvidence(a *Analysis, s *Scores, idx []int, n int) []Evidence {
	if s.KeepNone && !s.KeepAll {
		return nil
	}
	// A position j names s.feats[j], or, from len(s.feats) on, a feature
	// of the mentions extracted again, all kept in s.reextracted for the call.
	var top [keepPerMention]strong
	nt := 0
	s.reextracted = s.reextracted[:0]
	for _, i := range idx {
		if i+1 < len(s.offs) {
			for j := s.offs[i]; j < s.offs[i+1]; j++ {
				nt = pushStrong(top[:], nt, j, s.contrib[j])
			}
			continue
		}
		if i >= len(s.spans) {
			continue // not a mention of s
		}
		from := len(s.reextracted)
		s.reextracted = a.Features(s.spans[i], s.reextracted)
		for j := from; j < len(s.reextracted); j++ {
			nt = pushStrong(top[:], nt, len(s.feats)+j, e.contribution(&s.reextracted[j]))
		}
	}
	// Names are rendered into one buffer and compared there; only those
	// kept become strings, all slices of one string.
	d := &a.Doc
	b := s.names[:0]
	var ends [keepPerMention]int           // out[i]'s name is b[ends[i-1]:ends[i]]
	out := make([]Evidence, 0, min(n, nt)) // one allocation, not a growing slice
	for _, c := range top[:nt] {
		from := len(b)
		b = d.AppendFeatureName(b, *s.strongFeature(c.j))
		name := b[from:]
		merged := false
		for i := range out {
			if string(b[start(ends[:], i):ends[i]]) == string(name) {
				out[i].Weight += float64(c.w)
				merged = true
			}
		}
		if merged || len(out) == n {
			b = b[:from]
			continue
		}
		ends[len(out)] = len(b)
		out = append(out, Evidence{Weight: float64(c.w)})
	}
	names := string(b)
	s.names = b[:0]
	for i := range out {
		out[i].Feature = names[start(ends[:], i):ends[i]]
	}
	for i := range out {
		out[i].Weight = math.Round(out[i].Weight*1000) / 1000
	}
	return out
}

// strongFeature is the feature at position j of MentionEvidence's
// ranking: s.feats[j], or from len(s.feats) on, one of s.reextracted.
func (s *Scores) strongFeature(j int) *features.Feature {
	if j < len(s.feats) {
		return &s.feats[j]
	}
	return &s.reextracted[j-len(s.feats)]
}

// contribution is feature f's push on P(positive) − P(negative), in
// logit units of the polarity head, as AddMention computes it.
func (e *Engine) contribution(f *features.Feature) float32 {
	i := int(f.Index) * e.pol.Model.Classes
	row := e.pol.Model.W[i : i+3 : i+3]
	return (row[2] - row[0]) * f.Value
}

// start is where the i-th of names ending at ends starts.
func start(ends []int, i int) int {
	if i == 0 {
		return 0
	}
	return ends[i-1]
}

// strong is a feature's position with its contribution and the magnitude
// the ranking reads, so an insertion copies 16 bytes, not a Feature.
type strong struct {
	j      int
	w, abs float32
}

// pushStrong offers the contribution w of feature j to top[:n], which
// holds the strongest met so far by magnitude, largest first, the first
// met first among equals; it returns the new n.
func pushStrong(top []strong, n, j int, w float32) int {
	aw := float32(math.Abs(float64(w)))
	if aw == 0 || n == len(top) && aw <= top[n-1].abs {
		return n
	}
	k := n
	if n < len(top) {
		n++
	} else {
		k = len(top) - 1
	}
	for k > 0 && top[k-1].abs < aw {
		top[k] = top[k-1]
		k--
	}
	top[k] = strong{j, w, aw}
	return n
}
