package actors

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/actorframe/actorframe/features"
)

// TestFinderWords checks that the finder cuts a text where the feature
// extractor does, and re-cuts the marks the word segmentation joins but
// names do not.
func TestFinderWords(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"The U.S. and N'Djamena met.", []string{"The", "U.S.", "and", "N'Djamena", "met"}},
		{"Russia's army and al-Assad", []string{"Russia", "army", "and", "al", "Assad"}},
		{"“North Korea.â€", []string{"North", "Korea", "â"}},
		{"I‘m sure 330,000 left", []string{"I", "m", "sure", "330", "000", "left"}},
		{"Le Drian’s aide", []string{"Le", "Drian", "aide"}},
		{"@Jim_Jordan said", []string{"Jim_Jordan", "said"}},
	} {
		var d features.Doc
		features.Segment(tc.text, &d)
		var got []string
		for _, tk := range appendDocTokens(tc.text, &d, lowerPadded(nil, tc.text), nil) {
			got = append(got, tc.text[tk.start():tk.end()])
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: words %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestAppendMentionsDoc checks that a parsed Doc and the raw text give the
// same mentions.
func TestAppendMentionsDoc(t *testing.T) {
	f := NewFinder(mustDefault(), Options{Discover: true, Pronouns: true})
	p := features.NewParser(features.DefaultConfig())
	for _, text := range []string{
		"Russian jets struck Aleppo. The rebels said they would fight on, Mr. Assad's army said.",
		"NATO allies and the West condemned the Kremlin's move; President Zelensky thanked them.",
		"",
	} {
		var d features.Doc
		p.Parse(text, &d)
		if a, b := f.Find(text), f.AppendMentionsDoc(nil, &d); !reflect.DeepEqual(a, b) {
			t.Errorf("%q: Find %v, AppendMentionsDoc %v", text, a, b)
		}
	}
}

// TestMergeFound checks that merging found mentions into those already
// found, after a prefix of dst it must leave alone, gives the order a
// stable sort of the two appended gives: by Start, dst's first on a tie.
func TestMergeFound(t *testing.T) {
	m := func(actor string, start int) Mention { return Mention{Actor: actor, Start: start, End: start + 1} }
	for _, tc := range []struct {
		name       string
		dst, found []Mention
		first      int
		want       []string
	}{
		{"nothing found", []Mention{m("a", 1), m("b", 5)}, nil, 0, []string{"a", "b"}},
		{"nothing before", nil, []Mention{m("x", 2), m("y", 3)}, 0, []string{"x", "y"}},
		{"interleaved", []Mention{m("a", 1), m("b", 5), m("c", 9)}, []Mention{m("x", 0), m("y", 6), m("z", 12)}, 0,
			[]string{"x", "a", "b", "y", "c", "z"}},
		{"ties keep dst first", []Mention{m("a", 4), m("b", 7)}, []Mention{m("x", 4), m("y", 7), m("z", 7)}, 0,
			[]string{"a", "x", "b", "y", "z"}},
		{"a prefix left alone", []Mention{m("p", 20), m("a", 3), m("b", 8)}, []Mention{m("x", 1), m("y", 8)}, 1,
			[]string{"p", "x", "a", "b", "y"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var s scratch
			// spare capacity, as a reserved dst has: the merge must not
			// read what lies past its length
			dst := append(make([]Mention, 0, len(tc.dst)+len(tc.found)+4), tc.dst...)
			var got []string
			for _, mn := range s.mergeFound(dst, tc.first, tc.found) {
				got = append(got, mn.Actor)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("merged %q, want %q", got, tc.want)
			}
		})
	}
}

// TestMergeFoundMatchesStableSort merges random sorted runs, into a dst
// with exact capacity (so the merge must reallocate) and with spare, and
// checks the result against a stable sort of the two appended.
func TestMergeFoundMatchesStableSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	sorted := func(n, tag int) []Mention {
		ms := make([]Mention, n)
		for i := range ms {
			ms[i] = Mention{Start: rng.IntN(20), End: tag*1000 + i}
		}
		sort.SliceStable(ms, func(a, b int) bool { return ms[a].Start < ms[b].Start })
		return ms
	}
	for round := range 2000 {
		prefix := sorted(rng.IntN(3), 0)
		dst := sorted(rng.IntN(8), 1)
		found := sorted(rng.IntN(8), 2)
		want := append(append([]Mention(nil), dst...), found...)
		sort.SliceStable(want, func(a, b int) bool { return want[a].Start < want[b].Start })
		want = append(append([]Mention(nil), prefix...), want...)

		in := append(append([]Mention(nil), prefix...), dst...)
		if round%2 == 1 {
			in = append(make([]Mention, 0, len(in)+len(found)+3), in...)
		} else {
			in = slices.Clip(in)
		}
		var s scratch
		if got := s.mergeFound(in, len(prefix), found); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
			t.Fatalf("round %d: merged %v, want %v", round, got, want)
		}
	}
}
