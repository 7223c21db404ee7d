package framing

import (
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/actorframe/actorframe/features"
)

// TestKeepStrongestMatchesPushStrong checks that a mention keeps the
// features pushStrong would rank strongest, in text order, on
// contributions with many ties, zeros, denormals and a wide spread; and
// that pushStrong ranks them as a stable sort by magnitude does, never
// keeping a zero.
func TestKeepStrongestMatchesPushStrong(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	values := []float32{0, 0.5, -0.5, 0.25, 1e-40, -1e-40, 3, 1e-3}
	for trial := range 2000 {
		n := r.IntN(60)
		var s Scores
		s.Reset()
		for j := range n {
			var w float32
			switch r.IntN(3) {
			case 0:
				w = values[r.IntN(len(values))]
			case 1:
				w = float32(r.NormFloat64())
			default:
				w = float32(r.NormFloat64() * math.Pow(10, float64(-r.IntN(8))))
			}
			s.scratch = append(s.scratch, features.Feature{Index: uint32(j)})
			s.scratchW = append(s.scratchW, w)
		}
		s.keepStrongest()
		var top [keepPerMention]strong
		nt := 0
		for j, w := range s.scratchW {
			nt = pushStrong(top[:], nt, j, w)
		}
		var ranked []uint32
		for _, c := range top[:nt] {
			ranked = append(ranked, uint32(c.j))
		}
		if want := strongestByStableSort(s.scratchW); !slices.Equal(ranked, want) {
			t.Fatalf("trial %d: contributions %v: ranked %v, want %v", trial, s.scratchW, ranked, want)
		}
		want := slices.Sorted(slices.Values(ranked))
		var got []uint32
		for _, f := range s.feats {
			got = append(got, f.Index)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("trial %d: contributions %v: kept %v, want %v", trial, s.scratchW, got, want)
		}
	}
}

// strongestByStableSort returns the positions of the keepPerMention
// strongest non-zero contributions of ws, largest first, the first met
// first among equals.
func strongestByStableSort(ws []float32) []uint32 {
	var pos []uint32
	for j, w := range ws {
		if w != 0 {
			pos = append(pos, uint32(j))
		}
	}
	abs := func(w float32) float64 { return math.Abs(float64(w)) }
	sort.SliceStable(pos, func(a, b int) bool { return abs(ws[pos[a]]) > abs(ws[pos[b]]) })
	return pos[:min(len(pos), keepPerMention)]
}

// TestEvidenceMatchesAllFeatures checks that evidence, whether its
// mentions kept their strongest features or are extracted again, names
// what all their features give: every feature of the mentions (KeepAll),
// ranked by a stable sort, named and merged by name.
func TestEvidenceMatchesAllFeatures(t *testing.T) {
	e, p := defaultEngine(t)
	text, err := os.ReadFile("../../features/testdata/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	a := p.Analyze(string(text))
	defer p.Release(a)
	all := Scores{KeepAll: true}
	for _, m := range a.Mentions {
		e.AddMention(a, &all, features.Span{Start: m.Start, End: m.End}, m.Via)
	}
	byActor := map[string][]int{}
	for i, m := range a.Mentions {
		byActor[m.Actor] = append(byActor[m.Actor], i)
	}
	if len(byActor) < 5 || len(a.Mentions) < 20 {
		t.Fatalf("only %d actors, %d mentions found", len(byActor), len(a.Mentions))
	}
	want := map[string][]Evidence{}
	for actor, idx := range byActor {
		want[actor] = evidenceOfAll(e, a, &all, idx, 6)
		if len(want[actor]) == 0 {
			t.Errorf("%s: no evidence", actor)
		}
	}
	// mentions that keep their strongest features: all (the default for
	// an article), the first few, none
	for _, keep := range []int{0, 10, -1} {
		s := Scores{keepMentions: keep}
		for _, m := range a.Mentions {
			e.AddMention(a, &s, features.Span{Start: m.Start, End: m.End}, m.Via)
		}
		for actor, idx := range byActor {
			if got := e.ActorEvidence(a, &s, idx, 6); !slices.Equal(got, want[actor]) {
				t.Errorf("%d mentions keeping features: %s: evidence %v, want %v", keep, actor, got, want[actor])
			}
		}
	}
	if ev := e.MentionEvidence(a, &Scores{KeepNone: true}, nil, 6); ev != nil {
		t.Errorf("KeepNone: evidence %v, want none", ev)
	}
}

// TestEvidencePastKeptMentions checks evidence in a text longer than
// the mentions that keep their features (strongMentions), scored as
// stance scores texts, through Grow: an actor's evidence is what all
// its mentions' features give, also when only its later mentions are
// asked for.
func TestEvidencePastKeptMentions(t *testing.T) {
	e, p := defaultEngine(t)
	article, err := os.ReadFile("../../features/testdata/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Repeat(string(article)+"\n\n", 20)
	a := p.Analyze(text)
	defer p.Release(a)
	if len(a.Mentions) <= strongMentions {
		t.Fatalf("%d mentions, want more than %d", len(a.Mentions), strongMentions)
	}
	all := Scores{KeepAll: true}
	var s Scores
	e.Grow(&all, len(a.Mentions))
	e.Grow(&s, len(a.Mentions))
	for _, m := range a.Mentions {
		sp := features.Span{Start: m.Start, End: m.End}
		e.AddMention(a, &all, sp, m.Via)
		e.AddMention(a, &s, sp, m.Via)
	}
	byActor := map[string][]int{}
	late := map[string][]int{}
	for i, m := range a.Mentions {
		byActor[m.Actor] = append(byActor[m.Actor], i)
		if i >= strongMentions {
			late[m.Actor] = append(late[m.Actor], i)
		}
	}
	for _, group := range []map[string][]int{byActor, late} {
		for actor, idx := range group {
			want := evidenceOfAll(e, a, &all, idx, 6)
			if got := e.ActorEvidence(a, &s, idx, 6); !slices.Equal(got, want) {
				t.Errorf("%s, %d mentions from %d: evidence %v, want %v", actor, len(idx), idx[0], got, want)
			}
		}
	}
}

// evidenceOfAll is ActorEvidence from every feature of the mentions,
// kept in all (KeepAll), ranked by a stable sort.
func evidenceOfAll(e *Engine, a *Analysis, all *Scores, idx []int, n int) []Evidence {
	// the mentions ActorEvidence reads: the strongest, by the same rule
	if len(idx) > evidenceMentions {
		idx = slices.Clone(idx)
		sort.SliceStable(idx, func(x, y int) bool {
			px, py := all.Probs(idx[x]), all.Probs(idx[y])
			return math.Abs(px[2]-px[0]) > math.Abs(py[2]-py[0])
		})
		idx = idx[:evidenceMentions]
	}
	var fs []features.Feature
	var ws []float32
	for _, i := range idx {
		for _, f := range all.Features(i) {
			fs = append(fs, f)
			ws = append(ws, e.contribution(&f))
		}
	}
	var out []Evidence
	for _, j := range strongestByStableSort(ws) {
		name := string(a.Doc.AppendFeatureName(nil, fs[j]))
		k := slices.IndexFunc(out, func(ev Evidence) bool { return ev.Feature == name })
		switch {
		case k >= 0:
			out[k].Weight += float64(ws[j])
		case len(out) < n:
			out = append(out, Evidence{Feature: name, Weight: float64(ws[j])})
		}
	}
	for k := range out {
		out[k].Weight = math.Round(out[k].Weight*1000) / 1000
	}
	return out
}
