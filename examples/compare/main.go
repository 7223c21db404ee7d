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
	"path/filepath"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/jonreiter/govader"

	"github.com/actorframe/actorframe/features"
	"github.com/actorframe/actorframe/stance"
)

// defaultCorpus is the repository's test article, relative to this
// module's directory.
const defaultCorpus = "../../features/testdata/article.txt"

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "compare:", err)
		}
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	fs.SetOutput(stderr)
	corpusFlag := fs.String("corpus", defaultCorpus, "default corpus document, used when no files are given")
	repeat := fs.Int("repeat", 100, "copies of the -corpus document in the default corpus")
	duration := fs.Duration("duration", 3*time.Second, "least wall time to time each scorer for")
	rounds := fs.Int("rounds", 0, "time exactly this many passes of the corpus instead of -duration")
	warmup := fs.Duration("warmup", 300*time.Millisecond, "least wall time to warm each scorer up for (at least one pass)")
	workers := fs.Int("workers", 0, "also time stance's ScoreAll on this many goroutines (0: no)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *repeat < 1 {
		return fmt.Errorf("-repeat %d: want at least 1", *repeat)
	}
	if *rounds < 0 || *workers < 0 {
		return errors.New("-rounds and -workers must not be negative")
	}

	var docs []stance.Document
	if fs.NArg() > 0 {
		for _, name := range fs.Args() {
			ds, err := loadFile(name)
			if err != nil {
				return err
			}
			docs = append(docs, ds...)
		}
	} else {
		path := *corpusFlag
		explicit := false
		fs.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "corpus" })
		if !explicit {
			path = resolveDefault(path)
		}
		ds, err := loadFile(path)
		if err != nil {
			return err
		}
		for i := range *repeat {
			for _, d := range ds {
				docs = append(docs, stance.Document{ID: fmt.Sprintf("%s#%d", d.ID, i), Text: d.Text})
			}
		}
	}
	if len(docs) == 0 {
		return errors.New("empty corpus")
	}

	// Set both scorers up, outside the timings.
	t0 := time.Now()
	m, err := stance.Default()
	if err != nil {
		return err
	}
	afSetup := time.Since(t0)
	t0 = time.Now()
	sia := govader.NewSentimentIntensityAnalyzer()
	vaderSetup := time.Since(t0)

	c := newCorpus(docs, features.DefaultConfig()) // for counting sentences only
	fmt.Fprintf(stdout, "corpus: %d documents, %d sentences (actorframe's parser: %d), %.3f MB\n",
		len(c.docs), c.sentences, c.parserSentences, float64(c.bytes)/1e6)
	fmt.Fprintf(stdout, "setup: actorframe model %v, govader lexicon %v; %s %s/%s, GOMAXPROCS %d\n",
		afSetup.Round(time.Millisecond), vaderSetup.Round(time.Millisecond),
		runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.GOMAXPROCS(0))
	if *rounds > 0 {
		fmt.Fprintf(stdout, "timing: %d passes each, after %v warm-up\n\n", *rounds, *warmup)
	} else {
		fmt.Fprintf(stdout, "timing: at least %v each, after %v warm-up\n\n", *duration, *warmup)
	}

	var sink sink
	af := scorer{name: "actorframe stance.Score", pass: func() error { c.passActorframe(&sink); return nil }}
	vd := scorer{name: "govader PolarityScores", pass: func() error { c.passVader(sia, &sink); return nil }}
	list := []scorer{af, vd}
	if *workers > 0 {
		n := *workers
		list = append(list, scorer{
			name: fmt.Sprintf("actorframe ScoreAll, %d workers", n),
			pass: func() error { return c.passScoreAll(m, n, &sink) },
		})
	}
	var res []result
	for _, s := range list {
		if _, _, err := measure(s.pass, *warmup, 0); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		runtime.GC()
		passes, elapsed, err := measure(s.pass, *duration, *rounds)
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		res = append(res, c.result(s.name, passes, elapsed))
	}

	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	w := len("scorer")
	for _, r := range res {
		w = max(w, len(r.name))
	}
	// The name column is padded here so that it reads left-aligned.
	fmt.Fprintf(tw, "%-*s\tpasses\ttime\tdocs/s\tsentences/s\tMB/s\t\n", w, "scorer")
	for _, r := range res {
		fmt.Fprintf(tw, "%-*s\t%d\t%.2fs\t%.1f\t%.0f\t%.3f\t\n",
			w, r.name, r.passes, r.elapsed.Seconds(), r.docsPerSec, r.sentsPerSec, r.mbPerSec)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\n(output check: %d actor frames per pass of actorframe, mean VADER compound %+.3f)\n",
		sink.frames/max(sink.afPasses, 1), sink.compound/float64(max(sink.sentences, 1)))
	fmt.Fprintf(stdout, "actorframe is %.2fx the speed of govader (MB/s ratio)\n", res[0].mbPerSec/res[1].mbPerSec)
	return nil
}

