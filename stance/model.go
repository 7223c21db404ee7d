package stance

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"unicode/utf8"

	"github.com/actorframe/actorframe/features"
	"github.com/actorframe/actorframe/features/actors"
	"github.com/actorframe/actorframe/internal/framing"
	"github.com/actorframe/actorframe/models"
)

// Options change how a Model finds actors and reports. The zero value is
// the default: the built-in catalogue, unlisted actors and pronouns found,
// every voice counted in an actor's overall score, evidence given.
type Options struct {
	// Actors replaces the built-in catalogue when non-nil; build one with
	// the result of actors.Default() and its With(list) to add to the
	// built-in actors instead.
	Actors *actors.Catalogue
	// NoDiscover turns off finding actors that are not in the catalogue.
	NoDiscover bool
	// NoPronouns turns off attaching he/she/his/her to actors.
	NoPronouns bool
	// AuthorOnly makes an actor's overall score count only the author's
	// voice, leaving quoted sources out (they are still reported).
	AuthorOnly bool
	// NoEvidence leaves out Evidence, for the fastest scoring.
	NoEvidence bool
	// NoWordVectors scores mention polarity with the linear head alone
	// and roles with the role head alone, skipping the model's
	// word-vector views: about 1.6 times as fast, for less accuracy (the
	// README's Accuracy and Speed sections measure both). A model without
	// the views ignores it.
	NoWordVectors bool
	// NoRepair reads the text as it is. By default, UTF-8 that was
	// decoded as Windows-1252 or Latin-1 ("â€™" for "’") and HTML
	// entities ("&amp;") are mended before analysis, as scraped news
	// needs; offsets and texts in a Report always refer to the text as
	// given.
	NoRepair bool
}

// Model scores texts. It is safe for concurrent use.
type Model struct {
	eng  *framing.Engine
	pipe *framing.Pipeline
	cat  *actors.Catalogue
	opt  Options
	// scratch memory, reused across calls
	scratch *sync.Pool
}

// ErrNoPolarityHead is returned for a model file without a polarity head.
var ErrNoPolarityHead = framing.ErrMissingHead

// Load reads a model file (see package models) and prepares it for scoring
// with default options.
func Load(r io.Reader) (*Model, error) {
	f, err := models.Read(r)
	if err != nil {
		return nil, err
	}
	return fromFile(f, Options{})
}

