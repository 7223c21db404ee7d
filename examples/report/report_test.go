package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorframe/actorframe/stance"
)

// Articles written for the tests, so that they run without the seeds: a
// wire report, a state channel quoted in another, and markup that must
// come out escaped.
var testArticles = []article{
	{ID: "wire", Outlet: "Wire", Date: "2016-12-13", Text: "Aleppo falls\n\nRussian jets crushed the rebels in the old city overnight, killing dozens of civilians. The Russian military bombed two hospitals."},
	{ID: "state-tv", Outlet: "State TV", Text: `Russian troops entered the city on Monday. "Russia is liberating the city from terrorists and bringing peace to its people," the RT channel said.`},
	{ID: "markup", Text: `The <script>alert("x")</script> United Nations sent aid to refugees & their families.`},
}

func writeJSONL(t *testing.T, dir string, arts []article) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for _, a := range arts {
		if err := enc.Encode(a); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(dir, "articles.jsonl")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadArticles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("txt/b.txt", "second")
	write("txt/a.txt", "first")
	write("txt/notes.md", "not an article")
	if err := os.MkdirAll(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	good := write("good.jsonl", `{"id":"x","text":"one","outlet":"O","date":"2020-01-01"}`+"\n\n"+`{"id":"y","text":"two"}`+"\n")
	bad := write("bad.jsonl", `{"id":"x","text":"one"}`+"\n"+`{"id":`+"\n")
	noID := write("noid.jsonl", `{"text":"one"}`+"\n")
	single := write("one.txt", "alone")
	tests := []struct {
		name    string
		paths   []string
		want    []string // ids
		wantErr string
	}{
		{"folder of .txt, in name order", []string{filepath.Join(dir, "txt")}, []string{"a", "b"}, ""},
		{"jsonl", []string{good}, []string{"x", "y"}, ""},
		{"single text file", []string{single}, []string{"one"}, ""},
		{"several inputs", []string{good, single}, []string{"x", "y", "one"}, ""},
		{"bad line named", []string{bad}, nil, "bad.jsonl:2"},
		{"missing id", []string{noID}, nil, "noid.jsonl:1: no id"},
		{"duplicate id", []string{good, good}, nil, `duplicate article id "x"`},
		{"empty folder", []string{filepath.Join(dir, "empty")}, nil, "no .txt files"},
		{"missing path", []string{filepath.Join(dir, "nope")}, nil, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, err := readArticles(tt.paths)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, a := range arts {
				ids = append(ids, a.ID)
			}
			if strings.Join(ids, ",") != strings.Join(tt.want, ",") {
				t.Errorf("ids %v, want %v", ids, tt.want)
			}
		})
	}
	arts, _ := readArticles([]string{good})
	if arts[0].Outlet != "O" || arts[0].Date != "2020-01-01" || arts[0].Text != "one" {
		t.Errorf("jsonl fields: %+v", arts[0])
	}
}

func TestColour(t *testing.T) {
	tests := []struct {
		score     float64
		fill, ink string
	}{
		{-1, "#7f3b08", "#ffffff"},
		{-5, "#7f3b08", "#ffffff"}, // clamped
		{0, "#f7f7f7", "#1a1a1a"},
		{1, "#2d004b", "#ffffff"},
		{0.2, "#d8daeb", "#1a1a1a"}, // a class of the scheme exactly
		{-0.2, "#fee0b6", "#1a1a1a"},
		{0.1, "#e8e9f1", "#1a1a1a"}, // halfway between two classes
	}
	for _, tt := range tests {
		fill, ink := colour(tt.score)
		if fill != tt.fill || ink != tt.ink {
			t.Errorf("colour(%v) = %s, %s; want %s, %s", tt.score, fill, ink, tt.fill, tt.ink)
		}
	}
}

func TestSigned(t *testing.T) {
	for _, tt := range []struct {
		x    float64
		want string
	}{{-0.5, "−0.50"}, {0.25, "+0.25"}, {-0.001, "+0.00"}, {0, "+0.00"}} {
		if got := signed(tt.x); got != tt.want {
			t.Errorf("signed(%v) = %q, want %q", tt.x, got, tt.want)
		}
	}
}

