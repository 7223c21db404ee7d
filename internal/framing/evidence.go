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
func ActorEvidence(d *features.Doc, s *Scores, idx []int, n int) []Evidence {
	if len(idx) > evidenceMentions {
		top := append([]int(nil), idx...)
		sort.SliceStable(top, func(a, b int) bool {
			return math.Abs(s.probs[top[a]][2]-s.probs[top[a]][0]) > math.Abs(s.probs[top[b]][2]-s.probs[top[b]][0])
		})
		idx = top[:evidenceMentions]
	}
	return MentionEvidence(d, s, idx, n)
}

// MentionEvidence returns the n features of mentions idx that push
// P(positive) − P(negative) hardest, merged by name. It keeps a short list
// of the strongest contributions in one pass, so only a few features are
// ever rendered as names.
func MentionEvidence(d *features.Doc, s *Scores, idx []int, n int) []Evidence {
	var top [keepPerMention]strong
	nt := 0
	for _, i := range idx {
		for j := s.offs[i]; j < s.offs[i+1]; j++ {
			nt = pushStrong(top[:], nt, j, s.contrib[j])
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

// strong is a feature's position with its contribution and the magnitude
// the ranking reads, so an insertion copies 12 bytes, not a Feature.
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
