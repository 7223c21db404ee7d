// Package dataset reads labelled training and evaluation data in the two
// JSONL formats actorframe trains on.
//
// Format M (mentions) holds a text and labelled mentions of actors in it:
//
//	{"id": "...", "text": "...", "targets": [
//	  {"from": 0, "to": 6, "mention": "Graham", "polarity": -1, "role": "antagonist"}]}
//
// NewsMTSC's own spelling is accepted too: the text under
// "sentence_normalized", the id under "primary_gid", and polarity as 2.0
// (negative), 4.0 (neutral) or 6.0 (positive).
//
// Format A (actors) holds a whole document, one actor named in it, and how
// the document frames that actor:
//
//	{"id": "...", "text": "...", "actor": "Fernando Lugo", "polarity": 1}
//
// Passages (ReadPassages) are PerSenT's published CSV: a document, its
// main entity, the document's label and a label for each of up to 16
// paragraphs.
//
// Offsets in the files are Unicode code-point offsets, end exclusive; the
// readers convert them to byte offsets, which is what the rest of
// actorframe works in. Every problem is an error that names the file and
// line. Nothing is dropped silently: with Options.SkipBad a bad line is
// skipped, but counted and listed in the Skipped slice the reader returns.
package dataset

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"unicode/utf8"
)

// Polarity labels.
const (
	Negative = -1
	Neutral  = 0
	Positive = 1
)

// Roles is the set of main role labels a target may carry.
var Roles = []string{"protagonist", "antagonist", "innocent", "neutral"}

// Target is one labelled mention, in byte offsets.
type Target struct {
	Start, End  int    // byte span of Mention in the text
	Mention     string // the surface text
	Polarity    int    // Negative, Neutral or Positive; valid when HasPolarity
	HasPolarity bool
	Role        string   // one of Roles, or ""
	FineRoles   []string // e.g. "Guardian"; may be empty
	Further     []Span   // other mentions of the same actor in the text
}

// Span is a byte range [Start, End).
type Span struct{ Start, End int }

// Mentions is one record of format M.
type Mentions struct {
	ID      string
	Text    string
	Targets []Target
	Line    int // 1-based line in its file
}

// Actor is one record of format A.
type Actor struct {
	ID       string
	Text     string
	Actor    string
	Polarity int
	Line     int
}

// LineError is a problem with one line of a data file.
type LineError struct {
	File string
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// ErrEmpty is returned for a file with no records.
var ErrEmpty = errors.New("no records")

// Options control the readers. The zero value is strict: the first bad
// line is an error.
type Options struct {
	// SkipBad skips bad lines instead of failing; each skipped line is
	// returned as a *LineError so the caller can count and list them.
	SkipBad bool
	// MaxLine bounds one line, in bytes (default 64 MiB).
	MaxLine int
}

// Format names a data format.
type Format int

// The formats.
const (
	FormatUnknown Format = iota
	FormatM
	FormatA
)

func (f Format) String() string {
	switch f {
	case FormatM:
		return "M"
	case FormatA:
		return "A"
	}
	return "unknown"
}

// DetectFile reports the format of the first record of a file.
func DetectFile(path string) (Format, error) {
	f, err := os.Open(path)
	if err != nil {
		return FormatUnknown, err
	}
	defer f.Close()
	sc := newScanner(f, Options{})
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var probe struct {
			Targets json.RawMessage `json:"targets"`
			Actor   json.RawMessage `json:"actor"`
		}
		if err := json.Unmarshal(line, &probe); err != nil {
			return FormatUnknown, &LineError{path, 1, fmt.Errorf("not JSON: %v", err)}
		}
		switch {
		case probe.Targets != nil:
			return FormatM, nil
		case probe.Actor != nil:
			return FormatA, nil
		}
		return FormatUnknown, fmt.Errorf("%s: first record has neither \"targets\" (format M) nor \"actor\" (format A)", path)
	}
	if err := sc.Err(); err != nil {
		return FormatUnknown, fmt.Errorf("%s: %w", path, err)
	}
	return FormatUnknown, fmt.Errorf("%s: %w", path, ErrEmpty)
}

