package features

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/words"
	"github.com/kljensen/snowball/english"
)

// Token flags describe what a token is, beyond its term.
const (
	// FlagWord marks a token with at least one letter or digit.
	FlagWord uint16 = 1 << iota
	// FlagNegation marks a negation cue: not, no, never, n't, without, nor...
	FlagNegation
	// FlagClause marks a clause boundary: ; : — and but, while, whereas, although...
	FlagClause
	// FlagTerminal marks sentence-final punctuation: . ! ? …
	FlagTerminal
	// FlagQuote marks a quotation mark.
	FlagQuote
	// FlagCapital marks a word that starts with an upper-case letter.
	FlagCapital
	// FlagNewline marks a token preceded by a line break.
	FlagNewline
	// FlagComma marks a comma.
	FlagComma
	// FlagPossessive marks the 's or ’s split off a word ("Russia" "'s").
	FlagPossessive
)

// Token is one word or punctuation mark of a parsed text.
type Token struct {
	Start, End int32  // byte offsets in Doc.Text
	Hash       uint64 // hash of the normalised, stemmed term
	Flags      uint16
	// Valence is the word's prior polarity in [-1, 1] (see Valence), 0
	// when the lexicon does not list it.
	Valence float32
}

// Sentence is a run of tokens, Tokens[From:To] of its Doc.
type Sentence struct {
	From, To int32
}

// Doc is a parsed text. Its slices are reused by Parser.Parse, so a Doc
// must not be shared across goroutines while a parser writes into it.
type Doc struct {
	Text      string
	Tokens    []Token
	Sentences []Sentence

	name []byte // FeatureName's scratch
}

