package features

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// A family is one kind of feature: a row of the table below. Extract runs
// the rows whose switch is on, in table order (the order is part of the
// model: feature values are summed in it); train -features turns rows on
// and off by name; FeatureName renders each template. Adding a family is
// adding a Template, a Config field, and a row here.
type family struct {
	name string
	doc  string
	// on reports whether cfg turns the family on; set turns it on or off
	// (to DefaultConfig's setting, for a family with a size).
	on  func(cfg *Config) bool
	set func(cfg *Config, on bool)
	// emit appends the family's features of mention m; nil for switches
	// that change how other families see the text (negation, others, norm).
	emit func(e *Extractor, m *mention, dst []Feature) []Feature
}

// mention is what the families read about the mention being extracted.
type mention struct {
	d      *Doc
	ti, tu int // first token of the mention; its unit in Extractor.units
	target Span
	quoted bool
}

var families = [...]family{
	{name: "ngram", doc: "sentence n-grams, the mention as ⟨T⟩",
		on:   func(c *Config) bool { return c.NGram > 0 },
		set:  func(c *Config, on bool) { c.NGram = pick(on, DefaultConfig().NGram, 0) },
		emit: (*Extractor).ngrams},
	{name: "trigram", doc: "sentence trigrams (ngram=3)",
		on:  func(c *Config) bool { return c.NGram >= 3 },
		set: func(c *Config, on bool) { c.NGram = pick(on, 3, 2) }},
	{name: "window", doc: "words left and right of the mention, with side and distance",
		on:   func(c *Config) bool { return c.Window > 0 },
		set:  func(c *Config, on bool) { c.Window = pick(on, DefaultConfig().Window, 0) },
		emit: (*Extractor).windows},
	{name: "winbi", doc: "bigrams inside the windows",
		on:  func(c *Config) bool { return c.WinBi },
		set: func(c *Config, on bool) { c.WinBi = on }},
	{name: "clause", doc: "words of the mention's own clause",
		on:   func(c *Config) bool { return c.Clause },
		set:  func(c *Config, on bool) { c.Clause = on },
		emit: (*Extractor).clauseWords},
	{name: "cues", doc: "the mention as agent or patient of a cue word",
		on:   func(c *Config) bool { return c.Cues },
		set:  func(c *Config, on bool) { c.Cues = on },
		emit: (*Extractor).cueFeatures},
	{name: "lexicon", doc: "prior word polarity (VADER) by side and distance",
		on:   func(c *Config) bool { return c.Lexicon },
		set:  func(c *Config, on bool) { c.Lexicon = on },
		emit: func(e *Extractor, m *mention, dst []Feature) []Feature { return e.lexFeatures(m.d, dst, m.tu) }},
	{name: "quote", doc: "whether the mention stands inside a quotation",
		on:  func(c *Config) bool { return c.Quote },
		set: func(c *Config, on bool) { c.Quote = on },
		emit: func(e *Extractor, m *mention, dst []Feature) []Feature {
			if !m.quoted {
				return dst
			}
			return e.emit(dst, TQuoted, false, 0, 0, 0, 0, TokNone, TokNone, TokNone)
		}},
	{name: "target", doc: "the mention's own words",
		on:   func(c *Config) bool { return c.Target },
		set:  func(c *Config, on bool) { c.Target = on },
		emit: (*Extractor).targetWords},
	{name: "relations", doc: "the mention as agent or patient of accusing, attacking, praising, defending, defeating, winning, losing, prosecuting, blocking, saying",
		on:   func(c *Config) bool { return c.Relations },
		set:  func(c *Config, on bool) { c.Relations = on },
		emit: (*Extractor).relations},
	{name: "heads", doc: "the word the mention is the subject or object of, passives read",
		on:   func(c *Config) bool { return c.Heads },
		set:  func(c *Config, on bool) { c.Heads = on },
		emit: (*Extractor).heads},
	{name: "lexowner", doc: "prior word polarity by whose the word is: the mention's clause, another actor's, what the mention says",
		on:   func(c *Config) bool { return c.LexOwner },
		set:  func(c *Config, on bool) { c.LexOwner = on },
		emit: (*Extractor).lexOwners},
	{name: "winclause", doc: "window words beyond a clause boundary from the mention",
		on:   func(c *Config) bool { return c.WinClause },
		set:  func(c *Config, on bool) { c.WinClause = on },
		emit: (*Extractor).winClause},
	{name: "otherrel", doc: "what the sentence's other actors do or undergo (relation and cue words), in the mention's clause or not",
		on:   func(c *Config) bool { return c.OtherRels },
		set:  func(c *Config, on bool) { c.OtherRels = on },
		emit: (*Extractor).otherRelations},
	{name: "oclause", doc: "words of the clauses that hold another actor and not the mention",
		on:   func(c *Config) bool { return c.OClause },
		set:  func(c *Config, on bool) { c.OClause = on },
		emit: (*Extractor).otherClauseWords},
	{name: "negation", doc: "words in a negation's scope are marked",
		on:  func(c *Config) bool { return c.Negate },
		set: func(c *Config, on bool) { c.Negate = on }},
	{name: "others", doc: "other actors become ⟨O⟩",
		on:  func(c *Config) bool { return c.Others },
		set: func(c *Config, on bool) { c.Others = on }},
	{name: "norm", doc: "feature values scaled to unit L2 norm",
		on:  func(c *Config) bool { return c.Norm },
		set: func(c *Config, on bool) { c.Norm = on }},
}

