package actors

import (
	"slices"
	"strings"
	"testing"
)

// withKinds returns "surface=Actor/kind" for every mention of text.
func withKinds(f *Finder, text string) []string {
	var out []string
	for _, m := range f.Find(text) {
		out = append(out, text[m.Start:m.End]+"="+m.Actor+"/"+string(m.Kind))
	}
	return out
}

// TestPlacesAndWholeNames checks places, long organisation names and
// titles on sentences written for it. The test sentences are long and in
// sentence case on purpose: a short line of capitalised words reads as a
// headline, where discovery finds nothing.
func TestPlacesAndWholeNames(t *testing.T) {
	f := NewFinder(mustDefault(), Options{Discover: true})
	tests := []struct {
		name, text string
		want       []string // these mentions, in this order, among all found
		not        []string // and none of these
	}{
		{"place word", "The shelling hit the Karsh Mountains and the Old Town Square late on a cold night, witnesses said.",
			[]string{"Karsh Mountains=Karsh Mountains/place", "Old Town Square=Old Town Square/place"}, nil},
		{"list of places", "Areas affected include the Karsh Mountains, Al-Nabiyah districts of Deir Ezzor, Al-Qasimiyah, and Al-Tell, the monitor said.",
			[]string{"Karsh Mountains=Karsh Mountains/place", "Al-Nabiyah=Al-Nabiyah/place", "Deir Ezzor=Deir Ezzor/place", "Al-Qasimiyah=Al-Qasimiyah/place", "Al-Tell=Al-Tell/place"}, nil},
		{"after a locative elsewhere", "Talks held in Vellora failed last week. Vellora has been quiet since then, and nobody there expects much from the next round.",
			[]string{"Vellora=Vellora/place"}, []string{"Vellora=Vellora/organisation"}},
		{"town of", "The army entered the town of Marbeck after a long siege, and the people of the valley waited for news.",
			[]string{"Marbeck=Marbeck/place"}, nil},
		{"province after", "The fighting spread to Qaraz province on Monday, and the roads to the coast were closed by the army.",
			[]string{"Qaraz=Qaraz/place"}, nil},
		{"gazetteer", "Heavy fighting was reported on Sunday, as Mariupol and Deir Ezzor braced for another assault by the army.",
			[]string{"Mariupol=Mariupol/place", "Deir Ezzor=Deir Ezzor/place"}, nil},
		{"sea and resort", "The talks will be held at a congress in the Black Sea resort of Sochi on a date still to be agreed, officials said.",
			[]string{"Black Sea=Black Sea/place", "Sochi=Sochi/place"}, nil},
		{"compass word of a gazetteer name", "The settlers said that life in the West Bank and in South Ossetia was getting harder every month.",
			nil, []string{"Bank=Bank/organisation", "Ossetia=Ossetia/person"}},
		{"long place name", "Tankers crossing the Strait of Hormuz and the Gulf of Aden were warned by the navy on Friday morning.",
			[]string{"Strait of Hormuz=Strait of Hormuz/place", "Gulf of Aden=Gulf of Aden/place"}, nil},
		// mirrors: what was right before must stay so
		{"capital stays a metonym", "Moscow said on Friday that the talks in Geneva were over and that nobody should expect more.",
			[]string{"Moscow=Russia/country"}, nil},
		{"a person stays a person", "Officials said Vladimir Frolov, a foreign affairs analyst, was not invited to the meeting this year.",
			[]string{"Vladimir Frolov=Vladimir Frolov/person"}, nil},
		{"russian forces", "Russian forces shelled Kharkiv again on Tuesday, and residents of the city fled to the west in cars.",
			[]string{"Russian forces=Russia/country", "Kharkiv=Kharkiv/place"}, nil},

		{"institute with countries inside", "Alexander Shumilin, a scholar at the Institute for US and Canadian Studies, was doubtful about it.",
			[]string{"Institute for US and Canadian Studies=Institute for US and Canadian Studies/organisation"},
			[]string{"US=United States/country", "Canadian=Canada/country"}},
		{"institute with of", "Alexei Malashenko, head of research at the Dialogue of Civilisations Institute, added a warning.",
			[]string{"Dialogue of Civilisations Institute=Dialogue of Civilisations Institute/organisation"},
			[]string{"Civilisations Institute=Civilisations Institute/organisation"}},
		{"university with a capital", "She studied at Moscow State University for many years before she left for a job abroad.",
			[]string{"Moscow State University=Moscow State University/organisation"}, []string{"Moscow=Russia/country"}},
		{"countries joined without an organisation word", "The US and Canadian officials met in a hotel on Friday and said very little afterwards.",
			[]string{"US=United States/country", "Canadian officials=Canada/country"}, nil},
		{"a listed organisation inside stays", "The UN Human Rights Council met on Friday to discuss the report and its findings again.",
			[]string{"UN=United Nations/organisation"}, nil},
		{"islamic republic keeps its country", "The leaders of the Islamic Republic of Iran said on Friday that the deal was dead.",
			[]string{"Islamic Republic of Iran=Iran/country"}, nil},

		{"title attaches", "In a call that lasted an hour, Russian President Vladimir Putin told Syrian President Bashar al-Assad to hold on.",
			[]string{"Russian President Vladimir Putin=Vladimir Putin/person", "Syrian President Bashar al-Assad=Bashar al-Assad/person"},
			[]string{"Russian=Russia/country", "Syrian President=Syrian government/government"}},
		{"title attaches to a discovered person", "On the phone with reporters on a rainy morning, the Ukrainian Foreign Minister Dmytro Kuleba said no to the plan.",
			[]string{"Ukrainian Foreign Minister Dmytro Kuleba=Dmytro Kuleba/person"}, []string{"Ukrainian=Ukraine/country"}},
		{"secretary of state", "At the end of a long day of talks, the US Secretary of State John Kerry said little to the press.",
			[]string{"US Secretary of State John Kerry=John Kerry/person"}, []string{"US=United States/country"}},
		// mirrors
		{"a title without a name", "At the end of a long day of talks, the Russian president said little to the press.",
			[]string{"Russian president=Russia/country"}, nil},
		{"possessive", "Many in the West fear Putin's Russia, and Russia's President Vladimir Putin knows it well.",
			[]string{"Putin=Vladimir Putin/person", "Russia=Russia/country", "Russia=Russia/country", "Vladimir Putin=Vladimir Putin/person"}, nil},
	}
	for _, tt := range tests {
		got := withKinds(f, tt.text)
		k := 0
		for _, g := range got {
			if k < len(tt.want) && g == tt.want[k] {
				k++
			}
		}
		if k < len(tt.want) {
			t.Errorf("%s: %q\n got %q\nwant in order %q", tt.name, tt.text, got, tt.want)
		}
		for _, n := range tt.not {
			if slices.Contains(got, n) {
				t.Errorf("%s: %q: found %q in %q", tt.name, tt.text, n, got)
			}
		}
	}
}

// TestGazetteer checks that every gazetteer name is found as a place and
// is not a catalogue alias, which would make it unreachable (the
// catalogue matches first) or make a capital stop being a metonym.
func TestGazetteer(t *testing.T) {
	if len(gazetteer) < 300 {
		t.Errorf("gazetteer has %d names", len(gazetteer))
	}
	listed := NewFinder(mustDefault(), Options{})
	f := NewFinder(mustDefault(), Options{Discover: true})
	for name := range gazetteer {
		// "Port Sudan" holds Sudan, which discovery removes; but a
		// name the catalogue matches whole would never be discovered.
		if ms := listed.Find(name); len(ms) > 0 && ms[0].Start == 0 && ms[0].End == len(name) {
			t.Errorf("%q is matched by the catalogue as %q", name, ms[0].Actor)
		}
		text := "The reports said that the situation in the streets of " + name + " was getting worse, and that " + name + " was quiet at night."
		ms := f.Find(text)
		ok := false
		for _, m := range ms {
			if m.Actor == name && m.Kind == Place {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q not found as a place: %q", name, withKinds(f, text))
		}
	}
	if !strings.Contains(placesTXT, "common knowledge") {
		t.Error("places.txt does not say where it comes from")
	}
}
