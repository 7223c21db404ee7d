package actors

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Kind classifies an actor.
type Kind string

// The kinds of actor. A catalogue accepts only these, or no kind at all:
// the finder and the roles branch on the kind (surnames and pronouns for a
// person, Terrorist for an armed group), so a misspelt one ("Person",
// "army") would silently act as no kind.
const (
	Country      Kind = "country"
	Government   Kind = "government"
	Military     Kind = "military"
	Person       Kind = "person"
	Organisation Kind = "organisation"
	ArmedGroup   Kind = "armed_group"
	Media        Kind = "media"
	Group        Kind = "group" // generic: civilians, refugees, rebels
	// Place is a town, region, river or street the text names: where
	// things happen, not who does them. Only discovery makes places (a
	// capital stays a metonym for its government: "Moscow said").
	Place Kind = "place"
)

// kinds lists the valid kinds, in the order the README gives them.
var kinds = []Kind{Country, Government, Military, Person, Organisation, ArmedGroup, Media, Group, Place}

// checkKind refuses an unknown kind, naming entry i; "" means no kind.
func checkKind(i int, a Actor) error {
	if a.Kind == "" || slices.Contains(kinds, a.Kind) {
		return nil
	}
	known := make([]string, len(kinds))
	for j, k := range kinds {
		known[j] = string(k)
	}
	return fmt.Errorf("actors: entry %d (%q): unknown kind %q (known: %s)", i, a.Name, a.Kind, strings.Join(known, ", "))
}

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
	first   firstIndex        // first word of an alias -> entries, longest first
	govOf   map[string]string // country -> its government actor, for "the regime"

	// govTarget maps every name a mention can carry to the country whose
	// government "the regime" would then mean (an index into targets), so
	// that resolveGeneric need not walk parents per mention. Built by
	// finish, after With has completed govOf.
	govTarget   map[string]int32
	targets     []string
	actorTarget []int32 // per actor: its govTarget, or -1
}

// entry is one alias of one actor, split into words.
type entry struct {
	actor int32
	words []aliasWord
	veto  []string // words whose presence in a text disables this alias
}

// aliasWord is one word of an alias and how strictly its case must match.
type aliasWord struct {
	key        string // lowercase, dots removed: compared with a token's key
	raw        string // dots removed, original case
	hash       uint64 // hashKey of key, to reject most text words without comparing
	mode       caseMode
	rawAllCaps bool // isAllCaps(raw), needed per comparison in capitalCase
}

// firstIndex finds the entries whose alias starts with a given key. It is
// an open-addressing table keyed by hashKey, because looking up every
// token of a text in a map[string] was the Finder's main cost; most tokens
// start no alias and are rejected by one probe of a small slot array.
type firstIndex struct {
	slots []uint32 // index+1 into words; 0 is empty
	mask  uint64
	words []firstWord
}

type firstWord struct {
	hash  uint64
	key   string
	cands []cand // longest alias first
	// multi is how many of cands have two words or more (they come
	// first). next has bit h2&63 and plural bit plural2&63 of each of
	// them, so that one test of the next text word mostly rejects them all.
	multi   int
	next    uint64
	plural  uint64
	generic bool // "regime", "government", "pro", "army": see genericAt
}

// cand is an entry as the index lists it: enough to reject it by the
// next text word without reading the entry, since most candidates fail
// there ("the" begins a dozen aliases, "south" a hundred).
type cand struct {
	entry int32
	n     int32  // words in the alias
	h2    uint64 // hashKey of the second word's key, when n >= 2
	// plural2 is the key length of a text word that might be the plural
	// of the second word, when that is the alias's last word; else -1.
	plural2 int
}

// lookup returns the index's word for key (with hash h), or nil.
func (x *firstIndex) lookup(h uint64, key []byte) *firstWord {
	if len(x.slots) == 0 {
		return nil
	}
	for i := h & x.mask; ; i = (i + 1) & x.mask {
		v := x.slots[i]
		if v == 0 {
			return nil
		}
		w := &x.words[v-1]
		if w.hash == h && w.key == string(key) {
			return w
		}
	}
}

// genericFirst are the words that may begin a generic government phrase.
var genericFirst = []string{"regime", "government", "pro", "army"}

func (x *firstIndex) build(entries []entry, byKey map[string][]int32, order []string) {
	for _, g := range genericFirst {
		if _, ok := byKey[g]; !ok {
			order = append(order, g)
		}
	}
	n := 16
	for n < 3*len(order) { // load factor at most 1/3: misses end fast
		n *= 2
	}
	x.slots = make([]uint32, n)
	x.mask = uint64(n - 1)
	x.words = make([]firstWord, 0, len(order))
	for _, k := range order {
		h := hashString(k)
		fw := firstWord{hash: h, key: k, generic: slices.Contains(genericFirst, k)}
		for _, e := range byKey[k] {
			ws := entries[e].words
			c := cand{entry: e, n: int32(len(ws)), plural2: -1}
			if len(ws) >= 2 {
				c.h2 = ws[1].hash
				if len(ws) == 2 && ws[1].mode != exactCase && len(ws[1].key) >= 4 {
					c.plural2 = len(ws[1].key) + 1
					fw.plural |= 1 << (c.plural2 & 63)
				}
				fw.multi++
				fw.next |= 1 << (c.h2 & 63)
			}
			fw.cands = append(fw.cands, c)
		}
		x.words = append(x.words, fw)
		i := h & x.mask
		for x.slots[i] != 0 {
			i = (i + 1) & x.mask
		}
		x.slots[i] = uint32(len(x.words))
	}
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
	defaultErr  error
)