func pick(on bool, yes, no int) int {
	if on {
		return yes
	}
	return no
}

// Families returns the names of the feature families and switches, in
// extraction order, with a line on each.
func Families() [][2]string {
	out := make([][2]string, len(families))
	for i, f := range families {
		out[i] = [2]string{f.name, f.doc}
	}
	return out
}

// sizes are the settings Apply takes as name=N.
var sizes = map[string]func(c *Config) *int{
	"ngram":   func(c *Config) *int { return &c.NGram },
	"window":  func(c *Config) *int { return &c.Window },
	"context": func(c *Config) *int { return &c.Context },
}

// Apply changes cfg by comma-separated switches: "-name" turns a family
// off, "+name" or "name" on, and "name=N" sets a size (ngram, window,
// context). It is how train -features runs ablations. The result must
// validate.
func (c *Config) Apply(switches string) error {
	for _, s := range strings.Split(switches, ",") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if k, v, ok := strings.Cut(s, "="); ok {
			field, known := sizes[k]
			if !known {
				return fmt.Errorf("features: unknown setting %q (ngram=N, window=N, context=N)", k)
			}
			n, err := strconv.Atoi(v)
			if err != nil {
				return fmt.Errorf("features: setting %q: %v", s, err)
			}
			*field(c) = n
			continue
		}
		on := true
		switch s[0] {
		case '-':
			on, s = false, s[1:]
		case '+':
			s = s[1:]
		}
		found := false
		for i := range families {
			if families[i].name == s {
				families[i].set(c, on)
				found = true
			}
		}
		if !found {
			names := make([]string, len(families))
			for i, f := range families {
				names[i] = f.name
			}
			return fmt.Errorf("features: unknown feature switch %q (%s, or ngram=N, window=N, context=N)", s, strings.Join(names, ", "))
		}
	}
	return c.Validate()
}

