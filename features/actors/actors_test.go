package actors

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// found returns "surface=Actor" for every mention of text.
func found(f *Finder, text string) []string {
	var out []string
	for _, m := range f.Find(text) {
		out = append(out, text[m.Start:m.End]+"="+m.Actor)
	}
	return out
}

func TestMatching(t *testing.T) {
	f := NewFinder(mustDefault(), Options{})
	tests := []struct {
		name, text string
		want       []string // surface=Actor, in order
	}{
		{"longest match", "The Syrian army entered Syria.", []string{"Syrian army=Syrian government", "Syria=Syria"}},
		{"US vs us", "Let us hope the US and the U.S. agree.", []string{"US=United States", "U.S.=United States"}},
		{"IS vs is", "It is said that IS fighters fled.", []string{"IS fighters=Islamic State"}},
		{"possessive", "Russia's jets and Assad’s forces", []string{"Russia=Russia", "Assad=Bashar al-Assad"}},
		// "the Russians" is as often the state's side as the people: the
		// plural demonym stays with the country
		{"plural demonym", "The Russians and Syrians", []string{"Russians=Russia", "Syrians=Syria"}},
		{"collectives", "The West and Western allies, European leaders and NATO allies met NATO.", []string{"The West=the West", "Western allies=Western allies", "European leaders=European leaders", "NATO allies=NATO allies", "NATO=NATO"}},
		{"hyphen and space", "al-Assad and al Assad", []string{"al-Assad=Bashar al-Assad", "al Assad=Bashar al-Assad"}},
		{"metonyms", "Moscow and the Kremlin replied to the White House.", []string{"Moscow=Russia", "Kremlin=Russia", "White House=United States"}},
		{"no match inside words", "Prussian mustard and Iranians-in-law", []string{"Iranians=Iranians"}},
		{"turkey the bird", "Roast the turkey for three hours.", nil},
		{"Turkey the country", "Turkey closed its border.", []string{"Turkey=Turkey"}},
		{"Georgia the country", "Georgia accused Russia of aggression near Tbilisi.", []string{"Georgia=Georgia", "Russia=Russia", "Tbilisi=Georgia"}},
		{"Georgia the state", "In Atlanta, Georgia voters queued for hours.", nil},
		{"generic regime", "Syria was bombed. The regime denied it.", []string{"Syria=Syria", "regime=Syrian government"}},
		{"generic without context: its own words", "The regime denied it.", []string{"regime=regime"}},
		{"armed group spellings", "ISIL, Daesh and al Nusra", []string{"ISIL=Islamic State", "Daesh=Islamic State", "al Nusra=al-Nusra"}},
		{"acronym is not a name", "Kim Jong Un met the UN envoy.", []string{"Kim Jong Un=Kim Jong Un", "UN=United Nations"}},
		{"generic actors", "Rebels shelled the town; civilians fled.", []string{"Rebels=rebels", "civilians=civilians"}},
	}
	for _, tt := range tests {
		got := found(f, tt.text)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q\n got %q\nwant %q", tt.name, tt.text, got, tt.want)
		}
	}
}

func TestParents(t *testing.T) {
	c := mustDefault()
	for name, parent := range map[string]string{"Vladimir Putin": "Russia", "Syrian government": "Syria", "Bashar al-Assad": "Syrian government", "John Kerry": "United States"} {
		a, ok := c.Lookup(name)
		if !ok || a.Parent != parent {
			t.Errorf("%s: parent %q (found %v), want %q", name, a.Parent, ok, parent)
		}
	}
	if c.Len() < 250 {
		t.Errorf("built-in catalogue has %d actors", c.Len())
	}
}

func TestDiscoverAndAliasing(t *testing.T) {
	f := NewFinder(mustDefault(), Options{Discover: true, Pronouns: true})
	text := "Benjamin Koellmann bought a flat in Miami Beach. Koellmann said he regrets it. Mr. Koellmann told the Bank of America Corporation nothing."
	got := found(f, text)
	want := []string{"Benjamin Koellmann=Benjamin Koellmann", "Koellmann=Benjamin Koellmann", "he=Benjamin Koellmann", "Koellmann=Benjamin Koellmann", "Bank of America Corporation=Bank of America Corporation"}
	for _, w := range want[:4] {
		if !slices.Contains(got, w) {
			t.Errorf("missing %q in %q", w, got)
		}
	}
	for _, g := range got {
		if strings.Contains(g, "Miami") {
			t.Errorf("place after 'in' reported as actor: %q", g)
		}
	}
	// Title-case headlines are not read as names.
	if got := found(f, "Russia Helps Drive Out Rebel Groups Out Of Aleppo\nThe war goes on."); slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "Helps") }) {
		t.Errorf("headline words discovered: %q", got)
	}
}

func TestPronouns(t *testing.T) {
	f := NewFinder(mustDefault(), Options{Pronouns: true})
	got := found(f, "Putin met Erdogan. He said his army would stay. NATO said it would respond.")
	for _, w := range []string{"He=Recep Tayyip Erdogan", "his=Recep Tayyip Erdogan", "it=NATO"} {
		if !slices.Contains(got, w) {
			t.Errorf("missing %q in %q", w, got)
		}
	}
	// Too far back: no antecedent.
	if got := found(f, "Putin spoke. It rained. It rained more. Then it stopped. He left."); slices.Contains(got, "He=Vladimir Putin") {
		t.Errorf("pronoun attached across four sentences: %q", got)
	}
}

