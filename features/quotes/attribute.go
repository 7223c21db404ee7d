package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/actorframe/actorframe/features"
)

// speechVerbs introduce or follow a quotation.
var speechVerbs = map[string]bool{
	"said": true, "says": true, "say": true, "told": true, "tells": true, "added": true, "adds": true,
	"stated": true, "states": true, "claimed": true, "claims": true, "insisted": true, "insists": true,
	"warned": true, "warns": true, "declared": true, "noted": true, "notes": true, "wrote": true, "writes": true,
	"tweeted": true, "asked": true, "asks": true, "replied": true, "explained": true, "argued": true, "argues": true,
	"stressed": true, "announced": true, "continued": true, "recalled": true, "admitted": true, "conceded": true,
	"suggested": true, "urged": true, "vowed": true, "promised": true, "acknowledged": true, "responded": true,
	"predicted": true, "remarked": true, "commented": true, "emphasized": true, "emphasised": true, "added:": true,
	"reported": true, "reports": true, "quoted": true, "posted": true, "broadcast": true, "aired": true,
}

// speakerPrefixes stand before a speaker's name beside the titles
// (features.IsTitle): "said the analyst John Smith".
var speakerPrefixes = map[string]bool{"the": true, "a": true, "an": true, "analyst": true}

// isTitle reports whether w precedes a speaker's name and is not part of it.
func isTitle(w string) bool { return features.IsTitle(w) || inSet(speakerPrefixes, w) }

var pronouns = map[string]bool{"he": true, "she": true, "they": true, "his": true, "her": true, "their": true, "we": true, "i": true, "it": true}

// word is a word of a fragment, in text offsets.
type word struct {
	start, end int
	s          string
}

// words returns the words of d.Text[from:to]: the words the parser cut,
// with the marks inside names (. - ' ’) joined back ("al-Assad",
// "U.S.", "Kiev's"), and a trailing period dropped unless the word is
// an abbreviation such as "U.S." or "Mr.".
func words(d *features.Doc, from, to int) []word { return appendWords(nil, d, from, to) }

// appendWords is words appending to ws, so that a caller with a small
// array of its own allocates nothing.
func appendWords(ws []word, d *features.Doc, from, to int) []word {
	return appendWordsN(ws, d, from, to, -1)
}

// appendWordsN is appendWords stopping after max words (max < 0: all).
func appendWordsN(ws []word, d *features.Doc, from, to, max int) []word {
	text, toks := d.Text, d.Tokens
	first := len(ws)
	for k := d.TokenAt(from); k < len(toks) && len(ws)-first != max; {
		t := toks[k]
		k++
		s, e := int(t.Start), int(t.End)
		if e > to {
			break
		}
		if s < from || t.Flags&features.FlagWord == 0 {
			continue
		}
		for k < len(toks) && int(toks[k].Start) == e && int(toks[k].End) <= to &&
			(toks[k].Flags&features.FlagWord != 0 || isNameMark(text[toks[k].Start:toks[k].End])) {
			e = int(toks[k].End)
			k++
		}
		for e > s && (text[e-1] == '.' || text[e-1] == '-' || text[e-1] == '\'') {
			if text[e-1] == '.' && strings.Contains(text[s:e-1], ".") {
				break
			}
			e--
		}
		ws = append(ws, word{s, e, text[s:e]})
	}
	return ws
}

// isNameMark reports whether a punctuation token joins the words around
// it when no space separates them.
func isNameMark(p string) bool { return p == "." || p == "-" || p == "'" || p == "’" }

func lower(s string) string { return strings.ToLower(strings.TrimRight(s, ".")) }

// capitalised reports whether s starts with an upper-case letter, or is a
// name with a particle such as "al-Assad".
func capitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if unicode.IsUpper(r) {
		return true
	}
	if i := strings.IndexByte(s, '-'); i > 0 && i+1 < len(s) && isParticle(s[:i]) {
		r, _ = utf8.DecodeRuneInString(s[i+1:])
		return unicode.IsUpper(r)
	}
	return false
}

