package main

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestSplitSentences(t *testing.T) {
	text := "Talks stall in Geneva\n\nThe envoy said the truce was \"close to collapse.\" " +
		"Was it? Nobody knows! Shelling resumed at 3.30 a.m. on Tuesday.\n" +
		"Aid groups called it “a catastrophe.” \n  \nThe end"
	want := []string{
		"Talks stall in Geneva",
		"The envoy said the truce was \"close to collapse.\"",
		"Was it?",
		"Nobody knows!",
		"Shelling resumed at 3.30 a.m.",
		"on Tuesday.",
		"Aid groups called it “a catastrophe.”",
		"The end",
	}
	got := splitSentences(text, nil)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("splitSentences:\n got %q\nwant %q", got, want)
	}
	if got := splitSentences(" \n\n ", nil); len(got) != 0 {
		t.Errorf("blank text: got %q, want none", got)
	}
	if got := splitSentences("No full stop at the end", nil); len(got) != 1 {
		t.Errorf("one unterminated sentence: got %q", got)
	}
}

func TestMeasure(t *testing.T) {
	n := 0
	pass := func() error { n++; return nil }
	passes, _, err := measure(pass, time.Hour, 5)
	if err != nil || passes != 5 || n != 5 {
		t.Errorf("rounds 5: %d passes (%d calls), err %v", passes, n, err)
	}

	n = 0
	slow := func() error { n++; time.Sleep(2 * time.Millisecond); return nil }
	passes, elapsed, err := measure(slow, 10*time.Millisecond, 0)
	if err != nil || passes != n || passes < 1 || elapsed < 10*time.Millisecond {
		t.Errorf("duration 10ms: %d passes (%d calls) in %v, err %v", passes, n, elapsed, err)
	}

	boom := errors.New("boom")
	if _, _, err := measure(func() error { return boom }, time.Second, 0); !errors.Is(err, boom) {
		t.Errorf("failing pass: err %v, want boom", err)
	}
}

func TestReadJSONL(t *testing.T) {
	in := `{"id":"a","text":"One. Two."}` + "\n\n" + `{"text":"Three!"}` + "\n"
	docs, err := readJSONL(strings.NewReader(in), "x.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].ID != "a" || docs[1].ID != "x.jsonl:3" || docs[1].Text != "Three!" {
		t.Errorf("got %+v", docs)
	}
	if _, err := readJSONL(strings.NewReader("{oops\n"), "bad.jsonl"); err == nil {
		t.Error("bad JSON: no error")
	}
}

func TestRunSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("loads both models")
	}
	var out, errOut strings.Builder
	err := run([]string{"-repeat", "2", "-rounds", "1", "-warmup", "0", "-workers", "2"}, &out, &errOut)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, errOut.String())
	}
	for _, want := range []string{"actorframe stance.Score", "govader PolarityScores", "ScoreAll, 2 workers", "the speed of govader (MB/s ratio)"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
