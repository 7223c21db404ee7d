package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/actorframe/actorframe/features/actors"
	"github.com/actorframe/actorframe/stance"
	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/log"
)

// metricNS is the namespace of the pipeline's Beam metrics.
const metricNS = "actorframe"

// ModelConfig says which model and actor list score the articles. Paths
// are read through Beam's file systems, so on a cluster they name shared
// storage (gs://..., or a path every worker sees), not the submitter's disk.
type ModelConfig struct {
	// Model is a model file written by the train command; "" is the
	// embedded model.
	Model string
	// Actors is a JSON list of {"name","aliases","parent","kind"}, the
	// format of examples/score -actors; "" adds none.
	Actors string
	// OnlyActors uses only the listed actors, not the built-in catalogue.
	OnlyActors bool
	// AuthorOnly counts only the author's voice in actor scores.
	AuthorOnly bool
}

// models caches one model per configuration and process: Beam runs several
// instances of a DoFn in one worker process, and each would otherwise decode
// its own copy of a multi-megabyte model.
var models = struct {
	sync.Mutex
	m map[ModelConfig]*stance.Model
}{m: map[ModelConfig]*stance.Model{}}

// loadModel returns the model cfg describes, loading it on first use in
// this process.
func loadModel(ctx context.Context, cfg ModelConfig) (*stance.Model, error) {
	models.Lock()
	defer models.Unlock()
	if m, ok := models.m[cfg]; ok {
		return m, nil
	}
	m, err := buildModel(ctx, cfg)
	if err != nil {
		return nil, err
	}
	models.m[cfg] = m
	return m, nil
}

// buildModel follows examples/score's loadModel, reading through Beam's
// file systems instead of the local disk.
func buildModel(ctx context.Context, cfg ModelConfig) (*stance.Model, error) {
	var m *stance.Model
	var err error
	if cfg.Model == "" {
		m, err = stance.Default()
	} else {
		err = readFile(ctx, cfg.Model, func(r io.Reader) error {
			m, err = stance.Load(r)
			return err
		})
	}
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", cfg.Model, err)
	}
	opt := m.Options()
	opt.AuthorOnly = cfg.AuthorOnly
	if cfg.Actors != "" {
		var list []actors.Actor
		err := readFile(ctx, cfg.Actors, func(r io.Reader) error {
			list, err = actors.Read(r)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("actors %s: %w", cfg.Actors, err)
		}
		var cat *actors.Catalogue
		if cfg.OnlyActors {
			cat, err = actors.New(list)
		} else if cat, err = actors.Default(); err == nil {
			cat, err = cat.With(list)
		}
		if err != nil {
			return nil, fmt.Errorf("actors %s: %w", cfg.Actors, err)
		}
		opt.Actors = cat
		// only the listed actors: discovery would add every other name
		opt.NoDiscover = cfg.OnlyActors
	} else if cfg.OnlyActors {
		return nil, errors.New("-only-actors needs -actors FILE")
	}
	return m.WithOptions(opt)
}

// readFile opens p on the Beam file system its scheme names and passes it
// to read.
func readFile(ctx context.Context, p string, read func(io.Reader) error) error {
	fs, err := filesystem.New(ctx, p)
	if err != nil {
		return err
	}
	defer fs.Close()
	rc, err := fs.OpenRead(ctx, p)
	if err != nil {
		return err
	}
	defer rc.Close()
	return read(rc)
}

// ActorRow is how one article frames one actor in one voice: the table
// analysts load. Voice is "overall" for the actor's frame in the whole
// article, "author" for the author's own voice, or the name of a quoted
// source; VoiceType is "overall", "author" or "source", so that a source
// that happens to be called "author" stays apart.
type ActorRow struct {
	Article    string  `json:"article" parquet:"name=article, type=BYTE_ARRAY, convertedtype=UTF8"`
	Outlet     string  `json:"outlet" parquet:"name=outlet, type=BYTE_ARRAY, convertedtype=UTF8, encoding=PLAIN_DICTIONARY"`
	Date       string  `json:"date" parquet:"name=date, type=BYTE_ARRAY, convertedtype=UTF8"`
	Month      string  `json:"month" parquet:"name=month, type=BYTE_ARRAY, convertedtype=UTF8, encoding=PLAIN_DICTIONARY"`
	Actor      string  `json:"actor" parquet:"name=actor, type=BYTE_ARRAY, convertedtype=UTF8"`
	Kind       string  `json:"kind" parquet:"name=kind, type=BYTE_ARRAY, convertedtype=UTF8, encoding=PLAIN_DICTIONARY"`
	Parent     string  `json:"parent" parquet:"name=parent, type=BYTE_ARRAY, convertedtype=UTF8"`
	VoiceType  string  `json:"voice_type" parquet:"name=voice_type, type=BYTE_ARRAY, convertedtype=UTF8, encoding=PLAIN_DICTIONARY"`
	Voice      string  `json:"voice" parquet:"name=voice, type=BYTE_ARRAY, convertedtype=UTF8"`
	Score      float64 `json:"score" parquet:"name=score, type=DOUBLE"`
	Label      string  `json:"label" parquet:"name=label, type=BYTE_ARRAY, convertedtype=UTF8, encoding=PLAIN_DICTIONARY"`
	Confidence float64 `json:"confidence" parquet:"name=confidence, type=DOUBLE"`
	Role       string  `json:"role" parquet:"name=role, type=BYTE_ARRAY, convertedtype=UTF8, encoding=PLAIN_DICTIONARY"`
	FineRole   string  `json:"fine_role" parquet:"name=fine_role, type=BYTE_ARRAY, convertedtype=UTF8, encoding=PLAIN_DICTIONARY"`
	Mentions   int64   `json:"mentions" parquet:"name=mentions, type=INT64"`
}