func possessive(s string) bool { return strings.HasSuffix(s, "'s") || strings.HasSuffix(s, "’s") }

// attribute finds the source of qs[i]. para is the start of its
// paragraph, and lead tells whether only white space and opening marks
// precede it there.
func attribute(d *features.Doc, qs []Quote, i, para int, lead bool) {
	text := d.Text
	q := &qs[i]
	limit := len(text)
	if i+1 < len(qs) {
		limit = qs[i+1].Start - 1
	}
	if after(d, q, limit) {
		return
	}
	floor := para
	if i > 0 && qs[i-1].End > floor {
		floor = qs[i-1].End + 1
	}
	if before(d, q, floor) {
		return
	}
	short := len(strings.Fields(text[q.Start:q.End])) <= 3 && q.End-q.Start < 60
	// A longer quotation with no attribution of its own continues the
	// speech of the quotation before it, in the same or the next paragraph.
	if i > 0 && qs[i-1].Source != "" && !short && (qs[i-1].End >= para ||
		lead && prevParagraphHas(text, para, qs[i-1].End)) {
		q.Source, q.SourceStart, q.SourceEnd, q.Cue, q.Pronoun = qs[i-1].Source, qs[i-1].SourceStart, qs[i-1].SourceEnd, qs[i-1].Cue, qs[i-1].Pronoun
		if q.Cue != Intro {
			q.Cue = Continued
		}
		return
	}
	if lead && intro(d, q, para) {
		return
	}
	q.Scare = short
}

// after handles `"...," X said` and `"...," said X`.
func after(d *features.Doc, q *Quote, limit int) bool {
	text := d.Text
	from := q.End
	if from < len(text) {
		_, n := utf8.DecodeRuneInString(text[from:])
		from += n
	}
	to := from
	for to < limit && to-from < 160 {
		c := text[to]
		if c == '\n' || c == '"' || strings.HasPrefix(text[to:], "“") {
			break
		}
		to++
	}
	// Only a comma (inside or just after the quote) or nothing may stand
	// between the quote and the attribution; a new sentence is not one.
	frag := strings.TrimLeft(text[from:to], " ,")
	if frag == "" || capitalised(frag) && !looksLikeAttribution(d, from, to) {
		return false
	}
	// to-from < 160 bytes hold at most 80 words; an array on the stack
	// saves an allocation per quotation.
	var buf [80]word
	ws := appendWords(buf[:0], d, from, to)
	if len(ws) == 0 {
		return false
	}
	if speechVerbs[lower(ws[0].s)] {
		// said X[, apposition]
		end := len(ws)
		for k := 1; k < len(ws); k++ {
			if hasBreakBetween(text, ws[k-1].end, ws[k].start) {
				end = k
				break
			}
		}
		if end > 1 {
			return set(text, q, ws[1:end], true, Said)
		}
		return false
	}
	for k := 1; k < len(ws) && k <= 8; k++ {
		if speechVerbs[lower(ws[k].s)] {
			if hasSentenceEnd(text, ws[0].start, ws[k].start) {
				return false
			}
			return set(text, q, ws[:k], true, Said)
		}
	}
	return false
}

func looksLikeAttribution(d *features.Doc, from, to int) bool {
	text := d.Text
	var buf [16]word
	ws := appendWordsN(buf[:0], d, from, to, 9)
	for k := 0; k < len(ws) && k <= 8; k++ {
		if speechVerbs[lower(ws[k].s)] {
			return !hasSentenceEnd(text, from, ws[k].start)
		}
	}
	return false
}

func hasBreakBetween(text string, a, b int) bool {
	return strings.ContainsAny(text[a:b], ",;:.()—")
}

func hasSentenceEnd(text string, a, b int) bool {
	for i := a; i < b; i++ {
		if (text[i] == '.' || text[i] == '!' || text[i] == '?') && i+1 < len(text) && text[i+1] == ' ' {
			if i > 0 && text[i] == '.' && isAbbrevBefore(text, i) {
				continue
			}
			return true
		}
	}
	return false
}

