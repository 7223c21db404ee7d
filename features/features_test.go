package features_test

import (
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/actorframe/actorframe/features"
)

func parse(text string) *features.Doc {
	var d features.Doc
	features.NewParser(features.DefaultConfig()).Parse(text, &d)
	return &d
}

func TestParseTokens(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Russia's jets bombed Aleppo.", []string{"Russia", "'s", "jets", "bombed", "Aleppo", "."}},
		{"Assad’s forces", []string{"Assad", "’s", "forces"}},
		{"the U.S. didn't act", []string{"the", "U.S", ".", "didn't", "act"}},
		{"  \n\t ", nil},
		{"“Free,” he said", []string{"“", "Free", ",", "”", "he", "said"}},
	}
	for _, tt := range tests {
		d := parse(tt.text)
		var got []string
		for _, tk := range d.Tokens {
			got = append(got, tt.text[tk.Start:tk.End])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Parse(%q) tokens = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestParseSentences(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Russia struck. The rebels fled.", []string{"Russia struck.", "The rebels fled."}},
		{"Mr. Obama spoke. Then he left.", []string{"Mr. Obama spoke.", "Then he left."}},
		{"The U.S. military said no.", []string{"The U.S. military said no."}},
		{"\"We will win.\" He left.", []string{"\"We will win.\"", "He left."}},
		{"Headline without stop\nBody text here.", []string{"Headline without stop", "Body text here."}},
		{"It cost 3.5 billion. Next.", []string{"It cost 3.5 billion.", "Next."}},
		{"Really? yes.", []string{"Really? yes."}},
	}
	for _, tt := range tests {
		d := parse(tt.text)
		var got []string
		for i := range d.Sentences {
			s, e := d.SentenceSpan(i)
			got = append(got, tt.text[s:e])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("sentences of %q = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestStem(t *testing.T) {
	for in, want := range map[string]string{"Bombing": "bomb", "liberated": "liber", "2015": "<num>", "Russia’s": "russia"} {
		if got := features.Stem(in); got != want {
			t.Errorf("Stem(%q) = %q, want %q", in, got, want)
		}
	}
}

// names extracts the mention at target and renders every feature.
func names(cfg features.Config, text, target string, others ...string) []string {
	d := parse(text)
	s := strings.Index(text, target)
	var os []features.Span
	for _, o := range others {
		i := strings.Index(text, o)
		os = append(os, features.Span{Start: i, End: i + len(o)})
	}
	slices.SortFunc(os, func(a, b features.Span) int { return a.Start - b.Start })
	fs := features.NewExtractor(cfg).Extract(d, features.Span{Start: s, End: s + len(target)}, os, false, nil)
	var out []string
	for _, f := range fs {
		out = append(out, d.FeatureName(f))
	}
	return out
}

// featureCase is a mention in a sentence, the other actors' mentions, and
// feature names the mention must have and must not have.
type featureCase struct {
	text, target string
	others       []string
	want         []string
	notWant      []string
}

// checkFeatures extracts each case's mention with cfg and checks its
// feature names; show trims what a failure prints (nil: every name).
func checkFeatures(t *testing.T, cfg features.Config, tests []featureCase, show func([]string) []string) {
	t.Helper()
	if show == nil {
		show = func(n []string) []string { return n }
	}
	for _, tt := range tests {
		got := names(cfg, tt.text, tt.target, tt.others...)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q in %q: missing feature %q; got %q", tt.target, tt.text, w, show(got))
			}
		}
		for _, w := range tt.notWant {
			if slices.Contains(got, w) {
				t.Errorf("%q in %q: unexpected feature %q", tt.target, tt.text, w)
			}
		}
	}
}

func TestExtractPlaceholdersAndCues(t *testing.T) {
	checkFeatures(t, features.DefaultConfig(), []featureCase{
		{"The might of the Russian military crushed the rebels.", "Russian military", []string{"rebels"},
			[]string{"⟨T⟩ crushed", "crushed the ⟨O⟩", "⟨T⟩ agent of aggression (crushed)"}, []string{"russian", "rebels"}},
		{"The might of the Russian military crushed the rebels.", "rebels", []string{"Russian military"},
			[]string{"⟨O⟩ crushed", "⟨T⟩ patient of aggression (crushed)"}, nil},
		{"Civilians were killed by Russian jets.", "Civilians", nil,
			[]string{"⟨T⟩ patient of aggression (killed)"}, nil},
		{"Civilians were killed by Russian jets.", "Russian jets", nil,
			[]string{"by ⟨T⟩", "⟨T⟩ agent of aggression (killed)"}, nil},
		{"Assad did not protect the people.", "Assad", nil,
			[]string{"not(protect)", "not(⟨T⟩ agent of protection (protect))"}, []string{"⟨T⟩ agent of protection (protect)"}},
		{"Russia's brutal campaign", "Russia", nil, []string{"⟨T⟩ 's", "⟨T⟩ 's brutal"}, nil},
		{"Civilians have been subjected to a daily pounding from artillery.", "Civilians", nil,
			[]string{"⟨T⟩ patient of aggression (pounding)"}, []string{"⟨T⟩ agent of aggression (pounding)"}},
		{"Russia is liberating the region from terrorists.", "Russia", nil,
			[]string{"⟨T⟩ agent of protection (liberating)"}, []string{"⟨T⟩ patient of protection (liberating)"}},
		{"Aleppo was liberated by the army.", "Aleppo", nil,
			[]string{"⟨T⟩ patient of protection (liberated)"}, nil},
		{"Families fleeing the bombing reached the border.", "Families", nil,
			[]string{"⟨T⟩ patient of aggression (bombing)"}, nil},
		// a possessive with the harmed: the possessor did the harm
		{"The junta's victims were buried on Sunday.", "junta", nil,
			[]string{"⟨T⟩ agent of aggression (victims)"}, []string{"⟨T⟩ agent of suffering (victims)"}},
		{"The victims of the junta were buried on Sunday.", "victims", nil,
			nil, []string{"⟨T⟩ agent of aggression (victims)"}},
		// what one is protected from is the threat
		{"Russia is liberating Aleppo from terrorists.", "terrorists", nil,
			[]string{"⟨T⟩ agent of aggression (liberating)"}, []string{"⟨T⟩ patient of protection (liberating)"}},
		{"Russia is liberating Aleppo.", "Aleppo", nil,
			[]string{"⟨T⟩ patient of protection (liberating)"}, nil},
		// a possibility is not an act
		{"If Russia invades, Europe will respond.", "Russia", nil,
			[]string{"not(⟨T⟩ agent of aggression (invades))"}, []string{"⟨T⟩ agent of aggression (invades)"}},
		{"The militia could attack the camp.", "militia", nil,
			[]string{"not(⟨T⟩ agent of aggression (attack))"}, []string{"⟨T⟩ agent of aggression (attack)"}},
		{"The militia attacked the camp.", "militia", nil,
			[]string{"⟨T⟩ agent of aggression (attacked)"}, nil},
		// an adjective of another noun is not the mention's act
		{"UN staff entered the shelled district.", "UN staff", nil,
			nil, []string{"⟨T⟩ agent of aggression (shelled)"}},
		{"The army shelled the district.", "army", nil,
			[]string{"⟨T⟩ agent of aggression (shelled)"}, nil},
		{"Residents of the shelled district fled.", "district", nil,
			[]string{"⟨T⟩ patient of aggression (shelled)"}, nil},
		// nor is an adjective after a preposition
		{"Volunteers delivered flour to people in besieged Douma.", "people", []string{"Volunteers", "Douma"},
			nil, []string{"⟨T⟩ agent of aggression (besieged)"}},
		{"Volunteers delivered flour to people in besieged Douma.", "Douma", []string{"Volunteers", "people"},
			[]string{"⟨T⟩ patient of aggression (besieged)"}, nil},
		{"The people besieged the palace.", "people", nil,
			[]string{"⟨T⟩ agent of aggression (besieged)"}, nil},
		// another actor's act
		{"A hostage said a Palestinian family had protected her.", "hostage", []string{"a Palestinian family"},
			nil, []string{"⟨T⟩ agent of protection (protected)"}},
		{"A hostage said a Palestinian family had protected her.", "a Palestinian family", []string{"hostage"},
			[]string{"⟨T⟩ agent of protection (protected)"}, nil},
		{"Doctors kept operating as RSF shells hit the hospital.", "Doctors", []string{"RSF"},
			nil, []string{"⟨T⟩ agent of aggression (shells)"}},
		// actors joined act together
		{"Hezbollah and Iraqi militias shelled the town.", "Hezbollah", []string{"Iraqi militias"},
			[]string{"⟨T⟩ agent of aggression (shelled)"}, nil},
		{"The town was shelled by the army and militias attacked it.", "town", []string{"army", "militias"},
			[]string{"⟨T⟩ patient of aggression (shelled)"}, nil},
		// the mention's own words
		{"Corrupt officials sold the wheat.", "Corrupt officials", nil,
			[]string{"⟨T⟩ agent of deceit (corrupt)"}, nil},
		{"Rescue workers pulled survivors from the rubble.", "Rescue workers", nil,
			[]string{"⟨T⟩ agent of protection (rescue)"}, nil},
		{"Doctors treated hundreds of burn victims.", "hundreds of burn victims", []string{"Doctors"},
			[]string{"⟨T⟩ patient of suffering (victims)", "⟨T⟩ patient of protection (treated)"}, nil},
		{"Doctors treated hundreds of burn victims.", "Doctors", []string{"hundreds of burn victims"},
			[]string{"⟨T⟩ agent of protection (treated)"}, nil},
		{"Russia welcomed the talks.", "Russia", nil,
			nil, []string{"⟨T⟩ patient of praise (Russia)"}},
		{"Free Syrian Army units held the town.", "Free Syrian Army units", nil,
			nil, []string{"⟨T⟩ agent of protection (free)"}},
		{"Staff of the International Rescue Committee left.", "the International Rescue Committee", nil,
			nil, []string{"⟨T⟩ agent of protection (rescue)"}},
	}, nil)
}

func TestExtractDeterministicAndNormalised(t *testing.T) {
	cfg := features.DefaultConfig()
	text := "Turkey warned that Ankara would not accept another wave of refugees."
	d := parse(text)
	e := features.NewExtractor(cfg)
	a := e.Extract(d, features.Span{Start: 0, End: 6}, nil, true, nil)
	b := features.NewExtractor(cfg).Extract(parse(text), features.Span{Start: 0, End: 6}, nil, true, nil)
	if !slices.Equal(a, b) {
		t.Fatal("two extractors disagree on the same input")
	}
	var sq float64
	for _, f := range a {
		if f.Index >= uint32(cfg.Dim()) {
			t.Fatalf("index %d outside 2^%d", f.Index, cfg.HashBits)
		}
		sq += float64(f.Value) * float64(f.Value)
	}
	if sq < 0.999 || sq > 1.001 {
		t.Errorf("squared norm %v, want 1", sq)
	}
	if !slices.Contains(names(cfg, text, "Turkey"), "⟨T⟩ warned") {
		t.Error("missing ⟨T⟩ warned")
	}
	// A span between tokens has no features.
	if fs := e.Extract(d, features.Span{Start: 6, End: 7}, nil, false, nil); len(fs) != 0 {
		t.Errorf("whitespace span: %d features", len(fs))
	}
}

func TestConfig(t *testing.T) {
	cfg := features.DefaultConfig()
	got, err := features.ParseConfig(cfg.Marshal())
	if err != nil || got != cfg {
		t.Fatalf("round trip: %v, %+v", err, got)
	}
	bad := cfg
	bad.Version = 99
	if _, err := features.ParseConfig(bad.Marshal()); err == nil || !strings.Contains(err.Error(), "version 99") {
		t.Errorf("wrong version: err = %v", err)
	}
	bad = cfg
	bad.HashBits = 40
	if err := bad.Validate(); err == nil {
		t.Error("hash_bits 40 accepted")
	}
	if _, err := features.ParseConfig([]byte("{")); err == nil {
		t.Error("bad JSON accepted")
	}
}

func article(tb testing.TB) string {
	b, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func FuzzParseExtract(f *testing.F) {
	f.Add("Russia's jets bombed Aleppo. \"We will win,\" he said.")
	f.Add("\xff\xfe\x00 U.S. \u201c\u201d")
	f.Add(strings.Repeat("a ", 600))
	cfg := features.DefaultConfig()
	f.Fuzz(func(t *testing.T, text string) {
		p := features.NewParser(cfg)
		var d features.Doc
		p.Parse(text, &d)
		prev := int32(0)
		for _, tk := range d.Tokens {
			if tk.Start < prev || tk.End <= tk.Start || int(tk.End) > len(text) {
				t.Fatalf("bad token span [%d,%d)", tk.Start, tk.End)
			}
			if utf8.ValidString(text) && (!utf8.RuneStart(text[tk.Start]) || int(tk.End) < len(text) && !utf8.RuneStart(text[tk.End])) {
				t.Fatalf("token [%d,%d) not on rune boundaries", tk.Start, tk.End)
			}
			prev = tk.End
		}
		covered := 0
		for _, s := range d.Sentences {
			if s.From != int32(covered) || s.To <= s.From {
				t.Fatalf("sentences do not tile the tokens: %+v", d.Sentences)
			}
			covered = int(s.To)
		}
		if covered != len(d.Tokens) {
			t.Fatalf("sentences cover %d of %d tokens", covered, len(d.Tokens))
		}
		e := features.NewExtractor(cfg)
		for i := 0; i < len(d.Tokens) && i < 50; i++ {
			tk := d.Tokens[i]
			for _, ft := range e.Extract(&d, features.Span{Start: int(tk.Start), End: int(tk.End)}, nil, i%2 == 0, nil) {
				if ft.Index >= uint32(cfg.Dim()) {
					t.Fatal("index out of range")
				}
				_ = d.FeatureName(ft)
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	text := article(b)
	p := features.NewParser(features.DefaultConfig())
	var d features.Doc
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		p.Parse(text, &d)
	}
}

func BenchmarkExtract(b *testing.B) {
	text := article(b)
	cfg := features.DefaultConfig()
	p := features.NewParser(cfg)
	var d features.Doc
	p.Parse(text, &d)
	e := features.NewExtractor(cfg)
	// One mention every 12 tokens, as in a busy news article.
	var spans []features.Span
	for i := 0; i < len(d.Tokens); i += 12 {
		spans = append(spans, features.Span{Start: int(d.Tokens[i].Start), End: int(d.Tokens[i].End)})
	}
	var fs []features.Feature
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range spans {
			fs = e.Extract(&d, s, spans, false, fs[:0])
		}
	}
}
