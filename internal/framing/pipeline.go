package framing

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/actorframe/actorframe/features"
	"github.com/actorframe/actorframe/features/actors"
	"github.com/actorframe/actorframe/features/quotes"
)

// Pipeline turns a text into an Analysis: it parses the text, finds the
// actors and the quotations in it, and extracts the features of any
// mention. Training and scoring share it, so a model always meets the
// features it was trained on. A Pipeline is safe for concurrent use; the
// Analyses it hands out are not.
type Pipeline struct {
	cfg    features.Config
	finder *actors.Finder
	repair bool
	pool   sync.Pool // of *Analysis
}

// NewPipeline returns a pipeline for cfg that finds actors with finder.
// With repair, each text is first mended of mojibake and HTML entities
// (features.Repair): scraped news is full of them, and they split names
// and hide curly quotes. Offsets in an Analysis are then in the mended
// text; Orig maps them back to the caller's.
func NewPipeline(cfg features.Config, finder *actors.Finder, repair bool) (*Pipeline, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	p := &Pipeline{cfg: cfg, finder: finder, repair: repair}
	p.pool.New = func() any {
		return &Analysis{parser: features.NewParser(cfg), ext: features.NewExtractor(cfg)}
	}
	return p, nil
}

// Config returns the feature configuration.
func (p *Pipeline) Config() features.Config { return p.cfg }

// Analysis is one analysed text: its tokens and sentences, the actor
// mentions and quotations found in it, each computed once. Get one from
// Pipeline.Analyze and hand it back with Pipeline.Release when done; its
// memory is then reused.
type Analysis struct {
	Doc      features.Doc // of the mended text
	Mentions []actors.Mention
	Quotes   []quotes.Quote
	// Original is the text as the caller gave it.
	Original string
	repaired features.Repaired
	// firstBreak is the first token after a line break: where the first
	// paragraph ends
	firstBreak int

	others []features.Span // spans of all mentions, sorted, for ⟨O⟩
	parser *features.Parser
	ext    *features.Extractor
	vec    vecScratch // for the word-vector view
}

// Analyze parses text and finds its actors and quotations.
func (p *Pipeline) Analyze(text string) *Analysis { return p.AnalyzeWith(text, p.finder) }

// Finder returns the actor finder the pipeline analyses with.
func (p *Pipeline) Finder() *actors.Finder { return p.finder }

// AnalyzeWith is Analyze with another actor finder for this text only,
// such as p.Finder().WithActors(extra): the pipeline's warm parsers and
// memos serve it.
func (p *Pipeline) AnalyzeWith(text string, finder *actors.Finder) *Analysis {
	t := p.pool.Get().(*Analysis)
	t.Original = text
	if p.repair {
		t.repaired = features.Repair(text)
	} else {
		t.repaired = features.Repaired{Text: text}
	}
	text = t.repaired.Text
	// A long text's tokens and mentions are reserved at once, from
	// their counts in news (5.3 bytes a token, a mention every 6 to 8
	// tokens), a little over: appending them one by one grows a long
	// slice by a quarter at a time, allocating about five times its
	// final size (measured on BenchmarkScoreGrowth).
	t.Doc.Tokens = slices.Grow(t.Doc.Tokens[:0], len(text)/4+16)
	t.parser.Parse(text, &t.Doc)
	t.firstBreak = len(t.Doc.Tokens)
	for k := 1; k < len(t.Doc.Tokens); k++ {
		if t.Doc.Tokens[k].Flags&features.FlagNewline != 0 {
			t.firstBreak = k
			break
		}
	}
	t.Mentions = t.Mentions[:0]
	if finder != nil {
		t.Mentions = slices.Grow(t.Mentions, len(text)/24+8)
		t.Mentions = finder.AppendMentionsDoc(t.Mentions, &t.Doc)
	}
	t.Quotes = quotes.AppendQuotesDoc(t.Quotes[:0], &t.Doc)
	t.others = slices.Grow(t.others[:0], len(t.Mentions))
	for i := range t.Mentions {
		m := &t.Mentions[i]
		// In invalid UTF-8 a word can end just before a stray
		// continuation byte; take such bytes in, so that every span ends
		// on a character boundary, as ScoreMention requires of its spans.
		for m.End < len(text) && !utf8.RuneStart(text[m.End]) {
			m.End++
		}
		t.others = append(t.others, features.Span{Start: m.Start, End: m.End})
	}
	return t
}

// Release returns t to the pipeline for reuse. t must not be used after.
func (p *Pipeline) Release(t *Analysis) {
	if cap(t.Doc.Tokens) > 1<<20 { // do not keep huge buffers alive
		return
	}
	t.Doc.Text, t.Original, t.repaired = "", "", features.Repaired{}
	p.pool.Put(t)
}

