package framing

import (
	"math"

	"github.com/actorframe/actorframe/features"
	"github.com/actorframe/actorframe/features/actors"
)

// Frame is a judgement of an actor from some of its mentions.
type Frame struct {
	// Score is P(positive) − P(negative) of Probs: -1 hostile, +1 sympathetic.
	Score float64
	// Label and Confidence: see Calibration and ChooseLabel.
	Label      Label
	Confidence float64
	// Probs are P(negative), P(neutral), P(positive) averaged over the
	// mentions, weighted by confidence, before calibration.
	Probs          [3]float64
	Role           Role
	RoleConfidence float64
	FineRole       FineRole
	Mentions       int
}

// Frame aggregates mentions idx of one actor of the given kind. Calibrated
// frames (those of actors in a report) choose their label with the
// model's calibration; mention-level frames do not.
func (e *Engine) Frame(s *Scores, idx []int, kind actors.Kind, calibrated bool) Frame {
	P := s.MeanProbs(idx)
	f := Frame{Score: clamp(P[2] - P[0]), Mentions: len(idx)}
	for c := range P {
		f.Probs[c] = round3(P[c])
	}
	w := [3]float64{1, 1, 1}
	if calibrated {
		w = e.calib.LabelWeights
	}
	f.Label, f.Confidence = ChooseLabel(P, w)
	st := ActorStats{P: P, Cues: tallyCues(s, idx)}
	f.Role, f.RoleConfidence = e.roleOf(s, idx, &st)
	f.FineRole = fineRole(f.Role, kind, st.Cues)
	f.Score = round3(f.Score)
	f.Confidence = round3(f.Confidence)
	f.RoleConfidence = round3(f.RoleConfidence)
	return f
}

func clamp(x float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return math.Max(-1, math.Min(1, x))
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// CueTally counts, per cue class, how often an actor is its agent and its
// patient (negated cues left out).
type CueTally [features.NumCues]struct{ Agent, Patient float64 }

func tallyCues(s *Scores, idx []int) CueTally {
	var c CueTally
	for _, i := range idx {
		for k := range c {
			c[k].Agent += s.cues[i][k].Agent
			c[k].Patient += s.cues[i][k].Patient
		}
	}
	return c
}

// add counts one cue fact.
func (c *CueTally) add(f features.CueFact) {
	if int(f.Class) >= len(c) {
		return
	}
	switch f.Rel {
	case features.RelAgent:
		c[f.Class].Agent++
	case features.RelPatient:
		c[f.Class].Patient++
	}
}

// roleOf decides the main role of an actor: the role head's most probable
// role, the head reading the actor's mentions, its polarity and its cue
// counts (as agent and patient of each kind of act). Without a role head,
// polarity decides between protagonist and antagonist. An actor is
// neutral only when nothing frames it: no cue word acts on it or by it,
// and no mention carries more than a trace of polarity.
func (e *Engine) roleOf(s *Scores, idx []int, st *ActorStats) (Role, float64) {
	var rp [3]float64
	if e.role >= 0 {
		rp = e.actorProbs(s, e.role, idx, st)
	} else {
		rp = [3]float64{st.P[2], st.P[0], 0}
	}
	r := argmax(rp[:])
	if !framed(s, idx, &st.Cues) {
		return NeutralRole, 1 - rp[r]
	}
	return Role(r), rp[r]
}

// unframedScore: a mention whose |P(positive) − P(negative)| stays below
// it carries no framing.
const unframedScore = 0.15

// framed reports whether anything in the mentions idx frames the actor.
func framed(s *Scores, idx []int, cues *CueTally) bool {
	for _, c := range cues {
		if c.Agent+c.Patient > 0 {
			return true
		}
	}
	for _, i := range idx {
		if p := s.probs[i]; math.Abs(p[2]-p[0]) >= unframedScore {
			return true
		}
	}
	return false
}

// fineRole picks a frame from the SemEval-2025 taxonomy that the cue words
// support, or NoFineRole when they support none.
func fineRole(role Role, kind actors.Kind, c CueTally) FineRole {
	switch role {
	case Protagonist:
		best, name := 0.0, NoFineRole
		for _, o := range []struct {
			n    float64
			role FineRole
		}{
			// What an actor does frames it more than what is said of it:
			// acts count double against praise.
			{2 * c[features.CueProtection].Agent, Guardian},
			{2 * c[features.CuePeace].Agent, Peacemaker},
			{c[features.CuePraise].Agent + c[features.CuePraise].Patient, Virtuous},
			{c[features.CueSuffering].Agent + c[features.CueAggression].Patient, Underdog},
		} {
			if o.n > best {
				best, name = o.n, o.role
			}
		}
		return name
	case Antagonist:
		switch {
		case c[features.CueAggression].Agent > 0 && kind == actors.ArmedGroup:
			return Terrorist
		case c[features.CueAggression].Agent > 0:
			return Tyrant
		case c[features.CueDeceit].Agent > 0:
			return Deceiver
		case c[features.CueCondemn].Patient > 0:
			return Instigator
		}
	case Innocent:
		if c[features.CueSuffering].Agent+c[features.CueSuffering].Patient+c[features.CueAggression].Patient > 0 {
			return Victim
		}
	}
	return NoFineRole
}
