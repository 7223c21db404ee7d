package framing

import (
	"strings"
	"testing"

	"github.com/actorframe/actorframe/features"
)

// scoreText scores every actor the pipeline finds in text, grouped as a
// report groups them, and returns the mention indices of each actor by
// name.
func scoreText(t *testing.T, e *Engine, p *Pipeline, text string) (*Scores, map[string][]int, *Analysis) {
	t.Helper()
	a := p.Analyze(text)
	s := &Scores{}
	byActor := map[string][]int{}
	var order []string
	for i, m := range a.Mentions {
		e.AddMention(a, s, features.Span{Start: m.Start, End: m.End}, m.Via)
		if byActor[m.Actor] == nil {
			order = append(order, m.Actor)
		}
		byActor[m.Actor] = append(byActor[m.Actor], i)
	}
	var groups [][]int
	for _, k := range order {
		groups = append(groups, byActor[k])
	}
	s.SetGroups(groups)
	return s, byActor, a
}

// An actor's standing among the text's actors.
func TestSideStats(t *testing.T) {
	e, p := defaultEngine(t)
	for _, tt := range []struct {
		text, actor string
		want        func(SideStats) bool
		why         string
	}{
		{"Russian troops shelled Kharkiv overnight, killing four residents.", "Russia",
			func(s SideStats) bool { return s.Worst == 1 && s.MostNeg == 1 && s.RelScore < 0 }, "the aggressor, framed worst"},
		{"Russian troops shelled Kharkiv overnight, killing four residents.", "residents",
			func(s SideStats) bool { return s.Worst == 0 && s.MostNeg == 0 && s.RelScore > 0 }, "the harmed"},
		{"Russian troops shelled Kharkiv overnight. Ukraine said on Friday that it was ready for talks.", "Ukraine",
			func(s SideStats) bool { return s.Worst == 0 && s.MostNeg == 0 && s.RelScore > 0 }, "ready for talks: framed better than the aggressor"},
	} {
		s, byActor, a := scoreText(t, e, p, tt.text)
		idx, ok := byActor[tt.actor]
		if !ok {
			t.Errorf("%q: %s not found", tt.text, tt.actor)
			p.Release(a)
			continue
		}
		if got := sideStats(s, idx); !tt.want(got) {
			t.Errorf("%q, %s (%s): %+v", tt.text, tt.actor, tt.why, got)
		}
		p.Release(a)
	}
}

// Without groups, Scores hold one actor: it has no standing among others.
func TestSideStatsAlone(t *testing.T) {
	e, p := defaultEngine(t)
	text := "Russian troops shelled Kharkiv overnight."
	a := p.Analyze(text)
	defer p.Release(a)
	var s Scores
	i := strings.Index(text, "Kharkiv")
	e.AddMention(a, &s, features.Span{Start: i, End: i + len("Kharkiv")}, 0)
	if got := sideStats(&s, []int{0}); got != (SideStats{}) {
		t.Errorf("an actor alone: %+v, want none", got)
	}
}

// Neutral is kept for actors nothing frames: an actor linked to a cue
// word, or with a mention of more than a trace of polarity, gets one of
// the three roles, however unsure the role decision is.
func TestNeutralOnlyWithoutEvidence(t *testing.T) {
	e := &Engine{role: -1} // no role head: polarity alone decides, and is unsure
	var aggAgent, sufPatient CueTally
	aggAgent[features.CueAggression].Agent = 1
	sufPatient[features.CueSuffering].Patient = 1
	for _, tt := range []struct {
		name    string
		probs   [3]float64
		cues    CueTally
		neutral bool
	}{
		{"merely named: a dateline", [3]float64{0.05, 0.9, 0.05}, CueTally{}, true},
		{"a trace of polarity is not framing", [3]float64{0.1, 0.8, 0.1}, CueTally{}, true},
		{"an act of aggression frames it", [3]float64{0.05, 0.9, 0.05}, aggAgent, false},
		{"suffering frames it", [3]float64{0.05, 0.9, 0.05}, sufPatient, false},
		{"a hostile mention frames it", [3]float64{0.25, 0.7, 0.05}, CueTally{}, false},
		{"a sympathetic mention frames it", [3]float64{0.05, 0.7, 0.25}, CueTally{}, false},
	} {
		var mc mentionCues
		for k := range tt.cues {
			mc[k] = [2]uint8{uint8(tt.cues[k].Agent), uint8(tt.cues[k].Patient)}
		}
		s := &Scores{probs: [][3]float64{tt.probs}, weights: []float64{1}, cues: []mentionCues{mc}, meta: []mentionMeta{{}}}
		st := ActorStats{P: tt.probs, Cues: tt.cues}
		if got, _ := e.roleOf(s, []int{0}, &st, e.vec.roleWeight); (got == NeutralRole) != tt.neutral {
			t.Errorf("%s: role %v, want neutral %v", tt.name, got, tt.neutral)
		}
	}
}
