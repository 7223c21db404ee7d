package actors

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/actorframe/actorframe/features"
)

// Via says how a mention was found.
type Via uint8

// The ways a mention is found.
const (
	Listed     Via = iota // a name or alias from the catalogue
	Discovered            // a proper noun not in the catalogue
	Pronoun               // a pronoun resolved to a recent actor
	Given                 // a span the caller gave (stance.ScoreMention)
)

func (v Via) String() string {
	switch v {
	case Listed:
		return "listed"
	case Discovered:
		return "discovered"
	case Pronoun:
		return "pronoun"
	case Given:
		return "given"
	}
	return "unknown"
}

// MarshalText writes the name of v.
func (v Via) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText reads the name of a Via.
func (v *Via) UnmarshalText(b []byte) error {
	for x := Listed; x <= Given; x++ {
		if x.String() == string(b) {
			*v = x
			return nil
		}
	}
	return fmt.Errorf("actors: unknown way a mention is found %q", b)
}

// Mention is one mention of an actor in a text.
type Mention struct {
	Actor      string // canonical name
	Kind       Kind
	Parent     string
	Start, End int // byte offsets of the surface text
	Via        Via
}

// Options choose what a Finder looks for beyond the catalogue.
type Options struct {
	// Discover also reports proper nouns that are not in the catalogue
	// (people, organisations, outlets), grouping "Benjamin Koellmann",
	// "Koellmann" and "Mr. Koellmann" under one name.
	Discover bool
	// Pronouns attaches he/she/his/her/him to the most recent person
	// mentioned within two sentences, and it/its to the only other actor
	// of its sentence.
	Pronouns bool
}

// Finder finds actor mentions. It is immutable and safe for concurrent use.
type Finder struct {
	cat *Catalogue
	opt Options
	// over is a small catalogue searched before cat, whose actors replace
	// cat's of the same name (WithActors); nil when there is none.
	over *Catalogue
	// overTarget is, per actor of over, the country of cat's that "the
	// regime" means for it, or -1.
	overTarget []int32
}

// WithActors returns a Finder that also finds extra, as if they were in
// its catalogue (an extra actor replaces one of the same name), without
// re-indexing the catalogue: the extra actors are indexed on their own and
// searched first. It is how "how does this text frame X" is answered at
// the cost of an ordinary search.
func (f *Finder) WithActors(extra []Actor) (*Finder, error) {
	over, err := build(extra)
	if err != nil {
		return nil, err
	}
	n := &Finder{cat: f.cat, opt: f.opt, over: over, overTarget: make([]int32, len(over.actors))}
	for i, a := range over.actors {
		n.overTarget[i] = -1
		for _, name := range []string{a.Name, a.Parent} {
			if t, ok := f.cat.govTarget[name]; ok && name != "" {
				n.overTarget[i] = t
				break
			}
		}
	}
	return n, nil
}

// NewFinder returns a Finder over c, which must not be nil (see Default).
func NewFinder(c *Catalogue, opt Options) *Finder {
	if c == nil {
		c = &Catalogue{} // finds nothing but discovered names and pronouns
		c.finish()
	}
	return &Finder{cat: c, opt: opt}
}

// Find returns the mentions in text, sorted by Start and non-overlapping.
func (f *Finder) Find(text string) []Mention { return f.AppendMentions(nil, text) }

// token is a word of the text: letters and digits, with inner apostrophes
// and dots between letters ("U.S."), without a possessive 's. Beside its
// span it carries what the passes need, computed once per text so that no
// pass lowercases or allocates per token.
type token struct {
	hash uint64 // hashKey of the key; see scratch.keySpan
	// from and to are its span, in int32 as features.Token's are
	from, to int32
	// bits holds the tok flags and, for a token that is not plain, its
	// index in scratch.other above tokShift: packed, a token takes 24
	// bytes, and long texts have many (about 1.65 million in 10 MB of
	// news).
	bits uint32
}

// start is where the token begins in the text.
func (t token) start() int { return int(t.from) }

// end is where the token ends in the text.
func (t token) end() int { return int(t.to) }

const (
	tokPlain  = 1 << iota // ASCII without dots: its key is its bytes in lower case
	tokUpper              // isUpperStart
	tokHyphen             // joined to the previous token by a hyphen
	tokShift  = iota
)

