package actors

import (
	"reflect"
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
			got = append(got, tc.text[tk.start:tk.end])
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
