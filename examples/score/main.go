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
//	-only-actors   with -actors: use only the listed actors, not the built-in catalogue
//	-author-only   count only the author's voice in actor scores
//	-mentions      in the table, list every mention with its score
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/actorframe/actorframe/features/actors"
	"github.com/actorframe/actorframe/stance"
)

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "score:", err)
		}
		os.Exit(1)
	}
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("score", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	jsonl := fs.Bool("jsonl", false, `read JSONL {"id","text"} documents and write JSONL results`)
	workers := fs.Int("workers", 0, "goroutines for -jsonl (0: all cores)")
	modelPath := fs.String("model", "", "model file (default: the embedded model)")
	actorsPath := fs.String("actors", "", "JSON list of actors to add to the catalogue")
	onlyActors := fs.Bool("only-actors", false, "with -actors: use only the listed actors")
	authorOnly := fs.Bool("author-only", false, "count only the author's voice in actor scores")
	showMentions := fs.Bool("mentions", false, "list every mention in the table")
	quiet := fs.Bool("q", false, "no progress line on stderr for -jsonl")
	if err := fs.Parse(args); err != nil {
		return err
	}
	m, err := loadModel(*modelPath, *actorsPath, *onlyActors, *authorOnly)
	if err != nil {
		return err
	}
	if *jsonl {
		var prog io.Writer
		if !*quiet {
			prog = stderr
		}
		return scoreJSONL(m, fs.Args(), stdin, stdout, prog, *workers)
	}
	if fs.NArg() > 1 {
		return fmt.Errorf("one FILE at most without -jsonl, got %d", fs.NArg())
	}
	text, err := readText(fs.Args(), stdin)
	if err != nil {
		return err
	}
	rep := m.Score(text)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	return printTable(stdout, rep, *showMentions)
}

func loadModel(path, actorsPath string, only, authorOnly bool) (*stance.Model, error) {
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
	} else if only {
		return nil, errors.New("-only-actors needs -actors FILE")
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
	return string(b), err
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

// scoreJSONL streams documents from files (or stdin) through ScoreAll.
func scoreJSONL(m *stance.Model, paths []string, stdin io.Reader, stdout, prog io.Writer, workers int) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	var readErr error
	docs := func(yield func(stance.Document) bool) {
		for _, p := range paths {
			if err := readDocs(p, stdin, yield); err != nil {
				readErr = err
				return
			}
		}
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	n := 0
	start, last := time.Now(), time.Now()
	for res, err := range m.ScoreAll(ctx, docs, workers) {
		if err != nil {
			return err
		}
		if err := enc.Encode(res); err != nil {
			return err
		}
		n++
		if prog != nil && time.Since(last) > 2*time.Second {
			last = time.Now()
			fmt.Fprintf(prog, "scored %d documents (%.0f docs/s)\n", n, float64(n)/time.Since(start).Seconds())
		}
	}
	if readErr != nil {
		return readErr
	}
	if prog != nil && time.Since(start) > 2*time.Second {
		fmt.Fprintf(prog, "scored %d documents in %.1fs\n", n, time.Since(start).Seconds())
	}
	return nil
}

// readDocs reads JSONL documents; a bad line is an error naming the line.
func readDocs(path string, stdin io.Reader, yield func(stance.Document) bool) error {
	var r io.Reader = stdin
	name := "stdin"
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return err
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
		if len(strings.TrimSpace(string(b))) == 0 {
			continue
		}
		var d stance.Document
		if err := json.Unmarshal(b, &d); err != nil {
			return fmt.Errorf("%s:%d: %v", name, line, err)
		}
		if !yield(d) {
			return nil
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	return nil
}
