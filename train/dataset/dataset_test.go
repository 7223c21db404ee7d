package dataset

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadMentions(t *testing.T) {
	in := `{"primary_gid": "a", "sentence_normalized": "Café owner Graham won.", "targets": [{"from": 11, "to": 17, "mention": "Graham", "polarity": 6.0, "further_mentions": [{"from": 0, "to": 4, "mention": "Café"}]}]}

{"id": "b", "text": "Russia bombed Aleppo.", "targets": [{"from": 0, "to": 6, "mention": "Russia", "polarity": -1, "role": "antagonist"}]}
`
	recs, skipped, err := ReadMentions(strings.NewReader(in), "x.jsonl", Options{})
	if err != nil || len(skipped) != 0 {
		t.Fatalf("err %v, skipped %v", err, skipped)
	}
	if len(recs) != 2 {
		t.Fatalf("%d records", len(recs))
	}
	g := recs[0].Targets[0]
	// "Café" is 5 bytes, 4 code points: offsets shift by one byte.
	if g.Start != 12 || g.End != 18 || recs[0].Text[g.Start:g.End] != "Graham" || g.Polarity != Positive {
		t.Errorf("target = %+v", g)
	}
	if g.Further[0] != (Span{0, 5}) {
		t.Errorf("further = %+v", g.Further)
	}
	if r := recs[1]; r.ID != "b" || r.Line != 3 || r.Targets[0].Role != "antagonist" || r.Targets[0].Polarity != Negative {
		t.Errorf("record 2 = %+v", r)
	}
}

