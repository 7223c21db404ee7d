package quotes

import (
	"github.com/actorframe/actorframe/features"
	"strings"
	"testing"
)

// TestSpeaks checks, on sentences written for it, which names speak or
// report where they stand. Each name is given by its text and the
// occurrence it is (0 for the first).
func TestSpeaks(t *testing.T) {
	tests := []struct {
		text, name string
		nth        int
		want       bool
	}{
		{`RT reported that the city had been liberated.`, "RT", 0, true},
		{`Fox News said the talks had failed.`, "Fox News", 0, true},
		{`The claim was made according to Reuters, which cited two officials.`, "Reuters", 0, true},
		{`RT's report described the city as liberated.`, "RT", 0, true},
		{`The following is an excerpt of a report by Fox News.`, "Fox News", 0, true},
		{`"We will stay," said Ivan Petrov, a local official.`, "Ivan Petrov", 0, true},
		{`"We will stay," said the deputy mayor, Ivan Petrov.`, "Ivan Petrov", 0, true},
		{`Vladimir Frolov, a foreign affairs analyst in Moscow, said the war was won.`, "Vladimir Frolov", 0, true},
		{`Frolov also said Moscow could not remove the president.`, "Frolov", 0, true},
		{`Putin has said the world needs to support the government.`, "Putin", 0, true},
		// mirrors: names that are what is said, or do something else
		{`Frolov also said Moscow could not remove the president.`, "Moscow", 0, false},
		{`Obama said Russia was to blame for the chaos.`, "Russia", 0, false},
		{`RT was banned in several countries last year.`, "RT", 0, false},
		{`Russian jets bombed Aleppo. Reuters staff left the city.`, "Reuters", 0, false},
		{`Putin's Russia has said nothing about the talks.`, "Putin", 0, false},
		{`The army shelled the town, residents said.`, "army", 0, false},
		{`Assad thanked Putin for his help.`, "Putin", 0, false},
		{`The report blamed Assad for the attack.`, "Assad", 0, false},
	}
	for _, tt := range tests {
		at := -1
		for k, from := 0, 0; k <= tt.nth; k++ {
			i := strings.Index(tt.text[from:], tt.name)
			if i < 0 {
				t.Fatalf("%q not in %q", tt.name, tt.text)
			}
			at, from = from+i, from+i+len(tt.name)
		}
		if got := Speaks(tt.text, at, at+len(tt.name)); got != tt.want {
			t.Errorf("Speaks(%q in %q) = %v, want %v", tt.name, tt.text, got, tt.want)
		}
	}
	// out of range spans are no speakers, and no panic
	for _, span := range [][2]int{{-1, 2}, {3, 2}, {0, 99}} {
		if Speaks("RT said", span[0], span[1]) {
			t.Errorf("Speaks on span %v", span)
		}
	}
}

// TestPronounSource checks that a pronoun source is flagged, for framing
// to resolve, and that a name never is.
func TestPronounSource(t *testing.T) {
	tests := []struct {
		text string
		want []bool
	}{
		{`"Russia expects the regime to stay," he said.`, []bool{true}},
		{`"It is a trap," she told reporters.`, []bool{true}},
		{`"We will boycott the congress," they said.`, []bool{true}},
		{`"It is a trap," Frolov said.`, []bool{false}},
		{`He added: "It is a trap with no way out of it at all."`, []bool{true}},
		{"\"We will stay in the city for as long as it takes,\" he said.\n\"And nobody will make us leave it, whatever happens next.\"", []bool{true, true}},
	}
	for _, tt := range tests {
		qs := Find(tt.text)
		if len(qs) != len(tt.want) {
			t.Fatalf("%q: %d quotes, want %d", tt.text, len(qs), len(tt.want))
		}
		for i, q := range qs {
			if q.Pronoun != tt.want[i] {
				t.Errorf("%q quote %d (source %q): Pronoun = %v, want %v", tt.text, i, q.Source, q.Pronoun, tt.want[i])
			}
		}
	}
}

// FuzzSpeaks: any text and span is answered without a panic.
func FuzzSpeaks(f *testing.F) {
	f.Add(`"We will stay," said Ivan Petrov, a local official.`, 20, 31)
	f.Add("RT's report", 0, 2)
	f.Add("according to \xff", 13, 14)
	f.Fuzz(func(t *testing.T, text string, start, end int) {
		Speaks(text, start, end)
	})
}

// SpeaksDoc allocates nothing on news text: the actor finder asks it of
// every pronoun that says something.
func TestSpeaksAllocs(t *testing.T) {
	text := `Vladimir Frolov, a foreign affairs analyst in Moscow, said the war was won, according to Reuters and RT's report.`
	var d features.Doc
	features.Segment(text, &d)
	n := testing.AllocsPerRun(100, func() {
		SpeaksDoc(&d, 0, len("Vladimir Frolov"))
		i := strings.Index(text, "Reuters")
		SpeaksDoc(&d, i, i+len("Reuters"))
		i = strings.Index(text, "RT")
		SpeaksDoc(&d, i, i+2)
	})
	if n != 0 {
		t.Errorf("Speaks allocates %v times a call", n)
	}
}