func isAbbrevBefore(text string, dot int) bool {
	s := dot
	for s > 0 && text[s-1] != ' ' {
		s--
	}
	w := text[s:dot]
	return strings.Contains(w, ".") || features.IsTitle(w) && len(w) <= 3
}

// before handles `X said: "..."`, `X told reporters "..."` and
// `according to X, "..."`.
func before(d *features.Doc, q *Quote, floor int) bool {
	text := d.Text
	open := q.Start
	if open > 0 {
		_, n := utf8.DecodeLastRuneInString(text[:open])
		open -= n
	}
	from := open - 200
	if from < floor {
		from = floor
	}
	// Start from the last sentence end before the quote.
	for i := open - 1; i >= from; i-- {
		if (text[i] == '.' || text[i] == '!' || text[i] == '?') && i+1 < open && text[i+1] == ' ' && !isAbbrevBefore(text, i) {
			from = i + 1
			break
		}
	}
	ws := words(d, from, open)
	if len(ws) == 0 {
		return false
	}
	for k := len(ws) - 1; k >= 0 && k >= len(ws)-6; k-- {
		w := lower(ws[k].s)
		if w == "to" && k > 0 && lower(ws[k-1].s) == "according" {
			end := len(ws)
			for j := k + 2; j < len(ws); j++ {
				if hasBreakBetween(text, ws[j-1].end, ws[j].start) {
					end = j
					break
				}
			}
			if k+1 < end {
				return set(text, q, ws[k+1:end], true, AccordingTo)
			}
			return false
		}
		if speechVerbs[w] {
			cue := Said
			if strings.Contains(text[ws[k].end:open], ":") {
				cue = Colon
			}
			return set(text, q, subject(text, ws[:k]), false, cue)
		}
	}
	return false
}

// subject is the speaker phrase of a clause that ends just before its
// verb: with an apposition ("Alexei Malashenko, head of research, added")
// the part before the first comma.
func subject(text string, ws []word) []word {
	if len(ws) == 0 {
		return nil
	}
	for k := 1; k < len(ws); k++ {
		if strings.Contains(text[ws[k-1].end:ws[k].start], ",") {
			head := ws[:k]
			if hasName(head) && !inSet(openers, head[0].s) {
				return head
			}
			break
		}
	}
	// the words after the last comma
	for k := len(ws) - 1; k > 0; k-- {
		if strings.Contains(text[ws[k-1].end:ws[k].start], ",") {
			return ws[k:]
		}
	}
	return ws
}

// openers begin a phrase before the speaker, not the speaker: "In a
// statement, the Kremlin said".
var openers = map[string]bool{"in": true, "on": true, "at": true, "after": true, "before": true, "during": true,
	"following": true, "speaking": true, "later": true, "earlier": true, "meanwhile": true, "however": true,
	"separately": true, "also": true, "asked": true, "responding": true, "when": true, "while": true, "since": true}

// speakerDeterminers open an unnamed speaker: "one mother", "a resident".
// ("the head of the UN agency" speaks for the UN: "the" is not one.)
var speakerDeterminers = map[string]bool{"a": true, "an": true, "one": true, "another": true}

// placePrepositions end an unnamed speaker at the place that follows: "a
// resident of Kherson", "one mother in Gaza City".
var placePrepositions = map[string]bool{"in": true, "at": true, "of": true, "near": true, "outside": true, "inside": true}

func hasName(ws []word) bool {
	for _, w := range ws {
		if capitalised(w.s) || pronouns[lower(w.s)] {
			return true
		}
	}
	return false
}

