package main

import (
	"bufio"
	"context"
	"fmt"
	"hash/fnv"
	"path"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

func init() {
	register.DoFn1x2[string, int, string](&shardKeyFn{})
	register.DoFn4x1[context.Context, int, func(*string) bool, func(string), error](&writeShardFn{})
	register.DoFn2x0[context.Context, string](&countFilesFn{})
	register.Iter1[string]()
}

// shardPath names shard i of n of the file p: p itself when n is 1,
// otherwise "articles-00003-of-00016.jsonl" for p "articles.jsonl".
func shardPath(p string, i, n int) string {
	if n <= 1 {
		return p
	}
	ext := path.Ext(p)
	return fmt.Sprintf("%s-%05d-of-%05d%s", strings.TrimSuffix(p, ext), i, n, ext)
}

// writeLines writes the lines of col to shards files named after p (see
// shardPath), one line each, and returns the paths written.
//
// It does what textio.Write does, with two differences that matter here.
// Sharding: textio.Write gathers every line under one key so that one
// worker writes one file, which for a corpus's reports on a cluster makes
// one worker the bottleneck; here each shard is a key of its own. And it
// returns the paths: a writer whose stage has an output keeps Prism's
// bundle loop waiting on a channel, whereas for a stage without outputs
// that loop polls without pause for as long as the file takes to write,
// taking a core from the scorer on a small machine.
func writeLines(s beam.Scope, p string, shards int, col beam.PCollection) beam.PCollection {
	s = s.Scope("writeLines")
	if shards < 1 {
		shards = 1
	}
	keyed := beam.ParDo(s, &shardKeyFn{Shards: shards}, col)
	return beam.ParDo(s, &writeShardFn{Path: p, Shards: shards}, beam.GroupByKey(s, keyed))
}

// shardKeyFn assigns each line a shard by its hash, so that a retried
// bundle sends every line to the same shard again.
type shardKeyFn struct {
	Shards int
}

func (fn *shardKeyFn) ProcessElement(line string) (int, string) {
	if fn.Shards <= 1 {
		return 0, line
	}
	h := fnv.New32a()
	h.Write([]byte(line))
	return int(h.Sum32() % uint32(fn.Shards)), line
}

// writeShardFn writes one shard. A retry rewrites the whole file, so a
// failed attempt leaves no partial shard behind once the job succeeds.
type writeShardFn struct {
	Path   string
	Shards int
}

func (fn *writeShardFn) ProcessElement(ctx context.Context, shard int, lines func(*string) bool, emit func(string)) error {
	p := shardPath(fn.Path, shard, fn.Shards)
	fs, err := filesystem.New(ctx, p)
	if err != nil {
		return err
	}
	defer fs.Close()
	fd, err := fs.OpenWrite(ctx, p)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(fd, 1<<20)
	var line string
	for lines(&line) {
		if _, err := bw.WriteString(line); err != nil {
			fd.Close()
			return err
		}
		if err := bw.WriteByte('\n'); err != nil {
			fd.Close()
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		fd.Close()
		return err
	}
	if err := fd.Close(); err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	emit(p)
	return nil
}

// countFilesFn counts the output files written.
type countFilesFn struct {
	files beam.Counter
}

func (fn *countFilesFn) Setup() { fn.files = beam.NewCounter(metricNS, "output_files") }

func (fn *countFilesFn) ProcessElement(ctx context.Context, _ string) { fn.files.Inc(ctx, 1) }
