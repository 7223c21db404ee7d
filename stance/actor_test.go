package stance_test

import (
	"encoding/json"
	"testing"

	"github.com/actorframe/actorframe/features/actors"
	"github.com/actorframe/actorframe/stance"
)

// ScoreActor searches the extra actor beside the catalogue instead of
// re-indexing it; the frame must be what a re-indexed catalogue gives.
func TestScoreActorEqualsReindexedCatalogue(t *testing.T) {
	m, err := stance.Default()
	if err != nil {
		t.Fatal(err)
	}
	builtin, err := actors.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ text, name string }{
		{"Maria Alvarez, a nurse in Kharkiv, treated the wounded for days. Alvarez said she would stay. Russian shelling hit her clinic.", "Maria Alvarez"},
		{"Vladimir Putin ordered the offensive. Putin's troops shelled the city, and he praised them.", "Vladimir Putin"},
		{"The Kremlin said Russia was liberating the region. Moscow denied shelling civilians.", "Russia"},
		{"Aid workers rescued families from the rubble, residents said.", "aid workers"},
	} {
		a := actors.Actor{Name: tt.name}
		if known, ok := builtin.Lookup(tt.name); ok {
			a = known
		} else {
			a.Kind = actors.Person
		}
		cat, err := builtin.With([]actors.Actor{a})
		if err != nil {
			t.Fatal(err)
		}
		ref, err := m.WithOptions(stance.Options{Actors: cat})
		if err != nil {
			t.Fatal(err)
		}
		want, wok := ref.Score(tt.text).Actor(tt.name)
		got, gok, err := m.ScoreActor(tt.text, tt.name)
		if err != nil || gok != wok {
			t.Fatalf("%s: found %v (err %v), want %v", tt.name, gok, err, wok)
		}
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(want)
		if string(gj) != string(wj) {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, gj, wj)
		}
	}
}
