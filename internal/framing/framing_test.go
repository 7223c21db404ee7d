package framing

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/actorframe/actorframe/features"
	"github.com/actorframe/actorframe/features/actors"
	"github.com/actorframe/actorframe/models"
)

func defaultEngine(t testing.TB) (*Engine, *Pipeline) {
	t.Helper()
	f, err := models.Default()
	if err != nil {
		t.Fatal(err)
	}
	e, err := NewEngine(f)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := actors.Default()
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewPipeline(e.Config(), actors.NewFinder(cat, actors.Options{Discover: true, Pronouns: true}), true)
	if err != nil {
		t.Fatal(err)
	}
	return e, p
}

// The fast path (per-mention partial sums in AddMention, summed in
// actorProbs) must give what models.Linear gives on the vector training
// builds with AppendActorVector, and the polarity probabilities what
// Linear.Probs gives on a mention's features.
func TestFastPathEqualsLinear(t *testing.T) {
	e, p := defaultEngine(t)
	text := "Russian jets pounded the town on Tuesday. Russia said it was liberating Aleppo from terrorists, while aid workers rescued families. Russia denied it."
	a := p.Analyze(text)
	defer p.Release(a)
	s := Scores{KeepAll: true}
	for _, m := range a.Mentions {
		e.AddMention(a, &s, features.Span{Start: m.Start, End: m.End}, m.Via)
	}
	if s.Len() < 3 {
		t.Fatalf("only %d mentions found", s.Len())
	}
	var idx []uint32
	var val []float32
	for i := 0; i < s.Len(); i++ {
		idx, val = idx[:0], val[:0]
		for _, f := range s.Features(i) {
			idx = append(idx, f.Index)
			val = append(val, f.Value)
		}
		want := e.pol.Model.Probs(idx, val, nil)
		if e.vec.table != nil {
			// the linear head's probabilities blended with the vector head's
			m := a.Mentions[i]
			lin, vec, _ := e.Views(a, features.Span{Start: m.Start, End: m.End})
			b := Blend(lin, vec, e.calib.VectorWeight)
			want = b[:]
		}
		got := s.Probs(i)
		for k := range got {
			if math.Abs(got[k]-want[k]) > 1e-9 {
				t.Errorf("mention %d: polarity %v, Linear says %v", i, got, want)
			}
		}
	}
	role, ok := e.Head(RoleHead)
	if !ok {
		t.Fatal("embedded model has no role head")
	}
	all := make([]int, s.Len())
	for i := range all {
		all[i] = i
	}
	for _, group := range [][]int{{0}, {0, 2}, all} {
		fi, fv := e.ActorVector(role.Spec, &s, group)
		want := role.Model.Probs(fi, fv, nil)
		st := e.Stats(&s, group)
		got := e.actorProbs(&s, e.role, group, &st)
		for k := range got {
			if math.Abs(got[k]-want[k]) > 1e-5 {
				t.Errorf("mentions %v: role %v, Linear says %v", group, got, want)
			}
		}
	}
}

