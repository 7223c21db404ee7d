package framing

import (
	"math"
	"sort"

	"github.com/actorframe/actorframe/features"
)

// The article's side: roles depend on each other. An actor harmed by the
// article's aggressor leans innocent, one that fights or stops it leans
// protagonist, one that harms those who harm no one leans antagonist. A
// cue word ("shelled", "rescued") that one actor's mention is the agent
// of and another's the patient of says who does what to whom; SideStats
// sums such pairs, and how the other actors of the text are framed, into
// values the role head learns from.

// cueLink is one cue word a mention is the agent or the patient of.
type cueLink struct {
	tok  int32 // the cue word's token: two mentions linked to it are linked to each other
	fact features.CueFact
}

// SetGroups says which mentions of s are one actor's: groups holds the
// mention indices of each actor of the text, as a report groups them.
// SideStats reads it to tell the actor's own mentions from the others';
// without it, s holds one actor and no relations.
func (s *Scores) SetGroups(groups [][]int) {
	s.group = s.group[:0]
	for range s.probs {
		s.group = append(s.group, -1)
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

// links returns the cue links of mention i.
func (s *Scores) linksOf(i int) []cueLink { return s.links[s.meta[i].links[0]:s.meta[i].links[1]] }

// SideStats are an actor's relations to the other actors of its text. Counts
// are of linked cue words: a word the actor's mention is the agent of and
// another actor's the patient of, or the reverse.
type SideStats struct {
	HarmedBy       float64 // aggression by another actor on this one, in the author's voice
	HarmedByQuoted float64 // the same in quotations
	HarmedByWorst  float64 // aggression on it by the text's aggressor (see Worst)
	Harms          float64 // aggression by this actor on another, in the author's voice
	HarmsQuoted    float64 // the same in quotations
	HarmsHarmer    float64 // aggression or condemnation by it of an actor that is itself an aggressor
	HarmsHarmless  float64 // aggression by it on an actor that is nowhere an aggressor
	HelpsHarmed    float64 // protection or peace by it for an actor that others harm
	HelpedBy       float64 // protection, peace or praise it receives from another actor
	Worst          float64 // 1 when it is the text's aggressor: the agent of the most aggression, at least one
	MostNeg        float64 // 1 when its mentions are framed worse than every other actor's
	MostPos        float64 // 1 when framed better than every other actor's
	RelScore       float64 // its mean P(positive) − P(negative) less the other actors' mean of theirs

	// Its mentions in one sentence with the text's aggressor (another
	// actor), where no cue word need link the two: those that suffer or
	// are harmed there while the aggressor acts, those that act there
	// (harm, protect, condemn, make peace), and all of them.
	SentHarmedByWorst, SentActsOnWorst, SentWithWorst float64
}

// sideAcc is what SideStats needs of one actor.
type sideAcc struct {
	n, score         float64 // mentions, summed P(positive) − P(negative)
	aggAgent, harmed float64 // aggression it does, and undergoes, anywhere in the text
}

func (a *sideAcc) add(s *Scores, j int) {
	p := s.probs[j]
	a.n++
	a.score += p[2] - p[0]
	a.aggAgent += s.cues[j][features.CueAggression].Agent
	a.harmed += s.cues[j][features.CueAggression].Patient
}

func (a *sideAcc) mean() float64 { return a.score / a.n }

// worseAggressor reports whether a is more the aggressor than b: more
// aggression, or as much and worse framed.
func (a *sideAcc) worseAggressor(b *sideAcc) bool {
	return a.aggAgent > b.aggAgent || a.aggAgent == b.aggAgent && a.mean() < b.mean()
}

// sideIndex is what sideStats reads of the whole text, built once per
// text so that an actor's relations cost its own mentions, not the
// text's: each actor's totals, the actors ranked, which actors stand in
// each sentence, and the mentions linked to each cue word.
type sideIndex struct {
	n        int               // mentions indexed
	acc      []sideAcc         // per actor (group)
	aggRank  []int             // actors with aggression, the worst aggressor first, then by first mention
	byScore  []int             // actors, worst framed first
	scoreSum float64           // sum over actors of their mean score
	inSent   map[[2]int32]bool // (sentence, actor) → whether the actor is an aggression agent there; present when it stands there
	byTok    map[int32][]int   // cue word token → mentions linked to it
}

// sideIndex returns the index of s, building it after SetGroups.
func (s *Scores) sideIndex() *sideIndex {
	if x := s.side; x != nil && x.n == len(s.probs) {
		return x
	}
	x := &sideIndex{n: len(s.probs), acc: make([]sideAcc, s.ngroups), inSent: map[[2]int32]bool{}, byTok: map[int32][]int{}}
	for j := range s.probs {
		g := s.group[j]
		x.acc[g].add(s, j)
		k := [2]int32{s.meta[j].sent, g}
		x.inSent[k] = x.inSent[k] || s.cues[j][features.CueAggression].Agent > 0
		for _, l := range s.linksOf(j) {
			if m := x.byTok[l.tok]; len(m) == 0 || m[len(m)-1] != j {
				x.byTok[l.tok] = append(m, j)
			}
		}
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
// one group of SetGroups: how it compares with the other actors, the
// sentences it shares with the text's aggressor, and the cue words that
// link its mentions to the others'. Without groups it is zero.
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
	others := 0
	for g := range x.acc {
		if g != self && x.acc[g].n > 0 {
			others++
		}
	}
	if others > 0 {
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
	// equals; -1 when it is this actor, -2 when there is none
	worst := firstOther(x.aggRank, self)
	switch {
	case own.aggAgent > 0 && (worst < 0 || !x.acc[worst].worseAggressor(&own)):
		worst = -1
		st.Worst = 1
	case worst < 0:
		worst = -2
	}
	if worst >= 0 {
		for _, i := range idx {
			acts, there := x.inSent[[2]int32{s.meta[i].sent, int32(worst)}]
			if !there {
				continue
			}
			c := &s.cues[i]
			st.SentWithWorst++
			if c[features.CueAggression].Agent+c[features.CueProtection].Agent+c[features.CueCondemn].Agent+c[features.CuePeace].Agent > 0 {
				st.SentActsOnWorst++
			}
			if acts && c[features.CueAggression].Patient+c[features.CueSuffering].Agent+c[features.CueSuffering].Patient > 0 {
				st.SentHarmedByWorst++
			}
		}
	}
	for _, i := range idx {
		quoted := s.meta[i].voice.Kind != AuthorVoice
		for _, l := range s.linksOf(i) {
			for _, j := range x.byTok[l.tok] {
				g := int(s.group[j])
				if g == self {
					continue
				}
				for _, o := range s.linksOf(j) {
					if o.tok == l.tok && o.fact.Rel != l.fact.Rel {
						st.addLink(l.fact, quoted, &x.acc[g], g == worst)
					}
				}
			}
		}
	}
	return st
}

// addLink counts one linked cue word: the actor is l.Rel of an act of
// class l.Class whose other party is the actor other.
func (st *SideStats) addLink(l features.CueFact, quoted bool, other *sideAcc, byWorst bool) {
	switch {
	case l.Class == features.CueAggression && l.Rel == features.RelPatient:
		if quoted {
			st.HarmedByQuoted++
		} else {
			st.HarmedBy++
		}
		if byWorst {
			st.HarmedByWorst++
		}
	case l.Class == features.CueAggression && l.Rel == features.RelAgent:
		if quoted {
			st.HarmsQuoted++
		} else {
			st.Harms++
		}
		// fighting an aggressor, even one that fights back, is not
		// harming the harmless
		if other.aggAgent > 0 {
			st.HarmsHarmer++
		} else {
			st.HarmsHarmless++
		}
	case l.Class == features.CueCondemn && l.Rel == features.RelAgent:
		if other.aggAgent > 0 {
			st.HarmsHarmer++
		}
	case (l.Class == features.CueProtection || l.Class == features.CuePeace) && l.Rel == features.RelAgent:
		if other.harmed > 0 {
			st.HelpsHarmed++
		}
	case (l.Class == features.CueProtection || l.Class == features.CuePeace || l.Class == features.CuePraise) && l.Rel == features.RelPatient:
		st.HelpedBy++
	}
}

// sideSummaries are the role head's inputs from SideStats, counts
// log-scaled as the cue counts are.
func sideSummaries() []Summary {
	lg := math.Log1p
	return []Summary{
		{"side:harmed_by", func(st *ActorStats) float64 { return lg(st.Side.HarmedBy) }},
		{"side:harmed_by:quoted", func(st *ActorStats) float64 { return lg(st.Side.HarmedByQuoted) }},
		{"side:harmed_by_worst", func(st *ActorStats) float64 { return lg(st.Side.HarmedByWorst) }},
		{"side:harms", func(st *ActorStats) float64 { return lg(st.Side.Harms) }},
		{"side:harms:quoted", func(st *ActorStats) float64 { return lg(st.Side.HarmsQuoted) }},
		{"side:harms_harmer", func(st *ActorStats) float64 { return lg(st.Side.HarmsHarmer) }},
		{"side:harms_harmless", func(st *ActorStats) float64 { return lg(st.Side.HarmsHarmless) }},
		{"side:helps_harmed", func(st *ActorStats) float64 { return lg(st.Side.HelpsHarmed) }},
		{"side:helped_by", func(st *ActorStats) float64 { return lg(st.Side.HelpedBy) }},
		{"side:worst", func(st *ActorStats) float64 { return st.Side.Worst }},
		{"side:sent:harmed_by_worst", func(st *ActorStats) float64 { return lg(st.Side.SentHarmedByWorst) }},
		{"side:sent:acts_on_worst", func(st *ActorStats) float64 { return lg(st.Side.SentActsOnWorst) }},
		{"side:sent:with_worst", func(st *ActorStats) float64 { return lg(st.Side.SentWithWorst) }},
		{"side:most_neg", func(st *ActorStats) float64 { return st.Side.MostNeg }},
		{"side:most_pos", func(st *ActorStats) float64 { return st.Side.MostPos }},
		{"side:rel_score", func(st *ActorStats) float64 { return st.Side.RelScore }},
	}
}
