package actors

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Via says how a mention was found.
type Via uint8

// The ways a mention is found.
const (
	Listed     Via = iota // a name or alias from the catalogue
	Discovered            // a proper noun not in the catalogue
	Pronoun               // a pronoun resolved to a recent actor
)

func (v Via) String() string {
	switch v {
	case Listed:
		return "listed"
	case Discovered:
		return "discovered"
	case Pronoun:
		return "pronoun"
	}
	return "unknown"
}

// MarshalText writes the name of v.
func (v Via) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

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
}

// NewFinder returns a Finder over c (the built-in catalogue when c is nil).
func NewFinder(c *Catalogue, opt Options) *Finder {
	if c == nil {
		c = Default()
	}
	return &Finder{cat: c, opt: opt}
}

// Find returns the mentions in text, sorted by Start and non-overlapping.
func (f *Finder) Find(text string) []Mention { return f.AppendMentions(nil, text) }

// token is a word of the text: letters and digits, with inner apostrophes
// and dots between letters ("U.S."), without a possessive 's.
type token struct {
	start, end int
	gapHyphen  bool // joined to the previous token by a hyphen
}

// scanTokens splits text into word tokens.
func scanTokens(text string, dst []token) []token {
	i := 0
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if !isASCIIAlnum(c) {
				i++
				continue
			}
		} else {
			r, n := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				i += n
				continue
			}
		}
		s := i
		for i < len(text) {
			c := text[i]
			if c < utf8.RuneSelf {
				if isASCIIAlnum(c) {
					i++
					continue
				}
				// inner ' and . between letters: N'Djamena, U.S.
				if (c == '\'' || c == '.') && i+1 < len(text) && isASCIIAlnum(text[i+1]) && !(c == '\'' && possessiveAt(text, i+1)) {
					i++
					continue
				}
				if c == '.' && i > s && i-s >= 1 && isDottedAbbrev(text[s:i]) {
					i++ // the final dot of "U.S."
				}
				break
			}
			r, n := utf8.DecodeRuneInString(text[i:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
				i += n
				continue
			}
			if r == '’' && i+n < len(text) && isASCIIAlnum(text[i+n]) && !possessiveAt(text, i+n) {
				i += n
				continue
			}
			break
		}
		hy := s > 0 && text[s-1] == '-' && len(dst) > 0 && dst[len(dst)-1].end == s-1
		dst = append(dst, token{start: s, end: i, gapHyphen: hy})
		// skip a possessive 's or ’s
		if strings.HasPrefix(text[i:], "'s") || strings.HasPrefix(text[i:], "’s") {
			j := i + 2
			if text[i] != '\'' {
				j = i + len("’s")
			}
			if j >= len(text) || !isASCIIAlnum(text[j]) {
				i = j
			}
		}
	}
	return dst
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
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// scratch is per-call working memory.
type scratch struct {
	toks   []token
	keyBuf []byte
}