// resolveDefault finds the default corpus file when the command does not
// run from this module's directory: next to this source file, or under any
// directory above the working directory.
func resolveDefault(path string) string {
	if _, err := os.Stat(path); err == nil || filepath.IsAbs(path) {
		return path
	}
	if _, src, _, ok := runtime.Caller(0); ok && filepath.IsAbs(src) {
		p := filepath.Join(filepath.Dir(src), path)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	rel := filepath.Join("features", "testdata", "article.txt")
	if dir, err := os.Getwd(); err == nil {
		for {
			p := filepath.Join(dir, rel)
			if _, err := os.Stat(p); err == nil {
				return p
			}
			up := filepath.Dir(dir)
			if up == dir {
				break
			}
			dir = up
		}
	}
	return path
}

// loadFile reads one corpus file: JSONL documents when its name ends in
// .jsonl, else one plain-text document.
func loadFile(name string) ([]stance.Document, error) {
	if !strings.HasSuffix(name, ".jsonl") {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		return []stance.Document{{ID: filepath.Base(name), Text: string(b)}}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readJSONL(f, name)
}

func readJSONL(r io.Reader, name string) ([]stance.Document, error) {
	var docs []stance.Document
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 64<<20)
	for line := 1; sc.Scan(); line++ {
		b := sc.Bytes()
		if len(strings.TrimSpace(string(b))) == 0 {
			continue
		}
		var d stance.Document
		if err := json.Unmarshal(b, &d); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		if d.ID == "" {
			d.ID = fmt.Sprintf("%s:%d", filepath.Base(name), line)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return docs, nil
}

// splitSentences appends the sentences of text to dst: a sentence ends
// after '.', '!' or '?' (and any closing quotes or brackets) followed by
// white space, or at a blank line, so that headlines stand alone. The
// sentences are trimmed substrings of text; empty ones are dropped.
func splitSentences(text string, dst []string) []string {
	start := 0
	emit := func(end int) {
		if s := strings.TrimSpace(text[start:end]); s != "" {
			dst = append(dst, s)
		}
		start = end
	}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '.', '!', '?':
			j := i + 1
			for j < len(text) && isCloser(text[j:]) > 0 {
				j += isCloser(text[j:])
			}
			if j < len(text) && isSpace(text[j]) {
				emit(j)
				i = j
			}
		case '\n':
			j := i + 1
			for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j++
			}
			if j < len(text) && text[j] == '\n' {
				emit(i)
				i = j
			}
		}
	}
	emit(len(text))
	return dst
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}

// isCloser returns the byte length of the closing quote or bracket that s
// starts with, or 0.
func isCloser(s string) int {
	switch s[0] {
	case '"', '\'', ')', ']':
		return 1
	}
	for _, q := range []string{"\u201d", "\u2019", "\u00bb"} { // ” ’ »
		if strings.HasPrefix(s, q) {
			return len(q)
		}
	}
	return 0
}

// corpus is the documents, with what the timings divide by.
type corpus struct {
	docs            []stance.Document
	sentences       int // by splitSentences, the units VADER scores
	parserSentences int // by actorframe's own parser
	bytes           int
	buf             []string
}

func newCorpus(docs []stance.Document, cfg features.Config) *corpus {
	c := &corpus{docs: docs}
	p := features.NewParser(cfg)
	var d features.Doc
	for _, doc := range docs {
		c.bytes += len(doc.Text)
		c.buf = splitSentences(doc.Text, c.buf[:0])
		c.sentences += len(c.buf)
		p.Parse(doc.Text, &d)
		c.parserSentences += len(d.Sentences)
	}
	return c
}

// sink keeps the scorers' outputs alive and gives a sanity check.
type sink struct {
	frames, afPasses int
	allFrames        int // from ScoreAll
	compound         float64
	sentences        int
}

func (c *corpus) passActorframe(s *sink) {
	for _, d := range c.docs {
		s.frames += len(stance.Score(d.Text).Actors)
	}
	s.afPasses++
}

func (c *corpus) passVader(sia *govader.SentimentIntensityAnalyzer, s *sink) {
	for _, d := range c.docs {
		c.buf = splitSentences(d.Text, c.buf[:0])
		for _, sent := range c.buf {
			s.compound += sia.PolarityScores(sent).Compound
			s.sentences++
		}
	}
}

func (c *corpus) passScoreAll(m *stance.Model, workers int, s *sink) error {
	seq := func(yield func(stance.Document) bool) {
		for _, d := range c.docs {
			if !yield(d) {
				return
			}
		}
	}
	for r, err := range m.ScoreAll(context.Background(), seq, workers) {
		if err != nil {
			return err
		}
		s.allFrames += len(r.Report.Actors)
	}
	return nil
}

type scorer struct {
	name string
	pass func() error
}

// measure runs pass, one pass of the corpus, repeatedly: exactly rounds
// times when rounds > 0, else until at least d of wall time has gone by,
// and at least once. It returns the passes run and the time they took.
func measure(pass func() error, d time.Duration, rounds int) (passes int, elapsed time.Duration, err error) {
	start := time.Now()
	for {
		if err := pass(); err != nil {
			return passes, time.Since(start), err
		}
		passes++
		elapsed = time.Since(start)
		if rounds > 0 {
			if passes >= rounds {
				return passes, elapsed, nil
			}
		} else if elapsed >= d {
			return passes, elapsed, nil
		}
	}
}

type result struct {
	name                              string
	passes                            int
	elapsed                           time.Duration
	docsPerSec, sentsPerSec, mbPerSec float64
}

func (c *corpus) result(name string, passes int, elapsed time.Duration) result {
	sec := elapsed.Seconds()
	n := float64(passes)
	return result{
		name:        name,
		passes:      passes,
		elapsed:     elapsed,
		docsPerSec:  n * float64(len(c.docs)) / sec,
		sentsPerSec: n * float64(c.sentences) / sec,
		mbPerSec:    n * float64(c.bytes) / 1e6 / sec,
	}
}
