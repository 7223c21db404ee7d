package actors

import (
	"slices"
	"testing"
)

// TestReaderNamedActors: actors a reader names, found under the text's own
// word with the right kind; and the mirror cases that must not change.
func TestReaderNamedActors(t *testing.T) {
	f := NewFinder(mustDefault(), Options{Discover: true, Pronouns: true})
	for _, tc := range []struct {
		name, text string
		want, not  []string // "surface=actor/kind"
	}{
		{"a people, not its state", "Ukrainians queued for bread as Ukraine's army held the line.",
			[]string{"Ukrainians=Ukrainians/group", "Ukraine=Ukraine/country"}, []string{"Ukrainians=Ukraine/country"}},
		{"a quantity of people", "Millions of Syrians fled; ordinary Russians pay the price.",
			[]string{"Syrians=Syrians/group", "Russians=Russians/group"}, nil},
		{"a demonym and people", "The Syrian people have suffered; Syrian jets struck again.",
			[]string{"Syrian people=Syrian people/group", "Syrian jets=Syria/country"}, nil},
		{"people by count", "The strike killed 14 people; thousands of people fled and more than 30,000 people left.",
			[]string{"people=people/group"}, nil},
		{"people without a count are not an actor", "People familiar with the matter said young people left.",
			nil, []string{"People=people/group", "people=people/group"}},
		{"the side is the state", "The Russians advanced while the Ukrainians dug in.",
			[]string{"Russians=Russia/country", "Ukrainians=Ukraine/country"}, nil},
		{"the determiner governs a coordination", "The Russians and Syrians bombed the town.",
			[]string{"Russians=Russia/country", "Syrians=Syria/country"}, nil},
		{"all capitals in a headline", "PUTIN THREATENS THE WEST, ZELENSKY DEFIANT",
			[]string{"PUTIN=Vladimir Putin/person", "ZELENSKY=Volodymyr Zelensky/person"}, nil},
		{"a surname after a title", "Mr. Navalny was jailed. Gen. Petrenko ordered the assault.",
			[]string{"Navalny=Navalny/person", "Petrenko=Petrenko/person"}, nil},
		{"a surname that speaks", "The talks failed, Hrytsenko said on Monday.",
			[]string{"Hrytsenko=Hrytsenko/person"}, nil},
		{"a full name, then the surname", "Olena Hrytsenko spoke. Later Hrytsenko said more.",
			[]string{"Hrytsenko=Olena Hrytsenko/person"}, []string{"Hrytsenko=Hrytsenko/person"}},
		{"acronyms of the wars in the news", "RSF fighters clashed with the SAF; the IDF and Islamic Jihad traded fire; M23 advanced.",
			[]string{"RSF fighters=Rapid Support Forces/armed_group", "SAF=Sudanese Armed Forces/military", "IDF=Israel/country",
				"Islamic Jihad=Palestinian Islamic Jihad/armed_group", "M23=M23/armed_group"}, nil},
		{"common nouns that speak are not people", "Officials said little. Analysts said more.",
			nil, []string{"Officials=Officials/person", "Analysts=Analysts/person"}},
		{"parties", "The Republican Party and the Democrats clashed; Labour, the Tories and the AfD watched.",
			[]string{"Republican Party=Republican Party/organisation", "Democrats=Democratic Party/organisation",
				"Labour=Labour Party/organisation", "Tories=Conservative Party/organisation", "AfD=Alternative for Germany/organisation"}, nil},
		{"movements", "Extinction Rebellion and Black Lives Matter marched; Greenpeace and Fridays for Future joined.",
			[]string{"Extinction Rebellion=Extinction Rebellion/organisation", "Black Lives Matter=Black Lives Matter/organisation",
				"Greenpeace=Greenpeace/organisation", "Fridays for Future=Fridays for Future/organisation"}, nil},
		{"work is not a party", "labour costs rose and democrats in general agreed.", nil,
			[]string{"labour=Labour Party/organisation", "democrats=Democratic Party/organisation"}},
	} {
		var got []string
		for _, m := range f.Find(tc.text) {
			got = append(got, tc.text[m.Start:m.End]+"="+m.Actor+"/"+string(m.Kind))
		}
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("%s: missing %q in %q", tc.name, w, got)
			}
		}
		for _, w := range tc.not {
			if slices.Contains(got, w) {
				t.Errorf("%s: unwanted %q in %q", tc.name, w, got)
			}
		}
	}
}