func (t *token) plain() bool     { return t.bits&tokPlain != 0 }
func (t *token) upper() bool     { return t.bits&tokUpper != 0 }
func (t *token) gapHyphen() bool { return t.bits&tokHyphen != 0 }

// scanTokens splits text into word tokens as AppendMentions splits texts:
// the catalogue splits its aliases with it.
func scanTokens(text string) []token {
	var d features.Doc
	features.Segment(text, &d)
	return appendDocTokens(text, &d, lowerPadded(nil, text), nil)
}

// lowerPadded appends text to buf[:0] with ASCII letters in lower case,
// then hashPad zero bytes, so that scanLowered and hashKey may read eight
// bytes at a time anywhere in the text.
func lowerPadded(buf []byte, text string) []byte {
	buf = append(buf[:0], text...)
	lowerInPlace(buf)
	return append(buf, make([]byte, hashPad)...)
}

// Constants for testing the eight bytes of a uint64 at once (SWAR, "SIMD
// within a register"): a one in every byte, and every byte's high bit.
const (
	ones = 0x0101010101010101
	high = 0x8080808080808080
)

// alnumBits has the high bit of every byte of w that is an ASCII digit or
// lower-case letter: in a lowered buffer, the bytes alnum marks.
func alnumBits(w uint64) uint64 {
	x := w &^ high // each byte's low seven bits: the sums below do not carry
	digit := (x + ones*(0x80-'0')) &^ (x + ones*(0x80-'9'-1))
	lower := (x + ones*(0x80-'a')) &^ (x + ones*(0x80-'z'-1))
	return (digit | lower) &^ w & high
}

// appendDocTokens appends the words of d (parsed from text) to dst as
// tokens: the feature extractor's words, so that the finder cuts a text
// where features do. b is lowerPadded(text): plain tokens' keys are
// slices of it. A possessive 's is not a token of its own, and the dot
// that ends "U.S." is part of its token.
func appendDocTokens(text string, d *features.Doc, b []byte, dst []token) []token {
	toks := d.Tokens
	prevEnd := -2
	for k := range toks {
		t := &toks[k]
		if t.Flags&features.FlagWord == 0 || t.Flags&features.FlagPossessive != 0 {
			continue
		}
		s, e := int(t.Start), int(t.End)
		for s < e {
			// A word's marks join parts of a name only between letters
			// or digits: "U.S", "N'Djamena", not "Korea.â" or "I‘m",
			// whose marks the word segmentation also joins.
			cut, plain := e, true
			if r := runEnd(b, s); r < e {
				// not a plain run of ASCII letters and digits: the rare
				// case, byte by byte
				cut, plain = nameMarkCut(text, s, e)
			}
			end := cut
			if end == e && e < len(text) && text[e] == '.' && k+1 < len(toks) && int(toks[k+1].Start) == e && isDottedAbbrev(text[s:e]) {
				plain = false
				end++
			}
			var bits uint32
			if plain {
				bits = tokPlain
			}
			if isUpperStart(text[s:end]) {
				bits |= tokUpper
			}
			if s > 0 && text[s-1] == '-' && prevEnd == s-1 {
				bits |= tokHyphen
			}
			// The key and hash of a token that is not plain are made by
			// prepare; this hash is overwritten.
			dst = append(dst, token{from: int32(s), to: int32(end), hash: hashKey(b, s, end-s), bits: bits})
			prevEnd = end
			s = cut
			for s < e && !isWordByte(text, s) {
				_, n := utf8.DecodeRuneInString(text[s:e])
				s += n
			}
		}
	}
	return dst
}

// runEnd returns the end of the run of ASCII letters and digits at i in a
// lowerPadded buffer b, reading eight bytes at a time.
func runEnd(b []byte, i int) int {
	for {
		if m := ^alnumBits(binary.LittleEndian.Uint64(b[i:])) & high; m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
		i += 8
	}
}

