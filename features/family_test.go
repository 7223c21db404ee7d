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
