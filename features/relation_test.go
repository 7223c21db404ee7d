package features_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/actorframe/actorframe/features"
)

// The relation families on sentences of several actors: who accuses,
// defeats or praises whom, and whose the sentiment words are.
func TestRelationFeatures(t *testing.T) {
	checkFeatures(t, features.DefaultConfig(), []featureCase{
		// relations: the mention as the one who acts or undergoes
		{"The senator accused the mayor of fraud.", "senator", []string{"mayor"},
			[]string{"⟨T⟩ agent of accusing with ⟨O⟩ (accused)", "⟨T⟩ does: accused"}, []string{"⟨T⟩ patient of accusing (accused)"}},
		{"The senator accused the mayor of fraud.", "mayor", []string{"senator"},
			[]string{"⟨T⟩ patient of accusing with ⟨O⟩ (accused)", "⟨T⟩ undergoes: accused"}, nil},
		{"The mayor was indicted on Tuesday.", "mayor", nil,
			[]string{"⟨T⟩ patient of prosecuting (indicted)"}, []string{"⟨T⟩ agent of prosecuting (indicted)"}},
		{"The incumbent was defeated by the challenger.", "challenger", []string{"incumbent"},
			[]string{"⟨T⟩ agent of defeating with ⟨O⟩ (defeated)"}, nil},
		{"The incumbent was defeated by the challenger.", "incumbent", []string{"challenger"},
			[]string{"⟨T⟩ patient of defeating (defeated)"}, nil},
		{"The governor has repeatedly praised the workers.", "governor", []string{"workers"},
			[]string{"⟨T⟩ agent of praising with ⟨O⟩ (praised)"}, nil},
		{"Criticism of the president grew.", "president", nil,
			[]string{"⟨T⟩ patient of accusing (criticism)"}, nil},
		{"The senator did not defend the mayor.", "senator", []string{"mayor"},
			[]string{"not(⟨T⟩ agent of defending with ⟨O⟩ (defend))"}, []string{"⟨T⟩ agent of defending (defend)"}},
		{"The senator lost the election.", "senator", nil,
			[]string{"⟨T⟩ agent of losing (lost)"}, nil},
		// lexicon by owner: the violence is the other actor's
		{"Police said the gunman killed three people in a horrific attack.", "Police", []string{"gunman"},
			[]string{"lexicon−: horrific (what ⟨T⟩ says)"}, []string{"lexicon−: horrific (⟨T⟩'s clause, nearest ⟨T⟩)"}},
		{"The senator praised the volunteers, but the mayor attacked the brutal police.", "senator", []string{"volunteers", "mayor", "police"},
			[]string{"lexicon−: brutal (⟨O⟩'s clause)"}, nil},
		{"The brutal mayor met the kind senator.", "mayor", []string{"senator"},
			[]string{"lexicon−: brutal (⟨T⟩'s clause, nearest ⟨T⟩)", "lexicon+: kind (⟨T⟩'s clause, nearest ⟨O⟩)"}, nil},
		{"The senator accused the mayor of fraud.", "senator", []string{"mayor"},
			[]string{"lexicon−: fraud (what ⟨T⟩ accuses of)"}, nil},
		{"“The plan is a disaster,” said the senator.", "senator", nil,
			[]string{"lexicon−: disaster (what ⟨T⟩ says)"}, nil},
	}, relOnly)
}

// relOnly keeps the names of the relation families, for messages.
func relOnly(names []string) []string {
	var out []string
	for _, n := range names {
		if strings.Contains(n, " of ") && strings.HasPrefix(n, "⟨T⟩ ") || strings.Contains(n, "⟨T⟩ does") ||
			strings.Contains(n, "undergoes") || strings.Contains(n, "|") || strings.HasPrefix(n, "lexicon") && strings.Contains(n, "⟨") {
			out = append(out, n)
		}
	}
	return out
}

// The families the default leaves off: window words past the mention's
// clause, and the words of other actors' clauses.
func TestClauseScopedWords(t *testing.T) {
	cfg := features.DefaultConfig()
	if err := cfg.Apply("+winclause,+oclause"); err != nil {
		t.Fatal(err)
	}
	got := names(cfg, "The senator won, but the mayor lost badly.", "senator", "mayor")
	for _, w := range []string{"⟨T⟩ … | lost", "⟨O⟩'s clause: lost"} {
		if !slices.Contains(got, w) {
			t.Errorf("missing %q; got %q", w, got)
		}
	}
	for _, w := range []string{"⟨T⟩ … | won", "⟨O⟩'s clause: won"} {
		if slices.Contains(got, w) {
			t.Errorf("unexpected %q", w)
		}
	}
}

// What the other actors do, for a bystander (otherrel, off by default).
func TestOtherRelations(t *testing.T) {
	cfg := features.DefaultConfig()
	if err := cfg.Apply("+otherrel"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text, target string
		others       []string
		want         string
	}{
		{"The gunman attacked the crowd near the mayor's office.", "mayor", []string{"gunman", "crowd"}, "⟨O⟩ agent of accusing (attacked)"},
		{"The gunman attacked the crowd near the mayor's office.", "mayor", []string{"gunman", "crowd"}, "⟨O⟩ patient of accusing (attacked)"},
		{"The senator spoke, but the rebels were crushed.", "senator", []string{"rebels"}, "⟨O⟩ in another clause patient of attacking (crushed)"},
	} {
		got := names(cfg, tt.text, tt.target, tt.others...)
		if !slices.Contains(got, tt.want) {
			t.Errorf("%q in %q: missing %q; got %q", tt.target, tt.text, tt.want, got)
		}
	}
	if got := names(features.DefaultConfig(), "The gunman attacked the crowd.", "crowd", "gunman"); slices.ContainsFunc(got, func(n string) bool { return strings.HasPrefix(n, "⟨O⟩ agent") }) {
		t.Errorf("otherrel is on by default: %q", got)
	}
}
