package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/log"
)

// Doc is one article on its way to the scorer.
type Doc struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Outlet string `json:"outlet,omitempty"`
	Date   string `json:"date,omitempty"`
	// Origin is where the article came from, "file" or "file:line", so
	// that a failure downstream can still point at its input.
	Origin string `json:"origin"`
}

// DeadLetter is an input record, or an article, that could not be
// processed: it is written to its own output with the reason, so that
// nothing is dropped silently and nothing stops the job.
type DeadLetter struct {
	Origin string `json:"origin"` // "file:line" for a JSONL line, the file otherwise
	Stage  string `json:"stage"`  // "parse", "read" or "score"
	Error  string `json:"error"`
	Raw    string `json:"raw,omitempty"` // the offending line, clipped to maxRaw bytes
}

// Dead-letter stages.
const (
	stageRead  = "read"
	stageParse = "parse"
	stageScore = "score"
)

// maxRaw bounds the copy of a bad line kept in a dead letter: the reason
// and the position are what matter, and a 200 MB line must not be copied
// into the dead-letter file.
const maxRaw = 4 << 10

// DefaultMaxLine bounds one JSONL line (one article); a longer line
// becomes a dead letter instead of exhausting a worker's memory.
const DefaultMaxLine = 64 << 20

// isJSONL tells whether a matched file holds one article a line rather
// than one article.
func isJSONL(p string) bool {
	p = strings.ToLower(p)
	for _, ext := range []string{".gz", ".bz2", ".zst", ".deflate"} {
		p = strings.TrimSuffix(p, ext)
	}
	return strings.HasSuffix(p, ".jsonl") || strings.HasSuffix(p, ".ndjson")
}

// readInputFn turns a matched file into articles: the whole file when it is
// text, one per line when it is JSONL.
type readInputFn struct {
	MaxLine int

	docs      beam.Counter
	bytes     beam.Counter
	malformed beam.Counter
	failures  beam.Counter
	blank     beam.Counter
}

func (fn *readInputFn) Setup() {
	fn.docs = beam.NewCounter(metricNS, "input_documents")
	fn.bytes = beam.NewCounter(metricNS, "input_bytes")
	fn.malformed = beam.NewCounter(metricNS, "malformed_lines")
	fn.failures = beam.NewCounter(metricNS, "failures")
	fn.blank = beam.NewCounter(metricNS, "blank_lines")
}

func (fn *readInputFn) ProcessElement(ctx context.Context, f fileio.ReadableFile, emit func(Doc), dead func(DeadLetter)) {
	name := f.Metadata.Path
	dl := func(d DeadLetter) {
		fn.failures.Inc(ctx, 1)
		log.Warnf(ctx, "actorframe: dead letter %s (%s): %s", d.Origin, d.Stage, d.Error)
		dead(d)
	}
	rc, err := f.Open(ctx)
	if err != nil {
		dl(DeadLetter{Origin: name, Stage: stageRead, Error: err.Error()})
		return
	}
	defer rc.Close()
	if !isJSONL(name) {
		b, err := io.ReadAll(rc)
		if err != nil {
			dl(DeadLetter{Origin: name, Stage: stageRead, Error: err.Error()})
			return
		}
		fn.docs.Inc(ctx, 1)
		fn.bytes.Inc(ctx, int64(len(b)))
		emit(Doc{ID: path.Base(name), Text: string(b), Origin: name})
		return
	}
	err = scanLines(rc, fn.maxLine(), func(n int, line []byte, tooLong bool) {
		origin := fmt.Sprintf("%s:%d", name, n)
		if tooLong {
			fn.malformed.Inc(ctx, 1)
			dl(DeadLetter{Origin: origin, Stage: stageParse,
				Error: fmt.Sprintf("line longer than %d bytes", fn.maxLine()), Raw: clip(line)})
			return
		}
		if len(bytes.TrimSpace(line)) == 0 {
			fn.blank.Inc(ctx, 1)
			return
		}
		d, err := parseLine(line)
		if err != nil {
			fn.malformed.Inc(ctx, 1)
			dl(DeadLetter{Origin: origin, Stage: stageParse, Error: err.Error(), Raw: clip(line)})
			return
		}
		if d.ID == "" {
			// An article without an id is still an article: its position
			// names it uniquely.
			d.ID = origin
		}
		d.Origin = origin
		fn.docs.Inc(ctx, 1)
		fn.bytes.Inc(ctx, int64(len(d.Text)))
		emit(d)
	})
	if err != nil {
		// The lines before the error were emitted; the rest of the file is
		// unreadable and says so.
		dl(DeadLetter{Origin: name, Stage: stageRead, Error: err.Error()})
	}
}