// set picks the speaker out of a phrase: a pronoun, the name at the end
// of a title chain ("Defense Minister Sergey Shoigu"), or, for a common
// noun ("a senior U.S. official"), the last few words.
func set(text string, q *Quote, ws []word, last bool, cue Cue) bool {
	if len(ws) == 0 {
		return false
	}
	if len(ws) == 1 && pronouns[lower(ws[0].s)] {
		return setSpan(text, q, ws[0].start, ws[0].end, cue)
	}
	// "one mother in Gaza City", "a resident at the camp": a common-noun
	// speaker, and the place where they stand
	if len(ws) >= 3 && inSet(speakerDeterminers, ws[0].s) && !capitalised(ws[1].s) {
		for k := 2; k < len(ws); k++ {
			if inSet(placePrepositions, ws[k].s) {
				return setSpan(text, q, ws[0].start, ws[k-1].end, cue)
			}
			if capitalised(ws[k].s) || hasBreakBetween(text, ws[k-1].end, ws[k].start) {
				break
			}
		}
	}
	// capitalised runs, titles dropped from their start
	type run struct{ a, b int }
	var runs []run
	for k := 0; k < len(ws); {
		if !capitalised(ws[k].s) {
			k++
			continue
		}
		j := k
		for j < len(ws) && (capitalised(ws[j].s) || isParticle(ws[j].s) && j+1 < len(ws) && capitalised(ws[j+1].s)) &&
			(j == k || !hasBreakBetween(text, ws[j-1].end, ws[j].start) && !possessive(ws[j-1].s)) {
			j++
		}
		a := k
		for a < j-1 && isTitle(lower(ws[a].s)) {
			a++
		}
		if !(j-a == 1 && isTitle(lower(ws[a].s))) {
			runs = append(runs, run{a, j})
		}
		k = j
	}
	lastWord := ws[len(ws)-1]
	if !capitalised(lastWord.s) && !pronouns[lower(lastWord.s)] {
		// a common-noun speaker: up to five words back to a determiner
		a := len(ws) - 1
		for a > 0 && len(ws)-a < 5 && !hasBreakBetween(text, ws[a-1].end, ws[a].start) {
			a--
			if w := lower(ws[a].s); w == "a" || w == "an" || w == "the" || w == "one" {
				break
			}
		}
		return setSpan(text, q, ws[a].start, lastWord.end, cue)
	}
	if len(runs) == 0 {
		if pronouns[lower(lastWord.s)] {
			return setSpan(text, q, lastWord.start, lastWord.end, cue)
		}
		return false
	}
	r := runs[0]
	if last {
		r = runs[len(runs)-1]
	}
	return setSpan(text, q, ws[r.a].start, ws[r.b-1].end, cue)
}

func isParticle(s string) bool { return features.IsNameParticle(s) }

func setSpan(text string, q *Quote, s, e int, cue Cue) bool {
	if s < 0 || e > len(text) || s >= e {
		return false
	}
	q.Source, q.SourceStart, q.SourceEnd, q.Cue = text[s:e], s, e, cue
	q.Pronoun = pronouns[lower(q.Source)]
	return true
}

// reportVerbs are the verbs of reporting beyond speechVerbs: "RT
// reported", "Reuters quoted".
var reportVerbs = map[string]bool{
	"reported": true, "reports": true, "report": true, "quoted": true, "quotes": true, "cited": true, "cites": true,
	"published": true, "publishes": true, "broadcast": true, "aired": true, "confirmed": true, "confirms": true,
	"say": true, "tell": true,
}

// reportNouns name what a speaker or outlet puts out: "RT's report", "a
// statement by the ministry".
var reportNouns = map[string]bool{
	"report": true, "reports": true, "statement": true, "statements": true, "article": true, "story": true,
	"account": true, "interview": true, "remarks": true, "comments": true, "words": true, "excerpt": true,
	"broadcast": true, "tweet": true, "post": true, "reporting": true, "footage": true, "coverage": true,
	"reported": true, "quoted": true, "published": true, "aired": true,
}

// softWords may stand between a speaker and its verb: "Putin has said",
// "Frolov also said", "the ministry later said".
var softWords = map[string]bool{
	"also": true, "has": true, "had": true, "have": true, "later": true, "earlier": true, "then": true,
	"again": true, "reportedly": true, "repeatedly": true, "previously": true, "once": true, "further": true,
	"was": true, "were": true, "is": true, "being": true,
}

// IsSpeechVerb reports whether w (any case) is a verb of speech or of
// reporting: said, told, added, reported...
func IsSpeechVerb(w string) bool { return inSet(speechVerbs, w) || inSet(reportVerbs, w) }

