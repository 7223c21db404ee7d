package features

import (
	"math"
	"strings"
)

// Template says which rule produced a feature.
type Template uint8

// The feature templates. Their numeric values are part of the hash, so
// they must never be renumbered; add new ones at the end.
const (
	TUni       Template = iota + 1 // a sentence unigram
	TBi                            // a sentence bigram
	TTri                           // a sentence trigram
	TWin                           // a word in the proximity window, with side and distance bucket
	TWinAny                        // a word in the proximity window, with side only
	TWinBi                         // a bigram in the proximity window, with side and bucket
	TClause                        // a word in the mention's own clause
	TQuoted                        // the mention stands inside a quotation
	TTarget                        // a word of the mention itself
	TCue                           // the mention as agent or patient of a cue word (Feature.Cue)
	TLex                           // a word of prior polarity near the mention (Aux: side, distance, sign)
	TRel                           // the mention as agent or patient of a relation verb (Aux: class, relation, other party)
	THead                          // the word the mention is the subject or object of (Aux: relation)
	TLexOwner                      // a word of prior polarity by whose it is (Aux: owner, strength, sign)
	TWinClause                     // a window word beyond a clause boundary from the mention (Aux: side)
	TRelOther                      // another actor as agent or patient of a relation or cue word (Aux: class, relation, clause)
	TOClause                       // a word of a clause that holds another actor and not the mention
	numTemplates
)

// Placeholder token indices in Feature.Toks.
const (
	TokTarget = -1 // the mention: ⟨T⟩
	TokOther  = -2 // another actor: ⟨O⟩
	TokNone   = -3 // unused slot
	TokName   = -4 // a name, whoever's: ⟨N⟩
)

// Feature is one hashed feature of a mention, with enough provenance to be
// rendered readably by Doc.FeatureName.
type Feature struct {
	Index    uint32
	Value    float32
	Template Template
	Neg      bool     // inside a negation's scope
	Aux      int8     // windows: side (-1 left, +1 right) times distance bucket; lexicon: side, distance, sign
	Cue      CueFact  // TCue: what the mention does or undergoes
	Toks     [3]int32 // token indices of the units, or TokTarget / TokOther / TokNone
}

// Span is a byte range [Start, End) of a text.
type Span struct {
	Start, End int
}

// unit is a token, or a run of tokens collapsed into a placeholder.
type unit struct {
	hash   uint64
	tok    int32 // first token, or TokTarget / TokOther
	neg    bool
	clause int16
}

// Extractor computes the features of mentions. It keeps scratch memory
// between calls, so it is not safe for concurrent use; it never changes
// the Doc it reads.
type Extractor struct {
	cfg    Config
	shift  uint
	tmpl   [numTemplates][2]uint64 // per template, without and with negation
	hT, hO uint64
	hN     uint64 // ⟨N⟩, a name in the mention
	units  []unit
	m      mention // the mention being extracted: a field, so it does not escape per call
	cues   *cueTable
	rel    *relTable
	// win holds the window templates' hashes (TWin, TWinAny, TWinBi),
	// without and with negation, with each Aux from -winAux to winAux
	// already combined in, as emit would combine them.
	win [3][2][2*winAux + 1]uint64
}

// winAux bounds the Aux of window features: a side times a distance
// bucket, at most 6.
const winAux = 6

// NewExtractor returns an Extractor for cfg, which must be valid.
func NewExtractor(cfg Config) *Extractor {
	e := &Extractor{cfg: cfg, shift: uint(64 - cfg.HashBits)}
	for t := range e.tmpl {
		e.tmpl[t][0] = mix(cfg.Seed ^ uint64(t)*0x51afd7ed558ccd)
		e.tmpl[t][1] = mix(cfg.Seed ^ uint64(t)*0x51afd7ed558ccd ^ 0xc4ceb9fe1a85ec53)
	}
	e.hT = mix(cfg.Seed ^ 0x7a7a_7a7a)
	e.hO = mix(cfg.Seed ^ 0x0b0b_0b0b)
	e.hN = mix(cfg.Seed ^ 0x4e4e_4e4e)
	e.cues = newCueTable(cfg.Seed)
	e.rel = newRelTable(cfg.Seed)
	for t := range e.win {
		for n := range e.win[t] {
			for a := range e.win[t][n] {
				h := e.tmpl[TWin+Template(t)][n]
				if aux := a - winAux; aux != 0 {
					h = combine(h, uint64(int64(aux)))
				}
				e.win[t][n][a] = h
			}
		}
	}
	return e
}