func (fn *readInputFn) maxLine() int {
	if fn.MaxLine > 0 {
		return fn.MaxLine
	}
	return DefaultMaxLine
}

// scanLines calls line for every line of r, numbered from 1, without its
// line ending. A line longer than max bytes is passed with tooLong set and
// only its first maxRaw bytes, the rest skipped, so that one runaway line
// costs a worker little memory.
func scanLines(r io.Reader, max int, line func(n int, b []byte, tooLong bool)) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var buf []byte
	for n := 1; ; n++ {
		buf = buf[:0]
		tooLong := false
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			switch {
			case tooLong:
			case len(buf)+len(chunk) > max:
				tooLong = true
				if keep := maxRaw - len(buf); keep > 0 {
					buf = append(buf, chunk[:min(keep, len(chunk))]...)
				}
			default:
				buf = append(buf, chunk...)
			}
			if !errors.Is(err, bufio.ErrBufferFull) {
				break
			}
		}
		if err != nil && err != io.EOF {
			return err
		}
		if err == io.EOF && len(buf) == 0 && !tooLong {
			return nil
		}
		line(n, bytes.TrimSuffix(bytes.TrimSuffix(buf, []byte{'\n'}), []byte{'\r'}), tooLong)
		if err == io.EOF {
			return nil
		}
	}
}

// record is a JSONL line as written: every field raw, so that each can be
// checked for its type and a wrong one named in the dead letter.
type record struct {
	ID     json.RawMessage `json:"id"`
	Text   json.RawMessage `json:"text"`
	Outlet json.RawMessage `json:"outlet"`
	Date   json.RawMessage `json:"date"`
}

// parseLine reads one JSONL article: {"id": string or number, "text":
// string, "outlet": string, "date": string}; id, outlet and date may be
// absent or null, text may not. Other fields are ignored, so that a corpus
// with more metadata reads as it is.
func parseLine(line []byte) (Doc, error) {
	var r record
	if err := json.Unmarshal(line, &r); err != nil {
		return Doc{}, fmt.Errorf("bad JSON: %v", err)
	}
	var d Doc
	if isNull(r.Text) {
		return Doc{}, errors.New(`no "text"`)
	}
	if err := json.Unmarshal(r.Text, &d.Text); err != nil {
		return Doc{}, fmt.Errorf(`"text" is not a string: %s`, clip(r.Text))
	}
	if !isNull(r.ID) {
		id, err := parseID(r.ID)
		if err != nil {
			return Doc{}, err
		}
		d.ID = id
	}
	for _, f := range []struct {
		name string
		raw  json.RawMessage
		to   *string
	}{{"outlet", r.Outlet, &d.Outlet}, {"date", r.Date, &d.Date}} {
		if isNull(f.raw) {
			continue
		}
		if err := json.Unmarshal(f.raw, f.to); err != nil {
			return Doc{}, fmt.Errorf("%q is not a string: %s", f.name, clip(f.raw))
		}
	}
	return d, nil
}

// parseID accepts a string or a number; a number keeps its spelling, so
// that id 0012 in a CSV export and "0012" never meet as 12.
func parseID(raw json.RawMessage) (string, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var n json.Number
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&n); err == nil {
		return n.String(), nil
	}
	return "", fmt.Errorf(`"id" is neither a string nor a number: %s`, clip(raw))
}

func isNull(raw json.RawMessage) bool {
	return len(raw) == 0 || string(bytes.TrimSpace(raw)) == "null"
}

// clip keeps the first maxRaw bytes of b, cut on a character boundary.
func clip(b []byte) string {
	if len(b) <= maxRaw {
		return string(b)
	}
	n := maxRaw
	for n > 0 && b[n]&0xC0 == 0x80 {
		n--
	}
	return string(b[:n]) + "…"
}

// dateLayouts are the date spellings month accepts, most common first.
var dateLayouts = []string{
	time.RFC3339,
	"2006-01-02",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
	"2006-01",
	"2006/01/02",
	"20060102",
	time.RFC1123Z,
	time.RFC1123,
	"2 January 2006",
	"2 Jan 2006",
	"January 2, 2006",
	"Jan 2, 2006",
}

// month returns the "YYYY-MM" of a date, or "" when the date is absent or
// in no layout month knows.
func month(date string) string {
	date = strings.TrimSpace(date)
	if date == "" {
		return ""
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, date); err == nil {
			return t.Format("2006-01")
		}
	}
	return ""
}
