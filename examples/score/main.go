// Command score prints how a news text frames each actor in it.
//
// Usage:
//
//	go run ./examples/score [flags] [FILE]        one text (FILE or stdin): a table, or -json the report
//	go run ./examples/score -jsonl [flags] [FILE...] JSONL {"id","text"} in, JSONL results out
//
// Flags:
//
//	-json          print the whole report as JSON
//	-jsonl         read JSONL documents, write one JSON result a line, in input order
//	-workers N     goroutines for -jsonl (default: all cores)
//	-model FILE    a model file instead of the embedded model
//	-actors FILE   a JSON list of actors ({"name","aliases","parent","kind"}) added to the catalogue
//	-only-actors   with -actors: report only the listed actors (no built-in catalogue, no discovery)
//	-author-only   count only the author's voice in actor scores
//	-mentions      in the table, list every mention with its score
//	-q, -quiet     no progress on stderr for -jsonl (a live bar on a terminal, else a line every 2s)
//
// With -jsonl, "text" must be a string and "id" a string or a number (17
// comes out as "17"). A line that is not so, or not JSON, is reported on
// stderr as FILE:LINE and skipped; the others are scored, and the command
// then exits 1 saying how many lines failed. Exit status 2 is a usage
// error; -h prints the flags and exits 0.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/actorframe/actorframe/features"
	"github.com/actorframe/actorframe/features/actors"
	"github.com/actorframe/actorframe/internal/progress"
	"github.com/actorframe/actorframe/stance"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the command with its streams given, so that tests can call it. It
// returns the exit status: 0, 1 when something failed, 2 for a usage error
// (the flag package's convention); -h is not an error.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("score", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "usage: score [flags] [FILE]          one text (FILE or stdin): a table, or -json the report\n"+
			"       score -jsonl [flags] [FILE...] JSONL {\"id\",\"text\"} in, one JSON result a line out\n\nflags:\n")
		fs.PrintDefaults()
	}
	asJSON := fs.Bool("json", false, "print the report as JSON")
	jsonl := fs.Bool("jsonl", false, `read JSONL {"id","text"} documents and write JSONL results`)
	workers := fs.Int("workers", 0, "goroutines for -jsonl (0: all cores)")
	modelPath := fs.String("model", "", "model file (default: the embedded model)")
	actorsPath := fs.String("actors", "", "JSON list of actors to add to the catalogue")
	onlyActors := fs.Bool("only-actors", false, "with -actors: use only the listed actors")
	authorOnly := fs.Bool("author-only", false, "count only the author's voice in actor scores")
	noVectors := fs.Bool("no-vectors", false, "score polarity and roles without the word-vector views: about 1.6 times as fast, less accurate")
	showMentions := fs.Bool("mentions", false, "list every mention in the table")
	quiet := fs.Bool("q", false, "no progress on stderr for -jsonl")
	fs.BoolVar(quiet, "quiet", false, "same as -q")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2 // the flag package has printed the error and the usage
	}
	usageErr := func(msg string) int {
		fmt.Fprintln(stderr, "score:", msg)
		return 2
	}
	if *onlyActors && *actorsPath == "" {
		return usageErr("-only-actors needs -actors FILE")
	}
	if !*jsonl && fs.NArg() > 1 {
		return usageErr(fmt.Sprintf("one FILE at most without -jsonl, got %d", fs.NArg()))
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "score:", err)
		return 1
	}
	m, err := loadModel(*modelPath, *actorsPath, *onlyActors, *authorOnly, *noVectors)
	if err != nil {
		return fail(err)
	}
	if *jsonl {
		if err := scoreJSONL(m, fs.Args(), stdin, stdout, stderr, *quiet, *workers); err != nil {
			return fail(err)
		}
		return 0
	}
	text, err := readText(fs.Args(), stdin)
	if err != nil {
		return fail(err)
	}
	rep := m.Score(text)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(rep)
	} else {
		err = printTable(stdout, rep, *showMentions)
	}
	if err != nil {
		return fail(err)
	}
	return 0
}

