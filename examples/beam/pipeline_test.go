package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/actorframe/actorframe/stance"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/xitongsys/parquet-go-source/local"
	"github.com/xitongsys/parquet-go/reader"
)

// TestMain initialises Beam, as a worker binary would, with prism, the
// in-process runner, as the default.
func TestMain(m *testing.M) { ptest.MainWithDefault(m, "prism") }

// seedsDir holds the project's seed articles, beside the repository.
const seedsDir = "../../../shared/seeds"

// testDoc is an article of the generated corpus with what the pipeline
// should make of it.
type testDoc struct {
	id, text, outlet, date string
	file                   bool // a .txt file rather than a JSONL line
}

// corpus writes a few dozen short generated articles to dir, most as
// JSONL lines (some with outlets and dates, ids as strings and numbers) and
// a few as text files, plus the malformed lines, and returns the articles.
func corpus(t *testing.T, dir string) ([]testDoc, []string) {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	actorsIn := []string{"Russia", "Ukraine", "NATO", "Hamas", "Israel", "the United Nations",
		"Vladimir Putin", "Volodymyr Zelensky", "the rebels", "the Syrian army"}
	acts := []string{"shelled hospitals in", "bombed apartment blocks in", "protected civilians in",
		"delivered food and medicine to", "negotiated a ceasefire for", "was accused of lying about",
		"condemned the attacks on", "praised the rescue workers of"}
	places := []string{"Kharkiv", "Gaza", "Aleppo", "Mariupol", "Idlib"}
	sources := []string{"Sergei Lavrov", "Antony Blinken", "a spokesman for the ministry", "RT"}
	outlets := []string{"Reuters", "RT", "Al Jazeera", ""}
	dates := []string{"2024-01-15", "2024-02-03T10:00:00Z", "March 5, 2024", "2024-03", "", "sometime last week"}
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	sentence := func() string {
		a, b := pick(actorsIn), pick(actorsIn)
		s := fmt.Sprintf("%s %s %s, where %s had troops.", a, pick(acts), pick(places), b)
		return strings.ToUpper(s[:1]) + s[1:]
	}
	var docs []testDoc
	for i := range 40 {
		var sb strings.Builder
		for range 2 + r.IntN(3) {
			sb.WriteString(sentence() + " ")
		}
		if i%3 == 0 {
			// A quoted source gives the actor a voice of its own.
			fmt.Fprintf(&sb, "\"%s %s %s,\" said %s.", pick(actorsIn), pick(acts), pick(places), pick(sources))
		}
		d := testDoc{text: strings.TrimSpace(sb.String())}
		switch {
		case i%10 == 9:
			d.id, d.file = fmt.Sprintf("story-%02d.txt", i), true
		case i%4 == 1:
			d.id = fmt.Sprint(1000 + i) // written as a JSON number
		default:
			d.id = fmt.Sprintf("doc-%02d", i)
		}
		if !d.file {
			d.outlet, d.date = outlets[i%len(outlets)], dates[i%len(dates)]
		}
		docs = append(docs, d)
	}
	bad := []string{
		`{"id": "broken", "text": "unterminated`,
		`{"id": "numeric-text", "text": 42, "outlet": "RT"}`,
		`{"id": "no-text", "outlet": "Reuters"}`,
	}
	var jl bytes.Buffer
	for i, d := range docs {
		if d.file {
			if err := os.WriteFile(filepath.Join(dir, d.id), []byte(d.text), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		m := map[string]any{"text": d.text}
		if n, err := json.Number(d.id).Int64(); err == nil {
			m["id"] = n
		} else {
			m["id"] = d.id
		}
		if d.outlet != "" {
			m["outlet"] = d.outlet
		}
		if d.date != "" {
			m["date"] = d.date
		}
		b, _ := json.Marshal(m)
		jl.Write(b)
		jl.WriteByte('\n')
		if i < len(bad) {
			// The bad lines sit between good ones: the lines after them
			// must still be read.
			jl.WriteString(bad[i] + "\n")
		}
		if i == 5 {
			jl.WriteString("\n") // a blank line is not an article
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "corpus.jsonl"), jl.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return docs, bad
}

// readLines reads a JSONL output into values of type T: the file path, or
// its shards path-NNNNN-of-NNNNN when it was written in shards.
func readLines[T any](t *testing.T, path string) []T {
	t.Helper()
	ext := filepath.Ext(path)
	shards, _ := filepath.Glob(strings.TrimSuffix(path, ext) + "-*-of-*" + ext)
	if len(shards) == 0 {
		shards = []string{path}
	}
	var out []T
	for _, p := range shards {
		out = append(out, readJSONL[T](t, p)...)
	}
	return out
}

func readJSONL[T any](t *testing.T, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v: %s", path, err, sc.Text())
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// articleLine is an articles.jsonl line with the report kept as bytes.
type articleLine struct {
	ID     string          `json:"id"`
	Outlet string          `json:"outlet"`
	Date   string          `json:"date"`
	Report json.RawMessage `json:"report"`
}

func TestPipelineGeneratedCorpus(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	docs, bad := corpus(t, in)
	const shards = 3
	met, err := Run(context.Background(), Config{
		Inputs: []string{filepath.Join(in, "*.jsonl"), filepath.Join(in, "*.txt")},
		Output: out,
		Shards: shards,
	})
	if err != nil {
		t.Fatalf("the job failed: %v", err)
	}
	for _, name := range []string{ArticlesFile, ActorsFile} {
		if got, _ := filepath.Glob(filepath.Join(out, strings.TrimSuffix(name, filepath.Ext(name))+"-*-of-*")); len(got) != shards {
			t.Errorf("%s: %d shards written, want %d: %q", name, len(got), shards, got)
		}
	}
	// 3 + 3 shards, actors.parquet is not counted, 3 aggregates, 1 dead-letter file.
	if met["output_files"] != int64(2*shards+len(Dimensions)+1) {
		t.Errorf("output_files = %d, want %d", met["output_files"], 2*shards+len(Dimensions)+1)
	}

	// Every article's report is what stance.Score says, byte for byte.
	byID := map[string]testDoc{}
	for _, d := range docs {
		byID[d.id] = d
	}
	got := readLines[articleLine](t, filepath.Join(out, ArticlesFile))
	if len(got) != len(docs) {
		t.Fatalf("%d articles written, want %d", len(got), len(docs))
	}
	seen := map[string]bool{}
	var want []ActorRow
	for _, a := range got {
		d, ok := byID[a.ID]
		if !ok || seen[a.ID] {
			t.Fatalf("article %q unexpected or repeated", a.ID)
		}
		seen[a.ID] = true
		rep := stance.Score(d.text)
		wantJSON, err := json.Marshal(rep)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Report, wantJSON) {
			t.Errorf("article %s: report differs from stance.Score\n got %s\nwant %s", a.ID, a.Report, wantJSON)
		}
		if a.Outlet != d.outlet || a.Date != d.date {
			t.Errorf("article %s: outlet, date = %q, %q, want %q, %q", a.ID, a.Outlet, a.Date, d.outlet, d.date)
		}
		want = append(want, directRows(d, rep)...)
	}

	// The actor rows are the reports' frames, one per actor and voice.
	rows := readLines[ActorRow](t, filepath.Join(out, ActorsFile))
	sortRows(rows)
	sortRows(want)
	if d := firstDiff(rows, want); d != "" {
		t.Errorf("actor rows differ from the reports' frames: %s", d)
	}
	var sources int
	for _, r := range rows {
		if r.VoiceType == VoiceSource {
			sources++
		}
	}
	if sources == 0 {
		t.Error("no quoted-source rows: the corpus should give sources a voice")
	}

	// The Parquet file holds the same rows.
	pq := readParquet(t, filepath.Join(out, ActorsParquet))
	sortRows(pq)
	if d := firstDiff(pq, rows); d != "" {
		t.Errorf("parquet rows differ from actors.jsonl: %s", d)
	}

	// Each aggregate equals the one computed here, directly from the rows.
	for _, dim := range Dimensions {
		gotAgg := readLines[AggRow](t, filepath.Join(out, AggFile(dim)))
		wantAgg := directAgg(dim, want)
		if len(gotAgg) != len(wantAgg) {
			t.Errorf("%s: %d groups, want %d", dim, len(gotAgg), len(wantAgg))
		}
		for _, g := range gotAgg {
			w, ok := wantAgg[g.Actor+"|"+g.Group]
			if !ok {
				t.Errorf("%s: unexpected group %q × %q", dim, g.Actor, g.Group)
				continue
			}
			if g.Dimension != dim || !sameSummary(g.Summary, w) {
				t.Errorf("%s: %q × %q = %+v, want %+v", dim, g.Actor, g.Group, g.Summary, w)
			}
		}
	}

	// The malformed lines are dead letters with their line, and counted;
	// the job went on past them.
	dead := readLines[DeadLetter](t, filepath.Join(out, DeadLetterFile))
	if len(dead) != len(bad) {
		t.Fatalf("%d dead letters, want %d: %+v", len(dead), len(bad), dead)
	}
	sort.Slice(dead, func(i, j int) bool { return dead[i].Raw < dead[j].Raw })
	wantBad := append([]string(nil), bad...)
	sort.Strings(wantBad)
	for i, d := range dead {
		if d.Raw != wantBad[i] || d.Stage != stageParse || !strings.Contains(d.Origin, "corpus.jsonl:") || d.Error == "" {
			t.Errorf("dead letter %+v, want the line %s at stage parse with its origin", d, wantBad[i])
		}
	}
	for name, want := range map[string]int64{
		"documents": int64(len(docs)), "input_documents": int64(len(docs)),
		"malformed_lines": int64(len(bad)), "failures": int64(len(bad)),
		"blank_lines": 1, "actor_rows": int64(len(want)),
	} {
		if met[name] != want {
			t.Errorf("metric %s = %d, want %d", name, met[name], want)
		}
	}
	var actorsN int64
	for _, a := range got {
		var rep struct{ Actors []json.RawMessage }
		json.Unmarshal(a.Report, &rep)
		actorsN += int64(len(rep.Actors))
	}
	if met["actors"] != actorsN || actorsN == 0 {
		t.Errorf("metric actors = %d, want %d", met["actors"], actorsN)
	}
}

// TestPipelineSeeds runs the pipeline on the project's seed articles and
// checks every report against stance.Score.
func TestPipelineSeeds(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	if len(paths) == 0 {
		t.Skipf("no seed articles in %s (the shared folder beside the repository): skipped", seedsDir)
	}
	out := t.TempDir()
	met, err := Run(context.Background(), Config{Inputs: []string{filepath.Join(seedsDir, "*.txt")}, Output: out})
	if err != nil {
		t.Fatal(err)
	}
	got := readLines[articleLine](t, filepath.Join(out, ArticlesFile))
	if len(got) != len(paths) || met["documents"] != int64(len(paths)) || met["failures"] != 0 {
		t.Fatalf("%d articles, metrics %v; want %d articles, no failures", len(got), met, len(paths))
	}
	for _, a := range got {
		b, err := os.ReadFile(filepath.Join(seedsDir, a.ID))
		if err != nil {
			t.Fatalf("article id %q is not a seed's base name: %v", a.ID, err)
		}
		want, _ := json.Marshal(stance.Score(string(b)))
		if !bytes.Equal(a.Report, want) {
			t.Errorf("seed %s: report differs from stance.Score", a.ID)
		}
	}
}

// TestPipelineUserActors scores with a user actor list, read the way
// examples/score reads one, and checks the reports against a model built
// directly with the same list.
func TestPipelineUserActors(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	list := `[{"name": "Zorblatt Brigade", "aliases": ["Zorblatts"], "kind": "armed_group"}]`
	actorsFile := filepath.Join(in, "actors.json")
	text := "The Zorblatt Brigade shelled the market in Aleppo. Residents said the Zorblatts killed civilians."
	os.WriteFile(actorsFile, []byte(list), 0o644)
	os.WriteFile(filepath.Join(in, "a.jsonl"), []byte(`{"id":"z","text":`+quote(text)+"}\n"), 0o644)
	cfg := ModelConfig{Actors: actorsFile, OnlyActors: true}
	if _, err := Run(context.Background(), Config{Inputs: []string{filepath.Join(in, "*.jsonl")}, Output: out, Model: cfg}); err != nil {
		t.Fatal(err)
	}
	m, err := buildModel(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	rep := m.Score(text)
	if _, ok := rep.Actor("Zorblatt Brigade"); !ok {
		t.Fatalf("the listed actor is not found: %+v", rep)
	}
	want, _ := json.Marshal(rep)
	got := readLines[articleLine](t, filepath.Join(out, ArticlesFile))
	if len(got) != 1 || !bytes.Equal(got[0].Report, want) {
		t.Errorf("report with user actors = %s, want %s", got, want)
	}
}

func quote(s string) string { b, _ := json.Marshal(s); return string(b) }

// directRows is the test's own flattening of a report into actor rows.
func directRows(d testDoc, rep stance.Report) []ActorRow {
	var out []ActorRow
	for _, a := range rep.Actors {
		frames := []struct {
			vt, v string
			f     stance.Frame
		}{{VoiceOverall, VoiceOverall, a.Frame}}
		if a.Author != nil {
			frames = append(frames, struct {
				vt, v string
				f     stance.Frame
			}{VoiceAuthor, VoiceAuthor, *a.Author})
		}
		for _, s := range a.Sources {
			frames = append(frames, struct {
				vt, v string
				f     stance.Frame
			}{VoiceSource, fmt.Sprint(s.Source), s.Frame})
		}
		for _, f := range frames {
			out = append(out, ActorRow{Article: d.id, Outlet: d.outlet, Date: d.date, Month: month(d.date),
				Actor: fmt.Sprint(a.Actor), Kind: fmt.Sprint(a.Kind), Parent: fmt.Sprint(a.Parent),
				VoiceType: f.vt, Voice: f.v, Score: f.f.Score, Label: fmt.Sprint(f.f.Label),
				Confidence: f.f.Confidence, Role: fmt.Sprint(f.f.Role), FineRole: fmt.Sprint(f.f.FineRole),
				Mentions: int64(f.f.Mentions)})
		}
	}
	return out
}

// directAgg computes an aggregate with plain loops, apart from the
// pipeline's CombineFn, keyed by "actor|group".
func directAgg(dim string, rows []ActorRow) map[string]Summary {
	type acc struct {
		n, mentions       int64
		sum               float64
		labels, roles, fr map[string]int64
	}
	groups := map[string]*acc{}
	for _, r := range rows {
		var group string
		switch {
		case dim == ByOutlet && r.VoiceType == VoiceOverall:
			group = r.Outlet
		case dim == ByMonth && r.VoiceType == VoiceOverall:
			group = r.Month
		case dim == BySource && r.VoiceType == VoiceSource:
			group = r.Voice
		default:
			continue
		}
		k := r.Actor + "|" + group
		a := groups[k]
		if a == nil {
			a = &acc{labels: map[string]int64{}, roles: map[string]int64{}, fr: map[string]int64{}}
			groups[k] = a
		}
		a.n++
		a.mentions += r.Mentions
		a.sum += r.Score
		a.labels[r.Label]++
		a.roles[r.Role]++
		if r.FineRole != "" {
			a.fr[r.FineRole]++
		}
	}
	out := map[string]Summary{}
	for k, a := range groups {
		s := Summary{Frames: a.n, Mentions: a.mentions, MeanScore: a.sum / float64(a.n),
			Labels: map[string]float64{}, Roles: map[string]float64{}}
		for l, c := range a.labels {
			s.Labels[l] = float64(c) / float64(a.n)
		}
		for l, c := range a.roles {
			s.Roles[l] = float64(c) / float64(a.n)
		}
		if len(a.fr) > 0 {
			s.FineRoles = map[string]float64{}
			for l, c := range a.fr {
				s.FineRoles[l] = float64(c) / float64(a.n)
			}
		}
		out[k] = s
	}
	return out
}

// sameSummary compares summaries, the mean up to the rounding that a
// different order of addition on the workers can cause.
func sameSummary(a, b Summary) bool {
	return a.Frames == b.Frames && a.Mentions == b.Mentions &&
		math.Abs(a.MeanScore-b.MeanScore) < 1e-9 &&
		reflect.DeepEqual(a.Labels, b.Labels) && reflect.DeepEqual(a.Roles, b.Roles) &&
		reflect.DeepEqual(a.FineRoles, b.FineRoles)
}

// firstDiff describes the first difference between two sorted row lists,
// or returns "" when they are equal.
func firstDiff(got, want []ActorRow) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf("row %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	if len(got) != len(want) {
		return fmt.Sprintf("%d rows, want %d", len(got), len(want))
	}
	return ""
}

func sortRows(rs []ActorRow) {
	key := func(r ActorRow) string {
		return strings.Join([]string{r.Article, r.Actor, r.VoiceType, r.Voice}, "\x00")
	}
	sort.Slice(rs, func(i, j int) bool { return key(rs[i]) < key(rs[j]) })
}

// readParquet reads the actor rows back with the Parquet reader that
// parquetio itself uses.
func readParquet(t *testing.T, path string) []ActorRow {
	t.Helper()
	f, err := local.NewLocalFileReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pr, err := reader.NewParquetReader(f, new(ActorRow), 1)
	if err != nil {
		t.Fatal(err)
	}
	defer pr.ReadStop()
	rows := make([]ActorRow, pr.GetNumRows())
	if err := pr.Read(&rows); err != nil {
		t.Fatal(err)
	}
	return rows
}
