package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
)

var (
	input      = flag.String("input", "", "comma-separated globs of input files: *.jsonl/*.ndjson one article a line, any other file one article")
	output     = flag.String("output", "out/", "directory (or gs:// prefix) for the outputs")
	modelPath  = flag.String("model", "", "model file (default: the embedded model); read by every worker")
	actorsPath = flag.String("actors", "", `JSON list of actors ({"name","aliases","parent","kind"}) added to the catalogue`)
	onlyActors = flag.Bool("only-actors", false, "with -actors: use only the listed actors")
	authorOnly = flag.Bool("author-only", false, "count only the author's voice in actor scores")
	maxLine    = flag.Int("max-line", DefaultMaxLine, "longest JSONL line, in bytes; a longer one is a dead letter")
	shards     = flag.Int("shards", 1, "write articles.jsonl and actors.jsonl as this many files each, in parallel")
	bench      = flag.Bool("bench", false, "also time stance's ScoreAll on the same articles and print both throughputs")
	workers    = flag.Int("workers", 0, "with -bench: goroutines for ScoreAll (0: all cores)")
	copies     = flag.Int("bench-copies", 1, "with -bench: time a corpus of this many copies of every input article")
)

func main() {
	flag.Parse()
	// On a cluster the same binary runs as the worker: Init then serves
	// bundles and never returns.
	beam.Init()
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "beam:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, stdout io.Writer) error {
	cfg := Config{
		Inputs: splitGlobs(*input),
		Output: *output,
		Model: ModelConfig{Model: *modelPath, Actors: *actorsPath,
			OnlyActors: *onlyActors, AuthorOnly: *authorOnly},
		MaxLine: *maxLine,
		Shards:  *shards,
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	// Loading the model here fails fast on a bad -model or -actors, before
	// a cluster is started for a job that cannot run.
	if _, err := loadModel(ctx, cfg.Model); err != nil {
		return err
	}
	if *bench {
		return runBench(ctx, cfg, *workers, *copies, stdout)
	}
	res, err := Run(ctx, cfg)
	if err != nil {
		return err
	}
	printMetrics(stdout, res)
	if res["input_documents"] == 0 && res["failures"] == 0 {
		// A glob that matches nothing is not an error to Beam; it is almost
		// always a mistake, so say so.
		fmt.Fprintf(stdout, "warning: %v; does -input match any file?\n", errNoDocs)
	}
	fmt.Fprintf(stdout, "outputs under %s\n", cfg.Output)
	return nil
}

// Run builds the pipeline for cfg and runs it on the runner the -runner
// flag names (prism, in process, by default), waiting for the end.
func Run(ctx context.Context, cfg Config) (Metrics, error) {
	p, s := beam.NewPipelineWithRoot()
	if err := Build(s, cfg); err != nil {
		return nil, err
	}
	// In loopback mode (Prism's default) the SDK leaves an empty
	// beamloopbackworker-* file in the temporary directory on every run;
	// giving it a directory of our own, removed after, keeps /tmp clean.
	if dir, err := os.MkdirTemp("", "actorframe-beam-"); err == nil {
		old, had := os.LookupEnv("TMPDIR")
		os.Setenv("TMPDIR", dir)
		defer func() {
			if had {
				os.Setenv("TMPDIR", old)
			} else {
				os.Unsetenv("TMPDIR")
			}
			os.RemoveAll(dir)
		}()
	}
	pr, err := beamx.RunWithMetrics(ctx, p)
	if err != nil {
		return nil, err
	}
	return collect(pr), nil
}

// Metrics are the pipeline's counters by name, summed over the steps that
// count them ("failures" is counted by the reader and the scorer).
type Metrics map[string]int64

// collect gathers the actorframe counters of a finished job. A runner that
// reports no metrics leaves the map empty.
func collect(pr beam.PipelineResult) Metrics {
	m := Metrics{}
	if pr == nil {
		return m
	}
	for _, c := range pr.Metrics().AllMetrics().Counters() {
		if c.Key.Namespace == metricNS {
			m[c.Key.Name] += c.Result()
		}
	}
	for _, d := range pr.Metrics().AllMetrics().Distributions() {
		if d.Key.Namespace == metricNS {
			r := d.Result()
			m[d.Key.Name+"_sum"] += r.Sum
		}
	}
	return m
}

func printMetrics(w io.Writer, m Metrics) {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		fmt.Fprintf(w, "%-20s %d\n", k, m[k])
	}
	if m["failures"] > 0 {
		fmt.Fprintf(w, "%d dead letters: see %s\n", m["failures"], DeadLetterFile)
	}
}

func splitGlobs(s string) []string {
	var out []string
	for g := range strings.SplitSeq(s, ",") {
		if g = strings.TrimSpace(g); g != "" {
			out = append(out, g)
		}
	}
	return out
}

var errNoDocs = errors.New("no articles in the input")