// inSet reports whether w, lower-cased (ASCII) and without a trailing
// period, is in set, without allocating: lower allocates for every
// capitalised word, and Speaks is asked of many.
func inSet(set map[string]bool, w string) bool {
	var buf [24]byte
	w = strings.TrimRight(w, ".")
	if len(w) > len(buf) {
		return false
	}
	b := buf[:0]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return set[string(b)]
}

// Speaks reports whether the name at text[start:end] is, there, the one
// who speaks or reports: the subject of a speech or reporting verb ("X
// said", "X also said", "X, an analyst at the institute, said", "X
// reported"), the speaker after one ("said X"), "according to X", the
// author of "X's report" or of "a report by X". It looks no further than
// the sentence around the name.
//
// Speaks segments text first; a caller that holds the parsed text calls
// SpeaksDoc.
func Speaks(text string, start, end int) bool {
	var d features.Doc
	features.Segment(text, &d)
	return SpeaksDoc(&d, start, end)
}

// SpeaksDoc is Speaks on a text already parsed into d.
func SpeaksDoc(d *features.Doc, start, end int) bool {
	text := d.Text
	if start < 0 || end > len(text) || start >= end {
		return false
	}
	// after the name
	rest := text[end:]
	if strings.HasPrefix(rest, "'s ") || strings.HasPrefix(rest, "’s ") || strings.HasPrefix(rest, "' ") {
		_, n := utf8.DecodeRuneInString(rest)
		from := end + n
		if text[from] == 's' {
			from++
		}
		var buf [16]word
		ws := appendWords(buf[:0], d, from, min(len(text), from+60))
		// "RT's report", "Fox News' latest report"
		for k := 0; k < len(ws) && k < 3; k++ {
			if inSet(reportNouns, ws[k].s) {
				return true
			}
		}
		return false
	}
	to := end + 200
	if to > len(text) {
		to = len(text)
	}
	// Words are read only as far as needed: the verb is the next word
	// or two, or follows an apposition of a dozen words at most.
	var buf [16]word
	ws := appendWordsN(buf[:0], d, end, to, 4)
	k := 0
	if len(ws) > 0 && strings.HasPrefix(strings.TrimLeft(text[end:ws[0].start], " "), ",") {
		// an apposition: up to the next comma, within a dozen words
		ws = appendWordsN(buf[:0], d, end, to, len(buf))
		for k < len(ws) && k < 12 && !strings.Contains(text[ws[k].end:min(len(text), ws[k].end+2)], ",") {
			k++
		}
		k++
		if k >= len(ws) || k > 12 || hasSentenceEnd(text, end, ws[k].start) {
			k = len(ws)
		}
	}
	for ; k < len(ws) && k < 16; k++ {
		if IsSpeechVerb(ws[k].s) {
			return !hasSentenceEnd(text, end, ws[k].start) && !strings.ContainsAny(text[end:ws[k].start], "\n\"“”")
		}
		if !inSet(softWords, ws[k].s) {
			break
		}
	}
	// before the name
	from := start - 60
	if from < 0 {
		from = 0
	}
	var bbuf [16]word
	bw := appendWords(bbuf[:0], d, from, start)
	if len(bw) == 0 || strings.ContainsAny(text[bw[len(bw)-1].end:start], ".!?;\n") {
		return false
	}
	last := bw[len(bw)-1].s
	switch {
	case strings.EqualFold(last, "to") && len(bw) >= 2 && strings.EqualFold(bw[len(bw)-2].s, "according"):
		return true
	case strings.EqualFold(last, "by") && len(bw) >= 2 && (inSet(reportNouns, bw[len(bw)-2].s) || IsSpeechVerb(bw[len(bw)-2].s)):
		return true
	}
	// `," said X` and `," said the foreign minister, X`: only after a
	// quotation or a comma is "said X" its speaker; in "Obama said
	// Russia..." Russia is what is said.
	for k := len(bw) - 1; k >= 0 && k >= len(bw)-5; k-- {
		w := bw[k].s
		if inSet(sayWords, w) {
			before := strings.TrimRight(text[from:bw[k].start], " ")
			if before == "" && from > 0 {
				return false // too far back to tell
			}
			return before == "" || strings.HasSuffix(before, ",") || strings.HasSuffix(before, "\"") ||
				strings.HasSuffix(before, "”") || strings.HasSuffix(before, "\n")
		}
		if !isTitle(w) && !capitalised(w) {
			break
		}
	}
	return false
}

