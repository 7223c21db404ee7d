package wordvec

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/actorframe/actorframe/features"
)

// Block is one part of a mention's dense vector. The blocks are a closed
// set, laid out in this order, Dim values each.
type Block uint8

const (
	// Left is the mean of the vectors of the words left of the mention in
	// its sentence, the word at distance d weighted 1/d.
	Left Block = iota
	// Right is the same to the right.
	Right
	// Clause is the mean over the mention's own clause.
	Clause
	// Sentence is the mean over the mention's sentence.
	Sentence
	// Near is the mean over the words at most nearWords from the mention
	// on either side.
	Near
	// Negated is the mean over the words in a negation's scope (the few
	// words after "not", "never", "didn't"..., up to a comma or clause
	// end), so that a head can read them apart.
	Negated
	// Target is the mean over the mention's own lower-case words ("the
	// rebels", "the former president"): the author's words for the
	// actor. Its names never enter, nor do its pronouns, whose vectors
	// carry gender.
	Target
	// NumBlocks is the number of blocks.
	NumBlocks
)

// nearWords is the reach of the Near block, and negationScope the
// number of words a negation reaches, as in the sparse features.
const (
	nearWords     = 3
	negationScope = 4
)

var blockNames = [NumBlocks]string{"left", "right", "clause", "sentence", "near", "negated", "target"}

// String returns the block's name.
func (b Block) String() string {
	if b < NumBlocks {
		return blockNames[b]
	}
	return "block(" + itoa(int(b)) + ")"
}

// MarshalText returns the block's name.
func (b Block) MarshalText() ([]byte, error) { return []byte(b.String()), nil }

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b [20]byte
	n := len(b)
	for ; i > 0; i /= 10 {
		n--
		b[n] = byte('0' + i%10)
	}
	return string(b[n:])
}

// Size is the length of a mention vector: 2·NumBlocks·Dim, each block's
// values split by sign (see Mention).
func (t *Table) Size() int { return 2 * int(NumBlocks) * t.dim }

// Scratch is the reusable memory of Mention; its zero value is ready.
// It is not safe for concurrent use.
type Scratch struct {
	idx    []int32 // per sentence token: table index, or -1
	clause []int16
	neg    []bool
	dense  []float32 // the blocks before their values are split by sign
	cache  sentenceCache
}

// sentenceCache is what Mention computed for the last sentence it read
// when that did not depend on the mention: when the mention's own words
// are among others (as they are when a text's actors are scored, each
// among all), every mention of a sentence sees the same words, and the
// sentence, negation and clause sums are the same for each. The key is
// everything those sums read — the sentence's offset, bytes, tokens and
// the others in it — so a hit gives the very sums a fresh pass would.
type sentenceCache struct {
	ok     bool
	start  int
	text   string
	toks   []features.Token
	others []features.Span
	sums   []float32 // Sentence, Negated, then each clause: Dim values each
	counts []float32 // their weights, in the same order
}

// matches reports whether the cache holds the sentence of tokens
// [from, to) of d, with others from index k on.
func (c *sentenceCache) matches(d *features.Doc, from, to int, others []features.Span, k int) bool {
	start, end := int(d.Tokens[from].Start), int(d.Tokens[to-1].End)
	if !c.ok || c.start != start || c.text != d.Text[start:end] || !slices.Equal(c.toks, d.Tokens[from:to]) {
		return false
	}
	n := 0
	for ; k+n < len(others) && others[k+n].Start < end; n++ {
		if n >= len(c.others) || others[k+n] != c.others[n] {
			return false
		}
	}
	return n == len(c.others)
}

// store fills the cache from sc.idx, sc.neg and sc.clause, summing in
// token order as Mention does.
func (c *sentenceCache) store(t *Table, d *features.Doc, from, to int, others []features.Span, k int, sc *Scratch) {
	start, end := int(d.Tokens[from].Start), int(d.Tokens[to-1].End)
	c.ok, c.start, c.text = true, start, d.Text[start:end]
	c.toks = append(c.toks[:0], d.Tokens[from:to]...)
	c.others = c.others[:0]
	for ; k < len(others) && others[k].Start < end; k++ {
		c.others = append(c.others, others[k])
	}
	ncl := 0
	if len(sc.clause) > 0 {
		ncl = int(sc.clause[len(sc.clause)-1]) + 1
	}
	size := (2 + ncl) * t.dim
	c.sums = slices.Grow(c.sums[:0], size)[:size]
	clear(c.sums)
	c.counts = slices.Grow(c.counts[:0], 2+ncl)[:2+ncl]
	clear(c.counts)
	for j, ix := range sc.idx {
		if ix < 0 {
			continue
		}
		cl := 2 + int(sc.clause[j])
		t.addTo2(c.sums[cl*t.dim:], c.sums[0:], int(ix), 1, 1)
		c.counts[cl]++
		c.counts[0]++
		if sc.neg[j] {
			t.addTo(c.sums[1*t.dim:], int(ix), 1)
			c.counts[1]++
		}
	}
}

