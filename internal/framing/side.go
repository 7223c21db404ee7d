package framing

import (
	"slices"
	"sort"

	"github.com/actorframe/actorframe/features"
)

// The article's side: roles depend on each other. The actor doing the
// most harm in a text is its antagonist more often than not, and an actor
// is read against the others: the worst framed of a text's actors leans
// antagonist, the best framed protagonist or innocent. SideStats holds
// these comparisons for the role head.
//
// Pairs of actors linked by one cue word (who harms, rescues or condemns
// whom), and the sentences an actor shares with the aggressor, were tried
// as well: with the cue counts and these comparisons in the head, they
// added nothing under grouped cross-validation (README, "Roles").

// SetGroups says which mentions of s are one actor's: groups holds the
// mention indices of each actor of the text, as a report groups them.
// SideStats reads it to tell the actor's own mentions from the others';
// without it, s holds one actor and no relations.
func (s *Scores) SetGroups(groups [][]int) {
	// sized once: appending would grow a long text's by a quarter at a time
	s.group = slices.Grow(s.group[:0], len(s.probs))[:len(s.probs)]
	for i := range s.group {
		s.group[i] = -1
	}
	for g, idx := range groups {
		for _, i := range idx {
			s.group[i] = int32(g)
		}
	}
	s.ngroups = len(groups)
	for i, g := range s.group {
		if g < 0 { // in no group: an actor of its own
			s.group[i] = int32(s.ngroups)
			s.ngroups++
		}
	}
	s.side = nil
}

// SideStats are an actor's standing among the other actors of its text.
type SideStats struct {
	Worst    float64 // 1 when it is the text's aggressor: the agent of the most aggression, at least one
	MostNeg  float64 // 1 when its mentions are framed worse than every other actor's
	MostPos  float64 // 1 when framed better than every other actor's
	RelScore float64 // its mean P(positive) − P(negative) less the other actors' mean of theirs
}

// sideAcc is what SideStats needs of one actor.
type sideAcc struct {
	n, score float64 // mentions, summed P(positive) − P(negative)
	aggAgent float64 // aggression it does
}

func (a *sideAcc) add(s *Scores, j int) {
	p := s.probs[j]
	a.n++
	a.score += p[2] - p[0]
	a.aggAgent += float64(s.cues[j][features.CueAggression][0]) // [0]: as agent
}

func (a *sideAcc) mean() float64 { return a.score / a.n }

// worseAggressor reports whether a is more the aggressor than b: more
// aggression, or as much and worse framed.
func (a *sideAcc) worseAggressor(b *sideAcc) bool {
	return a.aggAgent > b.aggAgent || a.aggAgent == b.aggAgent && a.mean() < b.mean()
}

// sideIndex is what sideStats reads of the whole text, built once per
// text so that an actor's standing costs its own mentions, not the
// text's: each actor's totals and the actors ranked.
type sideIndex struct {
	n        int       // mentions indexed
	acc      []sideAcc // per actor (group)
	aggRank  []int     // actors with aggression, the worst aggressor first, then by first mention
	byScore  []int     // actors, worst framed first
	scoreSum float64   // sum over actors of their mean score
}

// sideIndex returns the index of s, building it after SetGroups.
func (s *Scores) sideIndex() *sideIndex {
	if x := s.side; x != nil && x.n == len(s.probs) {
		return x
	}
	x := &sideIndex{n: len(s.probs), acc: make([]sideAcc, s.ngroups)}
	for j := range s.probs {
		x.acc[s.group[j]].add(s, j)
	}
	for g := range x.acc {
		a := &x.acc[g]
		if a.n == 0 {
			continue
		}
		x.scoreSum += a.mean()
		x.byScore = append(x.byScore, g)
		if a.aggAgent > 0 {
			x.aggRank = append(x.aggRank, g)
		}
	}
	sort.SliceStable(x.aggRank, func(i, j int) bool { return x.acc[x.aggRank[i]].worseAggressor(&x.acc[x.aggRank[j]]) })
	sort.SliceStable(x.byScore, func(i, j int) bool { return x.acc[x.byScore[i]].mean() < x.acc[x.byScore[j]].mean() })
	s.side = x
	return x
}

// firstOther returns the first actor of list that is not self, or -1.
func firstOther(list []int, self int) int {
	for _, g := range list {
		if g != self {
			return g
		}
	}
	return -1
}

// sideStats computes the SideStats of the actor with mentions idx, all of
// one group of SetGroups. Without groups it is zero.
func sideStats(s *Scores, idx []int) SideStats {
	var st SideStats
	if len(idx) == 0 || s.ngroups == 0 || len(s.group) != len(s.probs) {
		return st
	}
	x := s.sideIndex()
	self := int(s.group[idx[0]])
	var own sideAcc // of idx alone: one voice of an actor is framed apart
	for _, i := range idx {
		own.add(s, i)
	}
	// every actor indexed has a mention, self among them
	if others := len(x.byScore) - 1; others > 0 {
		ownScore := own.mean()
		if lo := firstOther(x.byScore, self); x.acc[lo].mean() > ownScore {
			st.MostNeg = 1
		}
		for k := len(x.byScore) - 1; k >= 0; k-- {
			if g := x.byScore[k]; g != self {
				if x.acc[g].mean() < ownScore {
					st.MostPos = 1
				}
				break
			}
		}
		st.RelScore = ownScore - (x.scoreSum-x.acc[self].mean())/float64(others)
	}
	// the text's aggressor: the most aggression, and the worse framed of
	// equals; this actor when it is as bad as the worst other
	if worst := firstOther(x.aggRank, self); own.aggAgent > 0 && (worst < 0 || !x.acc[worst].worseAggressor(&own)) {
		st.Worst = 1
	}
	return st
}

// sideSummaries are the role head's inputs from SideStats.
func sideSummaries() []Summary {
	return []Summary{
		{"side:worst", func(st *ActorStats) float64 { return st.Side.Worst }},
		{"side:most_neg", func(st *ActorStats) float64 { return st.Side.MostNeg }},
		{"side:most_pos", func(st *ActorStats) float64 { return st.Side.MostPos }},
		{"side:rel_score", func(st *ActorStats) float64 { return st.Side.RelScore }},
	}
}