func loadModel(path, actorsPath string, only, authorOnly, noVectors bool) (*stance.Model, error) {
	var m *stance.Model
	var err error
	if path == "" {
		m, err = stance.Default()
	} else {
		m, err = stance.LoadFile(path)
	}
	if err != nil {
		return nil, err
	}
	opt := m.Options()
	opt.AuthorOnly = authorOnly
	opt.NoWordVectors = noVectors
	if actorsPath != "" {
		f, err := os.Open(actorsPath)
		if err != nil {
			return nil, err
		}
		list, err := actors.Read(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", actorsPath, err)
		}
		var cat *actors.Catalogue
		if only {
			cat, err = actors.New(list)
		} else if cat, err = actors.Default(); err == nil {
			cat, err = cat.With(list)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", actorsPath, err)
		}
		opt.Actors = cat
		// Only the listed actors: discovery would add every other proper
		// name (countries, people, outlets) under its own name.
		// Pronouns stay on; they attach to listed people.
		opt.NoDiscover = only
	}
	return m.WithOptions(opt)
}

func readText(args []string, stdin io.Reader) (string, error) {
	var r io.Reader = stdin
	if len(args) == 1 && args[0] != "-" {
		f, err := os.Open(args[0])
		if err != nil {
			return "", err
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return "", err
	}
	if bad, why := features.NotText(string(b)); bad {
		name := "standard input"
		if len(args) == 1 && args[0] != "-" {
			name = args[0]
		}
		return "", fmt.Errorf("%s does not look like text: %s", name, why)
	}
	return string(b), nil
}

func printTable(w io.Writer, rep stance.Report, showMentions bool) error {
	if len(rep.Actors) == 0 {
		_, err := fmt.Fprintln(w, "no actors found")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ACTOR\tSCORE\tLABEL\tROLE\tFRAME\tMENTIONS\tVOICES\tTOP EVIDENCE")
	for _, a := range rep.Actors {
		var voices []string
		if a.Author != nil {
			voices = append(voices, fmt.Sprintf("author %+.2f", a.Author.Score))
		}
		for _, s := range a.Sources {
			voices = append(voices, fmt.Sprintf("%s %+.2f %s", s.Source, s.Score, s.Role))
		}
		var ev []string
		for i, e := range a.Evidence {
			if i == 3 {
				break
			}
			ev = append(ev, fmt.Sprintf("%q %+.2f", e.Feature, e.Weight))
		}
		frame := a.FineRole.String()
		if a.FineRole == stance.NoFineRole {
			frame = "-"
		}
		fmt.Fprintf(tw, "%s\t%+.2f\t%s\t%s\t%s\t%d\t%s\t%s\n", a.Actor, a.Score, a.Label, a.Role, frame,
			len(a.MentionList), strings.Join(voices, "; "), strings.Join(ev, ", "))
		if showMentions {
			for _, mn := range a.MentionList {
				fmt.Fprintf(tw, "  %q @%d\t%+.2f\t%s\t\t\t\t%s\t%s\n", mn.Text, mn.Start, mn.Score, mn.Label, mn.Voice, clip(mn.Sentence, 80))
			}
		}
	}
	return tw.Flush()
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !isBoundary(s, n) {
		n--
	}
	return s[:n] + "…"
}

func isBoundary(s string, i int) bool { return i == len(s) || s[i]&0xC0 != 0x80 }

// maxLine bounds one JSONL document.
const maxLine = 256 << 20

// scoreJSONL streams documents from files (or stdin) through ScoreAll. A
// bad line is reported on stderr, naming file and line, and skipped; the
// run goes on and fails at the end, saying how many lines failed.
func scoreJSONL(m *stance.Model, paths []string, stdin io.Reader, stdout, stderr io.Writer, quiet bool, workers int) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	prog := progress.New(stderr, quiet)
	defer prog.Close()
	// Bad lines are found in ScoreAll's feeding goroutine while this one
	// shows progress: the progress writer serialises them, and puts them
	// above the live bar on a terminal.
	log := prog.Writer()
	var tally jsonlTally
	docs := func(yield func(stance.Document) bool) {
		for _, p := range paths {
			if !readDocs(p, stdin, log, &tally, yield) {
				return
			}
		}
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	// The input is streamed, so the total is not known: a count and a rate.
	bar := prog.Bar("documents scored", 0)
	for res, err := range m.ScoreAll(ctx, docs, workers) {
		if err != nil {
			return err
		}
		if err := enc.Encode(res); err != nil {
			return err
		}
		bar.Add(1)
	}
	bar.Done()
	return tally.err()
}

// jsonlTally counts what the reader saw, under a lock because it is
// written from ScoreAll's feeding goroutine.
type jsonlTally struct {
	mu                   sync.Mutex
	lines, bad, badFiles int // non-blank lines, failed lines, files not read to the end
}

func (t *jsonlTally) add(lines, bad, badFiles int) {
	t.mu.Lock()
	t.lines += lines
	t.bad += bad
	t.badFiles += badFiles
	t.mu.Unlock()
}

func (t *jsonlTally) err() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	var parts []string
	if t.bad > 0 {
		parts = append(parts, fmt.Sprintf("%d of %d lines failed", t.bad, t.lines))
	}
	if t.badFiles > 0 {
		files := "files"
		if t.badFiles == 1 {
			files = "file"
		}
		parts = append(parts, fmt.Sprintf("%d %s could not be read to the end", t.badFiles, files))
	}
	if len(parts) == 0 {
		return nil
	}
	return errors.New(strings.Join(parts, "; "))
}

// readDocs reads the JSONL documents of path ("-": stdin), reporting each
// bad line on log as "FILE:LINE: why" and going on. It returns false when
// the consumer stopped.
func readDocs(path string, stdin io.Reader, log io.Writer, tally *jsonlTally, yield func(stance.Document) bool) bool {
	var r io.Reader = stdin
	name := "stdin"
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			fmt.Fprintln(log, "score:", err)
			tally.add(0, 0, 1)
			return true
		}
		defer f.Close()
		r, name = f, path
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), maxLine)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		d, err := parseDoc(b)
		if err != nil {
			fmt.Fprintf(log, "score: %s:%d: %v\n", name, line, err)
			tally.add(1, 1, 0)
			continue
		}
		tally.add(1, 0, 0)
		if !yield(d) {
			return false
		}
	}
	if err := sc.Err(); err != nil {
		// The scanner cannot resume (a line over maxLine, a read error):
		// the rest of this file is lost, the other files are not.
		fmt.Fprintf(log, "score: %s:%d: %v; the rest of %s is skipped\n", name, line+1, err, name)
		tally.add(0, 0, 1)
	}
	return true
}