// lowerKey writes the lowercase, dot-free form of w into buf.
func lowerKey(buf []byte, w string) []byte {
	buf = buf[:0]
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if c == '.' {
				i++
				continue
			}
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c == '\'' {
				buf = append(buf, c)
				i++
				continue
			}
			buf = append(buf, c)
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

// wordMatches reports whether text word w matches alias word a.
func wordMatches(w string, a aliasWord, key []byte, last bool) bool {
	k := string(key)
	if k != a.key {
		// plural: "Russians", "rebels" from "Russian", "rebel"
		if !(last && a.mode != exactCase && len(a.key) >= 4 && len(k) == len(a.key)+1 && k[len(k)-1] == 's' && k[:len(a.key)] == a.key) {
			return false
		}
	}
	switch a.mode {
	case exactCase:
		return stripDotsEq(w, a.raw)
	case capitalCase:
		// An acronym is not a name: "UN" is not "Un".
		return isUpperStart(w) && !(len(w) <= 4 && isAllCaps(w) && len(a.raw) > 1 && !isAllCaps(a.raw))
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
// non-overlapping, and returns the extended slice.
func (f *Finder) AppendMentions(dst []Mention, text string) []Mention {
	var s scratch
	s.toks = scanTokens(text, make([]token, 0, len(text)/6+1))
	first := len(dst)
	dst = f.matchCatalogue(dst, text, &s)
	if f.opt.Discover {
		dst = f.discover(dst, first, text, &s)
	}
	dst = f.resolveGeneric(dst, first, text, &s)
	if f.opt.Pronouns {
		dst = f.pronouns(dst, first, text, &s)
	}
	return dst
}

// matchCatalogue finds catalogue aliases, longest match first, and marks
// the generic government words for resolveGeneric.
func (f *Finder) matchCatalogue(dst []Mention, text string, s *scratch) []Mention {
	c := f.cat
	toks := s.toks
	vetoed := map[int32]int8{} // cache: 1 allowed, -1 vetoed
	for i := 0; i < len(toks); {
		s.keyBuf = lowerKey(s.keyBuf, text[toks[i].start:toks[i].end])
		cands := c.first[string(s.keyBuf)]
		if len(cands) == 0 && len(s.keyBuf) > 4 && s.keyBuf[len(s.keyBuf)-1] == 's' {
			cands = c.first[string(s.keyBuf[:len(s.keyBuf)-1])]
		}
		matched := 0
		var actor int32
		for _, e := range cands {
			ent := &c.entries[e]
			n := len(ent.words)
			if i+n > len(toks) {
				continue
			}
			ok := true
			for k := 0; k < n && ok; k++ {
				t := toks[i+k]
				if k > 0 && !adjacent(text, toks[i+k-1], t) {
					ok = false
					break
				}
				s.keyBuf = lowerKey(s.keyBuf, text[t.start:t.end])
				ok = wordMatches(text[t.start:t.end], ent.words[k], s.keyBuf, k == n-1)
			}
			if !ok {
				continue
			}
			if words, has := c.veto[e]; has {
				v := vetoed[e]
				if v == 0 {
					v = 1
					for _, w := range words {
						if strings.Contains(text, w) {
							v = -1
						}
					}
					vetoed[e] = v
				}
				if v < 0 {
					continue
				}
			}
			matched, actor = n, ent.actor
			break
		}
		if matched == 0 {
			if n := genericAt(text, toks, i); n > 0 {
				dst = append(dst, Mention{Actor: "", Start: toks[i].start, End: toks[i+n-1].end, Via: Listed})
				i += n
				continue
			}
			i++
			continue
		}
		a := &c.actors[actor]
		dst = append(dst, Mention{Actor: a.Name, Kind: a.Kind, Parent: a.Parent, Start: toks[i].start, End: toks[i+matched-1].end, Via: Listed})
		i += matched
	}
	return dst
}

// adjacent: two tokens of one name are separated by spaces or a hyphen.
func adjacent(text string, a, b token) bool {
	gap := text[a.end:b.start]
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

// genericAt matches the generic government words at token i.
func genericAt(text string, toks []token, i int) int {
	w := text[toks[i].start:toks[i].end]
	switch strings.ToLower(w) {
	case "regime":
		if i+1 < len(toks) && adjacent(text, toks[i], toks[i+1]) {
			n := strings.ToLower(text[toks[i+1].start:toks[i+1].end])
			if n == "forces" || n == "troops" {
				return 2
			}
		}
		return 1
	case "government", "pro":
		j := i
		if strings.ToLower(w) == "pro" {
			if i+1 >= len(toks) || !toks[i+1].gapHyphen || strings.ToLower(text[toks[i+1].start:toks[i+1].end]) != "government" {
				return 0
			}
			j = i + 1
		}
		if j+1 < len(toks) && adjacent(text, toks[j], toks[j+1]) {
			n := strings.ToLower(text[toks[j+1].start:toks[j+1].end])
			if n == "forces" || n == "troops" || n == "soldiers" {
				return j + 2 - i
			}
		}
	}
	return 0
}

// resolveGeneric names "the regime" and "government forces" after the
// government of the country the text is most about, among those the
// catalogue has a government for; unresolved generic mentions are dropped.
func (f *Finder) resolveGeneric(dst []Mention, first int, text string, s *scratch) []Mention {
	hasGeneric := false
	for _, m := range dst[first:] {
		if m.Actor == "" {
			hasGeneric = true
			break
		}
	}
	if !hasGeneric {
		return dst
	}
	c := f.cat
	count := map[string]int{}
	for _, m := range dst[first:] {
		if m.Actor == "" {
			continue
		}
		// walk up to a country that has a government
		name := m.Actor
		for depth := 0; depth < 4 && name != ""; depth++ {
			if _, ok := c.govOf[name]; ok {
				count[name]++
				break
			}
			a, ok := c.Lookup(name)
			if !ok {
				break
			}
			if isStateActor(a) && c.govOf[a.Parent] == a.Name {
				count[a.Parent]++
				break
			}
			name = a.Parent
		}
	}
	best, bestN := "", 0
	for k, n := range count {
		if n > bestN || n == bestN && k < best {
			best, bestN = k, n
		}
	}
	out := dst[:first]
	for _, m := range dst[first:] {
		if m.Actor == "" {
			if best == "" {
				continue
			}
			g, _ := c.Lookup(c.govOf[best])
			m.Actor, m.Kind, m.Parent = g.Name, g.Kind, g.Parent
		}
		out = append(out, m)
	}
	return out
}