func TestSplitSentence(t *testing.T) {
	text := "Intro. Russia said Russia would go. End."
	sent := "Russia said Russia would go."
	second := strings.LastIndex(text, "Russia")
	tests := []struct {
		name               string
		ph                 stance.Phrase
		before, mid, after string
	}{
		{"second of two", stance.Phrase{Start: second, End: second + 6, Text: "Russia", Sentence: sent}, "Russia said ", "Russia", " would go."},
		{"first of two", stance.Phrase{Start: 7, End: 13, Text: "Russia", Sentence: sent}, "", "Russia", " said Russia would go."},
		{"sentence not in text", stance.Phrase{Start: 0, End: 6, Text: "would", Sentence: sent}, "Russia said Russia ", "would", " go."},
	}
	for _, tt := range tests {
		b, m, a := splitSentence(text, tt.ph)
		if b != tt.before || m != tt.mid || a != tt.after {
			t.Errorf("%s: %q | %q | %q", tt.name, b, m, a)
		}
	}
}

// countAttr counts the elements carrying a data attribute.
func countAttr(html, attr string) int { return strings.Count(html, attr+"=") }

func TestRun(t *testing.T) {
	dir := t.TempDir()
	in := writeJSONL(t, dir, testArticles)
	htmlPath, jsonPath := filepath.Join(dir, "r.html"), filepath.Join(dir, "c.json")
	var stdout, stderr bytes.Buffer
	if err := run([]string{"-o", htmlPath, "-json", jsonPath, in}, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	b, err := os.ReadFile(htmlPath)
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	m, _ := stance.Default()
	docs, err := scoreAll(m, testArticles)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := countAttr(html, "data-heat-row"), len(bySalience(docs)); got != want {
		t.Errorf("%d heatmap rows, want %d", got, want)
	}
	if got, want := countAttr(html, "data-heat-col"), len(testArticles); got != want {
		t.Errorf("%d heatmap columns, want %d", got, want)
	}
	if strings.Contains(html, `<script>alert`) || !strings.Contains(html, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") {
		t.Error("the article's markup is not escaped")
	}
	for _, s := range []string{"http://", "https://", "<link", " src="} {
		if strings.Contains(html, s) {
			t.Errorf("the page refers to something outside it: %q", s)
		}
	}
	if !strings.Contains(html, `data-pair-a="wire:author" data-pair-b="state-tv:RT"`) {
		t.Error("no contrast of Russia between wire (author) and state-tv (RT)")
	}
	var cs []stance.ActorContrast
	jb, err := os.ReadFile(jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(jb, &cs); err != nil {
		t.Fatal(err)
	}
	if len(cs) == 0 {
		t.Fatal("empty contrast JSON")
	}

	// -max-actors bounds the rows; -o "" and -json - print only the JSON.
	stdout.Reset()
	if err := run([]string{"-o", "", "-json", "-", "-max-actors", "1", in}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(stdout.Bytes(), jb) {
		t.Error("-json - differs from -json FILE")
	}
	if err := run([]string{"-o", "-", "-max-actors", "2", in}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if got := countAttr(stdout.String(), "data-heat-row"); got != 2 {
		t.Errorf("-max-actors 2: %d rows", got)
	}
}

func TestRunErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{nil, "no input"},
		{[]string{"-max-actors", "0", "x"}, "-max-actors"},
		{[]string{filepath.Join(t.TempDir(), "missing")}, "no such file"},
	} {
		var out, errOut bytes.Buffer
		err := run(tt.args, &out, &errOut)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("run(%q): %v, want an error containing %q", tt.args, err, tt.want)
		}
	}
}

// A large corpus gives a page of bounded size: eight pairs open, forty
// folded, the rest only counted.
func TestContrastFolding(t *testing.T) {
	for _, tt := range []struct {
		docs                 int
		open, folded, hidden int
	}{
		{2, 1, 0, 0},
		{12, 8, 28, 0}, // 6 × 6 pairs between the hostile and the sympathetic
		{16, 8, 40, 16},
	} {
		var arts []article
		var docs []stance.LabeledReport
		for i := range tt.docs {
			score := 0.5
			if i%2 == 0 {
				score = -0.5
			}
			f := stance.Frame{Score: score, Mentions: 1}
			id := fmt.Sprintf("d%02d", i)
			arts = append(arts, article{ID: id})
			docs = append(docs, stance.LabeledReport{ID: id, Report: stance.Report{Actors: []stance.ActorFrame{{Actor: "Russia", Frame: f, Author: &f}}}})
		}
		ev := make([]map[[2]int][]stance.Evidence, len(docs))
		cs := buildContrasts(arts, docs, ev)
		if len(cs) != 1 {
			t.Fatalf("%d docs: %d contrasts, want 1", tt.docs, len(cs))
		}
		c := cs[0]
		if len(c.Pairs) != tt.open || len(c.More) != tt.folded || c.Omitted != tt.hidden {
			t.Errorf("%d docs: %d open, %d folded, %d hidden; want %d, %d, %d", tt.docs, len(c.Pairs), len(c.More), c.Omitted, tt.open, tt.folded, tt.hidden)
		}
	}
}