func TestReadMentionsErrors(t *testing.T) {
	ok := `{"id": "a", "text": "Russia won.", "targets": [{"from": 0, "to": 6, "mention": "Russia", "polarity": 1}]}`
	tests := []struct {
		name, in, want string
	}{
		{"malformed", `{"id": "a", "text": `, "x.jsonl:1: malformed JSON"},
		{"offset outside", `{"id": "a", "text": "Hi", "targets": [{"from": 0, "to": 9, "polarity": 1}]}`, "outside the text"},
		{"mention mismatch", `{"id": "a", "text": "Russia won.", "targets": [{"from": 0, "to": 6, "mention": "Turkey", "polarity": 1}]}`, `mention "Turkey" does not match`},
		{"unknown polarity", `{"id": "a", "text": "Russia won.", "targets": [{"from": 0, "to": 6, "polarity": 3}]}`, "unknown polarity 3"},
		{"unknown role", `{"id": "a", "text": "Russia won.", "targets": [{"from": 0, "to": 6, "role": "hero"}]}`, `unknown role "hero"`},
		{"no label", `{"id": "a", "text": "Russia won.", "targets": [{"from": 0, "to": 6}]}`, "no label"},
		{"duplicate id", ok + "\n" + ok, `x.jsonl:2: duplicate id "a" (first on line 1)`},
		{"empty", "\n\n", "no records"},
		{"no text", `{"id": "a", "targets": []}`, `no "text"`},
	}
	for _, tt := range tests {
		_, _, err := ReadMentions(strings.NewReader(tt.in), "x.jsonl", Options{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want it to contain %q", tt.name, err, tt.want)
		}
	}
}

func TestSkipBadCounts(t *testing.T) {
	in := `{"id": "a", "text": "Russia won.", "targets": [{"from": 0, "to": 6, "polarity": 1}]}
not json
{"id": "c", "text": "Iran lost.", "targets": [{"from": 0, "to": 4, "polarity": -1}]}
`
	recs, skipped, err := ReadMentions(strings.NewReader(in), "x.jsonl", Options{SkipBad: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || len(skipped) != 1 || skipped[0].Line != 2 {
		t.Fatalf("recs %d, skipped %v", len(recs), skipped)
	}
	var le *LineError
	if !errors.As(error(skipped[0]), &le) || le.File != "x.jsonl" {
		t.Errorf("skipped error %v", skipped[0])
	}
}

func TestReadActors(t *testing.T) {
	in := `{"id": "p1", "text": "Koellmann bought a flat.", "actor": "Benjamin Koellmann", "polarity": 0}
{"id": "p2", "text": "x", "actor": "", "polarity": 0}`
	_, _, err := ReadActors(strings.NewReader(in), "a.jsonl", Options{})
	if err == nil || !strings.Contains(err.Error(), `a.jsonl:2: no "actor"`) {
		t.Fatalf("err = %v", err)
	}
	recs, skipped, err := ReadActors(strings.NewReader(in), "a.jsonl", Options{SkipBad: true})
	if err != nil || len(recs) != 1 || len(skipped) != 1 || recs[0].Actor != "Benjamin Koellmann" {
		t.Fatalf("recs %+v skipped %v err %v", recs, skipped, err)
	}
}

func TestDetectFile(t *testing.T) {
	dir := t.TempDir()
	m := filepath.Join(dir, "m.jsonl")
	a := filepath.Join(dir, "a.jsonl")
	os.WriteFile(m, []byte(`{"text": "x", "targets": []}`), 0o644)
	os.WriteFile(a, []byte(`{"text": "x", "actor": "y", "polarity": 0}`), 0o644)
	if f, err := DetectFile(m); f != FormatM || err != nil {
		t.Errorf("m: %v %v", f, err)
	}
	if f, err := DetectFile(a); f != FormatA || err != nil {
		t.Errorf("a: %v %v", f, err)
	}
}

// The shared training data must read cleanly, with nothing skipped.
func TestSharedData(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "data")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared data not found at %s (it sits beside the repository): %v", dir, err)
	}
	for _, f := range []string{"newsmtsc/train.jsonl", "newsmtsc/dev-rw.jsonl", "newsmtsc/dev-mt.jsonl", "nfc/roles.jsonl"} {
		recs, _, err := ReadMentionsFile(filepath.Join(dir, f), Options{})
		if err != nil || len(recs) == 0 {
			t.Errorf("%s: %d records, %v", f, len(recs), err)
		}
	}
	recs, _, err := ReadActorsFile(filepath.Join(dir, "persent/dev.jsonl"), Options{})
	if err != nil || len(recs) != 578 {
		t.Errorf("persent: %d records, %v", len(recs), err)
	}
}

func FuzzReadMentions(f *testing.F) {
	f.Add(`{"id": "a", "text": "Russia won.", "targets": [{"from": 0, "to": 6, "mention": "Russia", "polarity": 1}]}`)
	f.Add(`{"text": "é€", "targets": [{"from": 1, "to": 2, "polarity": 4.0, "further_mentions": [{"from": 0, "to": 1}]}]}`)
	f.Add("{\"text\": \"\xff\", \"targets\": [{\"from\": 0, \"to\": 1, \"polarity\": 2}]}")
	f.Fuzz(func(t *testing.T, in string) {
		recs, _, err := ReadMentions(strings.NewReader(in), "f", Options{SkipBad: true})
		if err != nil {
			return
		}
		for _, r := range recs {
			for _, tg := range r.Targets {
				if tg.Start < 0 || tg.End > len(r.Text) || tg.Start >= tg.End || r.Text[tg.Start:tg.End] != tg.Mention {
					t.Fatalf("bad target %+v in %q", tg, r.Text)
				}
			}
		}
	})
}

func FuzzReadActors(f *testing.F) {
	f.Add(`{"id": "p", "text": "Koellmann won.", "actor": "Koellmann", "polarity": 1}`)
	f.Fuzz(func(t *testing.T, in string) {
		recs, _, err := ReadActors(strings.NewReader(in), "f", Options{SkipBad: true})
		if err != nil {
			return
		}
		for _, r := range recs {
			if r.Text == "" || r.Actor == "" || r.Polarity < -1 || r.Polarity > 1 {
				t.Fatalf("bad record %+v", r)
			}
		}
	})
}
