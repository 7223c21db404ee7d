package main

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"
)

func TestAggKey(t *testing.T) {
	overall := ActorRow{Actor: "Russia", Outlet: "RT", Month: "2024-03", VoiceType: VoiceOverall, Voice: VoiceOverall}
	author := ActorRow{Actor: "Russia", Outlet: "RT", Month: "2024-03", VoiceType: VoiceAuthor, Voice: VoiceAuthor}
	source := ActorRow{Actor: "Russia", Outlet: "RT", Month: "2024-03", VoiceType: VoiceSource, Voice: "Lavrov"}
	undated := ActorRow{Actor: "Russia", VoiceType: VoiceOverall, Voice: VoiceOverall}
	tests := []struct {
		dim  string
		row  ActorRow
		want string // "" when the row is not in the dimension
	}{
		{ByOutlet, overall, "Russia\x00RT"},
		{ByMonth, overall, "Russia\x002024-03"},
		{BySource, overall, ""},
		{ByOutlet, author, ""}, // the author's frame is in the overall one already
		{ByMonth, author, ""},
		{BySource, author, ""},
		{BySource, source, "Russia\x00Lavrov"},
		{ByOutlet, source, ""},
		{ByMonth, undated, "Russia\x00"}, // unknown month pools under ""
		{"nonsense", overall, ""},
	}
	for _, tt := range tests {
		got, ok := aggKey(tt.dim, tt.row)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("aggKey(%s, %s/%s) = %q, %v; want %q", tt.dim, tt.row.VoiceType, tt.row.Voice, got, ok, tt.want)
		}
	}
}

func TestFrameCombine(t *testing.T) {
	rows := []ActorRow{
		{Score: -0.5, Label: "negative", Role: "antagonist", FineRole: "Tyrant", Mentions: 3},
		{Score: 0.25, Label: "positive", Role: "protagonist", Mentions: 1},
		{Score: -0.25, Label: "negative", Role: "antagonist", FineRole: "Tyrant", Mentions: 2},
		{Score: 0, Label: "neutral", Role: "neutral", Mentions: 2},
	}
	want := Summary{Frames: 4, Mentions: 8, MeanScore: -0.125,
		Labels:    map[string]float64{"negative": 0.5, "positive": 0.25, "neutral": 0.25},
		Roles:     map[string]float64{"antagonist": 0.5, "protagonist": 0.25, "neutral": 0.25},
		FineRoles: map[string]float64{"Tyrant": 0.5}}
	var fn frameCombineFn
	// However the runner splits the rows over accumulators, the result is
	// the same.
	for split := range len(rows) + 1 {
		a, b := fn.CreateAccumulator(), fn.CreateAccumulator()
		for _, r := range rows[:split] {
			a = fn.AddInput(a, r)
		}
		for _, r := range rows[split:] {
			b = fn.AddInput(b, r)
		}
		got := fn.ExtractOutput(fn.MergeAccumulators(a, b))
		if !reflect.DeepEqual(got, want) {
			t.Errorf("split at %d: %+v, want %+v", split, got, want)
		}
	}
	if got := fn.ExtractOutput(fn.CreateAccumulator()); got.Frames != 0 || math.IsNaN(got.MeanScore) {
		t.Errorf("empty accumulator: %+v", got)
	}
}

func TestAggLine(t *testing.T) {
	line, err := aggLine(BySource, "Russia\x00Sergei Lavrov", Summary{Frames: 2, Mentions: 3, MeanScore: 0.5,
		Labels: map[string]float64{"positive": 1}, Roles: map[string]float64{"protagonist": 1}})
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(line), &got); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]any{"dimension": "source", "actor": "Russia", "group": "Sergei Lavrov",
		"frames": 2.0, "mentions": 3.0, "mean_score": 0.5} {
		if got[k] != want {
			t.Errorf("%s = %v, want %v in %s", k, got[k], want, line)
		}
	}
	if _, ok := got["fine_role_shares"]; ok {
		t.Errorf("fine_role_shares present with none: %s", line)
	}
}

func TestScoreRecoversPanic(t *testing.T) {
	// A scorer without a model panics inside the library; the article must
	// come back as an error for the dead letters, not take the worker down.
	var fn scoreFn
	if _, _, err := fn.score(Doc{ID: "x", Text: "Russia shelled Kharkiv."}); err == nil {
		t.Error("no error from a panicking scorer")
	}
}