// genericGovernment are words that name "the government" of whichever
// country a text is about; see Finder.
var genericGovernment = []string{"regime", "regime forces", "regime troops", "government forces", "government troops", "pro-government forces", "government soldiers", "army"}

// Default returns the built-in catalogue: every country with its demonyms,
// capital and seats of power; governments and their forces; heads of state
// and ministers; international organisations; armed groups; news outlets;
// and the generic actors of conflict news. It is built once, on first
// use; an error means the embedded data is broken (the package's tests
// load it, so a released build has none).
func Default() (*Catalogue, error) {
	defaultOnce.Do(func() {
		list, err := builtin()
		if err == nil {
			defaultCat, err = New(list)
		}
		if err != nil {
			defaultErr = fmt.Errorf("actors: built-in catalogue: %w", err)
		}
	})
	return defaultCat, defaultErr
}

// mustDefault is Default for the package's own tests and examples.
func mustDefault() *Catalogue {
	c, err := Default()
	if err != nil {
		panic(err)
	}
	return c
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

// New builds a catalogue. Names must be unique and non-empty, kinds one of
// the Kind constants or empty; an alias that two actors share goes to the first.
func New(list []Actor) (*Catalogue, error) {
	c, err := build(list)
	if err != nil {
		return nil, err
	}
	c.finish()
	return c, nil
}

// build indexes list; finish must follow once govOf is complete.
func build(list []Actor) (*Catalogue, error) {
	c := &Catalogue{byName: map[string]int{}, govOf: map[string]string{}}
	first := map[string][]int32{}
	var order []string // first words in order of appearance, for a deterministic index
	for i, a := range list {
		a.Name = strings.TrimSpace(a.Name)
		if a.Name == "" {
			return nil, fmt.Errorf("actors: entry %d has no name", i)
		}
		if j, dup := c.byName[a.Name]; dup {
			return nil, fmt.Errorf("actors: entry %d: name %q already used by entry %d", i, a.Name, j)
		}
		if err := checkKind(i, a); err != nil {
			return nil, err
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
			ent := entry{actor: int32(i), words: ws}
			if f == "Georgia" {
				ent.veto = []string{"Atlanta", "Savannah", "Ga.", "Peach State"}
			}
			c.entries = append(c.entries, ent)
			if _, ok := first[ws[0].key]; !ok {
				order = append(order, ws[0].key)
			}
			first[ws[0].key] = append(first[ws[0].key], e)
		}
		if isStateActor(a) && c.govOf[a.Parent] == "" {
			c.govOf[a.Parent] = a.Name
		}
	}
	for k, es := range first {
		sort.SliceStable(es, func(a, b int) bool { return len(c.entries[es[a]].words) > len(c.entries[es[b]].words) })
		first[k] = es
	}
	c.first.build(c.entries, first, order)
	return c, nil
}

// finish precomputes, for every name a mention can carry, the country it
// counts for when resolving "the regime": the first name up its parent
// chain (at most four steps) that has a government, or the country of a
// state actor that is its country's government.
func (c *Catalogue) finish() {
	c.govTarget = map[string]int32{}
	c.targets = c.targets[:0]
	target := map[string]int32{}
	names := make([]string, 0, len(c.actors)+len(c.govOf))
	for _, a := range c.actors {
		names = append(names, a.Name)
	}
	for k := range c.govOf {
		names = append(names, k) // With keeps countries the new catalogue may not list
	}
	for _, start := range names {
		if _, done := c.govTarget[start]; done {
			continue
		}
		got := ""
		name := start
		for depth := 0; depth < 4 && name != ""; depth++ {
			if _, ok := c.govOf[name]; ok {
				got = name
				break
			}
			a, ok := c.Lookup(name)
			if !ok {
				break
			}
			if isStateActor(a) && c.govOf[a.Parent] == a.Name {
				got = a.Parent
				break
			}
			name = a.Parent
		}
		if got == "" {
			continue
		}
		t, ok := target[got]
		if !ok {
			t = int32(len(c.targets))
			target[got] = t
			c.targets = append(c.targets, got)
		}
		c.govTarget[start] = t
	}
	// The same per actor, for mentions the catalogue matched.
	c.actorTarget = make([]int32, len(c.actors))
	for i, a := range c.actors {
		t, ok := c.govTarget[a.Name]
		if !ok {
			t = -1
		}
		c.actorTarget[i] = t
	}
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
	for _, t := range scanTokens(alias) {
		raw := stripDots(alias[t.start():t.end()])
		w := aliasWord{raw: raw, key: strings.ToLower(raw), rawAllCaps: isAllCaps(raw)}
		w.hash = hashString(w.key)
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
		if err := checkKind(i, a); err != nil {
			return nil, err
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
	n, err := build(list)
	if err != nil {
		return nil, err
	}
	for k, v := range c.govOf {
		if n.govOf[k] == "" {
			n.govOf[k] = v
		}
	}
	n.finish()
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