// AddOthers marks further spans as other actors (for example the other
// labelled targets of a training sentence), keeping the set sorted.
func (t *Analysis) AddOthers(spans ...features.Span) {
	t.others = append(t.others, spans...)
	sort.Slice(t.others, func(i, j int) bool { return t.others[i].Start < t.others[j].Start })
}

// QuoteAt returns the index of the quotation holding byte offset pos, or -1.
func (t *Analysis) QuoteAt(pos int) int {
	i := sort.Search(len(t.Quotes), func(i int) bool { return t.Quotes[i].End > pos })
	if i < len(t.Quotes) && t.Quotes[i].Start <= pos {
		return i
	}
	return -1
}

// MentionIn returns the index of the first mention that overlaps the byte
// span [from, to), or -1. Mentions are sorted by Start and do not overlap,
// so their Ends are sorted too and a binary search finds it: a linear scan
// per quoted mention made long texts quadratic.
func (t *Analysis) MentionIn(from, to int) int {
	i := sort.Search(len(t.Mentions), func(i int) bool { return t.Mentions[i].End > from })
	if i < len(t.Mentions) && t.Mentions[i].Start < to {
		return i
	}
	return -1
}

// Features appends the features of the mention at span to dst.
func (t *Analysis) Features(span features.Span, dst []features.Feature) []features.Feature {
	return t.ext.Extract(&t.Doc, span, t.others, t.QuoteAt(span.Start) >= 0, dst)
}

// VoiceAt says whose words stand at byte offset pos: the author's, a
// quoted source's, or an unattributed quotation's. Scare quotes — a short
// quoted phrase with no speaker, as in: the "heroic army" entered — are
// the author's own words set apart, so they stay in the author's voice.
func (t *Analysis) VoiceAt(pos int) Voice {
	qi := t.QuoteAt(pos)
	if qi < 0 {
		return Voice{Kind: AuthorVoice}
	}
	q := t.Quotes[qi]
	if q.Scare {
		return Voice{Kind: AuthorVoice}
	}
	if q.Source == "" {
		return Voice{Kind: UnattributedVoice}
	}
	if q.Pronoun {
		if i := t.speakerOf(qi, 0); i >= 0 {
			return Voice{Kind: QuotedVoice, Source: t.Mentions[i].Actor}
		}
	}
	if i := t.MentionIn(q.SourceStart, q.SourceEnd); i >= 0 {
		return Voice{Kind: QuotedVoice, Source: t.Mentions[i].Actor}
	}
	return Voice{Kind: QuotedVoice, Source: q.Source}
}

// speakerSentences is how many sentences before a quotation attributed to
// a pronoun are searched for its speaker.
const speakerSentences = 3

// speakerOf returns the mention that speaks quotation qi, whose source is
// a pronoun, or -1 to fall back on the pronoun's own mention (the last
// person named). In
//
//	Frolov said Moscow could not remove Assad.
//	"Russia expects Assad's regime to stay," he said.
//
// "he" is Frolov, not Assad: the speaker of "he said" is the one the text
// last had speak — the subject of a speech verb ("X said", "said X",
// "according to X", "X told") or the source of the quotation before —
// within the last few sentences, not the last name, which is as often
// someone the speaker speaks of. depth bounds the chain of pronoun
// sources followed.
func (t *Analysis) speakerOf(qi, depth int) int {
	qs := t.Quotes
	// A continued quotation shares its source span with the first of its
	// run; the search starts from there.
	for steps := 0; qi > 0 && qs[qi-1].SourceStart == qs[qi].SourceStart && qs[qi-1].Pronoun && steps < 64; steps++ {
		qi--
	}
	q := &qs[qi]
	text := t.Doc.Text
	anchor := min(q.Start, q.SourceStart)
	from := sentencesBack(text, anchor, speakerSentences)
	person := isPersonalPronoun(q.Source)
	fits := func(m *actors.Mention) bool {
		if person {
			return m.Kind == actors.Person
		}
		return m.Kind != actors.Place && m.Kind != actors.Person
	}
	best, bestPos := -1, -1
	// the source of the quotation before, if within reach
	for k := qi - 1; k >= 0; k-- {
		p := &qs[k]
		if p.End < from {
			break
		}
		if p.Source == "" || p.Scare || p.SourceStart >= anchor {
			continue
		}
		i := -1
		if p.Pronoun && depth < 3 {
			i = t.speakerOf(k, depth+1)
		} else if !p.Pronoun {
			i = t.MentionIn(p.SourceStart, p.SourceEnd)
		}
		if i >= 0 && fits(&t.Mentions[i]) {
			best, bestPos = i, max(p.End, p.SourceEnd)
		}
		break
	}
	// the last subject of a speech verb, outside quotations
	hi := sort.Search(len(t.Mentions), func(i int) bool { return t.Mentions[i].Start >= anchor })
	for i := hi - 1; i >= 0; i-- {
		m := &t.Mentions[i]
		if m.End <= from || m.Start <= bestPos {
			break
		}
		if m.Via == actors.Pronoun || !fits(m) || t.QuoteAt(m.Start) >= 0 {
			continue
		}
		if quotes.SpeaksDoc(&t.Doc, m.Start, m.End) {
			return i
		}
	}
	return best
}

