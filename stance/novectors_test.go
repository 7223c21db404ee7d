package stance_test

import (
	"testing"

	"github.com/actorframe/actorframe/stance"
)

// TestNoWordVectors: skipping the word-vector view changes scores, never
// which actors are found or what their mentions are.
func TestNoWordVectors(t *testing.T) {
	m := model(t)
	fast, err := m.WithOptions(stance.Options{NoWordVectors: true})
	if err != nil {
		t.Fatal(err)
	}
	text := "Russian jets bombed the market, killing 14 people. Volunteers rescued the survivors, and the UN condemned the strike."
	a, b := m.Score(text), fast.Score(text)
	if len(a.Actors) != len(b.Actors) {
		t.Fatalf("%d actors with the vector view, %d without", len(a.Actors), len(b.Actors))
	}
	names := map[string]int{}
	for _, f := range a.Actors {
		names[f.Actor] = f.Mentions
	}
	for _, f := range b.Actors {
		if n, ok := names[f.Actor]; !ok || n != f.Mentions {
			t.Errorf("%s: %d mentions without the vector view, %d with", f.Actor, f.Mentions, n)
		}
		if f.Score < -1 || f.Score > 1 {
			t.Errorf("%s: score %v outside [-1, 1]", f.Actor, f.Score)
		}
	}
}
