package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sjwhitworth/golearn/naive"
	"github.com/sjwhitworth/golearn/trees"
)

// tinyCorpus writes a small format M file: each sentence frames one
// actor in a way its wording makes plain, so that every classifier has
// something to learn from a few dozen rows.
func tinyCorpus(t *testing.T, dir, name string, actors []string) string {
	t.Helper()
	templates := map[int][]string{
		-1: {
			"%s bombed the hospital and killed dozens of civilians.",
			"%s was condemned for the brutal massacre of villagers.",
			"Critics accused %s of lying about the deadly attack.",
			"%s crushed the peaceful protest with tanks.",
		},
		0: {
			"%s said on Monday that the talks would resume next week.",
			"%s met officials in the capital to discuss the budget.",
			"A spokesman for %s declined to comment on the report.",
			"%s announced the schedule for the annual meeting.",
		},
		1: {
			"%s rescued the trapped children and delivered food aid.",
			"%s was praised for brokering a lasting peace deal.",
			"Volunteers thanked %s for the generous help to refugees.",
			"%s protected the families and rebuilt the school.",
		},
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	n := 0
	for _, pol := range []int{-1, 0, 1} {
		for i, tmpl := range templates[pol] {
			for j, actor := range actors {
				text := strings.Replace(tmpl, "%s", actor, 1)
				if i == 0 && j%2 == 1 {
					text = "Witnesses said " + text // vary the position of the mention
				}
				from := utf8.RuneCountInString(text[:strings.Index(text, actor)])
				n++
				err := enc.Encode(map[string]any{
					"id":   fmt.Sprintf("%s-%d", name, n),
					"text": text,
					"targets": []map[string]any{{
						"from": from, "to": from + utf8.RuneCountInString(actor), "mention": actor, "polarity": pol,
					}},
				})
				if err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// tinyComparison runs the whole comparison on a tiny corpus written
// here: features, selection, every classifier, macro-F1.
func tinyComparison(t *testing.T) (*selection, []sample, []sample, int, options, []result) {
	t.Helper()
	dir := t.TempDir()
	trainPath := tinyCorpus(t, dir, "train.jsonl", []string{"Russia", "the army", "Hamas"}) // 36 rows
	testPath := tinyCorpus(t, dir, "test.jsonl", []string{"Obama"})                         // 12 rows
	train, err := mentionFeatures(trainPath)
	if err != nil {
		t.Fatal(err)
	}
	test, err := mentionFeatures(testPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(train) != 36 || len(test) != 12 {
		t.Fatalf("got %d train and %d test samples, want 36 and 12", len(train), len(test))
	}
	dim, err := featureSpace()
	if err != nil {
		t.Fatal(err)
	}
	o := defaultOptions()
	o.k, o.minDF = 50, 1
	o.knnK, o.knnTrain, o.treeTrain, o.forestTrees, o.forestTrain = 3, 0, 0, 3, 0
	sel, rows, err := compare(train, []testSet{{"tiny", test}}, dim, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	return sel, train, test, dim, o, rows
}

// TestPipelineTiny checks that every row of the table has a macro-F1 or
// says why not.
func TestPipelineTiny(t *testing.T) {
	sel, train, test, dim, o, rows := tinyComparison(t)
	if sel.k() == 0 || sel.k() > 50 {
		t.Errorf("selected %d features, want 1..50", sel.k())
	}
	names := map[string]bool{}
	for _, r := range rows {
		names[r.name] = true
		if r.unavailable != "" {
			t.Logf("%-28s unavailable: %s", r.name, r.unavailable)
			if mustRun(r.name) {
				t.Errorf("%s: unavailable (%s), want predictions", r.name, r.unavailable)
			}
			continue
		}
		if len(r.f1) != 1 || r.f1[0] < 0 || r.f1[0] > 1 {
			t.Errorf("%s: macro-F1 %v, want one value in [0, 1]", r.name, r.f1)
			continue
		}
		t.Logf("%-28s macro-F1 %.3f accuracy %.3f", r.name, r.f1[0], r.acc[0])
	}
	for _, want := range []string{"golearn BernoulliNB", "golearn ID3 tree", "golearn random forest", "golearn KNN", "golearn LogisticRegression", "golearn LinearSVC"} {
		if !names[want] {
			t.Errorf("no row for %s", want)
		}
	}
	// The wording separates the classes completely; a head that cannot
	// learn it means the features did not reach it.
	if r := rows[0]; r.unavailable != "" || r.f1[0] < 0.6 {
		t.Errorf("actorframe head on the selected features: macro-F1 %v (%s), want at least 0.6", r.f1, r.unavailable)
	}

	var out bytes.Buffer
	lookup, err := lookupCost(sel.k())
	if err != nil {
		t.Fatal(err)
	}
	report(&out, reportInfo{opt: o, sel: sel, train: train, tests: []testSet{{"tiny", test}}, dim: dim, rows: rows, lookup: lookup})
	for _, want := range []string{"tiny F1", "golearn BernoulliNB", "What golearn could and could not do"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}

// mustRun: the rows that need nothing beyond pure Go, or cgo without
// liblinear, must always produce predictions.
func mustRun(name string) bool {
	if strings.HasPrefix(name, "actorframe") || name == "golearn BernoulliNB" || name == "golearn ID3 tree" || name == "golearn random forest" {
		return true
	}
	return name == "golearn KNN" && cgoAvailable
}

// TestLiblinearWithoutCgoCheck runs the tiny comparison again in a
// child process with GODEBUG=cgocheck=0, as `go run .` does, and wants
// predictions from golearn's liblinear models there.
func TestLiblinearWithoutCgoCheck(t *testing.T) {
	if !cgoAvailable {
		t.Skip("built without cgo: golearn's liblinear is not compiled in")
	}
	if !cgoCheckOff() {
		cmd := exec.Command(os.Args[0], "-test.run=^TestLiblinearWithoutCgoCheck$", "-test.v")
		cmd.Env = append(os.Environ(), "GODEBUG=cgocheck=0")
		out, err := cmd.CombinedOutput()
		t.Logf("child with GODEBUG=cgocheck=0:\n%s", out)
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	_, _, _, _, _, rows := tinyComparison(t)
	for _, r := range rows {
		if strings.Contains(r.name, "LogisticRegression") || strings.Contains(r.name, "LinearSVC") {
			if r.unavailable != "" {
				t.Errorf("%s with cgocheck=0: %s", r.name, r.unavailable)
				continue
			}
			t.Logf("%-28s macro-F1 %.3f", r.name, r.f1[0])
		}
	}
}

func TestSelectFeatures(t *testing.T) {
	train := []sample{
		{idx: []uint32{7, 9}, val: []float32{1, 1}, label: 0},
		{idx: []uint32{7, 9, 9}, val: []float32{1, 1, 1}, label: 0},
		{idx: []uint32{8, 9}, val: []float32{1, 1}, label: 2},
		{idx: []uint32{8, 9}, val: []float32{1, 1}, label: 2},
	}
	sel, err := selectFeatures(train, 2, "chi2", 1)
	if err != nil {
		t.Fatal(err)
	}
	// 9 is in every row and says nothing about the class.
	if sel.k() != 2 || sel.hashed[0] != 7 || sel.hashed[1] != 8 {
		t.Fatalf("chi2 kept %v, want [7 8]", sel.hashed)
	}
	if sel, err = selectFeatures(train, 1, "df", 1); err != nil || sel.hashed[0] != 9 {
		t.Fatalf("df kept %v (%v), want [9]", sel.hashed, err)
	}
	p := sel.project(train[1:2])[0]
	if len(p.idx) != 1 || p.idx[0] != 0 || p.val[0] != 2 {
		t.Errorf("project summed %v %v, want [0] [2]", p.idx, p.val)
	}
	if _, err := selectFeatures(train, 1, "gini", 1); err == nil {
		t.Error("unknown method: no error")
	}
}

// TestSmokeNewsMTSC trains on NewsMTSC dev-mt and scores dev-rw, a
// quick run on real data; the full comparison is `go run .`.
func TestSmokeNewsMTSC(t *testing.T) {
	if testing.Short() {
		t.Skip("short: skipping the NewsMTSC smoke run")
	}
	dir := defaultData
	if _, err := os.Stat(filepath.Join(dir, "dev-mt.jsonl")); err != nil {
		t.Skipf("NewsMTSC not found in %s (the shared data directory next to the repository): %v", dir, err)
	}
	train, err := mentionFeatures(filepath.Join(dir, "dev-mt.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	test, err := mentionFeatures(filepath.Join(dir, "dev-rw.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	dim, err := featureSpace()
	if err != nil {
		t.Fatal(err)
	}
	o := defaultOptions()
	o.k, o.treeTrain, o.forestTrees = 300, 100, 3
	_, rows, err := compare(train, []testSet{{"dev-rw", test}}, dim, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.unavailable != "" {
			t.Logf("%-28s unavailable: %s", r.name, r.unavailable)
			continue
		}
		t.Logf("%-28s dev-rw macro-F1 %.3f  fit %v", r.name, r.f1[0], r.fit)
	}
	// The shipped model is the reference; README's accuracy table has
	// it at 0.69 on dev-rw.
	for _, r := range rows {
		if r.name == "actorframe shipped model" && (r.unavailable != "" || r.f1[0] < 0.6) {
			t.Errorf("shipped model on dev-rw: macro-F1 %v (%s), want at least 0.6", r.f1, r.unavailable)
		}
	}
}

// TestGolearnSaveLoad backs the report's persistence line: golearn's
// naive Bayes and ID3 tree predict the same after a Save and a Load.
func TestGolearnSaveLoad(t *testing.T) {
	rows := []sample{
		{idx: []uint32{0}, val: []float32{1}, label: 0}, {idx: []uint32{0, 2}, val: []float32{1, 1}, label: 0},
		{idx: []uint32{1}, val: []float32{1}, label: 1}, {idx: []uint32{1, 2}, val: []float32{1, 1}, label: 1},
		{idx: []uint32{2}, val: []float32{1}, label: 2}, {idx: []uint32{2, 3}, val: []float32{1, 1}, label: 2},
	}
	lay := newLayout(4, true, false)
	inst, err := lay.instances(rows)
	if err != nil {
		t.Fatal(err)
	}
	type saveLoader interface {
		golearnClassifier
		Save(string) error
		Load(string) error
	}
	for name, pair := range map[string][2]saveLoader{
		"nb":  {naive.NewBernoulliNBClassifier(), naive.NewBernoulliNBClassifier()},
		"id3": {trees.NewID3DecisionTree(0), trees.NewID3DecisionTree(0)},
	} {
		if err := pair[0].Fit(inst); err != nil {
			t.Fatalf("%s: fit: %v", name, err)
		}
		path := filepath.Join(t.TempDir(), name+".cls")
		if err := pair[0].Save(path); err != nil {
			t.Fatalf("%s: save: %v", name, err)
		}
		if err := pair[1].Load(path); err != nil {
			t.Fatalf("%s: load: %v", name, err)
		}
		p0, err0 := pair[0].Predict(inst)
		p1, err1 := pair[1].Predict(inst)
		if err0 != nil || err1 != nil {
			t.Fatalf("%s: predict: %v, %v", name, err0, err1)
		}
		l0, _ := lay.labels(p0, len(rows))
		l1, err := lay.labels(p1, len(rows))
		if err != nil || !slices.Equal(l0, l1) {
			t.Errorf("%s: predictions %v before save, %v after load (%v)", name, l0, l1, err)
		}
	}
}