// TokenAt returns the index of the first token that ends after byte offset
// pos, or len(d.Tokens) if there is none.
func (d *Doc) TokenAt(pos int) int {
	lo, hi := 0, len(d.Tokens)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(d.Tokens[m].End) <= pos {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// SentenceOf returns the index of the sentence that holds token i.
func (d *Doc) SentenceOf(i int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(d.Sentences[m].To) <= i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == len(d.Sentences) && lo > 0 {
		lo--
	}
	return lo
}

// SentenceSpan returns the byte span of sentence s.
func (d *Doc) SentenceSpan(s int) (start, end int) {
	sn := d.Sentences[s]
	if sn.From >= sn.To {
		return 0, 0
	}
	return int(d.Tokens[sn.From].Start), int(d.Tokens[sn.To-1].End)
}

// term is what the Lexicon remembers of a normalised word.
type term struct {
	hash    uint64
	flags   uint16
	valence float32
}

// Lexicon memoises the normalisation and stemming of words. Its zero value
// is not usable; make one with NewLexicon. A Lexicon is not safe for
// concurrent use: give each goroutine its own (they are cheap), or pool them.
type Lexicon struct {
	seed  uint64
	terms map[string]term
	max   int
	buf   []byte
}

// lexiconMax bounds the memo so that a stream of junk words cannot grow it
// without end; when full it is cleared and refilled.
const lexiconMax = 1 << 18

// NewLexicon returns an empty memo whose term hashes depend on seed.
func NewLexicon(seed uint64) *Lexicon {
	return &Lexicon{seed: seed, terms: make(map[string]term, 4096), max: lexiconMax}
}

// Hash returns the term hash of a single word as Parse would give it.
func (lx *Lexicon) Hash(word string) uint64 {
	return lx.lookup(word).hash
}

// Stem returns the normalised, stemmed form of word: the string whose hash
// a token carries. It is for display and tests; Parse never builds it.
func Stem(word string) string {
	key, _ := normalise(word, nil)
	return stemKey(string(key))
}

func stemKey(key string) string {
	if key == numTerm {
		return key
	}
	for i := 0; i < len(key); i++ {
		if c := key[i]; c < 'a' || c > 'z' {
			if c != '\'' && c != '-' {
				return key // not a plain English word: keep as is
			}
		}
	}
	return english.Stem(key, false)
}

const numTerm = "<num>"

// normalise lowercases word into buf, folds typographic apostrophes and
// quotes, and maps anything with a digit to one number term.
func normalise(word string, buf []byte) ([]byte, bool) {
	buf = buf[:0]
	digit := false
	for i := 0; i < len(word); {
		c := word[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			} else if c >= '0' && c <= '9' {
				digit = true
			}
			buf = append(buf, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(word[i:])
		i += n
		switch r {
		case '’', '‘', 'ʼ', '`':
			buf = append(buf, '\'')
		case '“', '”', '„', '«', '»':
			buf = append(buf, '"')
		case '–', '—', '‒', '―':
			buf = append(buf, '-')
		default:
			if unicode.IsDigit(r) {
				digit = true
			}
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		}
	}
	if digit {
		buf = append(buf[:0], numTerm...)
	}
	return buf, digit
}

func (lx *Lexicon) lookup(word string) term {
	lx.buf, _ = normalise(word, lx.buf)
	if t, ok := lx.terms[string(lx.buf)]; ok {
		return t
	}
	key := string(lx.buf)
	t := term{hash: hashString(lx.seed, stemKey(key)), flags: wordFlags(key), valence: valenceOf(key)}
	if len(lx.terms) >= lx.max {
		clear(lx.terms)
	}
	lx.terms[key] = t
	return t
}

func wordFlags(key string) uint16 {
	var f uint16
	switch key {
	case "not", "no", "never", "nor", "neither", "without", "cannot", "nothing", "none", "nobody", "hardly", "barely", "fail", "failed", "fails", "refused", "refuse", "refuses", "lack", "lacked", "lacks":
		f |= FlagNegation
	case "but", "while", "whereas", "although", "though", "however", "yet", "despite":
		f |= FlagClause
	default:
		if strings.HasSuffix(key, "n't") {
			f |= FlagNegation
		}
	}
	return f
}

// Parser splits texts into tokens and sentences. It is not safe for
// concurrent use; each goroutine needs its own.
type Parser struct {
	// Lexicon gives each token its term hash, flags and valence; a nil
	// Lexicon leaves them zero, as Segment does.
	Lexicon *Lexicon
	iter    *words.Iterator[string]
}

// NewParser returns a Parser whose term hashes follow cfg.
func NewParser(cfg Config) *Parser {
	return &Parser{Lexicon: NewLexicon(cfg.Seed), iter: words.FromString("")}
}

// segmenters are Parsers without a Lexicon, for Segment.
var segmenters = sync.Pool{New: func() any { return &Parser{iter: words.FromString("")} }}

// Segment splits text into d's tokens and sentences as Parse does, with the
// same spans and the same punctuation, capital and line-break flags, but
// without terms: every Hash and Valence is zero and no lexicon flag is
// set. It is the text layer for passes that need words and sentences and
// not features (the actor finder's own aliases, for one), so that they cut
// a text exactly where the feature extractor does.
func Segment(text string, d *Doc) {
	p := segmenters.Get().(*Parser)
	p.Parse(text, d)
	p.iter.SetText("")
	segmenters.Put(p)
}

// lookup is p.Lexicon.lookup, or the zero term without a Lexicon.
func (p *Parser) lookup(word string) term {
	if p.Lexicon == nil {
		return term{}
	}
	return p.Lexicon.lookup(word)
}

// Parse tokenizes text into d, reusing d's memory.
func (p *Parser) Parse(text string, d *Doc) {
	d.Text = text
	d.Tokens = d.Tokens[:0]
	d.Sentences = d.Sentences[:0]
	it := p.iter
	it.SetText(text)
	newline := true
	for it.Next() {
		start, end := it.Start(), it.End()
		seg := text[start:end]
		c := seg[0]
		if c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v' || isSpaceSegment(seg) {
			if strings.IndexByte(seg, '\n') >= 0 || strings.Contains(seg, "\u2029") {
				newline = true
			}
			continue
		}
		var flags uint16
		if newline {
			flags |= FlagNewline
			newline = false
		}
		if isWordStart(seg) {
			p.addWord(d, seg, start, flags)
			continue
		}
		flags |= punctFlags(seg)
		d.Tokens = append(d.Tokens, Token{Start: int32(start), End: int32(end), Hash: p.lookup(seg).hash, Flags: flags})
	}
	splitSentences(d)
}

func (p *Parser) addWord(d *Doc, seg string, start int, flags uint16) {
	flags |= FlagWord
	if r, _ := utf8.DecodeRuneInString(seg); unicode.IsUpper(r) {
		flags |= FlagCapital
	}
	// Split the possessive so that "⟨T⟩ 's" is a feature of its own.
	if n := possessiveLen(seg); n > 0 && n < len(seg) {
		w := seg[:len(seg)-n]
		t := p.lookup(w)
		d.Tokens = append(d.Tokens, Token{Start: int32(start), End: int32(start + len(w)), Hash: t.hash, Flags: flags | t.flags, Valence: t.valence})
		s := p.lookup("'s")
		d.Tokens = append(d.Tokens, Token{Start: int32(start + len(w)), End: int32(start + len(seg)), Hash: s.hash, Flags: FlagWord | FlagPossessive})
		return
	}
	t := p.lookup(seg)
	d.Tokens = append(d.Tokens, Token{Start: int32(start), End: int32(start + len(seg)), Hash: t.hash, Flags: flags | t.flags, Valence: t.valence})
}

func possessiveLen(seg string) int {
	if len(seg) > 2 && (seg[len(seg)-1] == 's' || seg[len(seg)-1] == 'S') {
		if seg[len(seg)-2] == '\'' {
			return 2
		}
		if strings.HasSuffix(seg[:len(seg)-1], "’") {
			return 4
		}
	}
	return 0
}

func isSpaceSegment(seg string) bool {
	for _, r := range seg {
		if !unicode.IsSpace(r) && r != '\u200b' && r != '\ufeff' {
			return false
		}
	}
	return true
}

func isWordStart(seg string) bool {
	c := seg[0]
	if c < utf8.RuneSelf {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	for _, r := range seg {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func punctFlags(seg string) uint16 {
	switch seg {
	case ".", "!", "?", "…":
		return FlagTerminal
	case ";", ":", "—", "–":
		return FlagClause
	case ",":
		return FlagComma
	case "\"", "“", "”", "„", "«", "»", "‘", "’", "'":
		return FlagQuote
	}
	return 0
}

// maxSentenceTokens bounds a sentence so that a megabyte without
// punctuation cannot make per-mention work quadratic.
const maxSentenceTokens = 64

// splitSentences groups d.Tokens into sentences: a break follows terminal
// punctuation (and any closing quotes or brackets after it) when the next
// token starts a new sentence, and every line break ends one.
func splitSentences(d *Doc) {
	toks := d.Tokens
	from := 0
	for i := 0; i < len(toks); i++ {
		if i > from && (toks[i].Flags&FlagNewline != 0 || i-from >= maxSentenceTokens) {
			d.Sentences = append(d.Sentences, Sentence{int32(from), int32(i)})
			from = i
		}
		if toks[i].Flags&FlagTerminal == 0 {
			continue
		}
		if i > 0 && toks[i].Start == toks[i-1].End && d.Text[toks[i].Start] == '.' && isAbbreviation(d.Text[toks[i-1].Start:toks[i-1].End]) {
			continue
		}
		j := i + 1
		for j < len(toks) && toks[j].Start == toks[j-1].End && toks[j].Flags&FlagNewline == 0 && isCloser(d.Text[toks[j].Start:toks[j].End]) {
			j++
		}
		if j < len(toks) && toks[j].Start == toks[j-1].End && toks[j].Flags&FlagNewline == 0 {
			continue // "3.5", "U.S.-backed": no space, no break
		}
		if j < len(toks) && toks[j].Flags&FlagNewline == 0 && !startsSentence(d.Text[toks[j].Start:toks[j].End]) {
			i = j - 1
			continue
		}
		d.Sentences = append(d.Sentences, Sentence{int32(from), int32(j)})
		from = j
		i = j - 1
	}
	if from < len(toks) {
		d.Sentences = append(d.Sentences, Sentence{int32(from), int32(len(toks))})
	}
}

func isCloser(s string) bool {
	switch s {
	case "\"", "”", "’", "'", ")", "]", "»":
		return true
	}
	return false
}

func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"“‘'([«-–—", r)
}

// hashString is FNV-1a, finished with a mixer; seeded so that two
// configurations do not share a feature space by accident.
func hashString(seed uint64, s string) uint64 {
	h := uint64(14695981039346656037) ^ seed
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return mix(h)
}

// mix is the splitmix64 finaliser: every input bit moves every output bit.
func mix(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}

// combine hashes an ordered pair.
func combine(a, b uint64) uint64 {
	return mix(a*0x9e3779b97f4a7c15 ^ b)
}