// sayWords may precede their speaker: `," said X`.
var sayWords = map[string]bool{"said": true, "says": true, "added": true, "asked": true, "wrote": true}

func paragraphStart(text string, pos int) int {
	if i := strings.LastIndexByte(text[:pos], '\n'); i >= 0 {
		return i + 1
	}
	return 0
}

// isLead: white space and the opening marks that may precede a quotation
// that starts its paragraph.
func isLead(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("\"“„«‘'", r)
}

// prevParagraphHas reports whether offset pos (the end of an earlier quote)
// lies in the paragraph just before the one starting at p.
func prevParagraphHas(text string, p, pos int) bool {
	if p == 0 {
		return false
	}
	prev := paragraphStart(text, trimRightSpace(text, p-1))
	for prev > 0 && strings.TrimSpace(text[prev:p]) == "" {
		prev = paragraphStart(text, prev-1)
	}
	return pos >= prev && pos < p
}

// introCues mark a line that introduces a block quotation.
var introCues = []string{"the following", "excerpt", "statement", "report", "as follows", "wrote:", "said:", "reads:"}

// intro handles a quotation introduced by the line before it: "The
// following is an excerpt of a report by Fox News." A person or pronoun
// whose statement it is wins over the outlet it is "according to". p is
// the start of q's paragraph.
func intro(d *features.Doc, q *Quote, p int) bool {
	text := d.Text
	if p == 0 {
		return false
	}
	end := trimRightSpace(text, p)
	// the last sentence of the previous line
	ls := paragraphStart(text, end)
	for i := end - 2; i > ls; i-- {
		if (text[i] == '.' || text[i] == '!' || text[i] == '?') && text[i+1] == ' ' && !isAbbrevBefore(text, i) {
			ls = i + 1
			break
		}
	}
	line := text[ls:end]
	ll := strings.ToLower(line)
	found := false
	for _, c := range introCues {
		if strings.Contains(ll, c) {
			found = true
			break
		}
	}
	if !found && !strings.HasSuffix(strings.TrimSpace(line), ":") {
		return false
	}
	ws := words(d, ls, end)
	// "his exact statement", "Obama's statement"
	for k, w := range ws {
		lw := lower(w.s)
		if lw == "statement" || lw == "words" || lw == "remarks" || lw == "comments" {
			for j := k - 1; j >= 0 && j >= k-3; j-- {
				pw := lower(ws[j].s)
				if pw == "his" || pw == "her" || pw == "their" {
					return setSpan(text, q, ws[j].start, ws[j].end, Intro)
				}
				if strings.HasSuffix(ws[j].s, "'s") || strings.HasSuffix(ws[j].s, "’s") {
					name := strings.TrimSuffix(strings.TrimSuffix(ws[j].s, "'s"), "’s")
					return setSpan(text, q, ws[j].start, ws[j].start+len(name), Intro)
				}
			}
		}
	}
	// "by X", "from X", then "according to X"
	for _, key := range []string{"by", "from", "according"} {
		for k, w := range ws {
			if lower(w.s) != key {
				continue
			}
			a := k + 1
			if key == "according" {
				a = k + 2
			}
			b := a
			for b < len(ws) && !hasBreakBetween(text, ws[b-1].end, ws[b].start) && b-a < 8 {
				if b > a && !capitalised(ws[b].s) && !strings.HasSuffix(ws[b-1].s, "'s") {
					break
				}
				b++
			}
			if b > a && a < len(ws) && set(text, q, ws[a:b], true, Intro) {
				return true
			}
		}
	}
	return false
}
