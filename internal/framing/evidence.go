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
