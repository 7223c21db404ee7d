package stance_test

import (
	"errors"
	"math"
	"reflect"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/actorframe/actorframe/stance"
)

// fuzzMaxLen bounds fuzz inputs so that each call stays fast; the growth
// and hostile-input tests cover large texts.
const fuzzMaxLen = 64 << 10

// fuzzSeeds are the in-code seeds of both fuzz targets; testdata/fuzz holds
// more.
var fuzzSeeds = []string{
	"",
	"Russian jets bombed hospitals and killed dozens of civilians in a brutal attack.",
	`"Russia is liberating the people from terrorists," the Kremlin spokesman said. Rebels say Assad's forces shelled Aleppo.`,
	"“Assad ‘will never win’,” a rebel commander told Reuters. “We protect civilians.”",
	"\"\"\"Russia\" said \"Iran \"said \"Assad\"",
	"Assad\x00 bombed \x00Russia\x00",
	"Russia \xff\xfe attacked \xc3 Iran \xe2\x80 rebels\xed\xa0\x80.",
	"<p>Russia &amp; Iran</p><script>var x = \"Assad\";</script><a href=\"x\">rebels</a>",
	"He said she said. His forces; her army! Its people?",
	"U.S. Sen. Smith said: « La Russie bombarde Alep », Mr. Putin denied it.",
}

// checkInvariants asserts everything FuzzScore promises on top of
// checkReport: every frame's scores and confidences in range, evidence
// weights finite, mention probabilities a distribution, sentences taken from
// the text.
func checkInvariants(t *testing.T, text string, rep stance.Report) {
	t.Helper()
	checkReport(t, text, rep)
	for _, a := range rep.Actors {
		checkFrame(t, a.Actor, a.Frame)
		if a.Author != nil {
			checkFrame(t, a.Actor+" (author)", *a.Author)
		}
		for _, s := range a.Sources {
			checkFrame(t, a.Actor+" (source "+s.Source.String()+")", s.Frame)
		}
		checkEvidence(t, a.Actor, a.Evidence)
		if len(a.MentionList) == 0 {
			t.Fatalf("%s: reported with no mentions", a.Actor)
		}
		for i, m := range a.MentionList {
			checkMention(t, text, a.Actor, m)
			if i > 0 && m.Start <= a.MentionList[i-1].Start {
				t.Fatalf("%s: mentions out of text order: [%d,%d) after [%d,%d)", a.Actor, m.Start, m.End, a.MentionList[i-1].Start, a.MentionList[i-1].End)
			}
		}
	}
	// No two mentions, of any actors, overlap.
	var spans [][2]int
	for _, a := range rep.Actors {
		for _, m := range a.MentionList {
			spans = append(spans, [2]int{m.Start, m.End})
		}
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	for i := 1; i < len(spans); i++ {
		if spans[i][0] < spans[i-1][1] {
			t.Fatalf("mentions [%d,%d) and [%d,%d) overlap", spans[i-1][0], spans[i-1][1], spans[i][0], spans[i][1])
		}
	}
}

func checkFrame(t *testing.T, who string, f stance.Frame) {
	t.Helper()
	if !inRange(f.Score, -1, 1) {
		t.Fatalf("%s: score %v outside [-1, 1]", who, f.Score)
	}
	if !inRange(f.Confidence, 0, 1) {
		t.Fatalf("%s: confidence %v outside [0, 1]", who, f.Confidence)
	}
	if !inRange(f.RoleConfidence, 0, 1) {
		t.Fatalf("%s: role confidence %v outside [0, 1]", who, f.RoleConfidence)
	}
	if f.Mentions <= 0 {
		t.Fatalf("%s: frame rests on %d mentions", who, f.Mentions)
	}
}

func checkEvidence(t *testing.T, who string, ev []stance.Evidence) {
	t.Helper()
	for _, e := range ev {
		// Weights are sums of logit contributions: unbounded, but finite.
		if math.IsNaN(e.Weight) || math.IsInf(e.Weight, 0) {
			t.Fatalf("%s: evidence %q has weight %v", who, e.Feature, e.Weight)
		}
	}
}

// checkMention checks one mention's span, scores and sentence.
func checkMention(t *testing.T, text, who string, m stance.Mention) {
	t.Helper()
	if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
		t.Fatalf("%s: span [%d,%d) outside text of %d bytes", who, m.Start, m.End, len(text))
	}
	if !utf8.RuneStart(text[m.Start]) || m.End < len(text) && !utf8.RuneStart(text[m.End]) {
		t.Fatalf("%s: span [%d,%d) not on rune boundaries", who, m.Start, m.End)
	}
	if text[m.Start:m.End] != m.Text {
		t.Fatalf("%s: mention text %q != text at span %q", who, m.Text, text[m.Start:m.End])
	}
	if !inRange(m.Score, -1, 1) {
		t.Fatalf("%s: mention score %v outside [-1, 1]", who, m.Score)
	}
	sum := 0.0
	for _, p := range m.Prob {
		if !inRange(p, 0, 1) {
			t.Fatalf("%s: mention probabilities %v", who, m.Prob)
		}
		sum += p
	}
	if math.Abs(sum-1) > 1e-6 {
		t.Fatalf("%s: mention probabilities %v sum to %v", who, m.Prob, sum)
	}
	if m.Label != stance.Negative && m.Label != stance.Neutral && m.Label != stance.Positive {
		t.Fatalf("%s: mention label %q", who, m.Label)
	}
	if m.Voice.String() == "" {
		t.Fatalf("%s: mention at [%d,%d) has no voice", who, m.Start, m.End)
	}
}

