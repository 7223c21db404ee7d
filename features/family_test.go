package features

import (
	"strings"
	"testing"
)

func TestConfigApply(t *testing.T) {
	def := DefaultConfig()
	for _, tt := range []struct {
		switches string
		check    func(c Config) bool
		err      string
	}{
		{"", func(c Config) bool { return c == def }, ""},
		{"-clause,+winbi", func(c Config) bool { return !c.Clause && c.WinBi }, ""},
		{"-trigram", func(c Config) bool { return c.NGram == 2 }, ""},
		{"-ngram", func(c Config) bool { return c.NGram == 0 }, ""},
		{"-ngram,ngram", func(c Config) bool { return c.NGram == def.NGram }, ""},
		{"-window", func(c Config) bool { return c.Window == 0 }, ""},
		{"window=5, context=12", func(c Config) bool { return c.Window == 5 && c.Context == 12 }, ""},
		{"-target,-cues,-lexicon,-quote,-others,-negation,-norm", func(c Config) bool {
			return !c.Target && !c.Cues && !c.Lexicon && !c.Quote && !c.Others && !c.Negate && !c.Norm
		}, ""},
		{"-colour", nil, "unknown feature switch"},
		{"depth=3", nil, "unknown setting"},
		{"window=x", nil, "window=x"},
		{"window=99", nil, "window 99"},
	} {
		c := DefaultConfig()
		err := c.Apply(tt.switches)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Apply(%q) = %v, want an error saying %q", tt.switches, err, tt.err)
			}
			continue
		}
		if err != nil || !tt.check(c) {
			t.Errorf("Apply(%q) = %v, config %+v", tt.switches, err, c)
		}
	}
}

// Every template has a renderer, and every family row a switch.
func TestFamilyTable(t *testing.T) {
	for tp := TUni; tp < numTemplates; tp++ {
		if renderers[tp] == nil {
			t.Errorf("template %d has no renderer", tp)
		}
	}
	for _, f := range families {
		c := DefaultConfig()
		f.set(&c, false)
		if f.on(&c) {
			t.Errorf("family %s: still on after set(false)", f.name)
		}
		f.set(&c, true)
		if !f.on(&c) {
			t.Errorf("family %s: off after set(true)", f.name)
		}
	}
}

// The lexicon is looked up by word, not by stem: "forces" is not "forced",
// "several" not "sever"; and a capitalised word inside a sentence is part
// of a name, whose valence is not the text's.
func TestLexiconByWord(t *testing.T) {
	for _, tt := range []struct {
		word string
		want bool
	}{{"forces", false}, {"several", false}, {"forced", true}, {"brutal", true}, {"Brutal", true}, {"support", true}} {
		if _, ok := Valence(tt.word); ok != tt.want {
			t.Errorf("Valence(%q) listed = %v, want %v", tt.word, ok, tt.want)
		}
	}
	cfg := DefaultConfig()
	p, e := NewParser(cfg), NewExtractor(cfg)
	for _, text := range []string{
		"Russian forces entered several villages near the border.",
		"The United Nations sent Hope Mission staff to the city.",
	} {
		var d Doc
		p.Parse(text, &d)
		first := Span{Start: 0, End: len("Russian")}
		if text[0] == 'T' {
			first = Span{Start: 4, End: 4 + len("United Nations")}
		}
		for _, f := range e.Extract(&d, first, nil, false, nil) {
			if f.Template == TLex {
				t.Errorf("%q: lexicon feature %s", text, d.FeatureName(f))
			}
		}
	}
	var d Doc
	p.Parse("Rebels said the brutal siege went on.", &d)
	lex := 0
	for _, f := range e.Extract(&d, Span{Start: 0, End: 6}, nil, false, nil) {
		if f.Template == TLex {
			lex++
		}
	}
	if lex == 0 {
		t.Error(`"brutal" gives no lexicon feature`)
	}
}

func TestNotText(t *testing.T) {
	for _, tt := range []struct {
		data string
		not  bool
	}{
		{"Russian jets struck Aleppo.", false},
		{"Café in Zürich – “quotes” ’s", false},
		{"ELF\x02\x01\x01\x00\x00\x00", true},
		{strings.Repeat("ok \xff\xfe", 40), true},
		{strings.Repeat("mostly fine text ", 10) + "\xff", false},
		{"", false},
	} {
		if got, why := NotText(tt.data); got != tt.not {
			t.Errorf("NotText(%q) = %v (%s), want %v", tt.data, got, why, tt.not)
		}
	}
}
