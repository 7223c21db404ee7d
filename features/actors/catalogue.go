package actors

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
)

// Kind classifies an actor.
type Kind string

// The kinds of actor the built-in catalogue uses. Callers may use others.
const (
	Country      Kind = "country"
	Government   Kind = "government"
	Military     Kind = "military"
	Person       Kind = "person"
	Organisation Kind = "organisation"
	ArmedGroup   Kind = "armed_group"
	Media        Kind = "media"
	Group        Kind = "group" // generic: civilians, refugees, rebels
)

// Actor is an entry of a catalogue: a canonical name and the other ways a
// text may name the same actor.
type Actor struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	Parent  string   `json:"parent,omitempty"` // e.g. Putin's parent is Russia
	Kind    Kind     `json:"kind,omitempty"`
}

// Catalogue is an immutable set of actors, indexed for matching. It is safe
// for concurrent use.
type Catalogue struct {
	actors  []Actor
	byName  map[string]int
	entries []entry
	first   map[string][]int32 // first word of an alias -> entries, longest first
	govOf   map[string]string  // country -> its government actor, for "the regime"
	veto    map[int32][]string // entry -> words whose presence in a text disables it
}

// entry is one alias of one actor, split into words.
type entry struct {
	actor int32
	words []aliasWord
}

// aliasWord is one word of an alias and how strictly its case must match.
type aliasWord struct {
	key  string // lowercase, dots removed: the map key
	raw  string // dots removed, original case
	mode caseMode
}

type caseMode uint8

const (
	anyCase     caseMode = iota // "rebels", "civilians"
	capitalCase                 // "Russia": the text word must start upper-case
	exactCase                   // "US", "IS", "RT": the text word must match exactly
)

//go:embed catalogue.json
var catalogueJSON []byte

//go:embed countries.tsv
var countriesTSV string

var (
	defaultOnce sync.Once
	defaultCat  *Catalogue
)

// genericGovernment are words that name "the government" of whichever
// country a text is about; see Finder.
var genericGovernment = []string{"regime", "regime forces", "regime troops", "government forces", "government troops", "pro-government forces", "government soldiers"}

// Default returns the built-in catalogue: every country with its demonyms,
// capital and seats of power; governments and their forces; heads of state
// and ministers; international organisations; armed groups; news outlets;
// and the generic actors of conflict news. It is built once.
func Default() *Catalogue {
	defaultOnce.Do(func() {
		list, err := builtin()
		if err == nil {
			defaultCat, err = New(list)
		}
		if err != nil {
			panic("actors: built-in catalogue: " + err.Error()) // a broken build; tests load it
		}
	})
	return defaultCat
}

// forceNouns follow a demonym to name a country's state or forces.
var forceNouns = []string{"government", "army", "military", "forces", "troops", "jets", "warplanes", "aircraft", "air force",
	"navy", "soldiers", "officials", "authorities", "leadership", "president", "defence ministry", "defense ministry", "foreign ministry"}

func builtin() ([]Actor, error) {
	var list []Actor
	if err := json.Unmarshal(catalogueJSON, &list); err != nil {
		return nil, err
	}
	govOf := map[string]string{}
	for _, a := range list {
		if isStateActor(a) && govOf[a.Parent] == "" {
			govOf[a.Parent] = a.Name
		}
	}
	idx := map[string]int{}
	for i, a := range list {
		idx[a.Name] = i
	}
	for _, line := range strings.Split(countriesTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		for len(cols) < 4 {
			cols = append(cols, "")
		}
		c := Actor{Name: cols[0], Kind: Country}
		c.Aliases = append(c.Aliases, split(cols[1])...)
		demonyms := split(cols[2])
		c.Aliases = append(c.Aliases, demonyms...)
		gov := govOf[c.Name]
		var govAliases []string
		for _, d := range demonyms {
			for _, n := range forceNouns {
				if gov != "" && n != "jets" && n != "warplanes" && n != "aircraft" && n != "officials" {
					govAliases = append(govAliases, d+" "+n)
				} else {
					c.Aliases = append(c.Aliases, d+" "+n)
				}
			}
		}
		if gov != "" {
			g := &list[idx[gov]]
			g.Aliases = append(g.Aliases, govAliases...)
			// The capital names the government where the catalogue has one.
			g.Aliases = append(g.Aliases, split(cols[3])...)
		} else {
			c.Aliases = append(c.Aliases, split(cols[3])...)
		}
		list = append(list, c)
	}
	// Syria's capital is listed with its government in catalogue.json.
	return list, nil
}

// isStateActor: a government or army standing for its whole country
// ("Syrian government"), not one of its agencies ("State Department").
func isStateActor(a Actor) bool {
	return (a.Kind == Government || a.Kind == Military) && a.Parent != "" &&
		(strings.HasSuffix(a.Name, " government") || strings.HasSuffix(a.Name, " military"))
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ";")
}

