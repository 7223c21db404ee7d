package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/parquetio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

func init() {
	// Registration lets workers find the functions and types by name and
	// call them without reflection.
	register.DoFn4x0[context.Context, fileio.ReadableFile, func(Doc), func(DeadLetter)](&readInputFn{})
	register.DoFn5x0[context.Context, Doc, func(string), func(ActorRow), func(DeadLetter)](&scoreFn{})
	register.Combiner3[FrameAcc, ActorRow, Summary](&frameCombineFn{})
	register.DoFn2x1[ActorRow, func(string, ActorRow), error](&keyFn{})
	register.DoFn3x1[string, Summary, func(string), error](&aggLineFn{})
	register.Function2x1[ActorRow, func(string), error](rowLine)
	register.Function2x1[DeadLetter, func(string), error](deadLine)
	register.Emitter1[Doc]()
	register.Emitter1[DeadLetter]()
	register.Emitter1[ActorRow]()
	register.Emitter1[string]()
	register.Emitter2[string, ActorRow]()
	beam.RegisterType(reflect.TypeFor[Doc]())
	beam.RegisterType(reflect.TypeFor[DeadLetter]())
	beam.RegisterType(reflect.TypeFor[ActorRow]())
	beam.RegisterType(reflect.TypeFor[FrameAcc]())
	beam.RegisterType(reflect.TypeFor[Summary]())
}

// Config is what a pipeline reads, how it scores and where it writes.
type Config struct {
	// Inputs are globs of input files: *.jsonl and *.ndjson (optionally
	// compressed) hold one article a line, any other file is one article.
	Inputs []string
	// Output is the directory (or gs:// prefix) the outputs go under.
	Output string
	// Model says which model and actors score.
	Model ModelConfig
	// MaxLine bounds one JSONL line; 0 is DefaultMaxLine.
	MaxLine int
	// Shards splits articles.jsonl and actors.jsonl into that many files
	// each, written in parallel (articles-00000-of-00016.jsonl...); 0 or 1
	// writes one file each.
	Shards int
}

// Output file names, under Config.Output.
const (
	ArticlesFile   = "articles.jsonl"   // {"id","outlet","date","report"} per article
	ActorsFile     = "actors.jsonl"     // one ActorRow a line
	ActorsParquet  = "actors.parquet"   // the same rows as Parquet
	DeadLetterFile = "deadletter.jsonl" // one DeadLetter a line
)

// AggFile is the output file of an aggregate dimension.
func AggFile(dim string) string { return "by_" + dim + ".jsonl" }

// OutPath joins the output location and a file name; it works for local
// paths and for URLs such as gs://bucket/dir alike.
func OutPath(out, name string) string {
	if out == "" || strings.HasSuffix(out, "/") {
		return out + name
	}
	return out + "/" + name
}

// Validate reports what is wrong with a configuration before any work.
func (c Config) Validate() error {
	if len(c.Inputs) == 0 {
		return errors.New("no -input")
	}
	for _, in := range c.Inputs {
		if strings.TrimSpace(in) == "" {
			return errors.New("an empty -input glob")
		}
	}
	if c.Output == "" {
		return errors.New("no -output")
	}
	if c.Shards < 0 {
		return fmt.Errorf("-shards %d is negative", c.Shards)
	}
	if c.MaxLine < 0 {
		return fmt.Errorf("-max-line %d is negative", c.MaxLine)
	}
	return nil
}

// Build adds the pipeline to s:
//
//	globs ─► match ─► read (file = article, JSONL line = article) ──► dead letters
//	           └─► reshuffle ─► score (model once per worker) ─► articles.jsonl (sharded)
//	                               ├─► actor rows ─► actors.jsonl (sharded), actors.parquet
//	                               │      └─► CombinePerKey ─► by_outlet, by_source, by_month
//	                               └─► dead letters ─► deadletter.jsonl
func Build(s beam.Scope, c Config) error {
	if err := c.Validate(); err != nil {
		return err
	}
	globs := make([]any, len(c.Inputs))
	for i, g := range c.Inputs {
		globs[i] = g
	}
	s = s.Scope("actorframe")
	matches := fileio.MatchAll(s, beam.Create(s, globs...), fileio.MatchEmptyAllowIfWildcard())
	files := fileio.ReadMatches(s, matches, fileio.ReadAutoCompression())
	docs, badInput := beam.ParDo2(s, &readInputFn{MaxLine: c.MaxLine}, files)

	// A JSONL file is read by one worker; the reshuffle spreads its
	// articles over all workers before the expensive step.
	docs = beam.Reshuffle(s, docs)
	articles, actorRows, badScore := beam.ParDo3(s, &scoreFn{Config: c.Model}, docs)

	out := func(name string) string { return OutPath(c.Output, name) }
	written := []beam.PCollection{
		writeLines(s, out(ArticlesFile), c.Shards, articles),
		writeLines(s, out(ActorsFile), c.Shards, beam.ParDo(s, rowLine, actorRows)),
	}
	parquetio.Write(s, out(ActorsParquet), actorRows)
	for _, dim := range Dimensions {
		sd := s.Scope("by_" + dim)
		keyed := beam.ParDo(sd, &keyFn{Dim: dim}, actorRows)
		combined := beam.CombinePerKey(sd, &frameCombineFn{}, keyed)
		// An aggregate is one small row per group: one file is right.
		written = append(written, writeLines(sd, out(AggFile(dim)), 1, beam.ParDo(sd, &aggLineFn{Dim: dim}, combined)))
	}
	dead := beam.Flatten(s, badInput, badScore)
	written = append(written, writeLines(s, out(DeadLetterFile), 1, beam.ParDo(s, deadLine, dead)))
	beam.ParDo0(s, &countFilesFn{}, beam.Flatten(s, written...))
	return nil
}

// keyFn keys the actor rows of one aggregate dimension.
type keyFn struct {
	Dim string
}

func (fn *keyFn) ProcessElement(r ActorRow, emit func(string, ActorRow)) error {
	if k, ok := aggKey(fn.Dim, r); ok {
		emit(k, r)
	}
	return nil
}

// aggLineFn encodes combined groups as output lines.
type aggLineFn struct {
	Dim string
}

func (fn *aggLineFn) ProcessElement(key string, s Summary, emit func(string)) error {
	line, err := aggLine(fn.Dim, key, s)
	if err != nil {
		return err
	}
	emit(line)
	return nil
}

func rowLine(r ActorRow, emit func(string)) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	emit(string(b))
	return nil
}

func deadLine(d DeadLetter, emit func(string)) error {
	b, err := json.Marshal(d)
	if err != nil {
		return err
	}
	emit(string(b))
	return nil
}
