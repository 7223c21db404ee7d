package dataset

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Passages is one document of PerSenT's published CSV: the author's
// sentiment toward one entity over the whole document and, where
// annotated, in each paragraph. It is how actor-level heads learn what a
// passage says of an actor.
type Passages struct {
	ID       string
	Text     string
	Actor    string
	Polarity int // the whole document's label
	// Paragraphs are the non-empty lines of Text, in order, as byte spans;
	// PerSenT's "Paragraph i" labels the i-th of them.
	Paragraphs []Paragraph
	Line       int // 1-based CSV record number, the header being 1
}

// Paragraph is one paragraph of a Passages document.
type Paragraph struct {
	Start, End int  // byte offsets in Text, the line break excluded
	Polarity   int  // valid when Labelled
	Labelled   bool // PerSenT labels at most 16 paragraphs, and some none
}

// ReadPassages reads PerSenT's CSV (columns DOCUMENT_INDEX,
// TARGET_ENTITY, DOCUMENT, TRUE_SENTIMENT, Paragraph0 … Paragraph15;
// labels Negative, Neutral, Positive, case-insensitive). Errors name the
// record; with opt.SkipBad a bad record is skipped and returned in the
// second result.
func ReadPassages(r io.Reader, name string, opt Options) ([]Passages, []*LineError, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: header: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for _, need := range []string{"DOCUMENT_INDEX", "TARGET_ENTITY", "DOCUMENT", "TRUE_SENTIMENT"} {
		if _, ok := col[need]; !ok {
			return nil, nil, fmt.Errorf("%s: no column %s", name, need)
		}
	}
	var out []Passages
	var skipped []*LineError
	seen := map[string]bool{}
	for rec := 2; ; rec++ {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		var p Passages
		if err == nil {
			p, err = passages(row, col, rec)
		}
		if err == nil && seen[p.ID] {
			err = fmt.Errorf("duplicate id %q", p.ID)
		}
		if err != nil {
			le := &LineError{File: name, Line: rec, Err: err}
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				le.Line = pe.Line
				if !opt.SkipBad {
					return nil, skipped, le
				}
				skipped = append(skipped, le)
				continue
			}
			if !opt.SkipBad {
				return nil, skipped, le
			}
			skipped = append(skipped, le)
			continue
		}
		seen[p.ID] = true
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil, skipped, fmt.Errorf("%s: %w", name, ErrEmpty)
	}
	return out, skipped, nil
}

func passages(row []string, col map[string]int, rec int) (Passages, error) {
	get := func(c string) string {
		if i, ok := col[c]; ok && i < len(row) {
			return row[i]
		}
		return ""
	}
	y, ok := passageLabel(get("TRUE_SENTIMENT"))
	if !ok {
		return Passages{}, fmt.Errorf("document label %q is not Negative, Neutral or Positive", get("TRUE_SENTIMENT"))
	}
	p := Passages{ID: strings.TrimSpace(get("DOCUMENT_INDEX")), Text: get("DOCUMENT"), Actor: strings.TrimSpace(get("TARGET_ENTITY")), Polarity: y, Line: rec}
	switch {
	case p.ID == "":
		return p, errors.New("empty DOCUMENT_INDEX")
	case p.Actor == "":
		return p, errors.New("empty TARGET_ENTITY")
	case strings.TrimSpace(p.Text) == "":
		return p, errors.New("empty DOCUMENT")
	}
	pos := 0
	for _, line := range strings.SplitAfter(p.Text, "\n") {
		s, e := pos, pos+len(line)
		pos = e
		if strings.TrimSpace(line) == "" {
			continue
		}
		p.Paragraphs = append(p.Paragraphs, Paragraph{Start: s, End: s + len(strings.TrimRight(line, "\r\n"))})
	}
	for i := 0; ; i++ {
		c := "Paragraph" + strconv.Itoa(i)
		if _, ok := col[c]; !ok {
			break
		}
		v := strings.TrimSpace(get(c))
		if v == "" {
			continue
		}
		py, ok := passageLabel(v)
		if !ok {
			return p, fmt.Errorf("%s label %q is not Negative, Neutral or Positive", c, v)
		}
		if i >= len(p.Paragraphs) {
			return p, fmt.Errorf("%s is labelled but the document has %d paragraphs", c, len(p.Paragraphs))
		}
		p.Paragraphs[i].Polarity, p.Paragraphs[i].Labelled = py, true
	}
	return p, nil
}

func passageLabel(s string) (int, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "negative":
		return Negative, true
	case "neutral":
		return Neutral, true
	case "positive":
		return Positive, true
	}
	return 0, false
}

// ReadPassagesFile reads a PerSenT CSV file.
func ReadPassagesFile(path string, opt Options) ([]Passages, []*LineError, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return ReadPassages(f, path, opt)
}