func TestUserActors(t *testing.T) {
	list, err := Read(strings.NewReader(`[{"name": "Benjamin Koellmann", "kind": "person"}, {"name": "Russia", "aliases": ["the Bear"], "kind": "country"}]`))
	if err != nil {
		t.Fatal(err)
	}
	c, err := mustDefault().With(list)
	if err != nil {
		t.Fatal(err)
	}
	got := found(NewFinder(c, Options{}), "Koellmann wrote that the Bear and Moscow disagree.")
	want := []string{"Koellmann=Benjamin Koellmann", "the Bear=Russia"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q (With replaces Russia, so Moscow is no longer its alias)", got, want)
	}
	for _, bad := range []string{`[{"name": ""}]`, `{"name": "x"}`, `[{"name": "x", "colour": "red"}]`, `[`} {
		if _, err := Read(strings.NewReader(bad)); err == nil {
			t.Errorf("Read(%s) accepted", bad)
		}
	}
	if _, err := New([]Actor{{Name: "A"}, {Name: "A"}}); err == nil || !strings.Contains(err.Error(), "already used") {
		t.Errorf("duplicate names: err = %v", err)
	}
	if _, err := json.Marshal(Listed); err != nil {
		t.Error(err)
	}
}

func readSeeds(t *testing.T) map[string]string {
	dir := filepath.Join("..", "..", "..", "shared", "seeds")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Skipf("seed articles not found in %s (../shared sits beside the repository)", dir)
	}
	out := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = string(b)
	}
	return out
}

func TestSeedActors(t *testing.T) {
	seen := map[string]bool{}
	f := NewFinder(mustDefault(), Options{Discover: true, Pronouns: true})
	for _, text := range readSeeds(t) {
		for _, m := range f.Find(text) {
			seen[m.Actor] = true
		}
	}
	for _, a := range []string{"Russia", "Syrian government", "Bashar al-Assad", "rebels", "United States", "Barack Obama",
		"John Kerry", "United Nations", "Turkey", "Iran", "Islamic State", "al-Nusra", "civilians", "RT", "Fox News", "Al Jazeera"} {
		if !seen[a] {
			t.Errorf("seed articles: %s not found", a)
		}
	}
}

func TestPerSenTActorsFound(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "data", "persent", "dev.jsonl")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("PerSenT dev set not found at %s: %v", path, err)
	}
	docs, hits, mentions := 0, 0, 0
	for _, line := range strings.Split(string(b), "\n") {
		var r struct{ Text, Actor string }
		if json.Unmarshal([]byte(line), &r) != nil || r.Actor == "" {
			continue
		}
		docs++
		a := Actor{Name: r.Actor}
		if ws := strings.Fields(r.Actor); len(ws) >= 2 && len(ws) <= 4 {
			a.Kind = Person
		}
		c, err := mustDefault().With([]Actor{a})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, m := range NewFinder(c, Options{Discover: true, Pronouns: true}).Find(r.Text) {
			if m.Actor == r.Actor {
				n++
			}
		}
		if n > 0 {
			hits++
		}
		mentions += n
	}
	share := float64(hits) / float64(docs)
	t.Logf("PerSenT dev: actor found in %d of %d documents (%.1f%%), %.1f mentions per document", hits, docs, 100*share, float64(mentions)/float64(docs))
	if share < 0.95 {
		t.Errorf("actor found in only %.1f%% of documents", 100*share)
	}
}

func checkMentions(t *testing.T, text string, ms []Mention) {
	prev := 0
	for _, m := range ms {
		if m.Start < prev || m.End <= m.Start || m.End > len(text) || m.Actor == "" {
			t.Fatalf("bad mention %+v after %d in %d bytes", m, prev, len(text))
		}
		if utf8.ValidString(text) && (!utf8.RuneStart(text[m.Start]) || m.End < len(text) && !utf8.RuneStart(text[m.End])) {
			t.Fatalf("mention %+v not on rune boundaries", m)
		}
		prev = m.End
	}
}

func FuzzFind(f *testing.F) {
	f.Add("Russia's jets and the U.S. met Mr. Koellmann. He said it was over.")
	f.Add("\xff\x00 al- US. U.S.A. ’s 's '")
	f.Add(strings.Repeat("Assad ", 200))
	fd := NewFinder(mustDefault(), Options{Discover: true, Pronouns: true})
	f.Fuzz(func(t *testing.T, text string) {
		ms := fd.Find(text)
		checkMentions(t, text, ms)
		if again := fd.Find(text); !slices.Equal(ms, again) {
			t.Fatal("results differ on repeat")
		}
	})
}

func TestLargeInputs(t *testing.T) {
	fd := NewFinder(mustDefault(), Options{Discover: true, Pronouns: true})
	for _, text := range []string{strings.Repeat("Russia ", 100000), strings.Repeat("a", 1<<20), strings.Repeat("He said. ", 20000)} {
		checkMentions(t, text, fd.Find(text))
	}
}

func article(b *testing.B) string {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "article.txt"))
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

func BenchmarkFind(b *testing.B) {
	text := article(b)
	for _, bc := range []struct {
		name string
		opt  Options
	}{{"catalogue", Options{}}, {"discover+pronouns", Options{Discover: true, Pronouns: true}}} {
		b.Run(bc.name, func(b *testing.B) {
			f := NewFinder(mustDefault(), bc.opt)
			var ms []Mention
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				ms = f.AppendMentions(ms[:0], text)
			}
		})
	}
}