// Config returns the configuration e extracts with.
func (e *Extractor) Config() Config { return e.cfg }

// Extract appends to dst the features of the mention at target in d.
// others are the spans of other actors' mentions, sorted by Start; those
// in the same sentence become ⟨O⟩. quoted says whether the mention stands
// inside a quotation. A target that covers no token yields no features.
func (e *Extractor) Extract(d *Doc, target Span, others []Span, quoted bool, dst []Feature) []Feature {
	first := len(dst)
	ti := d.TokenAt(target.Start)
	if ti >= len(d.Tokens) || int(d.Tokens[ti].Start) >= target.End {
		return dst
	}
	tu := e.buildUnits(d, ti, target, others)
	if tu < 0 {
		return dst
	}
	e.m = mention{d: d, ti: ti, tu: tu, target: target, quoted: quoted}
	for i := range families {
		if f := &families[i]; f.emit != nil && f.on(&e.cfg) {
			dst = f.emit(e, &e.m, dst)
		}
	}
	e.m.d = nil // keep no text alive
	cfg := &e.cfg
	if cfg.Norm && len(dst) > first {
		v := float32(1 / math.Sqrt(float64(len(dst)-first)))
		for i := first; i < len(dst); i++ {
			dst[i].Value = v
		}
	}
	return dst
}

// buildUnits fills e.units with the mention's sentence context and returns
// the index of the ⟨T⟩ unit, or -1.
func (e *Extractor) buildUnits(d *Doc, ti int, target Span, others []Span) int {
	e.units = e.units[:0]
	s := d.Sentences[d.SentenceOf(ti)]
	from, to := int(s.From), int(s.To)
	ctx := e.cfg.Context
	if from < ti-ctx {
		from = ti - ctx
	}
	last := ti
	for last+1 < len(d.Tokens) && int(d.Tokens[last+1].Start) < target.End {
		last++
	}
	if to > last+1+ctx {
		to = last + 1 + ctx
	}
	// Skip others that end before the context starts.
	k := 0
	if e.cfg.Others && len(others) > 0 && from < len(d.Tokens) {
		start := int(d.Tokens[from].Start)
		lo, hi := 0, len(others)
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if others[m].End <= start {
				lo = m + 1
			} else {
				hi = m
			}
		}
		k = lo
	}
	tu := -1
	neg := 0
	var clause int16
	for i := from; i < to; i++ {
		t := &d.Tokens[i]
		ts, te := int(t.Start), int(t.End)
		if ts < target.End && te > target.Start {
			if len(e.units) > 0 && e.units[len(e.units)-1].tok == TokTarget {
				continue
			}
			tu = len(e.units)
			e.units = append(e.units, unit{hash: e.hT, tok: TokTarget, clause: clause})
			continue
		}
		if e.cfg.Others {
			for k < len(others) && others[k].End <= ts {
				k++
			}
			if k < len(others) && others[k].Start < te && others[k].End > ts &&
				!(others[k].Start < target.End && others[k].End > target.Start) {
				if len(e.units) == 0 || e.units[len(e.units)-1].tok != TokOther {
					e.units = append(e.units, unit{hash: e.hO, tok: TokOther, clause: clause})
				}
				continue
			}
		}
		f := t.Flags
		if f&(FlagClause|FlagTerminal|FlagQuote) != 0 {
			clause++
			neg = 0
		} else if f&FlagComma != 0 {
			neg = 0
		}
		u := unit{hash: t.Hash, tok: int32(i), clause: clause}
		if e.cfg.Negate && neg > 0 && f&FlagWord != 0 {
			u.neg = true
			neg--
		}
		if f&FlagNegation != 0 {
			neg = 4 // scope: the next few words, up to punctuation
		}
		e.units = append(e.units, u)
	}
	return tu
}

