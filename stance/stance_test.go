package stance_test

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/actorframe/actorframe/stance"
)

func model(t testing.TB) *stance.Model {
	t.Helper()
	m, err := stance.Default()
	if err != nil {
		t.Fatalf("embedded model: %v", err)
	}
	return m
}

func article(tb testing.TB) string {
	b, err := os.ReadFile(filepath.Join("..", "features", "testdata", "article.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// checkReport asserts the invariants every report keeps.
func checkReport(t *testing.T, text string, rep stance.Report) {
	t.Helper()
	for _, a := range rep.Actors {
		frames := []stance.Frame{a.Frame}
		if a.Author != nil {
			frames = append(frames, *a.Author)
		}
		for _, s := range a.Sources {
			frames = append(frames, s.Frame)
		}
		for _, f := range frames {
			if math.IsNaN(f.Score) || f.Score < -1 || f.Score > 1 {
				t.Fatalf("%s: score %v outside [-1, 1]", a.Actor, f.Score)
			}
		}
		for _, m := range a.MentionList {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
				t.Fatalf("%s: span [%d,%d) outside text of %d bytes", a.Actor, m.Start, m.End, len(text))
			}
			if !utf8.RuneStart(text[m.Start]) || m.End < len(text) && !utf8.RuneStart(text[m.End]) {
				t.Fatalf("%s: span [%d,%d) not on rune boundaries", a.Actor, m.Start, m.End)
			}
			if text[m.Start:m.End] != m.Text {
				t.Fatalf("%s: mention text %q != text at span %q", a.Actor, m.Text, text[m.Start:m.End])
			}
			if math.IsNaN(m.Score) || m.Score < -1 || m.Score > 1 {
				t.Fatalf("%s: mention score %v", a.Actor, m.Score)
			}
		}
	}
}

func TestScoreFramesActors(t *testing.T) {
	m := model(t)
	tests := []struct {
		text, actor string
		sign        int // -1 hostile, +1 sympathetic
	}{
		{"Russian jets bombed hospitals and killed dozens of civilians in a brutal attack.", "Russia", -1},
		{"Turkey's brave rescue workers saved hundreds of families and were praised for their heroic work.", "Turkey", +1},
		{"The United Nations condemned the massacre and blamed Iran for the atrocities.", "Iran", -1},
	}
	for _, tt := range tests {
		rep := m.Score(tt.text)
		checkReport(t, tt.text, rep)
		a, ok := rep.Actor(tt.actor)
		if !ok {
			t.Errorf("%q: %s not found; report %+v", tt.text, tt.actor, names(rep))
			continue
		}
		if got := sign(a.Score); got != tt.sign {
			t.Errorf("%q: %s score %+.2f, want sign %d (evidence %v)", tt.text, tt.actor, a.Score, tt.sign, a.Evidence)
		}
		if len(a.Evidence) == 0 {
			t.Errorf("%q: no evidence for %s", tt.text, tt.actor)
		}
	}
}

func names(rep stance.Report) []string {
	var n []string
	for _, a := range rep.Actors {
		n = append(n, a.Actor)
	}
	return n
}

func sign(x float64) int {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

func TestVoicesAreSeparated(t *testing.T) {
	m := model(t)
	text := `Russian forces shelled the city again on Monday. "Russia is liberating the people from terrorists and protecting civilians," the Kremlin spokesman said.`
	rep := m.Score(text)
	checkReport(t, text, rep)
	a, ok := rep.Actor("Russia")
	if !ok {
		t.Fatalf("Russia not found: %v", names(rep))
	}
	if a.Author == nil || len(a.Sources) == 0 {
		t.Fatalf("Russia: want an author frame and a source frame, got author %v sources %+v", a.Author, a.Sources)
	}
	if a.Sources[0].Score <= a.Author.Score {
		t.Errorf("quoted voice %+.2f should be warmer than the author's %+.2f", a.Sources[0].Score, a.Author.Score)
	}
}

func TestScoreMention(t *testing.T) {
	m := model(t)
	text := "Assad's forces besieged the town and starved its people."
	ms, err := m.ScoreMention(text, 0, 5)
	if err != nil {
		t.Fatal(err)
	}
	if ms.Text != "Assad" || ms.Score >= 0 || ms.Voice.Kind != stance.AuthorVoice {
		t.Errorf("mention = %+v", ms.Mention)
	}
	for _, bad := range [][2]int{{-1, 3}, {3, 3}, {0, 999}, {5, 2}} {
		if _, err := m.ScoreMention(text, bad[0], bad[1]); !errors.Is(err, stance.ErrSpan) {
			t.Errorf("span %v: err = %v, want ErrSpan", bad, err)
		}
	}
	if _, err := m.ScoreMention("é", 1, 2); !errors.Is(err, stance.ErrSpan) {
		t.Errorf("mid-rune span accepted: %v", err)
	}
}

func TestScoreActorFindsSurnameAndPronouns(t *testing.T) {
	m := model(t)
	text := "Fernando Lugo won the vote. Lugo promised to fight corruption, and his supporters cheered him."
	a, found, err := m.ScoreActor(text, "Fernando Lugo")
	if err != nil || !found {
		t.Fatalf("found %v, err %v", found, err)
	}
	if len(a.MentionList) < 3 {
		t.Errorf("want the full name, the surname and pronouns; got %+v", a.MentionList)
	}
	if _, _, err := m.ScoreActor(text, "  "); !errors.Is(err, stance.ErrActorName) {
		t.Errorf("empty name: err = %v", err)
	}
	if _, found, _ := m.ScoreActor(text, "Angela Merkel"); found {
		t.Error("absent actor reported as found")
	}
}

func TestHostileInput(t *testing.T) {
	m := model(t)
	inputs := []string{
		"",
		"\x00\x00\xff\xfe",
		"<html><body><p>Russia &amp; Iran</p><script>var x = \"Assad\";</script></body></html>",
		strings.Repeat("\"", 1000) + "Russia",
		strings.Repeat("Russia ", 20000),
		strings.Repeat("“Assad said ‘Russia’ ", 500),
		strings.Repeat("a", 1<<20) + " Russia",
	}
	for _, in := range inputs {
		rep := m.Score(in)
		checkReport(t, in, rep)
	}
}

func TestConcurrentScoringIsConsistent(t *testing.T) {
	m := model(t)
	text := article(t)
	want, _ := json.Marshal(m.Score(text))
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				got, _ := json.Marshal(m.Score(text))
				if string(got) != string(want) {
					errs <- "concurrent Score differs from a lone Score"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

func TestScoreAllMatchesScore(t *testing.T) {
	m := model(t)
	base := article(t)
	var docs []stance.Document
	for i, p := range strings.Split(base, "\n\n") {
		docs = append(docs, stance.Document{ID: string(rune('a' + i)), Text: p})
	}
	var got []stance.Result
	for r, err := range m.ScoreAll(context.Background(), slices.Values(docs), 3) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, r)
	}
	if len(got) != len(docs) {
		t.Fatalf("%d results for %d documents", len(got), len(docs))
	}
	for i, d := range docs {
		want, _ := json.Marshal(m.Score(d.Text))
		have, _ := json.Marshal(got[i].Report)
		if got[i].ID != d.ID || string(want) != string(have) {
			t.Errorf("document %d: batch result differs from Score (id %q)", i, got[i].ID)
		}
	}
}

func TestScoreAllCancel(t *testing.T) {
	m := model(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	endless := func(yield func(stance.Document) bool) {
		for {
			if !yield(stance.Document{Text: "Russia struck Aleppo."}) {
				return
			}
		}
	}
	n := 0
	var last error
	for _, err := range m.ScoreAll(ctx, endless, 2) {
		if err != nil {
			last = err
			break
		}
		if n++; n == 10 {
			cancel()
		}
	}
	if !errors.Is(last, context.Canceled) {
		t.Fatalf("after cancel: err = %v, want context.Canceled", last)
	}
}

func TestLoadErrors(t *testing.T) {
	if _, err := stance.Load(strings.NewReader("not a model")); err == nil {
		t.Error("garbage accepted as a model")
	}
	if _, err := stance.LoadFile(filepath.Join(t.TempDir(), "missing.afm")); err == nil {
		t.Error("missing file accepted")
	}
}