func newScanner(r io.Reader, opt Options) *bufio.Scanner {
	max := opt.MaxLine
	if max <= 0 {
		max = 64 << 20
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), max)
	return sc
}

// readLines calls parse for each non-blank line, applying Options and
// turning errors into LineErrors.
func readLines(r io.Reader, name string, opt Options, parse func(line []byte, n int) error) (skipped []*LineError, err error) {
	sc := newScanner(r, opt)
	n, records := 0, 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		if perr := parse(line, n); perr != nil {
			le := &LineError{name, n, perr}
			if !opt.SkipBad {
				return skipped, le
			}
			skipped = append(skipped, le)
			continue
		}
		records++
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return skipped, &LineError{name, n + 1, fmt.Errorf("line longer than %d bytes", opt.MaxLine)}
		}
		return skipped, fmt.Errorf("%s: %w", name, err)
	}
	if records == 0 {
		return skipped, fmt.Errorf("%s: %w", name, ErrEmpty)
	}
	return skipped, nil
}

type rawTarget struct {
	From      *int         `json:"from"`
	To        *int         `json:"to"`
	Mention   *string      `json:"mention"`
	Polarity  *float64     `json:"polarity"`
	Role      string       `json:"role"`
	FineRoles []string     `json:"fine_roles"`
	Further   []rawFurther `json:"further_mentions"`
}

type rawFurther struct {
	From    int    `json:"from"`
	To      int    `json:"to"`
	Mention string `json:"mention"`
}

type rawMentions struct {
	ID         *string     `json:"id"`
	PrimaryGID *string     `json:"primary_gid"`
	Text       *string     `json:"text"`
	Normalized *string     `json:"sentence_normalized"`
	Targets    []rawTarget `json:"targets"`
}

// ReadMentions reads format M from r; name is used in errors.
func ReadMentions(r io.Reader, name string, opt Options) ([]Mentions, []*LineError, error) {
	var out []Mentions
	seen := map[string]int{}
	skipped, err := readLines(r, name, opt, func(line []byte, n int) error {
		var raw rawMentions
		if err := json.Unmarshal(line, &raw); err != nil {
			return fmt.Errorf("malformed JSON: %v", err)
		}
		m, err := convertMentions(&raw)
		if err != nil {
			return err
		}
		if m.ID != "" {
			if prev, dup := seen[m.ID]; dup {
				return fmt.Errorf("duplicate id %q (first on line %d)", m.ID, prev)
			}
			seen[m.ID] = n
		}
		m.Line = n
		out = append(out, m)
		return nil
	})
	return out, skipped, err
}

func convertMentions(raw *rawMentions) (Mentions, error) {
	var m Mentions
	switch {
	case raw.ID != nil:
		m.ID = *raw.ID
	case raw.PrimaryGID != nil:
		m.ID = *raw.PrimaryGID
	}
	switch {
	case raw.Text != nil:
		m.Text = *raw.Text
	case raw.Normalized != nil:
		m.Text = *raw.Normalized
	default:
		return m, errors.New(`no "text" (or "sentence_normalized")`)
	}
	if !utf8.ValidString(m.Text) {
		return m, errors.New("text is not valid UTF-8")
	}
	if len(raw.Targets) == 0 {
		return m, errors.New(`no "targets"`)
	}
	offsets := runeOffsets(m.Text)
	for i, rt := range raw.Targets {
		t, err := convertTarget(m.Text, offsets, &rt)
		if err != nil {
			return m, fmt.Errorf("target %d: %v", i, err)
		}
		m.Targets = append(m.Targets, t)
	}
	return m, nil
}

// runeOffsets maps code-point offsets to byte offsets: the i-th entry is
// the byte offset of code point i, and the last is len(s).
func runeOffsets(s string) []int {
	offs := make([]int, 0, len(s)+1)
	for i := range s {
		offs = append(offs, i)
	}
	return append(offs, len(s))
}

