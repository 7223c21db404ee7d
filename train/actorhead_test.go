package main

import (
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
