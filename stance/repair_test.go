package stance_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/actorframe/actorframe/stance"
)

// Scraped text with UTF-8 read as Windows-1252 is mended before analysis:
// the curly quotes are seen, so the quoted voice is found, and every
// offset still points into the text as given.
func TestScoreMendsMojibake(t *testing.T) {
	clean := "“Russia is liberating the city,” said Maria Alvarez. Russia’s jets bombed the market, residents said."
	broken := strings.NewReplacer("“", "â€œ", "”", "â€\u009d", "’", "â€™").Replace(clean)
	for _, text := range []string{clean, broken, strings.ReplaceAll(clean, "’", "&#8217;")} {
		rep := stance.Score(text)
		russia, ok := rep.Actor("Russia")
		if !ok {
			t.Fatalf("%q: Russia not found", text)
		}
		if len(russia.Sources) != 1 || russia.Sources[0].Source.String() != "Maria Alvarez" {
			t.Errorf("%q: Russia's quoted voices %v, want Maria Alvarez's", text, russia.Sources)
		}
		for _, a := range rep.Actors {
			for _, m := range a.MentionList {
				if text[m.Start:m.End] != m.Text || !strings.Contains(text, m.Sentence) {
					t.Errorf("%q: mention %q at [%d,%d) does not point into the text", text, m.Text, m.Start, m.End)
				}
			}
		}
	}
	raw, err := stance.Default()
	if err != nil {
		t.Fatal(err)
	}
	if raw, err = raw.WithOptions(stance.Options{NoRepair: true}); err != nil {
		t.Fatal(err)
	}
	if a, ok := raw.Score(broken).Actor("Russia"); ok && len(a.Sources) == 1 {
		t.Log("without repair the mojibake quote was still attributed")
	}
}

// A report written as JSON reads back into a Report, and writes again to
// the same bytes.
func TestReportJSONRoundTrip(t *testing.T) {
	rep := stance.Score(`"Russia is liberating the city," said RT. The "heroic army" shelled it, residents said.`)
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back stance.Report
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	b2, err := json.Marshal(back)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != string(b2) {
		t.Errorf("round trip changed the report:\n%s\n%s", b, b2)
	}
}

// Input that is not text is flagged in the report.
func TestReportFlagsNotText(t *testing.T) {
	if rep := stance.Score("Russia bombed Aleppo."); rep.NotText != "" {
		t.Errorf("text flagged: %q", rep.NotText)
	}
	if rep := stance.Score("\x7fELF\x02\x01\x00 Russia bombed Aleppo."); rep.NotText == "" {
		t.Error("a program's bytes are not flagged")
	}
}

// An outlet that only reports is a voice, not a framed actor; an outlet
// the text frames is an actor. A place gets a role only from what acts on
// it.
func TestOutletsAndPlaces(t *testing.T) {
	rep := stance.Score(`"Russia is liberating the city," RT reported. Rebels shelled the market, according to Reuters. The delegation met in Geneva.`)
	for _, name := range []string{"RT", "Reuters"} {
		if _, ok := rep.Actor(name); ok {
			t.Errorf("%s only reports, yet is reported as a framed actor", name)
		}
	}
	if russia, ok := rep.Actor("Russia"); !ok || len(russia.Sources) == 0 || russia.Sources[0].Source.String() != "RT" {
		t.Errorf("Russia's frame in RT's voice is missing: %+v", russia.Sources)
	}
	if g, ok := rep.Actor("Geneva"); ok && g.Role != stance.NeutralRole {
		t.Errorf("Geneva, a meeting place, has role %v", g.Role)
	}
	rep = stance.Score("Protesters accused RT of spreading lies about the war.")
	if _, ok := rep.Actor("RT"); !ok {
		t.Error("RT, accused of lying, is not reported")
	}
	rep = stance.Score("Russian jets bombed Aleppo for weeks; Aleppo was besieged and starved.")
	if a, ok := rep.Actor("Aleppo"); !ok || a.Role != stance.Innocent {
		t.Errorf("besieged Aleppo: %+v", a.Frame)
	}
}