// lexFeatures marks words of prior polarity by their side of the mention,
// a coarse distance and their sign (flipped in a negation's scope). They
// carry polarity to words the training data never showed.
func (e *Extractor) lexFeatures(d *Doc, dst []Feature, tu int) []Feature {
	u := e.units
	for j := range u {
		v, ok := e.unitValence(d, j)
		if !ok {
			continue
		}
		d, side := j-tu, int8(1)
		if d < 0 {
			d, side = -d, -1
		}
		near := int8(3)
		if d <= 3 {
			near = 1
		} else if d <= 8 {
			near = 2
		}
		sg := int8(0)
		if v > 0 {
			sg = 1
		}
		strong := int8(0)
		if v >= 0.5 || v <= -0.5 {
			strong = 1
		}
		if u[j].clause != u[tu].clause {
			near = 4
		}
		aux := side * (near*4 + strong*2 + sg)
		dst = e.emit(dst, TLex, false, aux, 0, 0, 0, u[j].tok, TokNone, TokNone)
	}
	return dst
}

// lexiconWord appends the start of a lexicon feature's name: its sign
// and word, and an open parenthesis for where it stands.
func lexiconWord(b []byte, d *Doc, f Feature, positive bool) []byte {
	sign := "−"
	if positive {
		sign = "+"
	}
	b = append(b, "lexicon"...)
	b = append(b, sign...)
	b = append(b, ": "...)
	b = d.word(b, f.Toks[0])
	return append(b, " ("...)
}

// unitValence is unit j's prior polarity (VADER), flipped in a negation's
// scope; ok is false for a unit without one: the mention, another actor,
// a word of no valence or one inside a name.
func (e *Extractor) unitValence(d *Doc, j int) (v float32, ok bool) {
	u := &e.units[j]
	if u.tok < 0 {
		return 0, false
	}
	v = d.Tokens[u.tok].Valence
	if v == 0 || inName(d, int(u.tok)) {
		return 0, false
	}
	if u.neg {
		v = -v
	}
	return v, true
}

// inName reports whether token i is a capitalised word inside a sentence,
// most likely part of a name ("United Nations", "Hope Street"), whose
// valence is not the text's.
func inName(d *Doc, i int) bool {
	t := d.Tokens[i]
	if t.Flags&FlagCapital == 0 || t.Flags&FlagNewline != 0 || i == 0 {
		return false
	}
	return d.Tokens[i-1].Flags&(FlagTerminal|FlagQuote|FlagClause) == 0
}

func bucket(d int) int {
	switch {
	case d <= 3:
		return d
	case d <= 5:
		return 4
	case d <= 8:
		return 5
	default:
		return 6
	}
}

func (e *Extractor) emit(dst []Feature, t Template, neg bool, aux int8, a, b, c uint64, ta, tb, tc int32) []Feature {
	n := 0
	if neg {
		n = 1
	}
	h := e.tmpl[t][n]
	if aux != 0 {
		h = combine(h, uint64(int64(aux)))
	}
	switch t {
	case TBi, TWinBi:
		h = combine(combine(h, a), b)
	case TTri:
		h = combine(combine(combine(h, a), b), c)
	case TQuoted, TCue, TLex, TRel, TLexOwner, TRelOther:
	default:
		h = combine(h, a)
	}
	return append(dst, e.feature(h, t, neg, aux, ta, tb, tc))
}

// feature is the Feature of hash h.
func (e *Extractor) feature(h uint64, t Template, neg bool, aux int8, ta, tb, tc int32) Feature {
	return Feature{Index: uint32(h >> e.shift), Value: 1, Template: t, Neg: neg, Aux: aux, Toks: [3]int32{ta, tb, tc}}
}

// b2i is 1 for true, 0 for false: the negation index of Extractor.tmpl.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// FeatureName renders f readably, e.g. "⟨T⟩ crushed" or "not(support) … ⟨T⟩".
// It builds a string, so it is meant for explanations, not the hot path.
// It writes into the Doc's scratch buffer, so like the Doc it must not be
// used from two goroutines at once.
func (d *Doc) FeatureName(f Feature) string {
	d.name = d.AppendFeatureName(d.name[:0], f)
	return string(d.name)
}

