package stance_test

import (
	"testing"

	"github.com/actorframe/actorframe/stance"
)

// Roles depend on each other: who harms whom casts the harmed as
// innocent, the harmer as antagonist and whoever stops or relieves the
// harm as protagonist. Actors the catalogue does not hold are scored with
// ScoreActor, as a caller naming them would.
func TestRolesWhoHarmsWhom(t *testing.T) {
	m := model(t)
	for _, tt := range []struct {
		text, actor string
		want        stance.Role
	}{
		{"The militia shelled the village, killing dozens of civilians. Volunteers rescued the survivors.", "civilians", stance.Innocent},
		{"The militia shelled the village, killing dozens of civilians. Volunteers rescued the survivors.", "militia", stance.Antagonist},
		{"The militia shelled the village, killing dozens of civilians. Volunteers rescued the survivors.", "Volunteers", stance.Protagonist},
		{"Russian troops shelled Kharkiv overnight, killing four residents.", "Russia", stance.Antagonist},
		{"Russian troops shelled Kharkiv overnight, killing four residents.", "residents", stance.Innocent},
		{"Hamas gunmen attacked Israeli towns. Egypt mediated a ceasefire and aid workers fed displaced families.", "Hamas", stance.Antagonist},
		{"Hamas gunmen attacked Israeli towns. Egypt mediated a ceasefire and aid workers fed displaced families.", "Egypt", stance.Protagonist},
		{"Hamas gunmen attacked Israeli towns. Egypt mediated a ceasefire and aid workers fed displaced families.", "aid workers", stance.Protagonist},
	} {
		a, found, err := m.ScoreActor(tt.text, tt.actor)
		if err != nil || !found {
			t.Errorf("%q: %s not found (%v)", tt.text, tt.actor, err)
			continue
		}
		if a.Role != tt.want {
			t.Errorf("%q: %s is %s, want %s", tt.text, tt.actor, a.Role, tt.want)
		}
	}
}
