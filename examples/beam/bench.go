package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
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
	// ScoreAll alone, then ScoreAll writing each result as a JSON line as
	// examples/score -jsonl does: the pipeline encodes and writes every
	// report too, so the second is the like-for-like figure.
	direct, err := timeScoreAll(ctx, m, seq, workers, nil)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp("", "actorframe-bench-*.jsonl")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	written, err := timeScoreAll(ctx, m, seq, workers, f)
	if err != nil {
		return err
	}

	start := time.Now()
	met, err := Run(ctx, cfg)
	if err != nil {
		return err
	}
	piped := time.Since(start)

	fmt.Fprintf(w, "corpus: %d articles, %.2f MB, %d cores\n", len(docs), float64(size)/1e6, runtime.NumCPU())
	row := func(name string, d time.Duration) {
		fmt.Fprintf(w, "%-44s %7.2fs %8.1f docs/s %7.3f MB/s\n", name, d.Seconds(),
			float64(len(docs))/d.Seconds(), float64(size)/1e6/d.Seconds())
	}
	row(fmt.Sprintf("stance ScoreAll, %d workers, scoring only", workers), direct)
	row(fmt.Sprintf("stance ScoreAll, %d workers, JSONL written", workers), written)
	row(fmt.Sprintf("beam pipeline, %s runner, all outputs", runnerName()), piped)
	fmt.Fprintf(w, "pipeline time / ScoreAll JSONL time: %.1fx\n", piped.Seconds()/written.Seconds())
	printMetrics(w, met)
	return nil
}

// timeScoreAll scores docs with ScoreAll and, when out is not nil, writes
// each result to it as a JSON line.
func timeScoreAll(ctx context.Context, m *stance.Model, docs func(func(stance.Document) bool), workers int, out io.Writer) (time.Duration, error) {
	start := time.Now()
	var bw *bufio.Writer
	var enc *json.Encoder
	if out != nil {
		bw = bufio.NewWriterSize(out, 1<<20)
		enc = json.NewEncoder(bw)
	}
	for res, err := range m.ScoreAll(ctx, docs, workers) {
		if err != nil {
			return 0, err
		}
		if enc != nil {
			if err := enc.Encode(res); err != nil {
				return 0, err
			}
		}
	}
	if bw != nil {
		if err := bw.Flush(); err != nil {
			return 0, err
		}
	}
	return time.Since(start), nil
}

// runnerName is the runner the -runner flag names, prism when unset.
func runnerName() string {
	if f := flag.Lookup("runner"); f != nil && f.Value.String() != "" {
		return f.Value.String()
	}
	return "prism"
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
