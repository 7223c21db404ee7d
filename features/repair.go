package features

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Repaired is a text after Repair, with the map from its byte offsets back
// to the text Repair was given (the original).
//
// The zero value is the repair of the empty text. A Repaired with no edits
// (Changed reports false) is the identity: Text is the original string
// itself, not a copy, and Orig(off) == off.
type Repaired struct {
	// Text is the repaired text.
	Text string

	// edits are the replacements in order; nil means identity. Between
	// two edits the texts are equal, so offsets shift by a constant.
	edits []repairEdit
}

// repairEdit says that Text[r:rEnd], one character, replaced
// original[o:oEnd].
type repairEdit struct {
	r, rEnd int
	o, oEnd int
}

// Changed reports whether Repair changed anything.
func (p Repaired) Changed() bool { return len(p.edits) > 0 }

// Orig maps a byte offset in p.Text to a byte offset in the original text.
// It is monotone non-decreasing, Orig(0) == 0 and Orig(len(p.Text)) is the
// length of the original; offsets outside [0, len(p.Text)] are clamped.
// The start of a repaired character maps to the start of the whole
// sequence it was decoded from and its end to the end of that sequence, so
// a span [a, b) of p.Text on character boundaries maps to the span
// [Orig(a), Orig(b)) of the original, which covers exactly the original
// bytes it came from and lies on character boundaries wherever the
// original is valid UTF-8. An offset inside a repaired character maps to
// the start of its sequence.
func (p Repaired) Orig(off int) int {
	off = max(0, min(off, len(p.Text)))
	// Find the last edit starting at or before off.
	lo, hi := 0, len(p.edits)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if p.edits[m].r <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == 0 {
		return off
	}
	e := &p.edits[lo-1]
	if off < e.rEnd {
		return e.o
	}
	return e.oEnd + off - e.rEnd
}

// Repair undoes the two damages scraped news text most often carries:
// mojibake (UTF-8 bytes that were decoded as Windows-1252 or Latin-1 and
// encoded again, "â€™" for "’", "Ã©" for "é") and HTML character
// references ("&amp;", "&rsquo;", "&#8217;", "&#x2019;"). It repairs only
// what is unambiguous and returns the repaired text with a map back to
// text. Text that needs no repair, the common case, is returned as is
// without allocating; repaired text costs two allocations. Any byte string
// is accepted: invalid UTF-8 passes through unchanged.
//
// Mojibake: a character in U+0080–U+00FF or one of the 27 Windows-1252
// punctuation and letters (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ
// ž Ÿ) stands for one byte. A run of such characters whose bytes form one
// valid multi-byte UTF-8 character is replaced by that character; C1
// control characters (U+0080–U+009F) count as the bytes Latin-1 decoding
// keeps them as, so "â\u0080\u0099" is "’" too. Anything else is left
// alone: "café", "Zürich", "naïve", "Â" do not form UTF-8. A two-byte
// sequence must decode to a Latin, Greek, Cyrillic, Hebrew or Arabic
// letter or a Latin-1 symbol, which keeps "JOSÉ’S" (É’ would be U+0252)
// intact. Where a byte was lost in the scrape, only these guesses are
// made, each on a sequence that is never ordinary text:
//
//   - "â€" not followed by a third byte is "”": its last byte, 0x9D, is
//     undefined in Windows-1252, so scrapers drop it or write U+FFFD (a
//     U+FFFD right after "â€" is taken as that byte and consumed). The
//     other characters that lose their last byte this way, U+2001,
//     U+200D, U+200F and U+2010, are rare in news.
//   - "â¦" is "…", whose middle byte 0x80 was dropped.
//   - a bare "â" between a word and the end of a contraction ("wasnât",
//     "Weinsteinâs", "theyâre", "Iâm", also "Fisher âs") is "’", when
//     both bytes after 0xE2 were dropped; a bare "â" elsewhere (quotes,
//     dashes) is left alone, as the lost bytes could be many characters.
//   - "Â" followed by a space, not after an upper-case letter, is that
//     space: the no-break space after it was turned into a space.
//
// "Ã" followed by a space (à, whose no-break space byte became a space) is
// not repaired, as it is also ordinary upper-case Portuguese.
//
// Mojibake of mojibake, text mangled twice ("Ã¢â‚¬â„¢" for "’", "ÃƒÂ©" for
// "é"), is undone when the characters the first level decodes to form
// mojibake themselves; with no lost bytes, and no deeper than two levels.
//
// Character references: the named references common in news (amp, lt,
// gt, quot, apos, nbsp, the quotes and dashes, hellip, the Latin-1
// letters such as eacute, and a few more) and decimal or hexadecimal ones,
// all only with their closing ';', so "AT&T" stays. Numeric references to
// 128–159 mean the Windows-1252 character, as in HTML ("&#146;" is "’");
// references to NUL, surrogates, other control characters or beyond
// U+10FFFF are left as they are. A decoded "&" is not decoded again:
// "&amp;amp;" becomes "&amp;".
//
// A caller that analyses the repaired text reports its spans (byte
// offsets on character boundaries) in the original with Orig; a repaired
// character's span becomes the whole sequence it was decoded from:
//
//	rep := features.Repair(text)
//	start, end := mention(rep.Text) // any span found in rep.Text
//	from, to := rep.Orig(start), rep.Orig(end)
//	original := text[from:to] // what the caller's document shows
func Repair(text string) Repaired {
	count := repairer{s: text, first: -1}
	count.walk(0)
	if count.edits == 0 {
		return Repaired{Text: text}
	}
	w := repairer{s: text, write: true, list: make([]repairEdit, 0, count.edits)}
	w.b.Grow(count.n + len(text) - count.last)
	w.walk(count.first) // the text before the first edit needs none
	w.b.WriteString(text[w.last:])
	return Repaired{Text: w.b.String(), edits: w.list}
}

