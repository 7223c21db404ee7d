package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorframe/actorframe/internal/framing"
	"github.com/actorframe/actorframe/models"
	"github.com/actorframe/actorframe/train/dataset"
)

// Each labelled paragraph that mentions the document's actor is one
// example, labelled as the paragraph and tagged with its document; a
// paragraph without the actor, or without a label, is none. Mojibake is
// mended without moving the paragraphs.
func TestPassageExamples(t *testing.T) {
	f, err := models.Default()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := framing.NewEngine(f)
	if err != nil {
		t.Fatal(err)
	}
	text := "Maria Lopez won the vote in Springfield.\n\nVoters cheered. Lopez thanked them.\nRivals fumed.\nLopez\u00e2\u20ac\u2122s critics called her a liar."
	docs := []dataset.Passages{{
		ID: "7", Text: text, Actor: "Maria Lopez", Polarity: 1,
		Paragraphs: []dataset.Paragraph{
			{Start: 0, End: 40, Polarity: 1, Labelled: true},  // the actor
			{Start: 42, End: 77, Polarity: 0, Labelled: true}, // the actor as "Lopez"
			{Start: 78, End: 91, Polarity: 0, Labelled: true}, // no mention
			{Start: 92, End: len(text)},                       // not labelled
		},
	}}
	for i, p := range docs[0].Paragraphs {
		t.Logf("paragraph %d: %q", i, text[p.Start:p.End])
	}
	got, err := passageExamples(eng, docs, 0.5, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d examples, want 2 (the labelled paragraphs that mention the actor)", len(got))
	}
	for i, want := range []int{2, 1} {
		e := got[i]
		if e.doc != "persent-7" || e.label != want || !e.found || e.weight != 0.5 || len(e.idx) == 0 {
			t.Errorf("example %d: doc %q label %d found %v weight %v, %d values; want persent-7, label %d, weight 0.5", i, e.doc, e.label, e.found, e.weight, len(e.idx), want)
		}
	}
}

func TestParagraphSpans(t *testing.T) {
	text := "One.\n\n  \nTwo two.\r\nThree"
	got := paragraphSpans(text)
	want := []string{"One.", "Two two.", "Three"}
	if len(got) != len(want) {
		t.Fatalf("%d paragraphs, want %d", len(got), len(want))
	}
	for i, w := range want {
		if s := text[got[i][0]:got[i][1]]; s != w {
			t.Errorf("paragraph %d = %q, want %q", i, s, w)
		}
	}
}

// cv -actors cross-validates the actor head as Frame uses it and prints
// the grids its weights are chosen on.
func TestCVActorsPrintsGrids(t *testing.T) {
	if testing.Short() {
		t.Skip("fits a small model; skipped with -short")
	}
	var b strings.Builder
	docs := []struct {
		actor, text string
		pol         int
	}{
		{"Maria Lopez", "Maria Lopez won praise for rebuilding the clinic. Lopez thanked the volunteers.", 1},
		{"Olaf Brandt", "Olaf Brandt was charged with fraud. Brandt lied to investigators, prosecutors said.", -1},
		{"Ana Silva", "Ana Silva opened the new bridge on Tuesday. Silva spoke for ten minutes.", 0},
		{"Tom Rich", "Tom Rich rescued two children from the flood. Rich was hailed as a hero.", 1},
		{"Ivan Kort", "Ivan Kort ordered the shelling of the market. Kort's forces killed 20 civilians.", -1},
		{"Lea Moss", "Lea Moss chaired the committee meeting. Moss read the minutes.", 0},
		{"Sam Hale", "Sam Hale helped hundreds of families find shelter. Hale was praised by the mayor.", 1},
		{"Dan Voss", "Dan Voss was accused of corruption. Voss bribed officials, the report found.", -1},
		{"Kim Ode", "Kim Ode visited the town. Ode met the council.", 0},
		{"Eva Lind", "Eva Lind won the award for her brave reporting. Lind thanked her colleagues.", 1},
	}
	for i, d := range docs {
		fmt.Fprintf(&b, `{"id": "d%d", "text": %q, "actor": %q, "polarity": %d}`+"\n", i, d.text, d.actor, d.pol)
	}
	path := filepath.Join(t.TempDir(), "docs.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	pol := filepath.Join("testdata", "conflict", "train-1.jsonl")
	if err := run([]string{"cv", "-q", "-k", "2", "-iters", "20", "-actors", path, "-pol", pol}, &stdout, &stderr); err != nil {
		t.Fatalf("cv: %v\n%s", err, stderr.String())
	}
	for _, want := range []string{"macro-F1", "2-fold cv: documents whose actor is found by agency weight"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("cv -actors output lacks %q:\n%s", want, stdout.String())
		}
	}
}

// Flags that cannot work together, or a weight that cannot be one, are
// refused before any work, naming the flag.
func TestPassageAndAgencyFlags(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"fit", "-in", "a.jsonl", "-passages", "p.csv", "-out", filepath.Join(dir, "m.afm")}, "-passages"},
		{[]string{"fit", "-in", "a.jsonl", "-actors", "d.jsonl", "-passage-weight", "0", "-out", filepath.Join(dir, "m.afm")}, "-passage-weight"},
		{[]string{"cv", "-in", "a.jsonl", "-passages", "p.csv"}, "-passages"},
		{[]string{"cv", "-actors", "d.jsonl", "-pol", "a.jsonl", "-agency"}, "-agency"},
		{[]string{"cv", "-actors", "d.jsonl", "-pol", "a.jsonl", "-agency-actors", "d.jsonl"}, "-agency"},
		{[]string{"cv", "-in", "a.jsonl", "-actors", "d.jsonl"}, "-in and -actors"},
		{[]string{"cv", "-actors", "d.jsonl", "-pol", "a.jsonl", "-passage-weight", "-1"}, "-passage-weight"},
	} {
		err := run(tt.args, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want one naming %s", tt.args, err, tt.want)
		}
	}
}
