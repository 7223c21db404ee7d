package quotes

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/actorframe/actorframe/features"
)

// Quote is one direct quotation and its attributed source.
type Quote struct {
	Start, End             int    // byte span of the quoted text, quote marks excluded
	Source                 string // the speaker as written ("Obama", "a U.S. official", "his"); "" when none found
	SourceStart, SourceEnd int    // byte span of Source in the text; both -1 when Source == ""
	Cue                    Cue    // how it was attributed; NoCue if not
	Scare                  bool   // a short quoted phrase with no speaker: "de-escalation zones"
	// Pronoun says that Source is a pronoun ("he said", "their
	// statement"): the speaker is whom the text last had speak, which
	// needs the actors of the text (framing.Analysis.VoiceAt resolves it).
	Pronoun bool
}

// Cue says how a quotation was attributed to its source.
type Cue uint8

// The attribution cues.
const (
	NoCue       Cue = iota // no source found
	Said                   // "...," X said; said X; X told reporters
	AccordingTo            // according to X, "..."
	Intro                  // a block introduced as "a report by X"
	Colon                  // X added: "..."
	Continued              // the same speaker's next quotation
)

var cueNames = [...]string{"", "said", "according_to", "intro", "colon", "continued"}

func (c Cue) String() string {
	if int(c) < len(cueNames) {
		return cueNames[c]
	}
	return "?"
}

// MarshalText writes the cue's name ("" for NoCue).
func (c Cue) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// Contains reports whether byte offset pos lies inside the quotation.
func (q Quote) Contains(pos int) bool { return pos >= q.Start && pos < q.End }

// Find returns the quotations of text in order.
func Find(text string) []Quote { return AppendQuotes(nil, text) }

// AppendQuotes appends the quotations of text to dst, in order, and
// returns the extended slice.
func AppendQuotes(dst []Quote, text string) []Quote {
	var d features.Doc
	features.Segment(text, &d)
	return AppendQuotesDoc(dst, &d)
}

// AppendQuotesDoc is AppendQuotes on a text already parsed into d (by
// features.Parser.Parse or features.Segment): attribution reads the words
// the feature extractor reads.
func AppendQuotesDoc(dst []Quote, d *features.Doc) []Quote {
	text := d.Text
	first := len(dst)
	dst = slices.Grow(dst, quotationsEstimate(text))
	dst = appendSpans(dst, text)
	qs := dst[first:]
	// The paragraph start of each quotation, and whether only white space
	// and opening marks precede it there, are found in one pass: searching
	// back from every quotation made a long paragraph quadratic.
	para, lead, from := 0, true, 0
	for i := range qs {
		start := qs[i].Start
		if j := strings.LastIndexByte(text[from:start], '\n'); j >= 0 {
			para, lead, from = from+j+1, true, from+j+1
		}
		lead = lead && strings.TrimFunc(text[from:start], isLead) == ""
		from = start
		attribute(d, qs, i, para, lead)
	}
	return dst
}

// quotationsEstimate estimates how many quotations text holds from the
// marks that may open them, as appendSpans reads them: a straight quote
// opens one in two. It overcounts, never mattering for news: "„" and its
// closer "“" both count, and so do straight quotes that open nothing.
// Appended one by one, a long text's quotations would grow their slice by
// a quarter at a time, allocating about five times its final size. Text
// that is mostly quote marks holds few quotations (an empty one is none),
// so the estimate is capped at one a dozen bytes, far above news.
func quotationsEstimate(text string) int {
	n := strings.Count(text, `"`)/2 + strings.Count(text, "“") + strings.Count(text, "„") + strings.Count(text, "«")
	return min(n, len(text)/12)
}

// appendSpans finds the outermost quotations. Straight double quotes open
// after a space or an opening bracket and close otherwise; curly quotes say
// which they are. A quotation still open at the end of a paragraph is
// closed there, so an unbalanced mark cannot swallow the rest of a text.
func appendSpans(dst []Quote, text string) []Quote {
	open := -1 // byte offset after the opening mark
	var closer rune
	for i := 0; i < len(text); {
		c := text[i]
		if c == '\n' {
			if open >= 0 {
				dst = appendQuote(dst, text, open, trimRightSpace(text, i))
				open = -1
			}
			i++
			continue
		}
		if c != '"' && c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case open < 0 && (r == '“' || r == '„' || r == '«' || r == '"' && opensHere(text, i)):
			open = i + n
			closer = closerOf(r)
		case open >= 0 && (r == closer || r == '”' || r == '"' && closer != '»'):
			dst = appendQuote(dst, text, open, i)
			open = -1
		}
		i += n
	}
	if open >= 0 {
		dst = appendQuote(dst, text, open, trimRightSpace(text, len(text)))
	}
	return dst
}

func appendQuote(dst []Quote, text string, start, end int) []Quote {
	if end <= start || strings.TrimSpace(text[start:end]) == "" {
		return dst
	}
	return append(dst, Quote{Start: start, End: end, SourceStart: -1, SourceEnd: -1})
}

// opensHere: a straight quote opens at the start, after white space or an
// opening bracket or dash.
func opensHere(text string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.IsSpace(r) || strings.ContainsRune("([{—–-:", r)
}

func trimRightSpace(text string, end int) int {
	for end > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	return end
}

func closerOf(r rune) rune {
	switch r {
	case '“', '„':
		return '”'
	case '«':
		return '»'
	}
	return '"'
}
