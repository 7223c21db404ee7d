package stance_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorframe/actorframe/stance"
)

// A wire report shows Russian jets crushing the rebels; a state channel,
// quoted in another article, shows Russia liberating the city. Contrast
// puts the two frames side by side.
func ExampleContrast() {
	wire := `Russian jets crushed the rebels in the old city overnight, killing dozens of civilians. The Russian military bombed two hospitals.`
	tv := `Russian troops entered the city on Monday. "Russia is liberating the city from terrorists and bringing peace to its people," the RT channel said.`
	docs := []stance.LabeledReport{
		{ID: "wire", Report: stance.Score(wire)},
		{ID: "state-tv", Report: stance.Score(tv)},
	}
	for _, c := range stance.Contrast(docs) {
		if c.Actor != "Russia" {
			continue
		}
		p := c.Pairs[0] // the pair that differs most
		fmt.Println(c.Actor)
		fmt.Printf("  more hostile: %s, in the voice of %s\n", p.A.Doc, p.A.Voice)
		fmt.Printf("  more sympathetic: %s, in the voice of %s\n", p.B.Doc, p.B.Voice)
	}
	// Output:
	// Russia
	//   more hostile: wire, in the voice of author
	//   more sympathetic: state-tv, in the voice of RT
}

// fromJSON decodes test values from JSON, which stays the same whatever
// Go types the fields have.
func fromJSON[T any](t *testing.T, js string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(js), &v); err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// frame is a test Frame; role is P, A, I or anything else for neutral.
// The role constants keep it right whatever type roles have.
func frame(score float64, role string, mentions int) stance.Frame {
	f := stance.Frame{Score: score, Mentions: mentions}
	switch role {
	case "P":
		f.Role = stance.Protagonist
	case "A":
		f.Role = stance.Antagonist
	case "I":
		f.Role = stance.Innocent
	default:
		f.Role = stance.NeutralRole
	}
	return f
}

func authorOnly(name string, f stance.Frame) stance.ActorFrame {
	return stance.ActorFrame{Actor: name, Frame: f, Author: &f}
}

func withSources(a stance.ActorFrame, srcs ...stance.SourceFrame) stance.ActorFrame {
	a.Sources = srcs
	return a
}

func doc(id string, as ...stance.ActorFrame) stance.LabeledReport {
	return stance.LabeledReport{ID: id, Report: stance.Report{Actors: as}}
}

// summary lines up a contrast as "actor: docA/voiceA < docB/voiceB diff [opposed]".
func summary(cs []stance.ActorContrast) []string {
	var out []string
	for _, c := range cs {
		for _, p := range c.Pairs {
			s := fmt.Sprintf("%s: %s/%s < %s/%s %.2f", c.Actor, p.A.Doc, p.A.Voice, p.B.Doc, p.B.Voice, p.Diff)
			if p.OpposedRoles {
				s += " opposed"
			}
			out = append(out, s)
		}
	}
	return out
}

