// Command report writes one self-contained HTML page that shows how a set
// of news articles frames each actor, and where the articles disagree.
//
// Usage:
//
//	go run ./examples/report [flags] DIR|FILE.jsonl|FILE.txt ...
//
// A directory contributes its *.txt files (the id is the file name without
// .txt); a .jsonl file one article a line, {"id","text"} with optional
// "outlet" and "date"; any other file one article.
//
// The page holds an actor × article heatmap of scores, the frame of each
// actor in each voice (the author's own words beside each quoted source),
// the articles with every mention coloured by its score, and, for each
// actor that two articles or two voices frame differently, those frames
// side by side with the sentences that carry them. It needs no network
// and no framework to view.
//
// Flags:
//
//	-o FILE          the HTML page (default report.html; "-" for stdout; "" for none)
//	-json FILE       also write stance.Contrast of the articles as JSON ("-" for stdout)
//	-model FILE      a model file instead of the embedded model
//	-max-actors N    rows of the heatmap, most mentioned actors first (default 30)
//	-title TEXT      the page title
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
	"path/filepath"
	"slices"
	"strings"

	"github.com/actorframe/actorframe/stance"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "report:", err)
		}
		os.Exit(1)
	}
}

// defaultTitle heads the page unless -title says otherwise.
const defaultTitle = "How the articles frame their actors"

// article is one input document.
type article struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Outlet string `json:"outlet,omitempty"`
	Date   string `json:"date,omitempty"`
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "report.html", `HTML output file ("-" for stdout, "" for none)`)
	jsonOut := fs.String("json", "", `write the contrast of the articles as JSON to this file ("-" for stdout)`)
	modelPath := fs.String("model", "", "model file (default: the embedded model)")
	maxActors := fs.Int("max-actors", 30, "heatmap rows, most mentioned actors first")
	title := fs.String("title", defaultTitle, "page title")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return errors.New("no input: give a folder of .txt articles or a .jsonl file")
	}
	if *maxActors < 1 {
		return fmt.Errorf("-max-actors must be at least 1, got %d", *maxActors)
	}
	arts, err := readArticles(fs.Args())
	if err != nil {
		return err
	}
	m, err := loadModel(*modelPath)
	if err != nil {
		return err
	}
	docs, err := scoreAll(m, arts)
	if err != nil {
		return err
	}
	if *jsonOut != "" {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		cs := stance.Contrast(docs)
		if cs == nil {
			cs = []stance.ActorContrast{} // [] rather than null: no actor is framed differently
		}
		if err := enc.Encode(cs); err != nil {
			return err
		}
		if err := writeOut(*jsonOut, buf.Bytes(), stdout); err != nil {
			return err
		}
	}
	if *out == "" {
		return nil
	}
	p := buildPage(*title, m, arts, docs, *maxActors)
	var buf bytes.Buffer
	if err := render(&buf, p); err != nil {
		return err
	}
	return writeOut(*out, buf.Bytes(), stdout)
}

func writeOut(path string, b []byte, stdout io.Writer) error {
	if path == "-" {
		_, err := stdout.Write(b)
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

func loadModel(path string) (*stance.Model, error) {
	if path == "" {
		return stance.Default()
	}
	return stance.LoadFile(path)
}

// scoreAll scores the articles on all cores, in input order.
func scoreAll(m *stance.Model, arts []article) ([]stance.LabeledReport, error) {
	seq := func(yield func(stance.Document) bool) {
		for _, a := range arts {
			if !yield(stance.Document{ID: a.ID, Text: a.Text}) {
				return
			}
		}
	}
	docs := make([]stance.LabeledReport, 0, len(arts))
	i := 0
	for res, err := range m.ScoreAll(context.Background(), seq, 0) {
		if err != nil {
			return nil, err
		}
		a := arts[i]
		docs = append(docs, stance.LabeledReport{ID: a.ID, Outlet: a.Outlet, Date: a.Date, Report: res.Report})
		i++
	}
	return docs, nil
}

// readArticles reads every input path: a directory's *.txt files in name
// order, a .jsonl file's lines, or a single text file. Ids must be unique,
// because the page links and compares articles by id.
func readArticles(paths []string) ([]article, error) {
	var arts []article
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		switch {
		case st.IsDir():
			files, err := filepath.Glob(filepath.Join(p, "*.txt"))
			if err != nil {
				return nil, err
			}
			if len(files) == 0 {
				return nil, fmt.Errorf("%s: no .txt files", p)
			}
			slices.Sort(files)
			for _, f := range files {
				a, err := readTextFile(f)
				if err != nil {
					return nil, err
				}
				arts = append(arts, a)
			}
		case strings.HasSuffix(p, ".jsonl"):
			as, err := readJSONL(p)
			if err != nil {
				return nil, err
			}
			arts = append(arts, as...)
		default:
			a, err := readTextFile(p)
			if err != nil {
				return nil, err
			}
			arts = append(arts, a)
		}
	}
	seen := map[string]bool{}
	for _, a := range arts {
		if seen[a.ID] {
			return nil, fmt.Errorf("duplicate article id %q", a.ID)
		}
		seen[a.ID] = true
	}
	if len(arts) == 0 {
		return nil, errors.New("no articles in the input")
	}
	return arts, nil
}

func readTextFile(path string) (article, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return article{}, err
	}
	return article{ID: strings.TrimSuffix(filepath.Base(path), ".txt"), Text: string(b)}, nil
}

// maxLine bounds one JSONL article.
const maxLine = 64 << 20

func readJSONL(path string) ([]article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var arts []article
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), maxLine)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var a article
		if err := json.Unmarshal(line, &a); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		if a.ID == "" {
			return nil, fmt.Errorf("%s:%d: no id", path, n)
		}
		arts = append(arts, a)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return arts, nil
}
