package framing

import (
	"errors"
	"fmt"
	"strings"

	"github.com/actorframe/actorframe/features/actors"
)

// ErrActorName is returned for an empty actor name.
var ErrActorName = errors.New("empty actor name")

// FinderFor returns a finder that also finds the actor called name (with
// aliases), as "how does this text frame X" needs: an actor the catalogue
// knows keeps its kind, parent and aliases; an unknown name of two to four
// capitalised words is a person, so its surname and pronouns are found.
// It costs an overlay, not a re-indexed catalogue (actors.Finder.WithActors).
func FinderFor(base *actors.Finder, cat *actors.Catalogue, name string, aliases ...string) (*actors.Finder, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, ErrActorName
	}
	a := actors.Actor{Name: name, Aliases: aliases}
	if known, ok := cat.Lookup(name); ok {
		a.Kind, a.Parent = known.Kind, known.Parent
		a.Aliases = append(append([]string(nil), known.Aliases...), aliases...)
	} else if looksLikePerson(name) {
		a.Kind = actors.Person
	}
	f, err := base.WithActors([]actors.Actor{a})
	if err != nil {
		return nil, fmt.Errorf("actor %q: %w", name, err)
	}
	return f, nil
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
