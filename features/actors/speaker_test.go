package actors

import (
	"slices"
	"strings"
	"testing"
)

// TestPronounSpeaker checks that "he said" after a quotation goes to the
// last person the text had speak, and otherwise, as before, to the last
// person named.
func TestPronounSpeaker(t *testing.T) {
	f := NewFinder(mustDefault(), Options{Discover: true, Pronouns: true})
	tests := []struct {
		name, text, want string
	}{
		{"speaker of the sentence before", "Vladimir Frolov is an analyst who lives in the capital.\nFrolov said Moscow could not and did not want to remove Assad.\n\"Russia expects Assad's regime to stay forever, with slight modifications,\" he said.",
			"he=Vladimir Frolov"},
		{"speaker of the quotation before", "\"We will stay in the town,\" said Ivan Petrov. The army shelled Assad's positions at night.\n\"Nobody will make us go from here, not even the army,\" he said.",
			"he=Ivan Petrov"},
		{"he also said", "Vladimir Frolov said the war was won. Assad was pleased.\n\"Nobody will make him go from there, whatever happens next,\" he also said.",
			"he=Vladimir Frolov"},
		// mirrors: no one spoke, so the last person named
		{"no speaker: last person", "Ivan Petrov met Sergei Lavrov on Monday in the capital.\n\"We will never leave this town, whatever it costs us,\" he said.",
			"he=Sergei Lavrov"},
		{"no quotation", "Putin met Erdogan in the capital on Monday. He said his army would stay.", "He=Recep Tayyip Erdogan"},
		{"a possessive is no speaker", "Frolov said the war was won. Assad was pleased, and his wife too.", "his=Bashar al-Assad"},
	}
	for _, tt := range tests {
		if got := found(f, tt.text); !slices.Contains(got, tt.want) {
			t.Errorf("%s: %q\n got %q\nwant %q among them", tt.name, tt.text, got, tt.want)
		}
	}
	if openingQuote(`no quote here, he said`, strings.Index(`no quote here, he said`, "he")) != -1 {
		t.Error("openingQuote found a quotation where there is none")
	}
}