func inRange(x, lo, hi float64) bool {
	return !math.IsNaN(x) && x >= lo && x <= hi
}

func FuzzScore(f *testing.F) {
	m := model(f)
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > fuzzMaxLen {
			t.Skip("input too long for one fuzz call")
		}
		rep := m.Score(text)
		checkInvariants(t, text, rep)
		// ScoreMention accepts the spans Score reports.
		for i, a := range rep.Actors {
			if i == 2 {
				break
			}
			mn := a.MentionList[0]
			if _, err := m.ScoreMention(text, mn.Start, mn.End); err != nil {
				t.Fatalf("%s: ScoreMention refuses the reported span: %v", a.Actor, err)
			}
		}
		// Score another text in between, so that pooled memory left by a
		// different text cannot go unnoticed; stance.Score uses the same
		// default model.
		stance.Score(fuzzSeeds[1])
		if again := stance.Score(text); !reflect.DeepEqual(rep, again) {
			t.Fatalf("two Scores of the same text differ:\n%+v\n%+v", rep, again)
		}
	})
}

func FuzzScoreMention(f *testing.F) {
	m := model(f)
	for _, s := range fuzzSeeds {
		n := len(s)
		f.Add(s, 0, n)
		f.Add(s, 0, min(n, 6))
		f.Add(s, n/2, n)
		f.Add(s, n, 0)      // reversed
		f.Add(s, -1, n)     // before the text
		f.Add(s, 0, n+1)    // past the text
		f.Add(s, n/2, n/2)  // empty
		f.Add(s, 1, 2)      // maybe mid-rune
		f.Add(s, n+5, n+9)  // wholly outside
		f.Add(s, -9, -3)    // wholly negative
		f.Add(s, n-1, n+10) // straddling the end
	}
	f.Fuzz(func(t *testing.T, text string, from, to int) {
		if len(text) > fuzzMaxLen {
			t.Skip("input too long for one fuzz call")
		}
		ms, err := m.ScoreMention(text, from, to)
		valid := from >= 0 && to <= len(text) && from < to &&
			utf8.RuneStart(text[from]) && (to == len(text) || utf8.RuneStart(text[to]))
		if !valid {
			if !errors.Is(err, stance.ErrSpan) {
				t.Fatalf("span [%d,%d) of %d bytes: err = %v, want ErrSpan", from, to, len(text), err)
			}
			if !reflect.DeepEqual(ms, stance.MentionScore{}) {
				t.Fatalf("span [%d,%d): error with a non-empty result %+v", from, to, ms)
			}
			return
		}
		if err != nil {
			t.Fatalf("valid span [%d,%d) of %d bytes: %v", from, to, len(text), err)
		}
		if ms.Start != from || ms.End != to {
			t.Fatalf("asked for [%d,%d), got [%d,%d)", from, to, ms.Start, ms.End)
		}
		if ms.Via != stance.Given {
			t.Fatalf("via = %q, want given", ms.Via)
		}
		checkMention(t, text, "mention", ms.Mention)
		checkEvidence(t, "mention", ms.Evidence)
		m.ScoreMention(fuzzSeeds[1], 0, 7) // dirty the pools, as in FuzzScore
		again, err := stance.ScoreMention(text, from, to)
		if err != nil || !reflect.DeepEqual(ms, again) {
			t.Fatalf("two ScoreMentions of the same span differ (err %v):\n%+v\n%+v", err, ms, again)
		}
	})
}