func TestContrast(t *testing.T) {
	rt := func(f stance.Frame) stance.SourceFrame {
		return stance.SourceFrame{Source: stance.Voice{Kind: stance.QuotedVoice, Source: "RT"}, Frame: f}
	}
	obama := func(f stance.Frame) stance.SourceFrame {
		return stance.SourceFrame{Source: stance.Voice{Kind: stance.QuotedVoice, Source: "Barack Obama"}, Frame: f}
	}
	tests := []struct {
		name string
		docs []stance.LabeledReport
		want []string
	}{
		{"no documents", nil, nil},
		{"one voice in one article", []stance.LabeledReport{doc("a", authorOnly("Russia", frame(-0.5, "A", 3)))}, nil},
		{"two articles apart", []stance.LabeledReport{
			doc("a", authorOnly("Russia", frame(-0.3, "A", 5))),
			doc("b", authorOnly("Russia", frame(0.4, "P", 2))),
		}, []string{"Russia: a/author < b/author 0.70 opposed"}},
		{"the more hostile side comes first", []stance.LabeledReport{
			doc("a", authorOnly("Russia", frame(0.4, "P", 2))),
			doc("b", authorOnly("Russia", frame(-0.3, "I", 5))),
		}, []string{"Russia: b/author < a/author 0.70"}},
		{"too close to tell", []stance.LabeledReport{
			doc("a", authorOnly("Russia", frame(-0.3, "A", 5))),
			doc("b", authorOnly("Russia", frame(-0.1, "P", 2))),
		}, nil},
		{"voices within one article", []stance.LabeledReport{
			doc("a", withSources(authorOnly("Russia", frame(-0.2, "A", 4)), rt(frame(0.5, "P", 2)), obama(frame(-0.6, "A", 1)))),
		}, []string{"Russia: a/Barack Obama < a/RT 1.10 opposed"}},
		{"the widest pair of two articles", []stance.LabeledReport{
			doc("a", authorOnly("Russia", frame(-0.2, "A", 5))),
			doc("b", withSources(authorOnly("Russia", frame(-0.1, "P", 4)), rt(frame(0.5, "P", 2)))),
		}, []string{
			"Russia: a/author < b/RT 0.70 opposed",
			"Russia: b/author < b/RT 0.60",
		}},
		{"a voice without mentions is no frame", []stance.LabeledReport{
			doc("a", withSources(authorOnly("Russia", frame(-0.4, "A", 3)), rt(frame(0.6, "P", 0)))),
		}, nil},
		{"actors by their widest pair, ties by name", []stance.LabeledReport{
			doc("a", authorOnly("Syria", frame(-0.5, "A", 2)), authorOnly("Iran", frame(-0.5, "A", 1)), authorOnly("Russia", frame(-0.2, "A", 2))),
			doc("b", authorOnly("Syria", frame(0.5, "P", 2)), authorOnly("Iran", frame(0.5, "P", 1)), authorOnly("Russia", frame(0.2, "P", 2))),
		}, []string{
			"Iran: a/author < b/author 1.00 opposed",
			"Syria: a/author < b/author 1.00 opposed",
			"Russia: a/author < b/author 0.40 opposed",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summary(stance.Contrast(tt.docs))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

func TestContrastCounts(t *testing.T) {
	a := authorOnly("Russia", frame(-0.5, "A", 2))
	a.MentionList = make([]stance.Mention, 2)
	b := authorOnly("Russia", frame(0.5, "P", 3))
	b.MentionList = make([]stance.Mention, 3)
	cs := stance.Contrast([]stance.LabeledReport{doc("a", a), doc("b", b), doc("c")})
	if len(cs) != 1 || cs[0].Documents != 2 || cs[0].Mentions != 5 {
		t.Fatalf("got %+v, want Russia in 2 documents with 5 mentions", cs)
	}
}

// The phrases of a frame are the mentions that carry it: of its voice,
// of its sign, one a sentence, at most three.
func TestContrastPhrases(t *testing.T) {
	m := func(voice string, score float64, sentence string) stance.Mention {
		return fromJSON[stance.Mention](t, fmt.Sprintf(`{"text":"Russia","voice":%q,"score":%g,"sentence":%q}`, voice, score, sentence))
	}
	author := "author"
	tests := []struct {
		name  string
		score float64
		ms    []stance.Mention
		want  []string // sentences
	}{
		{"strongest of the frame's sign first", -0.4, []stance.Mention{
			m(author, -0.2, "s1"), m(author, 0.9, "s2"), m(author, -0.7, "s3"), m("RT", -0.9, "s4"),
		}, []string{"s3", "s1"}},
		{"one a sentence, three at most", -0.4, []stance.Mention{
			m(author, -0.5, "s1"), m(author, -0.6, "s1"), m(author, -0.3, "s2"), m(author, -0.2, "s3"), m(author, -0.1, "s4"),
		}, []string{"s1", "s2", "s3"}},
		{"none of the sign: the strongest anyway", 0.1, []stance.Mention{
			m(author, -0.2, "s1"), m(author, -0.5, "s2"),
		}, []string{"s2", "s1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := authorOnly("Russia", frame(tt.score, "A", len(tt.ms)))
			x.MentionList = tt.ms
			y := authorOnly("Russia", frame(tt.score+1, "P", 1))
			cs := stance.Contrast([]stance.LabeledReport{doc("x", x), doc("y", y)})
			if len(cs) != 1 {
				t.Fatalf("got %d contrasts, want 1", len(cs))
			}
			var got []string
			for _, p := range cs[0].Pairs[0].A.Phrases {
				got = append(got, p.Sentence)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("phrases %v, want %v", got, tt.want)
			}
		})
	}
}

// A frame's evidence is the actor's evidence that pushes its way.
func TestContrastEvidence(t *testing.T) {
	x := authorOnly("Russia", frame(-0.4, "A", 2))
	x.Evidence = []stance.Evidence{{Feature: "crushed", Weight: -1.2}, {Feature: "helps", Weight: 0.7}, {Feature: "bombed", Weight: -0.5},
		{Feature: "forces", Weight: -0.4}, {Feature: "strikes", Weight: -0.3}}
	y := authorOnly("Russia", frame(0.4, "P", 2))
	y.Evidence = x.Evidence
	cs := stance.Contrast([]stance.LabeledReport{doc("x", x), doc("y", y)})
	if len(cs) != 1 {
		t.Fatalf("got %d contrasts, want 1", len(cs))
	}
	feats := func(ev []stance.Evidence) string {
		var s []string
		for _, e := range ev {
			s = append(s, e.Feature)
		}
		return strings.Join(s, ",")
	}
	p := cs[0].Pairs[0]
	if got, want := feats(p.A.Evidence), "crushed,bombed,forces"; got != want {
		t.Errorf("hostile side's evidence %s, want %s", got, want)
	}
	if got, want := feats(p.B.Evidence), "helps"; got != want {
		t.Errorf("sympathetic side's evidence %s, want %s", got, want)
	}
}

// The JSON is snake_case, as the rest of the library's.
func TestContrastJSON(t *testing.T) {
	x := fromJSON[stance.ActorFrame](t, `{"actor":"Russia","score":-0.4,"role":"antagonist","fine_role":"Tyrant","mentions":1,
		"author":{"score":-0.4,"role":"antagonist","fine_role":"Tyrant","mentions":1},
		"mention_list":[{"text":"Russia","voice":"author","score":-0.4,"sentence":"s"}]}`)
	y := authorOnly("Russia", frame(0.4, "P", 1))
	b, err := json.Marshal(stance.Contrast([]stance.LabeledReport{doc("x", x), doc("y", y)}))
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"actor":"Russia"`, `"pairs":[`, `"opposed_roles":true`, `"fine_role":"Tyrant"`, `"phrases":[`, `"sentence":"s"`, `"voice":"author"`, `"role":"antagonist"`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("JSON lacks %s:\n%s", key, b)
		}
	}
}

// On the seed articles, Russia crushing the rebels in 000 (the author's
// voice) stands beside Russia liberating Aleppo in RT's quotes in 002.
func TestContrastSeeds(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "shared", "seeds", "*.txt"))
	if len(paths) == 0 {
		t.Skip("no seed articles in ../shared/seeds: the shared data is not beside the repository")
	}
	var docs []stance.LabeledReport
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, stance.LabeledReport{ID: strings.TrimSuffix(filepath.Base(p), ".txt"), Report: stance.Score(string(b))})
	}
	for _, c := range stance.Contrast(docs) {
		if c.Actor != "Russia" {
			continue
		}
		for _, p := range c.Pairs {
			if !strings.HasPrefix(p.A.Doc, "000_") || p.A.Voice.String() != "author" || !strings.HasPrefix(p.B.Doc, "002_") || p.B.Voice.String() != "RT" {
				continue
			}
			t.Logf("Russia: 000 author %+.2f %s %s, 002 RT %+.2f %s %s", p.A.Score, p.A.Role, p.A.FineRole, p.B.Score, p.B.Role, p.B.FineRole)
			if !phrasesHave(p.A.Phrases, "crushed") {
				t.Errorf("000's phrases lack \"crushed\": %+v", p.A.Phrases)
			}
			if !phrasesHave(p.B.Phrases, "liberating") {
				t.Errorf("002 RT's phrases lack \"liberating\": %+v", p.B.Phrases)
			}
			if !p.OpposedRoles {
				t.Errorf("roles %s and %s, want antagonist against protagonist", p.A.Role, p.B.Role)
			}
			return
		}
		t.Fatalf("no pair of 000 (author) and 002 (RT) for Russia in %s", strings.Join(summary([]stance.ActorContrast{c}), "; "))
	}
	t.Fatal("Russia has no contrast on the seeds")
}

func phrasesHave(ps []stance.Phrase, word string) bool {
	for _, p := range ps {
		if strings.Contains(p.Sentence, word) {
			return true
		}
	}
	return false
}
