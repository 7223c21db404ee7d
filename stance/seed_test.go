package stance_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/actorframe/actorframe/stance"
)

// readSeed returns the seed article whose name starts with prefix, from
// ../shared/seeds, or skips the test when the shared data is absent.
func readSeed(t *testing.T, prefix string) string {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join("..", "..", "shared", "seeds", prefix+"_*.txt"))
	if len(paths) == 0 {
		t.Skipf("no seed article %s_*.txt in ../shared/seeds: the shared data is not beside the repository", prefix)
	}
	b, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func sourceFrame(a stance.ActorFrame, source string) (stance.SourceFrame, bool) {
	for _, s := range a.Sources {
		if s.Source.String() == source {
			return s, true
		}
	}
	return stance.SourceFrame{}, false
}

// TestSeedFrames checks the framings the project was started for: the
// author of 000 shows Russia crushing the rebels; in 002 RT's quotes show
// Russia liberating Aleppo and Obama's quote a brutal air campaign.
func TestSeedFrames(t *testing.T) {
	rep := stance.Score(readSeed(t, "000"))
	checkReport(t, readSeed(t, "000"), rep)
	for _, tt := range []struct {
		actor    string
		role     stance.Role
		negative bool
	}{
		{"Russia", stance.Antagonist, true},
		{"Bashar al-Assad", stance.Antagonist, false},
		{"civilians", stance.Innocent, false},
	} {
		a, ok := rep.Actor(tt.actor)
		if !ok {
			t.Errorf("000: %s not found", tt.actor)
			continue
		}
		t.Logf("000 %s: score %+.2f %s, role %s %s", tt.actor, a.Score, a.Label, a.Role, a.FineRole)
		if a.Role != tt.role {
			t.Errorf("000 %s: role %s, want %s", tt.actor, a.Role, tt.role)
		}
		if tt.negative && (a.Score >= 0 || a.Label != stance.Negative) {
			t.Errorf("000 %s: score %+.2f, label %v; want a negative score and label", tt.actor, a.Score, a.Label)
		}
	}

	rep = stance.Score(readSeed(t, "002"))
	russia, ok := rep.Actor("Russia")
	if !ok {
		t.Fatal("002: Russia not found")
	}
	if russia.Author == nil {
		t.Error("002: no frame for Russia in the author's voice")
	} else {
		t.Logf("002 Russia, author: score %+.2f, role %s", russia.Author.Score, russia.Author.Role)
	}
	for _, tt := range []struct {
		source   string
		role     stance.Role
		positive bool
	}{
		{"RT", stance.Protagonist, true},
		{"Barack Obama", stance.Antagonist, false},
	} {
		s, ok := sourceFrame(russia, tt.source)
		if !ok {
			t.Errorf("002: no frame for Russia in %s's voice", tt.source)
			continue
		}
		t.Logf("002 Russia, %s: score %+.2f, role %s %s", tt.source, s.Score, s.Role, s.FineRole)
		if s.Role != tt.role {
			t.Errorf("002 Russia in %s's voice: role %s, want %s", tt.source, s.Role, tt.role)
		}
		if tt.positive && s.Score <= 0 {
			t.Errorf("002 Russia in %s's voice: score %+.2f, want positive", tt.source, s.Score)
		}
	}
}
