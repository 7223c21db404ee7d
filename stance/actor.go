package stance

import (
	"errors"
	"fmt"
	"strings"

	"github.com/actorframe/actorframe/features"
	"github.com/actorframe/actorframe/features/actors"
)

// ErrActorName is returned by ScoreActor for an empty actor name.
var ErrActorName = errors.New("stance: empty actor name")

// ScoreActor reports how text frames one actor, given by name and optional
// aliases: "how does this document frame X". The actor is added to the
// model's catalogue (replacing an entry of the same name), so its surname,
// title forms and pronouns are found as for any person. found is false when
// the actor is not mentioned at all.
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
	cat, err := m.cat.With([]actors.Actor{a})
	if err != nil {
		return ActorFrame{}, false, fmt.Errorf("stance: actor %q: %w", name, err)
	}
	opt := m.opt
	opt.Actors = cat
	mm, err := m.WithOptions(opt)
	if err != nil {
		return ActorFrame{}, false, err
	}
	rep := mm.Score(text)
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

// FrameSpans scores the mentions of one actor at spans of t (other spans
// in t count as other actors) and aggregates them as Score does, role
// included. It is how labelled data with given spans is evaluated.
func (m *Model) FrameSpans(t *Text, spans []features.Span, kind actors.Kind) Frame {
	s := m.getScratch()
	defer m.putScratch(s)
	idx := m.scoreSpans(t, s, spans)
	return m.frame(t, s, idx, kind, false)
}

// ActorVector returns the role head's input for one actor whose mentions
// are at spans of t. Training the role head uses it, so that training and
// scoring see the same vector.
func (m *Model) ActorVector(t *Text, spans []features.Span) ([]uint32, []float32) {
	s := m.getScratch()
	defer m.putScratch(s)
	idx := m.scoreSpans(t, s, spans)
	P := s.meanProbs(idx, nil)
	return appendActorVector(nil, nil, s, idx, P, m.polIdx)
}

func (m *Model) scoreSpans(t *Text, s *scratch, spans []features.Span) []int {
	s.reset()
	idx := make([]int, len(spans))
	for i, sp := range spans {
		m.addMention(t, s, sp, actors.Listed)
		idx[i] = i
	}
	return idx
}
