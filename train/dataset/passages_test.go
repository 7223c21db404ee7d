package dataset

import (
	"errors"
	"strings"
	"testing"
)

const passagesHead = "DOCUMENT_INDEX,TITLE,TARGET_ENTITY,DOCUMENT,MASKED_DOCUMENT,TRUE_SENTIMENT,Paragraph0,Paragraph1,Paragraph2\n"

func TestReadPassages(t *testing.T) {
	csv := passagesHead +
		`7,T,Maria Lopez,"Maria Lopez won.` + "\n\n" + `She thanked voters.` + "\n" + `Rivals fumed.",x,Positive,Positive,Neutral,` + "\n" +
		`8,T,Olaf Brandt,"Brandt lost.",x,negative,Negative,,` + "\n"
	got, skipped, err := ReadPassages(strings.NewReader(csv), "p.csv", Options{})
	if err != nil || len(skipped) != 0 {
		t.Fatal(err, skipped)
	}
	if len(got) != 2 {
		t.Fatalf("%d documents", len(got))
	}
	d := got[0]
	if d.ID != "7" || d.Actor != "Maria Lopez" || d.Polarity != Positive || len(d.Paragraphs) != 3 {
		t.Fatalf("first document: %+v", d)
	}
	for i, want := range []struct {
		text     string
		pol      int
		labelled bool
	}{{"Maria Lopez won.", Positive, true}, {"She thanked voters.", Neutral, true}, {"Rivals fumed.", 0, false}} {
		p := d.Paragraphs[i]
		if d.Text[p.Start:p.End] != want.text || p.Polarity != want.pol || p.Labelled != want.labelled {
			t.Errorf("paragraph %d: %q %+v, want %+v", i, d.Text[p.Start:p.End], p, want)
		}
	}
	if got[1].Polarity != Negative || !got[1].Paragraphs[0].Labelled {
		t.Errorf("second document: %+v", got[1])
	}
}

func TestReadPassagesErrors(t *testing.T) {
	for _, tt := range []struct {
		name, csv, says string
	}{
		{"no column", "DOCUMENT_INDEX,DOCUMENT\n1,x\n", "no column TARGET_ENTITY"},
		{"bad label", passagesHead + `1,T,A B,"x",x,Happy,,,` + "\n", `"Happy"`},
		{"paragraph beyond text", passagesHead + `1,T,A B,"one line",x,Neutral,Neutral,Positive,` + "\n", "Paragraph1 is labelled"},
		{"duplicate id", passagesHead + `1,T,A B,"x",x,Neutral,,,` + "\n" + `1,T,A B,"y",x,Neutral,,,` + "\n", "duplicate id"},
		{"empty", passagesHead, "no records"},
		{"empty actor", passagesHead + `1,T, ,"x",x,Neutral,,,` + "\n", "TARGET_ENTITY"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ReadPassages(strings.NewReader(tt.csv), "p.csv", Options{})
			if err == nil || !strings.Contains(err.Error(), tt.says) {
				t.Fatalf("error %v, want one saying %q", err, tt.says)
			}
			if tt.name == "bad label" && !strings.Contains(err.Error(), "p.csv:2") {
				t.Errorf("error %q does not name the record", err)
			}
		})
	}
	// SkipBad keeps the good records and lists the bad.
	csv := passagesHead + `1,T,A B,"x",x,Happy,,,` + "\n" + `2,T,A B,"y",x,Neutral,,,` + "\n"
	got, skipped, err := ReadPassages(strings.NewReader(csv), "p.csv", Options{SkipBad: true})
	if err != nil || len(got) != 1 || len(skipped) != 1 || skipped[0].Line != 2 {
		t.Errorf("SkipBad: %d records, skipped %v, err %v", len(got), skipped, err)
	}
	var le *LineError
	if _, _, err := ReadPassages(strings.NewReader(passagesHead+`1,T,A B,"x",x,Happy,,,`+"\n"), "p.csv", Options{}); !errors.As(err, &le) {
		t.Errorf("error %v is not a *LineError", err)
	}
}

func FuzzReadPassages(f *testing.F) {
	f.Add(passagesHead + `7,T,Maria Lopez,"Maria Lopez won.` + "\n" + `She left.",x,Positive,Positive,Neutral,` + "\n")
	f.Add("DOCUMENT_INDEX\n\"")
	f.Fuzz(func(t *testing.T, data string) {
		docs, _, err := ReadPassages(strings.NewReader(data), "f.csv", Options{SkipBad: true})
		if err != nil {
			return
		}
		for _, d := range docs {
			for _, p := range d.Paragraphs {
				if p.Start < 0 || p.End > len(d.Text) || p.Start > p.End {
					t.Fatalf("paragraph [%d,%d) outside a text of %d bytes", p.Start, p.End, len(d.Text))
				}
			}
		}
	})
}