// LoadFile reads a model file from disk.
func LoadFile(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := Load(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

func fromFile(f *models.File, opt Options) (*Model, error) {
	eng, err := framing.NewEngine(f)
	if err != nil {
		return nil, fmt.Errorf("stance: %w", err)
	}
	return (&Model{eng: eng}).WithOptions(opt)
}

// WithOptions returns a Model that shares m's weights but finds actors and
// reports as opt says.
func (m *Model) WithOptions(opt Options) (*Model, error) {
	n := &Model{eng: m.eng, opt: opt, scratch: new(sync.Pool)}
	n.cat = opt.Actors
	if n.cat == nil {
		var err error
		if n.cat, err = actors.Default(); err != nil {
			return nil, err
		}
	}
	finder := actors.NewFinder(n.cat, actors.Options{Discover: !opt.NoDiscover, Pronouns: !opt.NoPronouns})
	p, err := framing.NewPipeline(m.eng.Config(), finder, !opt.NoRepair)
	if err != nil {
		return nil, err
	}
	n.pipe = p
	return n, nil
}

// Options returns the options m was built with.
func (m *Model) Options() Options { return m.opt }

// scratch holds per-call working memory; Models pool them.
type scratch struct {
	scores framing.Scores
	// report's grouping of mentions by actor: the group of each mention,
	// where each group starts in members, and the mentions group by group
	index                        map[string]int
	group, starts, fill, members []int
	groups                       [][]int // the groups as slices of members, for Scores.SetGroups
	author                       []int   // actorFrame's author mentions
}

func (m *Model) getScratch() *scratch {
	s, ok := m.scratch.Get().(*scratch)
	if ok {
		s.scores.Reset()
	} else {
		s = &scratch{}
	}
	s.scores.KeepNone = m.opt.NoEvidence
	s.scores.LinearOnly = m.opt.NoWordVectors
	return s
}

func (m *Model) putScratch(s *scratch) {
	if s.scores.Large() {
		return // do not keep the memory of a huge text alive
	}
	m.scratch.Put(s)
}

// MaxTextBytes is the longest text one call scores, 1 GiB. Offsets are
// kept in 31 bits, and the actor finder numbers its non-ASCII words in
// 29 (such a word and what ends it take three bytes at least): both hold
// any article many times over. An archive longer than that is many
// articles, and should be scored as such.
const MaxTextBytes = 1 << 30

// maxTextBytes is MaxTextBytes, lowered by tests.
var maxTextBytes = MaxTextBytes

// ErrTooLong is returned for a text longer than MaxTextBytes.
var ErrTooLong = errors.New("stance: text longer than 1 GiB, the most one call scores: split it into articles")

// tooLong is ErrTooLong for text, saying how long it is.
func tooLong(text string) error {
	return fmt.Errorf("%w (this one has %d bytes)", ErrTooLong, len(text))
}

// Score reports how text frames each actor in it. A text longer than
// MaxTextBytes is not scored: its report has no actors and says why in
// NotText.
func (m *Model) Score(text string) Report { return m.score(text, m.pipe.Finder()) }

func (m *Model) score(text string, finder *actors.Finder) Report {
	if len(text) > maxTextBytes {
		return Report{Actors: []ActorFrame{}, NotText: tooLong(text).Error()}
	}
	t := m.pipe.AnalyzeWith(text, finder)
	defer m.pipe.Release(t)
	s := m.getScratch()
	defer m.putScratch(s)
	m.eng.Grow(&s.scores, len(t.Mentions))
	for _, mn := range t.Mentions {
		m.eng.AddMention(t, &s.scores, features.Span{Start: mn.Start, End: mn.End}, mn.Via)
	}
	return m.report(t, s)
}

// MentionScore is the framing of one given mention.
type MentionScore struct {
	Mention
	Evidence []Evidence `json:"evidence,omitempty"`
}

// ErrSpan is returned for a mention span that is not inside the text.
var ErrSpan = errors.New("stance: mention span outside the text or not on character boundaries")

// ScoreMention scores the mention at byte offsets [from, to) of text, for
// callers that bring their own entity spans.
func (m *Model) ScoreMention(text string, from, to int) (MentionScore, error) {
	if len(text) > maxTextBytes {
		return MentionScore{}, tooLong(text)
	}
	if from < 0 || to > len(text) || from >= to || !boundary(text, from) || !boundary(text, to) {
		return MentionScore{}, fmt.Errorf("%w: [%d, %d) in a text of %d bytes", ErrSpan, from, to, len(text))
	}
	t := m.pipe.Analyze(text)
	defer m.pipe.Release(t)
	s := m.getScratch()
	defer m.putScratch(s)
	a, b := t.FromOriginal(from), t.FromOriginal(to)
	m.eng.AddMention(t, &s.scores, features.Span{Start: a, End: b}, actors.Given)
	ms := MentionScore{Mention: mentionOf(t, a, b, Given, s.scores.Probs(0), t.VoiceAt(a))}
	// The caller's span as given: a span that ends inside a mended
	// sequence ("&am" of "&amp;") maps back to the whole sequence.
	ms.Start, ms.End, ms.Text = from, to, text[from:to]
	if !m.opt.NoEvidence {
		ms.Evidence = m.eng.MentionEvidence(t, &s.scores, []int{0}, 5)
	}
	return ms, nil
}

func boundary(s string, i int) bool {
	return i == len(s) || utf8.RuneStart(s[i])
}

// FromFile builds a Model from a decoded model file, with options opt.
func FromFile(f *models.File, opt Options) (*Model, error) { return fromFile(f, opt) }