func convertTarget(text string, offsets []int, rt *rawTarget) (Target, error) {
	var t Target
	if rt.From == nil || rt.To == nil {
		return t, errors.New(`missing "from" or "to"`)
	}
	from, to := *rt.From, *rt.To
	nRunes := len(offsets) - 1
	if from < 0 || to > nRunes || from >= to {
		return t, fmt.Errorf("offsets [%d, %d) outside the text (%d code points) or empty", from, to, nRunes)
	}
	t.Start, t.End = offsets[from], offsets[to]
	t.Mention = text[t.Start:t.End]
	if rt.Mention != nil && *rt.Mention != t.Mention {
		return t, fmt.Errorf("mention %q does not match the text at [%d, %d), which reads %q", *rt.Mention, from, to, t.Mention)
	}
	if rt.Polarity != nil {
		p, err := polarity(*rt.Polarity)
		if err != nil {
			return t, err
		}
		t.Polarity, t.HasPolarity = p, true
	}
	if rt.Role != "" {
		ok := false
		for _, r := range Roles {
			ok = ok || r == rt.Role
		}
		if !ok {
			return t, fmt.Errorf("unknown role %q (want one of %v)", rt.Role, Roles)
		}
		t.Role = rt.Role
	}
	if !t.HasPolarity && t.Role == "" {
		return t, errors.New(`no label: neither "polarity" nor "role"`)
	}
	t.FineRoles = rt.FineRoles
	for _, f := range rt.Further {
		if f.From < 0 || f.To > nRunes || f.From >= f.To {
			return t, fmt.Errorf("further mention [%d, %d) outside the text", f.From, f.To)
		}
		t.Further = append(t.Further, Span{offsets[f.From], offsets[f.To]})
	}
	return t, nil
}

// polarity maps both spellings of a polarity label to -1, 0 or 1.
func polarity(v float64) (int, error) {
	switch v {
	case -1, 2:
		return Negative, nil
	case 0, 4:
		return Neutral, nil
	case 1, 6:
		return Positive, nil
	}
	if math.IsNaN(v) {
		return 0, errors.New("polarity is NaN")
	}
	return 0, fmt.Errorf("unknown polarity %v (want -1, 0, 1, or NewsMTSC's 2.0, 4.0, 6.0)", v)
}

// ReadActors reads format A from r; name is used in errors.
func ReadActors(r io.Reader, name string, opt Options) ([]Actor, []*LineError, error) {
	var out []Actor
	seen := map[string]int{}
	skipped, err := readLines(r, name, opt, func(line []byte, n int) error {
		var raw struct {
			ID       *string  `json:"id"`
			Text     *string  `json:"text"`
			Actor    *string  `json:"actor"`
			Polarity *float64 `json:"polarity"`
		}
		if err := json.Unmarshal(line, &raw); err != nil {
			return fmt.Errorf("malformed JSON: %v", err)
		}
		var a Actor
		switch {
		case raw.Text == nil || *raw.Text == "":
			return errors.New(`no "text"`)
		case raw.Actor == nil || *raw.Actor == "":
			return errors.New(`no "actor"`)
		case raw.Polarity == nil:
			return errors.New(`no "polarity"`)
		case !utf8.ValidString(*raw.Text):
			return errors.New("text is not valid UTF-8")
		}
		p, err := polarity(*raw.Polarity)
		if err != nil {
			return err
		}
		a.Text, a.Actor, a.Polarity, a.Line = *raw.Text, *raw.Actor, p, n
		if raw.ID != nil {
			a.ID = *raw.ID
			if prev, dup := seen[a.ID]; dup {
				return fmt.Errorf("duplicate id %q (first on line %d)", a.ID, prev)
			}
			seen[a.ID] = n
		}
		out = append(out, a)
		return nil
	})
	return out, skipped, err
}

// ReadMentionsFile reads format M from a file.
func ReadMentionsFile(path string, opt Options) ([]Mentions, []*LineError, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return ReadMentions(f, path, opt)
}

// ReadActorsFile reads format A from a file.
func ReadActorsFile(path string, opt Options) ([]Actor, []*LineError, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return ReadActors(f, path, opt)
}