// isPersonalPronoun: he, she and their forms name a person; they, we and
// it may name a group, an outlet or a government.
func isPersonalPronoun(w string) bool {
	switch strings.ToLower(w) {
	case "he", "she", "his", "her", "him", "i":
		return true
	}
	return false
}

// sentencesBack returns the start of the n-th sentence before pos: the
// sentence holding pos counts as none. A line break ends a sentence. It
// looks back at most speakerWindow bytes, so that text without sentence
// ends costs no more per quotation than prose does.
func sentencesBack(text string, pos, n int) int {
	ends := 0
	floor := max(0, pos-speakerWindow)
	for i := pos - 1; i > floor; i-- {
		c := text[i-1]
		if c == '\n' || (c == '.' || c == '!' || c == '?') && (text[i] == ' ' || text[i] == '\n') {
			// skip the white space, so that ". \n" counts once
			if strings.TrimSpace(text[i:pos]) == "" {
				continue
			}
			ends++
			if ends > n {
				return i
			}
		}
	}
	return floor
}

// speakerWindow bounds, in bytes, the text searched for the speaker of a
// pronoun: a few sentences of news are well within it.
const speakerWindow = 2000

// Speaks reports whether mention i only speaks or reports where it
// stands: it is the source of a quotation, or the one who speaks or
// reports in its sentence ("RT reported", "Fox News said", "according to
// Reuters", "RT's report"). There the text gives the mention a voice
// rather than framing it, so an outlet that only reports can be kept
// among the voices and out of the framed actors.
func (t *Analysis) Speaks(i int) bool {
	if i < 0 || i >= len(t.Mentions) {
		return false
	}
	m := &t.Mentions[i]
	// A source lies near its quotation: within 200 bytes before or 160
	// after it, or in the sentence before a block quotation. Looking at the
	// quotations within speakerReach of the mention, not at all of them,
	// keeps a call cheap in a long text.
	k := sort.Search(len(t.Quotes), func(k int) bool { return t.Quotes[k].End > m.Start-speakerReach })
	for ; k < len(t.Quotes) && t.Quotes[k].Start < m.End+speakerReach; k++ {
		q := &t.Quotes[k]
		if q.Source != "" && q.SourceStart < m.End && m.Start < q.SourceEnd {
			return true
		}
	}
	return quotes.SpeaksDoc(&t.Doc, m.Start, m.End)
}

// speakerReach is how far from a quotation Speaks looks for its source.
const speakerReach = 1000

// SentenceAround returns the byte span of the sentence holding pos.
func (t *Analysis) SentenceAround(pos int) (int, int) {
	d := &t.Doc
	i := d.TokenAt(pos)
	if i >= len(d.Tokens) || len(d.Sentences) == 0 {
		return pos, pos
	}
	return d.SentenceSpan(d.SentenceOf(i))
}

// Orig maps a byte offset of the analysed (mended) text to the caller's
// text.
func (t *Analysis) Orig(off int) int { return t.repaired.Orig(off) }

// OriginalSpan returns the caller's bytes behind [from, to) of the
// analysed text, and their offsets.
func (t *Analysis) OriginalSpan(from, to int) (string, int, int) {
	a, b := t.Orig(from), t.Orig(to)
	return t.Original[a:b], a, b
}

// FromOriginal maps a byte offset of the caller's text to the analysed
// text: the first offset whose Orig is at or after off.
func (t *Analysis) FromOriginal(off int) int {
	if !t.repaired.Changed() {
		return off
	}
	return sort.Search(len(t.Doc.Text)+1, func(i int) bool { return t.Orig(i) >= off })
}

// lead reports whether pos stands in the text's first sentence or first
// paragraph, where news says what matters most.
func (t *Analysis) lead(pos int) bool {
	d := &t.Doc
	i := d.TokenAt(pos)
	if i >= len(d.Tokens) {
		return false
	}
	if d.SentenceOf(i) == 0 {
		return true
	}
	return i < t.firstBreak
}