// repairer walks a text twice: once counting the edits and the repaired
// length, so that the second pass, which writes, allocates exactly once
// for the text and once for the edits.
type repairer struct {
	s     string
	write bool
	b     strings.Builder
	list  []repairEdit
	last  int // original text before this offset is accounted for
	n     int // repaired length of s[:last]
	edits int
	first int // original offset of the first edit, or -1
}

// emit replaces s[i:j] by r.
func (p *repairer) emit(i, j int, r rune) {
	start := p.n + i - p.last
	p.n = start + utf8.RuneLen(r)
	if p.write {
		p.b.WriteString(p.s[p.last:i])
		p.b.WriteRune(r)
		p.list = append(p.list, repairEdit{r: start, rEnd: p.n, o: i, oEnd: j})
	} else if p.edits == 0 {
		p.first = i
	}
	p.edits++
	p.last = j
}

// walk makes every repair in s[from:]; from must be a character boundary
// that a walk from 0 reaches, as decisions look only at s.
func (p *repairer) walk(from int) {
	s := p.s
	for i := from; i < len(s); {
		// Most of any text is ASCII other than '&': skip it in a tight loop.
		for i < len(s) && s[i] < utf8.RuneSelf && s[i] != '&' {
			i++
		}
		if i == len(s) {
			break
		}
		if s[i] == '&' {
			if r, j, ok := entityAt(s, i); ok {
				p.emit(i, j, r)
				i = j
			} else {
				i++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		// Only Â..ô re-encode to a byte that starts a multi-byte character.
		if r >= 0xC2 && r <= 0xF4 {
			if dr, j, ok := mojibakeAt(s, i, r, size, false); ok {
				if dr >= 0xC2 && dr <= 0xF4 {
					if dr2, j2, ok := doubleAt(s, j, dr); ok {
						dr, j = dr2, j2
					}
				}
				p.emit(i, j, dr)
				i = j
				continue
			}
		}
		i += size
	}
}

// mojibakeAt decodes the mojibake sequence that starts at s[i], whose first
// character is lead (U+00C2–U+00F4, size bytes); end is the offset after it.
// When exact, it makes no guesses about lost bytes and accepts any valid
// character, as doubleAt checks what these decode to.
func mojibakeAt(s string, i int, lead rune, size int, exact bool) (r rune, end int, ok bool) {
	var buf [utf8.UTFMax]byte
	buf[0] = byte(lead)
	need := 1
	if lead >= 0xF0 {
		need = 3
	} else if lead >= 0xE0 {
		need = 2
	}
	j, m := i+size, 0
	for m < need && j < len(s) {
		c, sz := utf8.DecodeRuneInString(s[j:])
		b, ok := cp1252Byte(c)
		if !ok || b < 0x80 || b > 0xBF {
			break
		}
		m++
		buf[m] = b
		j += sz
	}
	if m == need {
		r, n := utf8.DecodeRune(buf[:need+1])
		if n != need+1 || need == 1 && !exact && !plausible2(r) {
			return 0, 0, false
		}
		return r, j, true
	}
	if exact {
		return 0, 0, false
	}
	switch {
	case lead == 0xE2 && m == 1 && buf[1] == 0x80:
		if c, sz := utf8.DecodeRuneInString(s[j:]); c == utf8.RuneError && sz == 3 {
			j += sz
		}
		return '\u201D', j, true
	case lead == 0xE2 && m == 1 && buf[1] == 0xA6:
		return '\u2026', j, true
	case lead == 0xE2 && m == 0 && contraction(s, i, j):
		return '\u2019', j, true
	case lead == 0xC2 && m == 0 && j < len(s) && s[j] == ' ':
		if p, _ := utf8.DecodeLastRuneInString(s[:i]); !unicode.IsUpper(p) {
			return ' ', j + 1, true
		}
	}
	return 0, 0, false
}

// doubleAt undoes a second level of mojibake: s[j:] continues a sequence
// whose first level decoded to lead, which re-encodes to a UTF-8 lead byte.
// It succeeds when the next first-level sequences decode to the
// continuation bytes lead needs and together they form a valid character,
// as "Ã¢â‚¬â„¢" does for "’"; end is the offset after the last of them.
func doubleAt(s string, j int, lead rune) (r rune, end int, ok bool) {
	var buf [utf8.UTFMax]byte
	buf[0] = byte(lead)
	need := 1
	if lead >= 0xF0 {
		need = 3
	} else if lead >= 0xE0 {
		need = 2
	}
	for k := 1; k <= need; k++ {
		if j >= len(s) {
			return 0, 0, false
		}
		c, size := utf8.DecodeRuneInString(s[j:])
		if c < 0xC2 || c > 0xF4 {
			return 0, 0, false
		}
		c, next, ok := mojibakeAt(s, j, c, size, true)
		if !ok {
			return 0, 0, false
		}
		b, ok := cp1252Byte(c)
		if !ok || b < 0x80 || b > 0xBF {
			return 0, 0, false
		}
		buf[k], j = b, next
	}
	r, n := utf8.DecodeRune(buf[:need+1])
	if n != need+1 || need == 1 && !plausible2(r) {
		return 0, 0, false
	}
	return r, j, true
}

// plausible2 reports whether r, decoded from two bytes, is a character
// that mojibake of real text produces: a Latin-1 symbol, a Latin letter
// (Latin-1, Extended-A and B), or a Greek, Cyrillic, Hebrew or Arabic
// letter. It rules out the C1 controls, IPA and combining marks that an
// upper-case accented letter before a curly quote or dash would give.
func plausible2(r rune) bool {
	switch {
	case r >= 0xA0 && r <= 0x24F:
		return true
	case r >= 0x370 && r <= 0x6FF:
		return unicode.IsLetter(r)
	}
	return false
}

// contraction reports whether a bare "â" at s[i:j] stands between an ASCII
// letter and the end of an English contraction or possessive: 's 'd 'll
// 're 've, n't and I'm. These never occur in French, Portuguese or
// Vietnamese words spelled with â. A space may separate 's 'd 'll 're 've
// from their word, as in text whose names were padded ("Fisher âs").
func contraction(s string, i, j int) bool {
	if i == 0 {
		return false
	}
	word := isASCIILetter(s[i-1])
	spaced := !word && s[i-1] == ' ' && i >= 2 && isASCIILetter(s[i-2])
	if !word && !spaced {
		return false
	}
	rest := s[j:]
	var n int
	switch {
	case strings.HasPrefix(rest, "s"), strings.HasPrefix(rest, "d"):
		n = 1
	case strings.HasPrefix(rest, "ll"), strings.HasPrefix(rest, "re"), strings.HasPrefix(rest, "ve"):
		n = 2
	case spaced:
		return false
	case strings.HasPrefix(rest, "t") && s[i-1] == 'n':
		n = 1
	case strings.HasPrefix(rest, "m") && s[i-1] == 'I' && (i == 1 || !isASCIILetter(s[i-2])):
		n = 1
	default:
		return false
	}
	if j+n == len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[j+n:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// cp1252Byte returns the byte that Windows-1252 or Latin-1 decoding turned
// into r, if any.
func cp1252Byte(r rune) (byte, bool) {
	if r >= 0x80 && r <= 0xFF {
		return byte(r), true
	}
	switch r {
	case '€':
		return 0x80, true
	case '‚':
		return 0x82, true
	case 'ƒ':
		return 0x83, true
	case '„':
		return 0x84, true
	case '…':
		return 0x85, true
	case '†':
		return 0x86, true
	case '‡':
		return 0x87, true
	case 'ˆ':
		return 0x88, true
	case '‰':
		return 0x89, true
	case 'Š':
		return 0x8A, true
	case '‹':
		return 0x8B, true
	case 'Œ':
		return 0x8C, true
	case 'Ž':
		return 0x8E, true
	case '‘':
		return 0x91, true
	case '’':
		return 0x92, true
	case '“':
		return 0x93, true
	case '”':
		return 0x94, true
	case '•':
		return 0x95, true
	case '–':
		return 0x96, true
	case '—':
		return 0x97, true
	case '˜':
		return 0x98, true
	case '™':
		return 0x99, true
	case 'š':
		return 0x9A, true
	case '›':
		return 0x9B, true
	case 'œ':
		return 0x9C, true
	case 'ž':
		return 0x9E, true
	case 'Ÿ':
		return 0x9F, true
	}
	return 0, false
}

// cp1252High is Windows-1252 for bytes 0x80–0x9F, as HTML reads numeric
// references to them; 0 marks the five undefined bytes.
var cp1252High = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}

// entityAt decodes the character reference at s[i] == '&'; end is the
// offset after its ';'.
func entityAt(s string, i int) (r rune, end int, ok bool) {
	const maxName = 8 // the longest name in htmlEntities, and &#1114111;
	rest := s[i+1:]
	semi := strings.IndexByte(rest[:min(len(rest), maxName+2)], ';')
	if semi < 1 {
		return 0, 0, false
	}
	name := rest[:semi]
	end = i + 1 + semi + 1
	if name[0] != '#' {
		lo, hi := 0, len(htmlEntities)
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if htmlEntities[m].name < name {
				lo = m + 1
			} else {
				hi = m
			}
		}
		if lo < len(htmlEntities) && htmlEntities[lo].name == name {
			return htmlEntities[lo].r, end, true
		}
		return 0, 0, false
	}
	digits, base := name[1:], rune(10)
	if len(digits) > 0 && digits[0]|0x20 == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 {
		return 0, 0, false
	}
	for k := 0; k < len(digits); k++ {
		c, lc := rune(digits[k]), rune(digits[k]|0x20)
		var d rune
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case base == 16 && lc >= 'a' && lc <= 'f':
			d = lc - 'a' + 10
		default:
			return 0, 0, false
		}
		r = min(r*base+d, unicode.MaxRune+1) // capped: no overflow
	}
	switch {
	case r >= 0x80 && r <= 0x9F:
		r = cp1252High[r-0x80]
	case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0x7F:
		r = 0
	case r > unicode.MaxRune, r >= 0xD800 && r <= 0xDFFF:
		r = 0
	}
	return r, end, r != 0
}

// htmlEntities are the named character references Repair decodes, sorted
// by name: the HTML 4 Latin-1 set and the punctuation, quotes and letters
// of Windows-1252 that news sites write as references.
var htmlEntities = [...]struct {
	name string
	r    rune
}{
	{"AElig", 0x00C6},
	{"Aacute", 0x00C1},
	{"Acirc", 0x00C2},
	{"Agrave", 0x00C0},
	{"Aring", 0x00C5},
	{"Atilde", 0x00C3},
	{"Auml", 0x00C4},
	{"Ccedil", 0x00C7},
	{"Dagger", 0x2021},
	{"ETH", 0x00D0},
	{"Eacute", 0x00C9},
	{"Ecirc", 0x00CA},
	{"Egrave", 0x00C8},
	{"Euml", 0x00CB},
	{"Iacute", 0x00CD},
	{"Icirc", 0x00CE},
	{"Igrave", 0x00CC},
	{"Iuml", 0x00CF},
	{"Ntilde", 0x00D1},
	{"OElig", 0x0152},
	{"Oacute", 0x00D3},
	{"Ocirc", 0x00D4},
	{"Ograve", 0x00D2},
	{"Oslash", 0x00D8},
	{"Otilde", 0x00D5},
	{"Ouml", 0x00D6},
	{"Prime", 0x2033},
	{"Scaron", 0x0160},
	{"THORN", 0x00DE},
	{"Uacute", 0x00DA},
	{"Ucirc", 0x00DB},
	{"Ugrave", 0x00D9},
	{"Uuml", 0x00DC},
	{"Yacute", 0x00DD},
	{"Yuml", 0x0178},
	{"aacute", 0x00E1},
	{"acirc", 0x00E2},
	{"acute", 0x00B4},
	{"aelig", 0x00E6},
	{"agrave", 0x00E0},
	{"amp", 0x0026},
	{"apos", 0x0027},
	{"aring", 0x00E5},
	{"atilde", 0x00E3},
	{"auml", 0x00E4},
	{"bdquo", 0x201E},
	{"brvbar", 0x00A6},
	{"bull", 0x2022},
	{"ccedil", 0x00E7},
	{"cedil", 0x00B8},
	{"cent", 0x00A2},
	{"circ", 0x02C6},
	{"copy", 0x00A9},
	{"curren", 0x00A4},
	{"dagger", 0x2020},
	{"deg", 0x00B0},
	{"divide", 0x00F7},
	{"eacute", 0x00E9},
	{"ecirc", 0x00EA},
	{"egrave", 0x00E8},
	{"emsp", 0x2003},
	{"ensp", 0x2002},
	{"eth", 0x00F0},
	{"euml", 0x00EB},
	{"euro", 0x20AC},
	{"fnof", 0x0192},
	{"frac12", 0x00BD},
	{"frac14", 0x00BC},
	{"frac34", 0x00BE},
	{"gt", 0x003E},
	{"hellip", 0x2026},
	{"iacute", 0x00ED},
	{"icirc", 0x00EE},
	{"iexcl", 0x00A1},
	{"igrave", 0x00EC},
	{"iquest", 0x00BF},
	{"iuml", 0x00EF},
	{"laquo", 0x00AB},
	{"larr", 0x2190},
	{"ldquo", 0x201C},
	{"lrm", 0x200E},
	{"lsaquo", 0x2039},
	{"lsquo", 0x2018},
	{"lt", 0x003C},
	{"macr", 0x00AF},
	{"mdash", 0x2014},
	{"micro", 0x00B5},
	{"middot", 0x00B7},
	{"minus", 0x2212},
	{"nbsp", 0x00A0},
	{"ndash", 0x2013},
	{"not", 0x00AC},
	{"ntilde", 0x00F1},
	{"oacute", 0x00F3},
	{"ocirc", 0x00F4},
	{"oelig", 0x0153},
	{"ograve", 0x00F2},
	{"oline", 0x203E},
	{"ordf", 0x00AA},
	{"ordm", 0x00BA},
	{"oslash", 0x00F8},
	{"otilde", 0x00F5},
	{"ouml", 0x00F6},
	{"para", 0x00B6},
	{"permil", 0x2030},
	{"plusmn", 0x00B1},
	{"pound", 0x00A3},
	{"prime", 0x2032},
	{"quot", 0x0022},
	{"raquo", 0x00BB},
	{"rarr", 0x2192},
	{"rdquo", 0x201D},
	{"reg", 0x00AE},
	{"rlm", 0x200F},
	{"rsaquo", 0x203A},
	{"rsquo", 0x2019},
	{"sbquo", 0x201A},
	{"scaron", 0x0161},
	{"sect", 0x00A7},
	{"shy", 0x00AD},
	{"sup1", 0x00B9},
	{"sup2", 0x00B2},
	{"sup3", 0x00B3},
	{"szlig", 0x00DF},
	{"thinsp", 0x2009},
	{"thorn", 0x00FE},
	{"tilde", 0x02DC},
	{"times", 0x00D7},
	{"trade", 0x2122},
	{"uacute", 0x00FA},
	{"ucirc", 0x00FB},
	{"ugrave", 0x00F9},
	{"uml", 0x00A8},
	{"uuml", 0x00FC},
	{"yacute", 0x00FD},
	{"yen", 0x00A5},
	{"yuml", 0x00FF},
	{"zwj", 0x200D},
	{"zwnj", 0x200C},
}
