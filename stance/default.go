package stance

import (
	"fmt"
	"sync"

	"github.com/actorframe/actorframe/models"
)

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the model embedded in the library, trained on the data
// described in the README, with default Options. It is decoded once, on
// first use.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		f, err := models.Default()
		if err != nil {
			defaultErr = fmt.Errorf("stance: embedded model: %w", err)
			return
		}
		defaultModel, defaultErr = fromFile(f, Options{})
	})
	return defaultModel, defaultErr
}

func mustDefault() *Model {
	m, err := Default()
	if err != nil {
		// Only a broken build can get here: the package's tests load the
		// embedded model.
		panic(err)
	}
	return m
}

// Score reports how text frames each actor in it, with the default model
// and default Options. It is safe for concurrent use.
func Score(text string) Report { return mustDefault().Score(text) }

// ScoreMention scores the mention at byte offsets [from, to) of text with
// the default model.
func ScoreMention(text string, from, to int) (MentionScore, error) {
	return mustDefault().ScoreMention(text, from, to)
}

// ScoreActor reports how text frames the actor called name (with optional
// aliases), using the default model.
func ScoreActor(text, name string, aliases ...string) (ActorFrame, bool, error) {
	return mustDefault().ScoreActor(text, name, aliases...)
}