// clauseFlags are the tokens that open a new clause, as the sparse
// features mark clauses.
const clauseFlags = features.FlagClause | features.FlagTerminal | features.FlagQuote

// Mention appends to dst the dense vector of the mention at target in d
// (Size values; all zero when no word around it has a vector). Value j of
// block b, x, is written as two values, max(x, 0) at 2·(b·Dim+j) and
// max(−x, 0) after it: a linear head then weighs the two signs of a
// dimension apart, a nonlinearity that costs nothing to score and gained
// 0.007 macro-F1 in cross-validation of the vector view. others are
// the spans of other actors' mentions, sorted by Start: their words do
// not enter, nor do the mention's own. A target that covers no token
// gives a zero vector.
func (t *Table) Mention(d *features.Doc, target features.Span, others []features.Span, sc *Scratch, dst []float32) []float32 {
	n := len(dst)
	dst = slices.Grow(dst, t.Size())[:n+t.Size()]
	clear(dst[n:])
	for j, x := range t.Dense(d, target, others, sc) {
		if x > 0 {
			dst[n+2*j] = x
		} else if x < 0 {
			dst[n+2*j+1] = -x
		}
	}
	return dst
}

// Dense returns the mention's blocks before their values are split by
// sign: value j of the result is value 2j of Mention's vector when
// positive, minus value 2j+1 when negative. A scorer that splits while it
// reads (framing's vector head) skips writing and reading the zeros. The
// slice is sc's, valid until sc's next use.
func (t *Table) Dense(d *features.Doc, target features.Span, others []features.Span, sc *Scratch) []float32 {
	sc.dense = slices.Grow(sc.dense[:0], t.Size()/2)[:t.Size()/2]
	clear(sc.dense)
	out := sc.dense
	ti := d.TokenAt(target.Start)
	if ti >= len(d.Tokens) || int(d.Tokens[ti].Start) >= target.End {
		return out
	}
	s := d.Sentences[d.SentenceOf(ti)]
	from, to := int(s.From), int(s.To)
	if ti < from || ti >= to {
		return out
	}
	last := ti
	for last+1 < to && int(d.Tokens[last+1].Start) < target.End {
		last++
	}
	// The first of others that does not end before the sentence: a
	// binary search, as a scan from the first would make long texts
	// quadratic.
	start := int(d.Tokens[from].Start)
	k0, _ := slices.BinarySearchFunc(others, start, func(o features.Span, pos int) int {
		if o.End <= pos {
			return -1
		}
		return 1
	})
	// Whether the mention's own tokens are all among others: then what
	// the sentence's words are does not depend on the mention.
	covered := true
	for i, k := ti, k0; i <= last && covered; i++ {
		ts, te := int(d.Tokens[i].Start), int(d.Tokens[i].End)
		for k < len(others) && others[k].End <= ts {
			k++
		}
		covered = k < len(others) && others[k].Start < te && others[k].End > ts
	}
	hit := covered && sc.cache.matches(d, from, to, others, k0)
	if !hit {
		t.readSentence(d, from, to, ti, last, others, k0, sc)
		if covered {
			sc.cache.store(t, d, from, to, others, k0, sc)
		} else {
			sc.cache.ok = false
		}
	}
	tcl := sc.clause[ti-from]
	var wt float32
	for i := ti; i <= last; i++ {
		// The mention's own words: lower case only, no pronouns.
		tk := &d.Tokens[i]
		ts, te := int(tk.Start), int(tk.End)
		if tk.Flags&features.FlagWord != 0 && tk.Flags&features.FlagCapital == 0 && !pronoun(d.Text[ts:te]) {
			if j := t.word(d.Text[ts:te], false, false); j >= 0 {
				t.addTo(out[int(Target)*t.dim:], j, 1)
				wt++
			}
		}
	}
	var wl, wr, wc, ws, wn, wg float32
	for j, ix := range sc.idx {
		i := from + j
		if ix < 0 {
			continue
		}
		side, dist := Right, i-last
		if i < ti {
			side, dist = Left, ti-i
		}
		w := 1 / float32(dist)
		if side == Left {
			wl += w
		} else {
			wr += w
		}
		if dist <= nearWords {
			// a near word's vector read once for both blocks
			t.addTo2(out[int(side)*t.dim:], out[int(Near)*t.dim:], int(ix), w, 1)
			wn++
		} else {
			t.addTo(out[int(side)*t.dim:], int(ix), w)
		}
		if covered {
			continue // the sums below come from the cache
		}
		if sc.clause[j] == tcl {
			t.addTo(out[int(Clause)*t.dim:], int(ix), 1)
			wc++
		}
		if sc.neg[j] {
			t.addTo(out[int(Negated)*t.dim:], int(ix), 1)
			wg++
		}
		t.addTo(out[int(Sentence)*t.dim:], int(ix), 1)
		ws++
	}
	if covered {
		c := &sc.cache
		d := t.dim
		copy(out[int(Sentence)*d:(int(Sentence)+1)*d], c.sums[0:d])
		copy(out[int(Negated)*d:(int(Negated)+1)*d], c.sums[d:2*d])
		cl := 2 + int(tcl)
		copy(out[int(Clause)*d:(int(Clause)+1)*d], c.sums[cl*d:(cl+1)*d])
		ws, wg, wc = c.counts[0], c.counts[1], c.counts[cl]
	}
	for b, w := range [NumBlocks]float32{wl, wr, wc, ws, wn, wg, wt} {
		if w > 0 {
			div(out[b*t.dim:(b+1)*t.dim], w)
		}
	}
	return out
}