// AppendFeatureName appends FeatureName(f) to b, for callers that compare
// names before keeping a few of them as strings.
func (d *Doc) AppendFeatureName(b []byte, f Feature) []byte {
	if f.Neg {
		b = append(b, "not("...)
	}
	if int(f.Template) < len(renderers) && renderers[f.Template] != nil {
		b = renderers[f.Template](b, d, f)
	} else {
		b = append(b, '?')
	}
	if f.Neg {
		b = append(b, ')')
	}
	return b
}

// word appends token t of d, or its placeholder, to b.
func (d *Doc) word(b []byte, t int32) []byte {
	switch {
	case t == TokTarget:
		return append(b, "⟨T⟩"...)
	case t == TokOther:
		return append(b, "⟨O⟩"...)
	case t == TokName:
		return append(b, "⟨N⟩"...)
	case t >= 0 && int(t) < len(d.Tokens):
		tk := d.Tokens[t]
		return appendLower(b, d.Text[tk.Start:tk.End])
	}
	return append(b, '?')
}

// renderers append each template's features readably, by Template.
var renderers = [numTemplates]func(b []byte, d *Doc, f Feature) []byte{
	TUni: func(b []byte, d *Doc, f Feature) []byte { return d.word(b, f.Toks[0]) },
	TBi:  renderBigram,
	TTri: func(b []byte, d *Doc, f Feature) []byte {
		b = append(d.word(b, f.Toks[0]), ' ')
		b = append(d.word(b, f.Toks[1]), ' ')
		return d.word(b, f.Toks[2])
	},
	TWin:    renderWindow,
	TWinAny: renderWindow,
	TWinBi:  renderBigram,
	TClause: func(b []byte, d *Doc, f Feature) []byte { return d.word(append(b, "clause: "...), f.Toks[0]) },
	TQuoted: func(b []byte, d *Doc, f Feature) []byte { return append(b, "⟨T⟩ quoted"...) },
	TTarget: func(b []byte, d *Doc, f Feature) []byte { return d.word(append(b, "target: "...), f.Toks[0]) },
	TCue: func(b []byte, d *Doc, f Feature) []byte {
		b = append(b, "⟨T⟩ "...)
		b = append(b, f.Cue.Rel.String()...)
		b = append(b, " of "...)
		b = append(b, f.Cue.Class.String()...)
		b = append(b, " ("...)
		return append(d.word(b, f.Toks[0]), ')')
	},
	TLex: func(b []byte, d *Doc, f Feature) []byte {
		a := f.Aux
		side := "right"
		if a < 0 {
			a, side = -a, "left"
		}
		b = lexiconWord(b, d, f, a&1 == 1)
		b = append(b, side...)
		b = append(b, ", "...)
		b = append(b, [...]string{"", "near", "mid", "far", "other clause"}[a/4]...)
		return append(b, ')')
	},
	TRel:       renderRel,
	THead:      renderHead,
	TLexOwner:  renderLexOwner,
	TWinClause: renderWinClause,
	TRelOther:  renderRelOther,
	TOClause:   renderOClause,
}

func renderBigram(b []byte, d *Doc, f Feature) []byte {
	if f.Template == TWinBi && f.Aux > 0 {
		b = append(b, "⟨T⟩ … "...)
	}
	b = append(d.word(b, f.Toks[0]), ' ')
	b = d.word(b, f.Toks[1])
	if f.Template == TWinBi && f.Aux < 0 {
		b = append(b, " … ⟨T⟩"...)
	}
	return b
}

func renderWindow(b []byte, d *Doc, f Feature) []byte {
	if f.Aux > 0 {
		return d.word(append(b, "⟨T⟩ … "...), f.Toks[0])
	}
	return append(d.word(b, f.Toks[0]), " … ⟨T⟩"...)
}

// appendLower appends strings.ToLower(w) to b, lowering ASCII words in
// place rather than allocating a lowered copy first.
func appendLower(b []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8RuneSelf {
			return append(b, strings.ToLower(w)...)
		}
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

const utf8RuneSelf = 0x80
