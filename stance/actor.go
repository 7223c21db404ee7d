package stance

import (
	"errors"
	"fmt"
	"strings"

	"github.com/actorframe/actorframe/internal/framing"
)

// ErrActorName is returned by ScoreActor for an empty actor name.
var ErrActorName = errors.New("stance: empty actor name")

// ScoreActor reports how text frames one actor, given by name and optional
// aliases: "how does this document frame X". The actor is found as if it
// were in the model's catalogue (replacing an entry of the same name), so
// its surname, title forms and pronouns are found as for any person; it
// costs about what Score does, since the catalogue is not re-indexed.
// found is false when the actor is not mentioned at all.
func (m *Model) ScoreActor(text, name string, aliases ...string) (af ActorFrame, found bool, err error) {
	if len(text) > maxTextBytes {
		return ActorFrame{}, false, tooLong(text)
	}
	finder, err := framing.FinderFor(m.pipe.Finder(), m.cat, name, aliases...)
	if errors.Is(err, framing.ErrActorName) {
		return ActorFrame{}, false, ErrActorName
	}
	if err != nil {
		return ActorFrame{}, false, fmt.Errorf("stance: %w", err)
	}
	rep := m.score(text, finder)
	af, found = rep.Actor(strings.TrimSpace(name))
	return af, found, nil
}