// jsonlDoc is one input line with its fields undecoded, so that a missing
// text, a text of another type and a numeric id can be told apart.
type jsonlDoc struct {
	ID   json.RawMessage `json:"id"`
	Text json.RawMessage `json:"text"`
}

// parseDoc decodes one JSONL line. "text" must be a string; "id" may be a
// string, a number (kept as written: 17 becomes "17") or absent.
func parseDoc(b []byte) (stance.Document, error) {
	var raw jsonlDoc
	var d stance.Document
	if err := json.Unmarshal(b, &raw); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field == "" {
			return d, fmt.Errorf("a line must be a JSON object, got %s", te.Value)
		}
		return d, fmt.Errorf("bad JSON: %v", err)
	}
	switch {
	case len(raw.Text) == 0 || string(raw.Text) == "null":
		return d, errors.New(`no "text"`)
	case raw.Text[0] != '"':
		return d, fmt.Errorf(`"text" must be a string, got %s`, clip(string(raw.Text), 20))
	}
	if err := json.Unmarshal(raw.Text, &d.Text); err != nil {
		return d, fmt.Errorf(`"text": %v`, err)
	}
	if bad, why := features.NotText(d.Text); bad {
		return d, fmt.Errorf(`"text" does not look like text: %s`, why)
	}
	switch id := raw.ID; {
	case len(id) == 0 || string(id) == "null":
	case id[0] == '"':
		if err := json.Unmarshal(id, &d.ID); err != nil {
			return d, fmt.Errorf(`"id": %v`, err)
		}
	case id[0] == '-' || '0' <= id[0] && id[0] <= '9':
		d.ID = string(id)
	default:
		return d, fmt.Errorf(`"id" must be a string or a number, got %s`, clip(string(id), 20))
	}
	return d, nil
}