// readSentence fills sc.idx, sc.clause and sc.neg for the tokens
// [from, to) of d: each word's table index (−1 for none, for the
// mention's own words [ti, last] and for others'), its clause, and
// whether a negation reaches it.
func (t *Table) readSentence(d *features.Doc, from, to, ti, last int, others []features.Span, k int, sc *Scratch) {
	sc.idx, sc.clause, sc.neg = sc.idx[:0], sc.clause[:0], sc.neg[:0]
	var cl int16
	first := true // the next word opens the sentence or a quotation
	neg := 0
	for i := from; i < to; i++ {
		tk := &d.Tokens[i]
		f := tk.Flags
		if f&clauseFlags != 0 {
			cl++
			neg = 0
		} else if f&features.FlagComma != 0 {
			neg = 0
		}
		ix := int32(-1)
		opens := first
		if f&features.FlagWord != 0 {
			first = false
		} else if f&(features.FlagQuote|features.FlagTerminal) != 0 || d.Text[tk.Start:tk.End] == ":" {
			first = true
		}
		negated := false
		if f&features.FlagWord != 0 && neg > 0 {
			negated = true
			neg--
		}
		if f&features.FlagNegation != 0 {
			neg = negationScope
		}
		ts, te := int(tk.Start), int(tk.End)
		for k < len(others) && others[k].End <= ts {
			k++
		}
		inOther := k < len(others) && others[k].Start < te && others[k].End > ts
		if f&features.FlagWord != 0 && (i < ti || i > last) && !inOther {
			ix = int32(t.word(d.Text[ts:te], f&features.FlagCapital != 0, opens))
		}
		sc.idx = append(sc.idx, ix)
		sc.clause = append(sc.clause, cl)
		sc.neg = append(sc.neg, negated)
	}
}

// word returns the table index of a token's word, or -1. A capitalised
// word is a name, or may be one, and has no vector: word vectors of
// names carry who someone is (their party, their country), which a score
// must not depend on. Only a sentence's first word, when training text
// also wrote it in lower case, is read ("The", "Critics").
func (t *Table) word(w string, capital, opens bool) int {
	var buf [maxWord]byte
	if len(w) > maxWord {
		return -1
	}
	if capital {
		if !opens {
			return -1
		}
		// A second capital ("US", "NATO") marks an acronym: a name.
		r, size := utf8.DecodeRuneInString(w)
		if r2, _ := utf8.DecodeRuneInString(w[size:]); unicode.IsUpper(r2) {
			return -1
		}
		_ = r
	}
	key := normalise(w, buf[:0])
	i := t.lookup(key)
	if i < 0 && strings.HasSuffix(key, "n't") {
		// GloVe splits "don't" into "do n't"; the negation is the part
		// that counts.
		i = t.lookup("not")
	}
	if i >= 0 && capital && !t.common[i] {
		return -1
	}
	return i
}

// pronoun reports whether w is a personal pronoun, whose vector says
// more about gender than about framing.
func pronoun(w string) bool {
	switch strings.ToLower(w) {
	case "he", "she", "him", "her", "his", "hers", "himself", "herself", "they", "them", "their", "theirs", "i", "me", "my", "we", "us", "our", "you", "your", "it", "its":
		return true
	}
	return false
}

// normalise lower-cases w and writes its apostrophes as GloVe does.
func normalise(w string, buf []byte) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return w
	}
	for _, r := range w {
		if r == '’' || r == '‘' {
			r = '\''
		}
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	return string(buf)
}

// Keep reports whether a GloVe word is one a Mention can look up: a lower
// case word of letters, possibly with inner apostrophes or hyphens.
func Keep(w string) bool {
	if w == "" || len(w) > maxWord {
		return false
	}
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsLower(r):
			letters++
		case r == '\'' || r == '-':
		default:
			return false
		}
	}
	return letters > 0 && !strings.HasPrefix(w, "-") && !strings.HasSuffix(w, "-")
}
