package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/actorframe/actorframe/stance"
)

// readLocal reads the articles of cfg's inputs from the local disk, the
// way the pipeline's reader does, for the -bench comparison. Dead letters
// are not articles and are left out.
func readLocal(cfg Config) ([]Doc, error) {
	var docs []Doc
	for _, g := range cfg.Inputs {
		paths, err := filepath.Glob(g)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", g, err)
		}
		for _, p := range paths {
			if st, err := os.Stat(p); err != nil || st.IsDir() {
				continue
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			if !isJSONL(p) {
				docs = append(docs, Doc{ID: filepath.Base(p), Text: string(b), Origin: p})
				continue
			}
			max := cfg.MaxLine
			if max <= 0 {
				max = DefaultMaxLine
			}
			err = scanLines(bytes.NewReader(b), max, func(n int, line []byte, tooLong bool) {
				if tooLong || len(bytes.TrimSpace(line)) == 0 {
					return
				}
				if d, err := parseLine(line); err == nil {
					docs = append(docs, d)
				}
			})
			if err != nil {
				return nil, err
			}
		}
	}
	return docs, nil
}

// runBench times the pipeline and stance's ScoreAll on the same articles
// and prints documents/s and MB/s for each. ScoreAll runs first, so the
// model is warm for both; the pipeline is timed end to end, from building
// the graph to the last output file written, since that is what a user
// waits for.
//
// With copies > 1 both run on a temporary JSONL file holding that many
// copies of every input article, so that a handful of articles makes a
// corpus large enough to time.
func runBench(ctx context.Context, cfg Config, workers, copies int, w io.Writer) error {
	docs, err := readLocal(cfg)
	if err != nil {
		return err
	}
	if len(docs) == 0 {
		return errNoDocs
	}
	if copies > 1 {
		dir, err := os.MkdirTemp("", "actorframe-bench")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		if docs, err = writeCopies(filepath.Join(dir, "corpus.jsonl"), docs, copies); err != nil {
			return err
		}
		cfg.Inputs = []string{filepath.Join(dir, "corpus.jsonl")}
	}
	var size int64
	for _, d := range docs {
		size += int64(len(d.Text))
	}
	m, err := loadModel(ctx, cfg.Model)
	if err != nil {
		return err
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	seq := func(yield func(stance.Document) bool) {
		for _, d := range docs {
			if !yield(stance.Document{ID: d.ID, Text: d.Text}) {
				return
			}
		}
	}
	start := time.Now()
	n := 0
	for _, err := range m.ScoreAll(ctx, seq, workers) {
		if err != nil {
			return err
		}
		n++
	}
	direct := time.Since(start)

	start = time.Now()
	met, err := Run(ctx, cfg)
	if err != nil {
		return err
	}
	piped := time.Since(start)

	fmt.Fprintf(w, "corpus: %d articles, %.2f MB, %d cores\n", len(docs), float64(size)/1e6, runtime.NumCPU())
	row := func(name string, docs int, d time.Duration) {
		fmt.Fprintf(w, "%-28s %8.2fs %10.1f docs/s %8.3f MB/s\n", name, d.Seconds(),
			float64(docs)/d.Seconds(), float64(size)/1e6/d.Seconds())
	}
	row(fmt.Sprintf("stance ScoreAll (%d workers)", workers), n, direct)
	row("beam pipeline (prism)", len(docs), piped)
	fmt.Fprintf(w, "pipeline / ScoreAll time: %.1fx\n", piped.Seconds()/direct.Seconds())
	printMetrics(w, met)
	return nil
}

// writeCopies writes copies of every doc to a JSONL file, each copy with an
// id of its own, and returns the docs as written.
func writeCopies(path string, docs []Doc, copies int) ([]Doc, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	bw := bufio.NewWriter(f)
	enc := json.NewEncoder(bw)
	var out []Doc
	for i := range copies {
		for _, d := range docs {
			d.ID = fmt.Sprintf("%s#%d", d.ID, i)
			if err := enc.Encode(d); err != nil {
				f.Close()
				return nil, err
			}
			out = append(out, d)
		}
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return nil, err
	}
	return out, f.Close()
}