func TestEnumsMarshal(t *testing.T) {
	type out struct {
		L Label    `json:"l"`
		R Role     `json:"r"`
		F FineRole `json:"f,omitempty"`
		V Voice    `json:"v"`
		K VoiceKind
	}
	b, err := json.Marshal(out{Positive, NeutralRole, Victim, Voice{Kind: QuotedVoice, Source: "RT"}, UnattributedVoice})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"l":"positive","r":"neutral","f":"Victim","v":"RT","K":"unattributed"}`; string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}
	var l Label
	if err := l.UnmarshalText([]byte("negative")); err != nil || l != Negative {
		t.Errorf("UnmarshalText(negative) = %v, %v", l, err)
	}
	if err := l.UnmarshalText([]byte("hostile")); err == nil {
		t.Error("an unknown label was accepted")
	}
	if _, err := Label(9).MarshalText(); err == nil {
		t.Error("an invalid label marshals")
	}
	if r, ok := ParseRole("innocent"); !ok || r != Innocent {
		t.Errorf("ParseRole(innocent) = %v, %v", r, ok)
	}
	if (Voice{Kind: AuthorVoice}).String() != "author" {
		t.Error("author voice prints wrong")
	}
}

func TestCalibration(t *testing.T) {
	for _, tt := range []struct {
		data string
		ok   bool
	}{
		{"", true},
		{`{"version":1,"label_weights":[1.5,1,7]}`, true},
		{`{"version":2,"label_weights":[1,1,1]}`, false},
		{`{"version":1,"label_weights":[0,1,1]}`, false},
		{`{"version":1`, false},
		{`{"version":1,"label_weights":[1,1,1],"agency_weight":1.5}`, true},
		{`{"version":1,"label_weights":[1,1,1],"agency_weight":-1}`, false},
	} {
		c, err := ParseCalibration([]byte(tt.data))
		if (err == nil) != tt.ok {
			t.Errorf("ParseCalibration(%q) = %v, %v", tt.data, c, err)
		}
	}
	c := DefaultCalibration()
	c.LabelWeights = [3]float64{2, 1, 3}
	back, err := ParseCalibration(c.Marshal())
	if err != nil || back != c {
		t.Errorf("round trip: %v, %v", back, err)
	}
	if _, err := legacyCalibration(map[string]string{legacyMeta: "1,2"}); err == nil {
		t.Error("two legacy weights accepted")
	}
}

// What an actor does moves its article-level probabilities: harm done
// toward negative, help given toward positive, nothing without cues or
// without a weight.
func TestAgency(t *testing.T) {
	var harm, help, suffer CueTally
	harm[features.CueAggression].Agent = 2
	help[features.CueProtection].Agent = 1
	suffer[features.CueSuffering].Patient = 3
	P := [3]float64{0.35, 0.45, 0.2}
	for _, tt := range []struct {
		name string
		cues CueTally
		w    float64
		want Label
	}{
		{"no cue", CueTally{}, 1, Neutral},
		{"harm, weight 0", harm, 0, Neutral},
		{"harm done", harm, 1, Negative},
		{"help given", help, 2, Positive},
		{"suffering is neither", suffer, 2, Neutral},
	} {
		got := Agency(P, &tt.cues, tt.w)
		if l := MostProbable(got[:]); l != tt.want {
			t.Errorf("%s: Agency(%v) = %v (%s), want %s", tt.name, P, got, l, tt.want)
		}
		if s := got[0] + got[1] + got[2]; math.Abs(s-1) > 1e-12 {
			t.Errorf("%s: probabilities sum to %v", tt.name, s)
		}
	}
}

func TestRescale(t *testing.T) {
	for _, tt := range []struct {
		P, w, want [3]float64
	}{
		{[3]float64{0.2, 0.6, 0.2}, [3]float64{1, 1, 1}, [3]float64{0.2, 0.6, 0.2}},
		{[3]float64{0.25, 0.5, 0.25}, [3]float64{1, 1, 2}, [3]float64{0.2, 0.4, 0.4}},
		{[3]float64{0, 0, 0}, [3]float64{1, 1, 1}, [3]float64{0, 1, 0}},
	} {
		got := rescale(tt.P, tt.w)
		for c := range got {
			if math.Abs(got[c]-tt.want[c]) > 1e-12 {
				t.Errorf("rescale(%v, %v) = %v, want %v", tt.P, tt.w, got, tt.want)
			}
		}
	}
}

// The label rule a reader can check: Label is the most probable class of
// Probs, Score is P(positive) − P(negative) of the same Probs.
func TestFrameLabelAgreesWithScore(t *testing.T) {
	e, p := defaultEngine(t)
	for _, text := range []string{
		"Russian jets pounded the town, killing dozens of civilians.",
		"Aid workers rescued families from the rubble and were praised by residents.",
		"The delegation arrived in Geneva on Tuesday.",
		"Rebels said the army had shelled the market; the army denied it.",
	} {
		a := p.Analyze(text)
		var s Scores
		for _, m := range a.Mentions {
			e.AddMention(a, &s, features.Span{Start: m.Start, End: m.End}, m.Via)
		}
		for i := range a.Mentions {
			for _, whole := range []bool{false, true} {
				f := e.Frame(&s, []int{i}, a.Mentions[i].Kind, whole)
				best := 0
				for c := range f.Probs {
					if f.Probs[c] > f.Probs[best] {
						best = c
					}
				}
				if int(f.Label) != best || math.Abs(f.Score-(f.Probs[2]-f.Probs[0])) > 0.0011 || f.Confidence != f.Probs[best] {
					t.Errorf("%q, %s: label %v, score %v, confidence %v, probs %v disagree", text, a.Mentions[i].Actor, f.Label, f.Score, f.Confidence, f.Probs)
				}
			}
		}
		p.Release(a)
	}
}

func TestFineRole(t *testing.T) {
	var c CueTally
	c[features.CueAggression].Agent = 1
	if got := fineRole(Antagonist, actors.ArmedGroup, c); got != Terrorist {
		t.Errorf("armed group that attacks: %v, want Terrorist", got)
	}
	if got := fineRole(Antagonist, actors.Country, c); got != Tyrant {
		t.Errorf("state that attacks: %v, want Tyrant", got)
	}
	var p CueTally
	p[features.CueProtection].Agent = 1
	p[features.CuePraise].Patient = 1
	if got := fineRole(Protagonist, actors.Country, p); got != Guardian {
		t.Errorf("protector praised once: %v, want Guardian (acts count double)", got)
	}
	if got := fineRole(Innocent, actors.Group, CueTally{}); got != NoFineRole {
		t.Errorf("innocent with no cue: %v, want none", got)
	}
}

// Scare quotes are the author's words; a real quotation is its speaker's.
func TestVoiceAtScareQuotes(t *testing.T) {
	_, p := defaultEngine(t)
	text := `The "heroic Russian army" entered the town. "We will not leave," said Ivan Petrov.`
	a := p.Analyze(text)
	defer p.Release(a)
	if v := a.VoiceAt(strings.Index(text, "Russian")); v.Kind != AuthorVoice {
		t.Errorf("scare-quoted mention: voice %v, want author", v)
	}
	if v := a.VoiceAt(strings.Index(text, "leave")); v.Kind != QuotedVoice || v.Source != "Ivan Petrov" {
		t.Errorf("quoted words: voice %+v, want Ivan Petrov", v)
	}
}
