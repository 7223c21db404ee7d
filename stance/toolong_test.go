package stance

import (
	"errors"
	"strings"
	"testing"
)

// TestTooLong checks that a text over the length one call scores is
// refused, with a reason, by every entry point, and that one at the limit
// is scored. The limit is lowered for the test: a real one would need a
// gigabyte of text.
func TestTooLong(t *testing.T) {
	defer func(n int) { maxTextBytes = n }(maxTextBytes)
	text := "Russian jets bombed Aleppo, and rescuers pulled civilians from the rubble."
	maxTextBytes = len(text)
	m := mustDefault()
	if rep := m.Score(text); rep.NotText != "" || len(rep.Actors) == 0 {
		t.Fatalf("a text at the limit: NotText %q, %d actors", rep.NotText, len(rep.Actors))
	}
	long := text + " "
	rep := m.Score(long)
	if !strings.HasPrefix(rep.NotText, ErrTooLong.Error()) || !strings.Contains(rep.NotText, "75 bytes") || rep.Actors == nil || len(rep.Actors) != 0 {
		t.Errorf("a text over the limit: NotText %q, actors %v; want the refusal and an empty list", rep.NotText, rep.Actors)
	}
	if _, err := m.ScoreMention(long, 0, 7); !errors.Is(err, ErrTooLong) {
		t.Errorf("ScoreMention: error %v, want ErrTooLong", err)
	}
	if _, _, err := m.ScoreActor(long, "Russia"); !errors.Is(err, ErrTooLong) {
		t.Errorf("ScoreActor: error %v, want ErrTooLong", err)
	}
	if !strings.Contains(ErrTooLong.Error(), "split") {
		t.Errorf("ErrTooLong %q does not say what to do", ErrTooLong)
	}
}