// ngrams emits the sentence uni-, bi- and trigrams up to cfg.NGram. A lone
// ⟨T⟩ says nothing, so it is skipped. They are most of a mention's
// features, so they are hashed and written here, as emit would, without
// its call and template switch per feature.
func (e *Extractor) ngrams(_ *mention, dst []Feature) []Feature {
	u := e.units
	n := e.cfg.NGram
	dst = slices.Grow(dst, min(n, 3)*len(u))
	if n >= 1 {
		for i := range u {
			if u[i].tok != TokTarget {
				h := combine(e.tmpl[TUni][b2i(u[i].neg)], u[i].hash)
				dst = append(dst, e.feature(h, TUni, u[i].neg, 0, u[i].tok, TokNone, TokNone))
			}
		}
	}
	if n >= 2 {
		t := e.tmpl[TBi][0]
		for i := 0; i+1 < len(u); i++ {
			h := combine(combine(t, u[i].hash), u[i+1].hash)
			dst = append(dst, e.feature(h, TBi, false, 0, u[i].tok, u[i+1].tok, TokNone))
		}
	}
	if n >= 3 {
		t := e.tmpl[TTri][0]
		for i := 0; i+2 < len(u); i++ {
			h := combine(combine(combine(t, u[i].hash), u[i+1].hash), u[i+2].hash)
			dst = append(dst, e.feature(h, TTri, false, 0, u[i].tok, u[i+1].tok, u[i+2].tok))
		}
	}
	return dst
}

// windows emits the words on both sides of the mention, with their side
// and a distance bucket, and with side only; like ngrams, it hashes and
// writes them itself, from the template hashes with their Aux mixed in,
// which e.win holds.
func (e *Extractor) windows(m *mention, dst []Feature) []Feature {
	u, tu, w := e.units, m.tu, e.cfg.Window
	dst = slices.Grow(dst, 6*w)
	for side := -1; side <= 1; side += 2 {
		for d := 1; d <= w; d++ {
			j := tu + side*d
			if j < 0 || j >= len(u) {
				break
			}
			b := int8(bucket(d) * side)
			neg := b2i(u[j].neg)
			h := combine(e.win[TWin-TWin][neg][b+winAux], u[j].hash)
			dst = append(dst, e.feature(h, TWin, u[j].neg, b, u[j].tok, TokNone, TokNone))
			h = combine(e.win[TWinAny-TWin][neg][side+winAux], u[j].hash)
			dst = append(dst, e.feature(h, TWinAny, u[j].neg, int8(side), u[j].tok, TokNone, TokNone))
			if e.cfg.WinBi {
				k := j + side
				if k >= 0 && k < len(u) && d < w {
					a, c := j, k
					if side < 0 {
						a, c = k, j
					}
					h = combine(combine(e.win[TWinBi-TWin][0][b+winAux], u[a].hash), u[c].hash)
					dst = append(dst, e.feature(h, TWinBi, false, b, u[a].tok, u[c].tok, TokNone))
				}
			}
		}
	}
	return dst
}

// clauseWords emits the words of the mention's own clause.
func (e *Extractor) clauseWords(m *mention, dst []Feature) []Feature {
	u := e.units
	cl := u[m.tu].clause
	for i := range u {
		if u[i].clause == cl && u[i].tok != TokTarget {
			h := combine(e.tmpl[TClause][b2i(u[i].neg)], u[i].hash)
			dst = append(dst, e.feature(h, TClause, u[i].neg, 0, u[i].tok, TokNone, TokNone))
		}
	}
	return dst
}

// targetWords emits the mention's own words, name-blind: a capitalised
// word is a name (or part of one) and enters only when it is one of the
// common nouns actors are called by ("Rebels" opening a sentence). The
// words an author chooses for an actor ("terrorists", "regime", "freedom
// fighters") are framing; the name of a person, country or outlet is
// identity, and a score must not come from who the actor is.
func (e *Extractor) targetWords(m *mention, dst []Feature) []Feature {
	d := m.d
	named := false
	for i := m.ti; i < len(d.Tokens) && int(d.Tokens[i].Start) < m.target.End; i++ {
		t := &d.Tokens[i]
		if t.Flags&FlagWord == 0 {
			continue
		}
		if t.Flags&FlagCapital == 0 || e.cues.common.at(t.Hash) {
			dst = e.emit(dst, TTarget, false, 0, t.Hash, 0, 0, int32(i), TokNone, TokNone)
		} else if !named {
			// that the actor is named, not whose name it is
			named = true
			dst = e.emit(dst, TTarget, false, 0, e.hN, 0, 0, TokName, TokNone, TokNone)
		}
	}
	return dst
}
