package actors

import (
	"fmt"
	"strings"
	"testing"
)

// TestKinds checks that Read, New and With accept every documented kind
// and no kind, and refuse any other kind naming the entry.
func TestKinds(t *testing.T) {
	tests := []struct {
		kind Kind
		ok   bool
	}{
		{"", true},
		{Country, true},
		{Government, true},
		{Military, true},
		{Person, true},
		{Organisation, true},
		{ArmedGroup, true},
		{Media, true},
		{Group, true},
		{Place, true},
		{"Place", false},
		{"spaceship", false},
		{"Person", false}, // kinds are case-sensitive: reports print them as given
		{"organization", false},
		{" person", false},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			list := []Actor{{Name: "Ada Lovelace", Kind: Person}, {Name: "Starship Ent", Kind: tt.kind}}
			js := fmt.Sprintf(`[{"name": "Ada Lovelace", "kind": "person"}, {"name": "Starship Ent", "kind": %q}]`, tt.kind)
			_, readErr := Read(strings.NewReader(js))
			_, newErr := New(list)
			_, withErr := mustDefault().With(list)
			for name, err := range map[string]error{"Read": readErr, "New": newErr, "With": withErr} {
				if tt.ok {
					if err != nil {
						t.Errorf("%s refused kind %q: %v", name, tt.kind, err)
					}
					continue
				}
				if err == nil {
					t.Errorf("%s accepted kind %q", name, tt.kind)
					continue
				}
				for _, want := range []string{"entry 1", `"Starship Ent"`, fmt.Sprintf("%q", tt.kind), "armed_group"} {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("%s error %q does not name %s", name, err, want)
					}
				}
			}
		})
	}
}