// New builds a catalogue. Names must be unique and non-empty; an alias that
// two actors share goes to the first.
func New(list []Actor) (*Catalogue, error) {
	c := &Catalogue{byName: map[string]int{}, first: map[string][]int32{}, govOf: map[string]string{}, veto: map[int32][]string{}}
	for i, a := range list {
		a.Name = strings.TrimSpace(a.Name)
		if a.Name == "" {
			return nil, fmt.Errorf("actors: entry %d has no name", i)
		}
		if j, dup := c.byName[a.Name]; dup {
			return nil, fmt.Errorf("actors: entry %d: name %q already used by entry %d", i, a.Name, j)
		}
		c.byName[a.Name] = len(c.actors)
		a.Aliases = append([]string(nil), a.Aliases...)
		c.actors = append(c.actors, a)
	}
	seen := map[string]bool{}
	for i, a := range c.actors {
		forms := append([]string{a.Name}, a.Aliases...)
		if a.Kind == Person {
			// A person is also named by surname: "Koellmann", "Mr. Koellmann".
			if ws := strings.Fields(a.Name); len(ws) >= 2 && len(ws[len(ws)-1]) >= 3 {
				forms = append(forms, ws[len(ws)-1])
			}
		}
		for _, f := range forms {
			ws := aliasWords(f)
			if len(ws) == 0 {
				continue
			}
			key := entryKey(ws)
			if seen[key] {
				continue
			}
			seen[key] = true
			e := int32(len(c.entries))
			c.entries = append(c.entries, entry{actor: int32(i), words: ws})
			c.first[ws[0].key] = append(c.first[ws[0].key], e)
			if f == "Georgia" {
				c.veto[e] = []string{"Atlanta", "Savannah", "Ga.", "Peach State"}
			}
		}
		if isStateActor(a) && c.govOf[a.Parent] == "" {
			c.govOf[a.Parent] = a.Name
		}
	}
	for k, es := range c.first {
		sort.SliceStable(es, func(a, b int) bool { return len(c.entries[es[a]].words) > len(c.entries[es[b]].words) })
		c.first[k] = es
	}
	return c, nil
}

func entryKey(ws []aliasWord) string {
	var b strings.Builder
	for _, w := range ws {
		b.WriteString(w.raw)
		b.WriteByte(byte('0' + w.mode))
		b.WriteByte(' ')
	}
	return b.String()
}

// aliasWords splits an alias as texts are split, and decides per word how
// its case must match: all-capital short words (US, IS, RT) exactly,
// capitalised words by their capital, lower-case words in any case.
func aliasWords(alias string) []aliasWord {
	var out []aliasWord
	for _, t := range scanTokens(alias, nil) {
		raw := stripDots(alias[t.start:t.end])
		w := aliasWord{raw: raw, key: strings.ToLower(raw)}
		switch {
		case isAllCaps(raw) && len(raw) <= 5:
			w.mode = exactCase
		case isUpperStart(raw):
			w.mode = capitalCase
		}
		out = append(out, w)
	}
	return out
}

// Read decodes a JSON list of actors, the format of -actors files:
//
//	[{"name": "Wagner Group", "aliases": ["Wagner"], "parent": "Russia", "kind": "armed_group"}]
func Read(r io.Reader) ([]Actor, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var list []Actor
	if err := dec.Decode(&list); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return nil, fmt.Errorf("actors: bad JSON at byte %d: %v", se.Offset, err)
		case errors.As(err, &te):
			return nil, fmt.Errorf("actors: bad JSON at byte %d: field %q: %v", te.Offset, te.Field, err)
		}
		return nil, fmt.Errorf("actors: %v", err)
	}
	for i, a := range list {
		if strings.TrimSpace(a.Name) == "" {
			return nil, fmt.Errorf("actors: entry %d has no name", i)
		}
	}
	return list, nil
}

// With returns a new catalogue holding c's actors and extra; an extra actor
// with the name of an existing one replaces it.
func (c *Catalogue) With(extra []Actor) (*Catalogue, error) {
	names := map[string]bool{}
	for _, a := range extra {
		names[strings.TrimSpace(a.Name)] = true
	}
	// New actors come first so that their aliases win any clash.
	list := append([]Actor(nil), extra...)
	for _, a := range c.actors {
		if !names[a.Name] {
			list = append(list, a)
		}
	}
	n, err := New(list)
	if err != nil {
		return nil, err
	}
	for k, v := range c.govOf {
		if n.govOf[k] == "" {
			n.govOf[k] = v
		}
	}
	return n, nil
}

// Lookup returns the actor called name.
func (c *Catalogue) Lookup(name string) (Actor, bool) {
	i, ok := c.byName[name]
	if !ok {
		return Actor{}, false
	}
	return c.actors[i], true
}

// Actors returns a copy of the catalogue's actors.
func (c *Catalogue) Actors() []Actor {
	return append([]Actor(nil), c.actors...)
}

// Len is the number of actors.
func (c *Catalogue) Len() int { return len(c.actors) }
