package stance

import (
	"errors"
	"fmt"
	"strings"

	"github.com/actorframe/actorframe/features/actors"
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
	name = strings.TrimSpace(name)
	if name == "" {
		return ActorFrame{}, false, ErrActorName
	}
	a := actors.Actor{Name: name, Aliases: aliases}
	if known, ok := m.cat.Lookup(name); ok {
		a.Kind, a.Parent = known.Kind, known.Parent
		a.Aliases = append(append([]string(nil), known.Aliases...), aliases...)
	} else if looksLikePerson(name) {
		a.Kind = actors.Person
	}
	finder, err := m.pipe.Finder().WithActors([]actors.Actor{a})
	if err != nil {
		return ActorFrame{}, false, fmt.Errorf("stance: actor %q: %w", name, err)
	}
	rep := m.score(text, finder)
	af, found = rep.Actor(name)
	return af, found, nil
}

// looksLikePerson: two to four capitalised words, as in "Fernando Lugo".
func looksLikePerson(name string) bool {
	ws := strings.Fields(name)
	if len(ws) < 2 || len(ws) > 4 {
		return false
	}
	for _, w := range ws {
		if w[0] < 'A' || w[0] > 'Z' {
			return false
		}
	}
	return true
}