// nameMarkCut returns where the first part of the word text[s:e] ends: at
// e, or at a mark that does not stand between two ASCII letters or digits
// (', ’ and . may; ‘ , : and ; may not); and whether that part is plain:
// ASCII without dots, so that its key is its bytes in lower case.
func nameMarkCut(text string, s, e int) (cut int, plain bool) {
	plain = true
	for i := s; i < e; {
		c := text[i]
		if c < utf8.RuneSelf {
			if isASCIIAlnum(c) || c == '_' {
				i++
				continue
			}
			if (c == '\'' || c == '.') && i > s && isASCIIAlnum(text[i-1]) && i+1 < e && isASCIIAlnum(text[i+1]) {
				plain = plain && c == '\''
				i++
				continue
			}
			return i, plain
		}
		r, n := utf8.DecodeRuneInString(text[i:e])
		if r == '’' && i > s && i+n < e && isASCIIAlnum(text[i+n]) {
			plain = false
			i += n
			continue
		}
		if r != '’' && r != '‘' && !unicode.IsPunct(r) {
			plain = false
			i += n
			continue
		}
		return i, plain
	}
	return e, plain
}

// isWordByte reports whether the rune at text[i] is a letter or digit.
func isWordByte(text string, i int) bool {
	if c := text[i]; c < utf8.RuneSelf {
		return isASCIIAlnum(c)
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func possessiveAt(text string, i int) bool {
	return (text[i] == 's' || text[i] == 'S') && (i+1 >= len(text) || !isASCIIAlnum(text[i+1]))
}

func isDottedAbbrev(w string) bool {
	// "U.S" -> true: single letters separated by dots
	if len(w) < 3 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if i%2 == 1 {
			if w[i] != '.' {
				return false
			}
		} else if !isASCIIAlpha(w[i]) {
			return false
		}
	}
	return true
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isASCIIAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func stripDots(s string) string {
	if strings.IndexByte(s, '.') < 0 {
		return s
	}
	return strings.ReplaceAll(s, ".", "")
}

func isAllCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0
}

func isUpperStart(s string) bool {
	if s != "" && s[0] < utf8.RuneSelf {
		return s[0] >= 'A' && s[0] <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// scratch is per-call working memory. It is pooled, so that a Finder in
// steady use allocates little beyond the mentions it returns and still is
// safe for concurrent use.
type scratch struct {
	doc  features.Doc  // the text segmented, for AppendMentions
	in   *features.Doc // the parsed text of the call
	toks []token
	// keys holds lowerPadded(text) (the keys of plain tokens are slices of
	// it), then the keys of other tokens, then hashPad zero bytes again.
	keys []byte
	// other holds the keys' spans of the tokens that are not plain; they
	// are rare, and keeping them here keeps every token small.
	other []otherKey

	vetoed  []vetoMark
	generic bool     // matchCatalogue found a generic government word
	counts  []int32  // mentions per Catalogue.targets, for resolveGeneric
	marks   []uint16 // per token, for discover
	found   []Mention

	mid      map[string]bool
	surnames map[string]string
	seen     map[string]int
	listed   map[string]bool
	placed   map[string]bool // names seen right after a locative: places
}

type vetoMark struct {
	cat   *Catalogue
	entry int32
	ok    bool
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxPooledText bounds the texts whose scratch returns to the pool, so
// that one huge text does not keep its buffers (tens of bytes a token)
// alive; news articles are a few kilobytes.
const maxPooledText = 1 << 18

type otherKey struct{ off, n int }

// keySpan returns where in s.keys the key of token i lies: its lower case
// with dots removed and ’ as '.
func (s *scratch) keySpan(i int) (off, n int) {
	t := &s.toks[i]
	if t.plain() {
		return t.start(), t.end() - t.start()
	}
	o := &s.other[t.bits>>tokShift]
	return o.off, o.n
}

// key returns the key of token i.
func (s *scratch) key(i int) []byte {
	off, n := s.keySpan(i)
	return s.keys[off : off+n]
}

// lowerIs reports whether strings.ToLower of token i is lit. A plain
// token's key is exactly that; other tokens (dots, ’, non-ASCII letters
// that lower-case to ASCII, like "İ") take the slow way.
func (s *scratch) lowerIs(text string, i int, lit litKey) bool {
	t := &s.toks[i]
	if t.plain() {
		return t.hash == lit.hash && string(s.key(i)) == lit.s
	}
	var buf [32]byte
	return string(appendLower(buf[:0], text[t.start():t.end()], len(lit.s))) == lit.s
}

// appendLower appends strings.ToLower(w) to buf, rune by rune as that
// does, but stops once it has appended more than max bytes: callers
// compare the result with a word of at most max bytes, and a small stack
// buffer then suffices, where strings.ToLower would allocate.
func appendLower(buf []byte, w string, max int) []byte {
	n := len(buf)
	for _, r := range w {
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
		if len(buf)-n > max {
			break
		}
	}
	return buf
}

// litKey is a lower-case word and its hashKey, to compare with tokens.
type litKey struct {
	s    string
	hash uint64
}

func newLitKey(s string) litKey { return litKey{s, hashString(s)} }

var (
	kRegime     = newLitKey("regime")
	kGovernment = newLitKey("government")
	kPro        = newLitKey("pro")
	kArmy       = newLitKey("army")
	kPeople     = newLitKey("people")
	kForces     = newLitKey("forces")
	kTroops     = newLitKey("troops")
	kSoldiers   = newLitKey("soldiers")
	kOf         = newLitKey("of")
)

// lowerASCII is the byte-wise ASCII lower case; other bytes are kept.
var lowerASCII = func() (t [256]byte) {
	for c := range t {
		t[c] = byte(c)
		if c >= 'A' && c <= 'Z' {
			t[c] = byte(c) + 'a' - 'A'
		}
	}
	return t
}()

// prepare takes the words of d, the parsed text, as tokens and computes
// every token's key, hash and case.
func (s *scratch) prepare(d *features.Doc) {
	text := d.Text
	keys := lowerPadded(s.keys, text)
	// Reserved once for d's words, which are the tokens but for the rare
	// word cut at a mark: appended one by one, a long text's tokens would
	// grow the slice by a quarter at a time, allocating about five times
	// their size, and an estimate from the text's length is a quarter
	// over in news (a token every 6.3 bytes).
	s.toks = slices.Grow(s.toks[:0], countWords(d)+16)
	s.toks = appendDocTokens(text, d, keys, s.toks)
	s.other = s.other[:0]
	for i := range s.toks {
		if t := &s.toks[i]; !t.plain() {
			n := len(keys)
			keys = appendLowerKey(keys, text[t.start():t.end()])
			t.bits |= uint32(len(s.other)) << tokShift
			s.other = append(s.other, otherKey{off: n, n: len(keys) - n})
		}
	}
	if len(s.other) > 0 {
		keys = append(keys, make([]byte, hashPad)...)
		for i := range s.toks {
			if t := &s.toks[i]; !t.plain() {
				o := s.other[t.bits>>tokShift]
				t.hash = hashKey(keys, o.off, o.n)
			}
		}
	}
	s.keys = keys
}

// countWords counts the words of d that appendDocTokens takes.
func countWords(d *features.Doc) int {
	n := 0
	for k := range d.Tokens {
		if fl := d.Tokens[k].Flags; fl&features.FlagWord != 0 && fl&features.FlagPossessive == 0 {
			n++
		}
	}
	return n
}

// lowerInPlace lower-cases the ASCII letters of b, eight bytes at a time;
// other bytes, including those of multi-byte runes, are kept.
func lowerInPlace(b []byte) {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		x := w &^ high                                // each byte's low seven bits: no carries below
		ge := x + ones*(0x80-'A')                     // high bit set where the byte is >= 'A'
		gt := x + ones*(0x80-'Z'-1)                   // high bit set where the byte is > 'Z'
		up := ge &^ gt &^ w & high                    // 'A'..'Z', and ASCII
		binary.LittleEndian.PutUint64(b[i:], w|up>>2) // 0x80>>2 is the case bit 0x20
	}
	for ; i < len(b); i++ {
		b[i] = lowerASCII[b[i]]
	}
}

// hashPad is how far past a key hashKey may read.
const hashPad = 8

// hashKey hashes b[off:off+n], reading whole 8-byte words; b must hold
// hashPad bytes past the key. Equal keys hash equally wherever they lie.
func hashKey(b []byte, off, n int) uint64 {
	const m = 0x9e3779b97f4a7c15
	h := uint64(n) * m
	for ; n >= 8; n, off = n-8, off+8 {
		h = (h ^ binary.LittleEndian.Uint64(b[off:])) * m
		h ^= h >> 29
	}
	if n > 0 {
		w := binary.LittleEndian.Uint64(b[off:]) & (1<<(8*uint(n)) - 1)
		h = (h ^ w) * m
		h ^= h >> 29
	}
	return h
}

func hashString(k string) uint64 {
	b := append([]byte(k), make([]byte, hashPad)...)
	return hashKey(b, 0, len(k))
}

// appendLowerKey appends the lowercase, dot-free form of w to buf, with ’
// as '.
func appendLowerKey(buf []byte, w string) []byte {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if c == '.' {
				i++
				continue
			}
			buf = append(buf, lowerASCII[c])
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		if r == '’' {
			buf = append(buf, '\'')
		} else {
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		}
		i += n
	}
	return buf
}

// wordMatches reports whether token i of text matches alias word a.
func (s *scratch) wordMatches(text string, i int, a *aliasWord, last bool) bool {
	if s.toks[i].hash != a.hash || string(s.key(i)) != a.key {
		// plural: "Russians", "rebels" from "Russian", "rebel"
		k := s.key(i)
		if !(last && a.mode != exactCase && len(a.key) >= 4 && len(k) == len(a.key)+1 && k[len(k)-1] == 's' && string(k[:len(a.key)]) == a.key) {
			return false
		}
	}
	switch a.mode {
	case exactCase:
		return stripDotsEq(text[s.toks[i].start():s.toks[i].end()], a.raw)
	case capitalCase:
		// An acronym is not a name: "UN" is not "Un".
		w := text[s.toks[i].start():s.toks[i].end()]
		return s.toks[i].upper() && !(len(w) <= 4 && len(a.raw) > 1 && !a.rawAllCaps && isAllCaps(w))
	}
	return true
}

func stripDotsEq(w, raw string) bool {
	j := 0
	for i := 0; i < len(w); i++ {
		if w[i] == '.' {
			continue
		}
		if j >= len(raw) || w[i] != raw[j] {
			return false
		}
		j++
	}
	return j == len(raw)
}

// AppendMentions appends the mentions in text to dst, sorted by Start and
// non-overlapping, and returns the extended slice. Its working memory is
// pooled, so that in steady use it allocates little beyond growing dst.
func (f *Finder) AppendMentions(dst []Mention, text string) []Mention {
	s := scratchPool.Get().(*scratch)
	features.Segment(text, &s.doc)
	return f.appendMentions(dst, &s.doc, s)
}

// AppendMentionsDoc is AppendMentions on a text already parsed into d
// (by features.Parser.Parse or features.Segment): the finder reads the
// words and sentences the feature extractor reads, and does not cut the
// text again.
func (f *Finder) AppendMentionsDoc(dst []Mention, d *features.Doc) []Mention {
	return f.appendMentions(dst, d, scratchPool.Get().(*scratch))
}

func (f *Finder) appendMentions(dst []Mention, d *features.Doc, s *scratch) []Mention {
	text := d.Text
	s.in = d
	s.prepare(d)
	first := len(dst)
	dst = f.matchCatalogue(dst, text, s)
	if f.opt.Discover {
		dst = f.discover(dst, first, text, s)
	}
	dst = attachMembers(dst, first, text)
	dst = attachTitles(dst, first, text)
	dst = f.resolveGeneric(dst, first, text, s)
	dst = peoples(dst, first, text)
	dst = countedPeople(dst, first, text, s)
	if f.opt.Pronouns {
		dst = f.pronouns(dst, first, text, s)
	}
	if len(text) <= maxPooledText {
		s.doc.Text, s.in = "", nil
		clear(s.found[:cap(s.found)]) // drop references to the text's strings
		scratchPool.Put(s)
	}
	return dst
}

// matchCatalogue finds catalogue aliases, longest match first, and marks
// the generic government words for resolveGeneric, counting for it the
// mentions of each country with a government.
func (f *Finder) matchCatalogue(dst []Mention, text string, s *scratch) []Mention {
	c := f.cat
	toks := s.toks
	s.vetoed = s.vetoed[:0] // per text: whether a vetoable entry is allowed
	s.generic = false
	counts := slices.Grow(s.counts[:0], len(c.targets))[:len(c.targets)]
	clear(counts)
	s.counts = counts
	for i := 0; i < len(toks); {
		t := &toks[i]
		koff, klen := s.keySpan(i)
		k := s.keys[koff : koff+klen]
		fw := c.first.lookup(t.hash, k) // also says whether genericAt may match
		matched, actor := 0, int32(0)
		cat, target := c, c.actorTarget
		if f.over != nil {
			if n, a := s.longestAt(f.over, f.over.first.lookup(t.hash, k), text, i); n > 0 {
				matched, actor, cat, target = n, a, f.over, f.overTarget
			}
		}
		if matched == 0 {
			if n, a := s.longestAt(c, fw, text, i); n > 0 && !f.replaced(c.actors[a].Name) {
				matched, actor = n, a
			}
		}
		if matched == 0 {
			// A plain token can begin a generic phrase only if the index
			// says so; others may lower-case to one in unexpected ways.
			if !t.plain() || fw != nil && fw.generic {
				if n := s.genericAt(text, i); n > 0 {
					dst = append(dst, Mention{Actor: "", Start: t.start(), End: toks[i+n-1].end(), Via: Listed})
					s.generic = true
					i += n
					continue
				}
			}
			i++
			continue
		}
		if g := target[actor]; g >= 0 {
			counts[g]++
		}
		a := &cat.actors[actor]
		dst = append(dst, Mention{Actor: a.Name, Kind: a.Kind, Parent: a.Parent, Start: t.start(), End: toks[i+matched-1].end(), Via: Listed})
		i += matched
	}
	return dst
}

// replaced reports whether the overlay holds an actor called name.
func (f *Finder) replaced(name string) bool {
	if f.over == nil {
		return false
	}
	_, ok := f.over.byName[name]
	return ok
}

// longestAt returns the length in tokens and the actor of c's longest
// alias that matches at token i, whose first word's index entry is fw
// (or 0 when none matches).
func (s *scratch) longestAt(c *Catalogue, fw *firstWord, text string, i int) (int, int32) {
	toks := s.toks
	koff, klen := s.keySpan(i)
	k := s.keys[koff : koff+klen]
	cw := fw // the word whose candidates are tried
	if (fw == nil || len(fw.cands) == 0) && len(k) > 4 && k[len(k)-1] == 's' {
		cw = c.first.lookup(hashKey(s.keys, koff, klen-1), k[:len(k)-1])
	}
	if cw == nil {
		return 0, 0
	}
	cands := cw.cands
	if cw.multi > 0 && !s.nextMayMatch(i, cw) {
		cands = cands[cw.multi:]
	}
	for _, cd := range cands {
		n := int(cd.n)
		if i+n > len(toks) {
			continue
		}
		if n >= 2 {
			// necessary for the second word to match; see wordMatches
			if toks[i+1].hash != cd.h2 && !s.mayBePlural(i+1, cd.plural2) {
				continue
			}
		}
		e := cd.entry
		ent := &c.entries[e]
		ok := true
		for k := 0; k < n && ok; k++ {
			if k > 0 && !adjacent(text, toks[i+k-1], toks[i+k]) {
				ok = false
				break
			}
			ok = s.wordMatches(text, i+k, &ent.words[k], k == n-1)
		}
		if !ok {
			continue
		}
		if ent.veto != nil && !s.allowed(text, c, e, ent.veto) {
			continue
		}
		return n, ent.actor
	}
	return 0, 0
}

// nextMayMatch reports whether the token after i may be the second word
// of one of w's aliases of two words or more, by w's bit masks.
func (s *scratch) nextMayMatch(i int, w *firstWord) bool {
	if i+1 >= len(s.toks) {
		return false
	}
	if w.next>>(s.toks[i+1].hash&63)&1 != 0 {
		return true
	}
	k := s.key(i + 1)
	return w.plural>>(uint(len(k))&63)&1 != 0 && k[len(k)-1] == 's'
}

// mayBePlural reports whether token i's key has n bytes and ends in s.
func (s *scratch) mayBePlural(i, n int) bool {
	if n < 0 {
		return false
	}
	k := s.key(i)
	return len(k) == n && k[n-1] == 's'
}

// allowed reports whether entry e may match in text: none of its veto
// words occurs there. The answer is kept for the rest of the text.
func (s *scratch) allowed(text string, c *Catalogue, e int32, veto []string) bool {
	for _, v := range s.vetoed {
		if v.entry == e && v.cat == c {
			return v.ok
		}
	}
	ok := true
	for _, w := range veto {
		if strings.Contains(text, w) {
			ok = false
		}
	}
	s.vetoed = append(s.vetoed, vetoMark{c, e, ok})
	return ok
}

// adjacent: two tokens of one name are separated by spaces or a hyphen.
func adjacent(text string, a, b token) bool {
	gap := text[a.end():b.start()]
	if len(gap) == 0 || len(gap) > 3 {
		return false
	}
	for i := 0; i < len(gap); i++ {
		switch gap[i] {
		case ' ', '-', 0xc2, 0xa0: // 0xc2 0xa0 is a no-break space
		default:
			return false
		}
	}
	return true
}

// genericAt matches the generic government words at token i. Its caller
// tries only tokens that may begin one.
func (s *scratch) genericAt(text string, i int) int {
	toks := s.toks
	switch {
	case s.lowerIs(text, i, kRegime):
		if i+1 < len(toks) && adjacent(text, toks[i], toks[i+1]) {
			if s.lowerIs(text, i+1, kForces) || s.lowerIs(text, i+1, kTroops) {
				return 2
			}
		}
		return 1
	case s.lowerIs(text, i, kArmy):
		// "the army" of the country the text is about; "Syrian army"
		// is an alias, matched before, and a capital "Army" belongs
		// to a name ("Salvation Army")
		if toks[i].upper() {
			return 0
		}
		return 1
	case s.lowerIs(text, i, kGovernment), s.lowerIs(text, i, kPro):
		j := i
		if s.lowerIs(text, i, kPro) {
			if i+1 >= len(toks) || !toks[i+1].gapHyphen() || !s.lowerIs(text, i+1, kGovernment) {
				return 0
			}
			j = i + 1
		}
		if j+1 < len(toks) && adjacent(text, toks[j], toks[j+1]) {
			if s.lowerIs(text, j+1, kForces) || s.lowerIs(text, j+1, kTroops) || s.lowerIs(text, j+1, kSoldiers) {
				return j + 2 - i
			}
		}
	}
	return 0
}

// resolveGeneric names "the regime" and "government forces" after the
// government of the country the text is most about, among those the
// catalogue has a government for. Where the text names no such country,
// the mention is an actor under its own words ("government forces",
// "regime"): the text still frames them; with a catalogue that lists no
// government at all (a caller's own list), it is dropped.
func (f *Finder) resolveGeneric(dst []Mention, first int, text string, s *scratch) []Mention {
	if !s.generic {
		return dst
	}
	c := f.cat
	// Mentions per country (Catalogue.finish walked the parents): the
	// catalogue's were counted as matched; add the discovered ones. The
	// most mentioned country wins, ties to the alphabetically first.
	counts := s.counts
	for _, m := range dst[first:] {
		if m.Via == Discovered {
			if t, ok := c.govTarget[m.Actor]; ok {
				counts[t]++
			}
		}
	}
	best, bestN := "", int32(0)
	for t, n := range counts {
		if k := c.targets[t]; n > bestN || n > 0 && n == bestN && k < best {
			best, bestN = k, n
		}
	}
	var g Actor
	if best != "" {
		g, _ = c.Lookup(c.govOf[best])
	}
	out := dst[:first]
	for _, m := range dst[first:] {
		if m.Actor == "" {
			if best == "" {
				if len(c.govOf) == 0 {
					// a catalogue with no governments (a caller's own
					// list) reports only its actors
					continue
				}
				m.Actor, m.Kind = genericName(text[m.Start:m.End])
			} else {
				m.Actor, m.Kind, m.Parent = g.Name, g.Kind, g.Parent
			}
		}
		out = append(out, m)
	}
	return out
}

// genericName is the actor an unresolved generic phrase names: its words
// in lower case, a government or, for forces, a military.
func genericName(w string) (string, Kind) {
	name := strings.ToLower(canonicalSpaces(w))
	if strings.HasSuffix(name, "forces") || strings.HasSuffix(name, "troops") || strings.HasSuffix(name, "soldiers") || name == "army" {
		return name, Military
	}
	return name, Government
}

// mergeFound merges found, sorted by Start, into the mentions dst[first:],
// also sorted by Start, keeping dst's mention first on a tie: the order a
// stable sort of the two appended would give, without sorting. It merges
// from the back, in place, so that the mentions already found are not
// copied aside first (72 bytes each, hundreds of thousands in a long text).
func (s *scratch) mergeFound(dst []Mention, first int, found []Mention) []Mention {
	i := len(dst) - 1 // the last of dst[first:] not yet placed
	dst = slices.Grow(dst, len(found))
	dst = dst[:len(dst)+len(found)]
	for j, k := len(found)-1, len(dst)-1; j >= 0; k-- {
		if i >= first && dst[i].Start > found[j].Start {
			dst[k] = dst[i]
			i--
		} else {
			dst[k] = found[j]
			j--
		}
	}
	return dst
}

// titleLower are the words of a title, lower case, that may stand between
// a country and a person: "Russian President Vladimir Putin", "US
// Secretary of State John Kerry", "Ukrainian foreign minister Dmytro Kuleba".
var titleLower = func() map[string]bool {
	m := map[string]bool{"of": true, "the": true}
	for w := range titleWords {
		m[strings.ToLower(w)] = true
	}
	return m
}()

// memberNouns are the catalogue's collectives that, right after another
// actor's name, name that actor's members: "Hezbollah fighters", "UN
// peacekeepers", "Wagner troops".
var memberNouns = map[string]bool{"fighters": true, "gunmen": true, "soldiers": true, "troops": true, "militants": true,
	"peacekeepers": true, "police": true}

// attachMembers joins a member noun to the actor named just before it:
// in "Hezbollah fighters fired rockets" the text speaks of Hezbollah, and
// a separate actor "fighters" would take Hezbollah's frame. The mention
// keeps the whole phrase, so its features still see the text's word.
func attachMembers(dst []Mention, first int, text string) []Mention {
	out := dst[:first]
	for _, m := range dst[first:] {
		if n := len(out); n > first && m.Via == Listed && memberNouns[m.Actor] {
			p := &out[n-1]
			if p.Kind != Person && p.Kind != Place && p.Kind != Group && p.Via != Pronoun && !memberNouns[p.Actor] &&
				strings.TrimLeft(text[p.End:m.Start], " ") == "" && m.Start > p.End {
				p.End = m.End
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// attachTitles joins a country's or government's mention to the person
// whose title it begins: in "Russian President Vladimir Putin" the text
// speaks of Putin, and a separate mention of Russia would give Russia
// Putin's frame. The person's mention then starts at the country's. A
// country followed by a title and no name ("the Russian president said")
// and a possessive ("Russia's President Putin") stay as they are.
func attachTitles(dst []Mention, first int, text string) []Mention {
	ms := dst[first:]
	out := -1 // where the next kept mention goes, once one is dropped
	for k := 0; k < len(ms); k++ {
		m := &ms[k]
		if k+1 < len(ms) && ms[k+1].Kind == Person && m.Via == Listed && (m.Kind == Country || m.Kind == Government || m.Kind == Military) &&
			ms[k+1].Via != Pronoun && titleBetween(text, *m, ms[k+1].Start) {
			if out < 0 {
				out = k
			}
			p := ms[k+1]
			p.Start = m.Start
			ms[out] = p
			out++
			k++
			continue
		}
		if out >= 0 {
			ms[out] = *m
			out++
		}
	}
	if out < 0 {
		return dst // nothing moved: most texts
	}
	return dst[:first+out]
}

// titleBetween reports whether the text from country mention m to a
// person's mention at next is a title: title words and spaces only, at
// least one of them, or none if m itself ends in one ("Syrian president").
func titleBetween(text string, m Mention, next int) bool {
	gap := text[m.End:next]
	if len(gap) > 48 {
		return false
	}
	n := 0
	for i := 0; i < len(gap); {
		c := gap[i]
		if c == ' ' || c == '-' {
			i++
			continue
		}
		j := i
		for j < len(gap) && gap[j] != ' ' && gap[j] != '-' {
			j++
		}
		if !titleWord(gap[i:j]) {
			return false
		}
		n++
		i = j
	}
	if n > 0 {
		return true
	}
	if gap != " " {
		return false
	}
	// the last word of m: "Syrian president", "Syrian President"
	w := text[m.Start:m.End]
	if i := strings.LastIndexByte(w, ' '); i >= 0 {
		return titleWord(w[i+1:])
	}
	return false
}

// titleWord reports whether w, lower-cased, is a word of a title.
func titleWord(w string) bool {
	w = strings.TrimSuffix(w, ".")
	if len(w) > 16 {
		return false
	}
	var buf [32]byte
	return titleLower[string(appendLower(buf[:0], w, 16))]
}
