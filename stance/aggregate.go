package stance

import (
	"math"
	"sort"

	"github.com/actorframe/actorframe/features"
	"github.com/actorframe/actorframe/features/actors"
)

// pronounWeight is how much a mention found through a pronoun counts next
// to a named one: pronoun resolution is right less often.
const pronounWeight = 0.5

// neutralBand: an actor whose score stays inside ±neutralBand and whose
// role model is unsure (below neutralRoleConf) is given the neutral role.
const (
	neutralBand     = 0.15
	neutralRoleConf = 0.4
)

// evidenceMentions bounds how many mentions an actor's evidence is drawn
// from (the strongest ones), so that explanation cost stays flat.
const evidenceMentions = 16

func (m *Model) report(t *Text, s *scratch) Report {
	n := len(t.Mentions)
	s.voices = s.voices[:0]
	for _, mn := range t.Mentions {
		s.voices = append(s.voices, voiceOf(t, mn.Start))
	}
	// Group mentions by actor, in order of first appearance.
	index := map[string]int{}
	var groups [][]int
	for i := 0; i < n; i++ {
		a := t.Mentions[i].Actor
		g, ok := index[a]
		if !ok {
			g = len(groups)
			index[a] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	rep := Report{Actors: make([]ActorFrame, 0, len(groups))}
	for _, g := range groups {
		rep.Actors = append(rep.Actors, m.actorFrame(t, s, g))
	}
	sort.SliceStable(rep.Actors, func(i, j int) bool {
		return len(rep.Actors[i].MentionList) > len(rep.Actors[j].MentionList)
	})
	return rep
}

func (m *Model) actorFrame(t *Text, s *scratch, g []int) ActorFrame {
	first := t.Mentions[g[0]]
	af := ActorFrame{Actor: first.Actor, Kind: string(first.Kind), Parent: first.Parent, Counted: "all"}
	var author []int
	var sources []string
	bySource := map[string][]int{}
	for _, i := range g {
		v := s.voices[i]
		if v == Author {
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
		counted, af.Counted = author, Author
	}
	af.Frame = m.frame(t, s, counted, first.Kind, true)
	if len(author) > 0 {
		f := m.frame(t, s, author, first.Kind, true)
		af.Author = &f
	}
	for _, src := range sources {
		idx := bySource[src]
		sf := SourceFrame{Source: src, Frame: m.frame(t, s, idx, first.Kind, true)}
		for _, i := range idx {
			mn := t.Mentions[i]
			ss, se := sentenceAround(&t.Doc, mn.Start)
			q := t.Doc.Text[ss:se]
			if len(sf.Quotes) == 0 || sf.Quotes[len(sf.Quotes)-1] != q {
				sf.Quotes = append(sf.Quotes, q)
			}
		}
		af.Sources = append(af.Sources, sf)
	}
	if !m.opt.NoEvidence {
		af.Evidence = m.actorEvidence(t, s, counted)
	}
	af.MentionList = make([]Mention, 0, len(g))
	for _, i := range g {
		mn := t.Mentions[i]
		af.MentionList = append(af.MentionList, m.mention(t, mn.Start, mn.End, mn.Via.String(), s.mprobs[i], s.voices[i]))
	}
	return af
}

// mentionWeight is how much a mention with probabilities p counts in its
// actor's aggregate: its confidence, less for pronouns.
func mentionWeight(p [3]float64, via actors.Via) float64 {
	w := math.Max(p[0], math.Max(p[1], p[2]))
	if via == actors.Pronoun {
		w *= pronounWeight
	}
	return w
}

// meanProbs averages the probabilities of mentions idx, weighted.
func (s *scratch) meanProbs(idx []int, _ *Text) [3]float64 {
	var P [3]float64
	var sum float64
	for _, i := range idx {
		w := s.weights[i]
		for c := range P {
			P[c] += w * s.mprobs[i][c]
		}
		sum += w
	}
	if sum <= 0 {
		return [3]float64{0, 1, 0}
	}
	for c := range P {
		P[c] /= sum
	}
	return P
}

// frame aggregates mentions idx of one actor. Calibrated frames (those of
// a Report) choose their label with the model's label weights.
func (m *Model) frame(t *Text, s *scratch, idx []int, kind actors.Kind, calibrated bool) Frame {
	P := s.meanProbs(idx, t)
	f := Frame{Score: clamp(P[2] - P[0]), Mentions: len(idx)}
	for c := range P {
		f.Probs[c] = round3(P[c])
	}
	w := [3]float64{1, 1, 1}
	if calibrated {
		w = m.labelWeights
	}
	l, conf := ChooseLabel(P, w)
	f.Label, f.Confidence = PolarityLabels[l], conf
	cues := tallyCues(s, idx)
	f.Role, f.RoleConfidence = m.roleOf(s, idx, P, cues)
	f.FineRole = fineRole(f.Role, kind, cues)
	f.Score = round3(f.Score)
	f.Confidence = round3(f.Confidence)
	f.RoleConfidence = round3(f.RoleConfidence)
	return f
}

// ChooseLabel returns the index in PolarityLabels of the label for mean
// probabilities P under label weights w (see LabelWeightsMeta), and its
// probability after weighting. A label never contradicts the sign of the
// score P[2]−P[0]: where the weights would, the label is neutral.
func ChooseLabel(P, w [3]float64) (int, float64) {
	var C [3]float64
	var sum float64
	for c := range C {
		C[c] = P[c] * w[c]
		sum += C[c]
	}
	if !(sum > 0) {
		return 1, 1
	}
	for c := range C {
		C[c] /= sum
	}
	l := argmax(C[:])
	if l == 2 && P[2] < P[0] || l == 0 && P[0] < P[2] {
		l = 1
	}
	return l, C[l]
}

func clamp(x float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return math.Max(-1, math.Min(1, x))
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// cueTally counts, per cue class, how often the actor is its agent and its
// patient.
type cueTally [16][3]float64

func tallyCues(s *scratch, idx []int) cueTally {
	var c cueTally
	for _, i := range idx {
		for _, f := range s.feats[s.offs[i]:s.offs[i+1]] {
			if f.Template != features.TCue || f.Neg {
				continue
			}
			cl, rel := uint8(f.Aux)/4, uint8(f.Aux)%4
			if int(cl) < len(c) && rel < 3 {
				c[cl][rel]++
			}
		}
	}
	return c
}

// roleOf decides the main role of an actor from the role head (when the
// model has one), the polarity of the actor, and the cue words around it.
func (m *Model) roleOf(s *scratch, idx []int, P [3]float64, cues cueTally) (string, float64) {
	var rp [3]float64
	if m.role != nil {
		// The role head reads the actor vector of appendActorVector; its
		// logits are the per-mention sums already computed, scaled.
		var l [3]float64
		scale := 1 / math.Sqrt(float64(len(idx)))
		for _, i := range idx {
			for k := range l {
				l[k] += s.mrole[i][k]
			}
		}
		for k := range l {
			l[k] = float64(m.role.B[k]) + scale*l[k] +
				float64(m.role.W[int(m.polIdx[0])*3+k])*float64(float32(P[0])) +
				float64(m.role.W[int(m.polIdx[1])*3+k])*float64(float32(P[2]))
		}
		rp = softmax3(l)
	} else {
		rp = [3]float64{P[2], P[0], 0}
	}
	// Cue words about conflict are evidence the role model, trained on
	// climate news, rarely saw: fold them in as pseudo-counts. Doing harm
	// weighs more than being helped or praised: news frames an actor by
	// its violence first.
	a, p := features.RelAgent, features.RelPatient
	agg := cues[features.CueAggression]
	prot := cues[features.CueProtection][a] + cues[features.CuePeace][a] + cues[features.CuePraise][p]
	suffer := cues[features.CueSuffering][a] + cues[features.CueSuffering][p] + agg[p]
	bad := 2*agg[a] + cues[features.CueDeceit][a] + cues[features.CueCondemn][p]
	total := prot + suffer + bad
	if total > 0 {
		// The role head's opinion weighs as much as two cue words. On
		// NFC's held-out folds (train cv, 5 folds) k = 1, 2, 4 gave
		// macro-F1 .484, .484, .480, and leaving polarity to the head,
		// which already reads it, beat multiplying it in again.
		const k = 2
		rp[0] = (rp[0]*k + prot) / (k + total)
		rp[1] = (rp[1]*k + bad) / (k + total)
		rp[2] = (rp[2]*k + suffer) / (k + total)
	}
	sc := P[2] - P[0]
	r := argmax(rp[:])
	if total == 0 && math.Abs(sc) < neutralBand && rp[r] < neutralRoleConf {
		return NeutralRole, 1 - rp[r]
	}
	return RoleLabels[r], rp[r]
}

// appendActorVector appends the role head's input for an actor: the mean of
// its mentions' features plus the polarity summary P.
func appendActorVector(idx []uint32, val []float32, s *scratch, ms []int, P [3]float64, polIdx [2]uint32) ([]uint32, []float32) {
	scale := float32(1 / math.Sqrt(float64(len(ms))))
	for _, i := range ms {
		for _, f := range s.feats[s.offs[i]:s.offs[i+1]] {
			idx = append(idx, f.Index)
			val = append(val, f.Value*scale)
		}
	}
	idx = append(idx, polIdx[0], polIdx[1])
	val = append(val, float32(P[0]), float32(P[2]))
	return idx, val
}

// fineRole picks a frame from the SemEval-2025 taxonomy that the cue words
// support, or "" when they support none.
func fineRole(role string, kind actors.Kind, c cueTally) string {
	a, p := features.RelAgent, features.RelPatient
	switch role {
	case Protagonist:
		best, name := 0.0, ""
		for _, o := range []struct {
			n    float64
			name string
		}{
			// What an actor does frames it more than what is said of it:
			// acts count double against praise.
			{2 * c[features.CueProtection][a], "Guardian"},
			{2 * c[features.CuePeace][a], "Peacemaker"},
			{c[features.CuePraise][a] + c[features.CuePraise][p], "Virtuous"},
			{c[features.CueSuffering][a] + c[features.CueAggression][p], "Underdog"},
		} {
			if o.n > best {
				best, name = o.n, o.name
			}
		}
		return name
	case Antagonist:
		switch {
		case c[features.CueAggression][a] > 0 && kind == actors.ArmedGroup:
			return "Terrorist"
		case c[features.CueAggression][a] > 0:
			return "Tyrant"
		case c[features.CueDeceit][a] > 0:
			return "Deceiver"
		case c[features.CueCondemn][p] > 0:
			return "Instigator"
		}
	case Innocent:
		if c[features.CueSuffering][a]+c[features.CueSuffering][p]+c[features.CueAggression][p] > 0 {
			return "Victim"
		}
	}
	return ""
}

// actorEvidence explains an actor's score from its strongest mentions.
func (m *Model) actorEvidence(t *Text, s *scratch, idx []int) []Evidence {
	if len(idx) > evidenceMentions {
		top := append([]int(nil), idx...)
		sort.SliceStable(top, func(a, b int) bool {
			return math.Abs(s.mprobs[top[a]][2]-s.mprobs[top[a]][0]) > math.Abs(s.mprobs[top[b]][2]-s.mprobs[top[b]][0])
		})
		idx = top[:evidenceMentions]
	}
	return m.evidence(&t.Doc, s, idx, 6)
}