// Voice types of an ActorRow.
const (
	VoiceOverall = "overall"
	VoiceAuthor  = "author"
	VoiceSource  = "source"
)

// Article is one line of the per-article output.
type Article struct {
	ID     string          `json:"id"`
	Outlet string          `json:"outlet,omitempty"`
	Date   string          `json:"date,omitempty"`
	Report json.RawMessage `json:"report"` // a stance.Report, as it encodes itself
}

// rows flattens a report into actor rows: per actor, the overall frame,
// the author's frame when the author speaks of it, and one per quoted
// source. Text fields go through fmt.Sprint so that they read the same
// whether stance spells them as strings or as named types.
func rows(d Doc, rep stance.Report) []ActorRow {
	mon := month(d.Date)
	var out []ActorRow
	for _, a := range rep.Actors {
		base := ActorRow{Article: d.ID, Outlet: d.Outlet, Date: d.Date, Month: mon,
			Actor: fmt.Sprint(a.Actor), Kind: fmt.Sprint(a.Kind), Parent: fmt.Sprint(a.Parent)}
		add := func(vt, voice string, f stance.Frame) {
			r := base
			r.VoiceType, r.Voice = vt, voice
			r.Score, r.Label, r.Confidence = f.Score, fmt.Sprint(f.Label), f.Confidence
			r.Role, r.FineRole, r.Mentions = fmt.Sprint(f.Role), fmt.Sprint(f.FineRole), int64(f.Mentions)
			out = append(out, r)
		}
		add(VoiceOverall, VoiceOverall, a.Frame)
		if a.Author != nil {
			add(VoiceAuthor, VoiceAuthor, *a.Author)
		}
		for _, s := range a.Sources {
			add(VoiceSource, fmt.Sprint(s.Source), s.Frame)
		}
	}
	return out
}

// scoreFn scores articles. The model is loaded once per worker process in
// Setup, not per element nor per bundle.
type scoreFn struct {
	Config ModelConfig

	model    *stance.Model
	docs     beam.Counter
	actors   beam.Counter
	rowsN    beam.Counter
	failures beam.Counter
	scoreErr beam.Counter
	bytes    beam.Distribution
}

func (fn *scoreFn) Setup(ctx context.Context) error {
	m, err := loadModel(ctx, fn.Config)
	if err != nil {
		// A model that does not load fails every element alike: better to
		// stop at once with the reason than to dead-letter the corpus.
		return err
	}
	fn.model = m
	fn.docs = beam.NewCounter(metricNS, "documents")
	fn.actors = beam.NewCounter(metricNS, "actors")
	fn.rowsN = beam.NewCounter(metricNS, "actor_rows")
	fn.failures = beam.NewCounter(metricNS, "failures")
	fn.scoreErr = beam.NewCounter(metricNS, "score_failures")
	fn.bytes = beam.NewDistribution(metricNS, "document_bytes")
	return nil
}

func (fn *scoreFn) ProcessElement(ctx context.Context, d Doc, article func(string), row func(ActorRow), dead func(DeadLetter)) {
	rep, line, err := fn.score(d)
	if err != nil {
		fn.failures.Inc(ctx, 1)
		fn.scoreErr.Inc(ctx, 1)
		log.Warnf(ctx, "actorframe: dead letter %s (score): %v", d.Origin, err)
		dead(DeadLetter{Origin: d.Origin, Stage: stageScore, Error: fmt.Sprintf("article %q: %v", d.ID, err)})
		return
	}
	fn.docs.Inc(ctx, 1)
	fn.bytes.Update(ctx, int64(len(d.Text)))
	fn.actors.Inc(ctx, int64(len(rep.Actors)))
	article(line)
	rs := rows(d, rep)
	fn.rowsN.Inc(ctx, int64(len(rs)))
	for _, r := range rs {
		row(r)
	}
}

// score scores one article and encodes its output line. A panic in the
// library on some pathological text becomes that article's error: one bad
// article in a corpus of millions must not fail the job after hours.
func (fn *scoreFn) score(d Doc) (rep stance.Report, line string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic while scoring: %v", p)
		}
	}()
	rep = fn.model.Score(d.Text)
	raw, err := json.Marshal(rep)
	if err != nil {
		return rep, "", err
	}
	b, err := json.Marshal(Article{ID: d.ID, Outlet: d.Outlet, Date: d.Date, Report: raw})
	return rep, string(b), err
}
