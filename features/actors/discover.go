package actors

import (
	_ "embed"
	"strings"

	"github.com/actorframe/actorframe/features"
	"github.com/actorframe/actorframe/features/quotes"
)

// notNames are capitalised words that start sentences or name times and
// places of no interest; a proper-noun run never starts or consists of
// one, nor of a title (wordFlags marks titleWords as not names too).
var notNames = toSet(`The A An In On At By For From To Of And But Or Nor If When While As After Before Since Until
It Its He She His Her Him They Their Them We Our Us I You Your This That These Those There Here Then Now Yet So
Meanwhile However Although Though Despite During Under Over With Without Also Still Only Even Some Many Most
Such Other Another Each Every All Both No Not Neither One Two Three Four Five Six Seven Eight Nine Ten
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
September October November December Strategically Obviously Presently Initiated Supported Aware
Behind Among Against Within Via Per What Who Whom Whose Which Where Why How Let Please Yes Oh
Featured Image Getty Images Update Photo Reuters AP AFP EST GMT BST PM AM Western Eastern Northern Southern
Central North South East West Upper Lower European Arab Muslim Christian Jewish Sunni Shia Shiite War`)

// titleWords precede a name and are dropped from it: features' titles,
// capitalised as they stand before a name.
var titleWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range features.Titles() {
		m[strings.ToUpper(w[:1])+w[1:]] = true
	}
	return m
}()

// orgWords mark a proper-noun run as an organisation rather than a person.
var orgWords = toSet(`Institute University Ministry Council Front Party Agency Organization Organisation News
Times Post Journal Observatory Programme Program Union Committee Department Forces Force Group Army Bank
Company Corp Inc Ltd Center Centre Foundation Association Court Commission Network Press Radio Television TV
Daily Herald Tribune Review Studies School College Hospital Church Club Authority Office Service Services
Brigade Brigades Battalion Movement Coalition Alliance League Federation Fund Board Bureau Police Guard
Guards Navy Airlines Group Media Channel Today Post Monitor Watch International National Republic State
Fleet Ministries Institution Academy Society Trust Initiative Council`)

// placeWords mark a proper-noun run as a place: "the Thardeh Mountains",
// "Tahrir Square". A run ending in one is a place even if it holds an
// organisation word ("Hmeimim Air Base"); one ending in an organisation
// word is an organisation even if it holds a place word ("City University").
var placeWords = toSet(`Square Street Mountains Mountain Hills Hill River Sea Ocean Province District City Village Town
Airport Airbase Base Road Valley Island Islands Region Governorate Oblast Bay Gulf Lake Desert Camp Border Plain Plains
Strait Straits Peninsula Coast Heights Canal Port Harbour Harbor Crossing Bridge Avenue Boulevard Highway Neighbourhood
Neighborhood District Districts Oasis Dam Prefecture County Territory Territories Corridor`)

// weakOrgWords are organisation words that do not make a name joined by
// "of" or "and" one organisation: "Islamic Republic of Iran" and "Armed
// Forces of Ukraine" name their country, whose mention must stay.
var weakOrgWords = toSet(`International National Republic State Forces Force Army Navy Guard Guards Police Union
Front Brigade Brigades Battalion Group Today`)

// placeNounsBefore, lower case, announce a place: "the village of Al-Arfa".
var placeNounsBefore = toSet(`village villages town towns city cities province provinces region regions district
districts governorate governorates county suburb suburbs neighbourhood neighborhood port resort area areas outskirts
enclave countryside capital oblast`)

// placeNounsAfter, lower case, follow a place: "Al-Hawiqah districts",
// "Idlib province".
var placeNounsAfter = toSet(`village villages town city province region district districts governorate countryside
neighbourhood neighborhood suburb suburbs area oblast enclave camp airport airbase`)

// Connectors join the words of a long organisation or place name: "the
// Institute for US and Canadian Studies", "the Gulf of Aden". cOf marks
// those that open a name's complement: of, for, on.
const (
	cOther = 1 + iota // de, del, des, du, la
	cOf
	cAnd
	cThe
)

// connector says which connector token i is, or 0. It reads the token's
// key, not a map: it is asked of the word after every capitalised one.
func (s *scratch) connector(i int) int {
	if !s.toks[i].plain() || s.toks[i].end()-s.toks[i].start() > 3 {
		return 0
	}
	switch string(s.key(i)) {
	case "of", "for", "on":
		return cOf
	case "and":
		return cAnd
	case "the":
		return cThe
	case "de", "del", "des", "du", "la":
		return cOther
	}
	return 0
}

// gazetteer holds places.txt: towns and regions a text names as places.
//
//go:embed places.txt
var placesTXT string

var gazetteer = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(placesTXT, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			m[line] = true
		}
	}
	return m
}()

// locatives before a capitalised run usually mean a place, not an actor.
var locatives = toSet(`in at near into across outside inside around towards toward through throughout along
within from between`)

func toSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// Word flags: membership of the sets above, looked up once per word.
const (
	fNotName uint16 = 1 << iota
	fTitle
	fOrg
	fLocative
	fPlace
	fWeakOrg
)

// wordFlags holds the sets above in one map, so that discover looks a
// word up once instead of once per set.
var wordFlags = func() map[string]uint16 {
	m := map[string]uint16{}
	for f, set := range map[uint16]map[string]bool{fNotName: notNames, fTitle: titleWords, fOrg: orgWords, fLocative: locatives,
		fPlace: placeWords, fWeakOrg: weakOrgWords} {
		for w := range set {
			m[w] |= f
		}
	}
	for w := range titleWords {
		m[w] |= fNotName
	}
	return m
}()

// Per-token marks of discover, in scratch.marks.
const (
	mCovered    uint16 = 1 << iota // inside a catalogue mention
	mHeadline                      // on a title-case line
	mFlags                         // the word's wordFlags are in the high bits
	mWhole                         // inside a long name found by wholeNames
	mWholeHead                     // its first word
	mWholePlace                    // on the first word: the long name is a place
	flagShift   = 8
)

// flags returns wordFlags of token i, looked up once per text.
func (s *scratch) flags(text string, i int) uint16 {
	m := s.marks[i]
	if m&mFlags == 0 {
		m |= mFlags | wordFlags[text[s.toks[i].start():s.toks[i].end()]]<<flagShift
		s.marks[i] = m
	}
	return m >> flagShift
}

// discover adds proper-noun runs that the catalogue did not match:
// sequences of capitalised words outside sentence openings and locative
// phrases. A run of two or three words that is not an organisation or a
// place is a person, whose surname (and "Mr. Surname") then names the same
// actor. A run is a place if it holds a place word, follows "the city
// of", precedes "province", is in the gazetteer, or its name also follows
// a locative ("in Aleppo") anywhere in the text: a name's kind is the
// text's, not the occurrence's.
func (f *Finder) discover(dst []Mention, first int, text string, s *scratch) []Mention {
	toks := s.toks
	if cap(s.marks) < len(toks) {
		s.marks = make([]uint16, len(toks), cap(toks))
	}
	marks := s.marks[:len(toks)]
	clear(marks)
	s.marks = marks
	ti := 0
	for _, m := range dst[first:] {
		for ti < len(toks) && toks[ti].end() <= m.Start {
			ti++
		}
		for k := ti; k < len(toks) && toks[k].start() < m.End; k++ {
			marks[k] |= mCovered
		}
	}
	// capitalised words seen mid-sentence: a sentence-initial word counts
	// as a name only if the text also capitalises it elsewhere
	if s.mid == nil {
		s.mid, s.surnames, s.seen, s.listed = map[string]bool{}, map[string]string{}, map[string]int{}, map[string]bool{}
	}
	if s.placed == nil {
		s.placed = map[string]bool{}
	}
	mid := s.mid
	for i := range toks {
		if t := &toks[i]; t.upper() && !sentenceStart(text, toks, i) {
			mid[text[t.start():t.end()]] = true
		}
	}
	headlineLines(text, s)
	dst = f.wholeNames(dst, first, text, s)
	surnames := s.surnames // surname -> full name of a discovered person
	// surnames of listed persons, made on first need
	listed, haveListed := s.listed, false
	placed := s.placed
	found := s.found[:0]
	for i := 0; i < len(toks); {
		if marks[i]&mWholeHead != 0 {
			// a long name wholeNames kept together
			j := i + 1
			for j < len(toks) && marks[j]&(mWhole|mWholeHead) == mWhole {
				j++
			}
			kind := Organisation
			if marks[i]&mWholePlace != 0 {
				kind = Place
			}
			found = append(found, Mention{Actor: canonicalSpaces(text[toks[i].start():toks[j-1].end()]), Kind: kind, Start: toks[i].start(), End: toks[j-1].end(), Via: Discovered})
			i = j
			continue
		}
		if marks[i]&(mCovered|mHeadline) != 0 || !toks[i].upper() {
			i++
			continue
		}
		w := text[toks[i].start():toks[i].end()]
		if fl := s.flags(text, i); fl&fNotName != 0 && !mid[w] && fl&fTitle == 0 || len(w) > 5 && isAllCaps(w) {
			i++
			continue
		}
		// extend the run
		j := i + 1
		for j < len(toks) && marks[j]&mCovered == 0 && adjacent(text, toks[j-1], toks[j]) {
			if s.toks[j].upper() && (s.flags(text, j)&fNotName == 0 || s.flags(text, j)&fTitle != 0) {
				j++
				continue
			}
			// the word after a particle may be a listed mention already
			// ("A el Assad"): a name never runs into one
			if s.isParticle(text, j) && j+1 < len(toks) && marks[j+1]&mCovered == 0 && s.toks[j+1].upper() && adjacent(text, toks[j], toks[j+1]) {
				j += 2
				continue
			}
			break
		}
		a := i
		for a < j && s.flags(text, a)&(fTitle|fNotName) != 0 {
			a++
		}
		start := i
		i = j
		if a >= j {
			continue
		}
		if a == start && sentenceStart(text, toks, a) && j-a == 2 && !mid[text[toks[a].start():toks[a].end()]] {
			// "Later Kuleba said": a sentence's capital before a known
			// surname is not part of the name
			if _, ok := surnames[text[toks[a+1].start():toks[a+1].end()]]; ok {
				a++
			}
		}
		if a == start && sentenceStart(text, toks, a) && j-a == 1 && !mid[text[toks[a].start():toks[a].end()]] {
			continue
		}
		name := text[toks[a].start():toks[j-1].end()]
		if start > 0 && s.flags(text, start-1)&fLocative != 0 && adjacent2(text, toks[start-1], toks[start]) {
			// Not reported here ("from" may precede an outlet), but the
			// name is a place wherever else the text uses it.
			if !s.anyFlag(text, a, j, fOrg) {
				placed[name] = true
			}
			continue
		}
		kind := Organisation
		switch {
		case a > start && gazetteer[text[toks[start].start():toks[j-1].end()]]:
			// "South Ossetia", "West Bank": the compass word belongs
			a, name, kind = start, text[toks[start].start():toks[j-1].end()], Place
		case s.placeRun(text, a, j):
			kind = Place
		case s.anyFlag(text, a, j, fOrg):
		case j-a >= 2 && j-a <= 3:
			kind = Person
		}
		if kind == Person {
			last := text[toks[j-1].start():toks[j-1].end()]
			if _, ok := surnames[last]; !ok {
				surnames[last] = name
			}
		} else if j-a == 1 && kind != Place {
			if full, ok := surnames[name]; ok {
				name, kind = full, Person
			} else {
				if !haveListed {
					listedSurnames(listed, dst[first:])
					haveListed = true
				}
				if listed[name] {
					continue // "Koellmann" after a listed "Benjamin Koellmann"
				}
				if (a > start || s.titleBefore(text, start) || s.speaksNext(text, j)) && !isAllCaps(name) {
					// one name after a title ("Mr. Navalny", "Minister
					// Kuleba") or as the subject of a speech verb
					// ("…, Kuleba said")
					kind = Person
					surnames[name] = name
				}
			}
		}
		found = append(found, Mention{Actor: canonicalSpaces(name), Kind: kind, Start: toks[a].start(), End: toks[j-1].end(), Via: Discovered})
	}
	placeLists(found, text, placed)
	found = dropSingletons(found, s.seen)
	s.found = found
	// The maps hold strings of the text; do not keep them in the pool.
	clear(mid)
	clear(surnames)
	clear(s.seen)
	clear(listed)
	clear(placed)
	if len(found) == 0 {
		return dst
	}
	return s.mergeFound(dst, first, found)
}

// titleBefore reports whether a title stands right before token i: "Mr.
// Navalny", "Gen. Gerasimov".
func (s *scratch) titleBefore(text string, i int) bool {
	if i == 0 || s.flags(text, i-1)&fTitle == 0 {
		return false
	}
	gap := strings.TrimLeft(text[s.toks[i-1].end():s.toks[i].start()], ".")
	return gap != "" && strings.TrimLeft(gap, " ") == ""
}

// speaksNext reports whether token j is a speech verb right after the
// word before it: "Kuleba said".
func (s *scratch) speaksNext(text string, j int) bool {
	return j < len(s.toks) && adjacent2(text, s.toks[j-1], s.toks[j]) && quotes.IsSpeechVerb(text[s.toks[j].start():s.toks[j].end()])
}

// anyFlag reports whether a word of tokens [a, b) has word flag fl.
func (s *scratch) anyFlag(text string, a, b int, fl uint16) bool {
	for i := a; i < b; i++ {
		if s.flags(text, i)&fl != 0 {
			return true
		}
	}
	return false
}

// placeRun reports whether tokens [a, b) name a place by their own words
// or the words around them: a place word unless an organisation word ends
// the run, the gazetteer, "the city of" before or "province" after.
func (s *scratch) placeRun(text string, a, b int) bool {
	toks := s.toks
	if fl := s.flags(text, b-1); fl&fPlace != 0 {
		return true
	} else if fl&fOrg == 0 && s.anyFlag(text, a, b-1, fPlace) && !s.anyFlag(text, a, b-1, fOrg) {
		return true
	}
	if gazetteer[text[toks[a].start():toks[b-1].end()]] {
		return true
	}
	if a >= 2 && s.lowerIs(text, a-1, kOf) && s.lowerIn(text, a-2, placeNounsBefore) {
		return true
	}
	return b < len(toks) && !toks[b].upper() && adjacent2(text, toks[b-1], toks[b]) && s.lowerIn(text, b, placeNounsAfter)
}

// lowerIn reports whether token i, lower-cased, is in set.
func (s *scratch) lowerIn(text string, i int, set map[string]bool) bool {
	if s.toks[i].plain() {
		return set[string(s.key(i))]
	}
	var buf [32]byte
	return set[string(appendLower(buf[:0], text[s.toks[i].start():s.toks[i].end()], 16))]
}

// placeLists makes places of discovered names that a text also puts after
// a locative (placed), and of the other items of a comma list holding a
// place: "Al-Hawiqah districts of Deir Ezzor, Al-Rashidiyah, and Al-Arfa".
func placeLists(found []Mention, text string, placed map[string]bool) {
	for k := range found {
		if m := &found[k]; m.Kind != Place && placed[m.Actor] {
			m.Kind = Place
		}
	}
	for k := 1; k < len(found); k++ {
		if p, m := &found[k-1], &found[k]; p.Kind == Place && m.Kind != Place && listGap(text[p.End:m.Start]) {
			m.Kind = Place
		}
	}
	for k := len(found) - 2; k >= 0; k-- {
		if m, n := &found[k], &found[k+1]; n.Kind == Place && m.Kind != Place && listGap(text[m.End:n.Start]) {
			m.Kind = Place
		}
	}
}

// listGap reports whether gap separates two items of a list: a comma,
// optionally followed by "and" or "or".
func listGap(gap string) bool {
	g := strings.TrimSpace(gap)
	if g == "" || g[0] != ',' {
		return false
	}
	g = strings.TrimSpace(g[1:])
	return g == "" || g == "and" || g == "or"
}

// wholeNames finds the long names that hold connectors or catalogue
// mentions: "the Institute for US and Canadian Studies" is one
// organisation, not the United States and Canada; "the Gulf of Aden" one
// place. Such a name is a run of capitalised words, joined by "of", "for",
// "and", "on", "the", that holds an organisation or place word the
// catalogue did not match. It marks the name's words for discover and
// removes the mentions of countries and governments inside it; a name
// holding another listed actor ("UN Human Rights Council") is left alone.
func (f *Finder) wholeNames(dst []Mention, first int, text string, s *scratch) []Mention {
	toks := s.toks
	marks := s.marks
	removed := false
	for i := 0; i < len(toks); {
		if !toks[i].upper() || marks[i]&mHeadline != 0 {
			i++
			continue
		}
		// The run from i: capitalised words, covered or not, and
		// connectors between them. "The" joins only after "of", "for" or "on" ("Committee of the
		// Red Cross"), and "and" only inside such a phrase ("Institute for
		// US and Canadian Studies"), or two names listed side by side
		// would become one: "the Karsh Mountains and the Old Town Square".
		// The cheap tests come first: most capitalised words are followed
		// by a lower-case word that joins nothing.
		j, last, joined, key, of := i+1, i, false, false, false
		for j < len(toks) && marks[j]&mHeadline == 0 {
			c := 0
			if !toks[j].upper() {
				c = s.connector(j)
				if c == 0 || c == cAnd && !of || c == cThe && s.connector(j-1) != cOf {
					break
				}
			}
			if !adjacent(text, toks[j-1], toks[j]) {
				break
			}
			if c == 0 {
				last = j
			} else {
				of = of || c == cOf
				joined = true
			}
			j++
		}
		j = last + 1
		start := i
		i = j
		if j-start < 2 {
			continue // one word: the ordinary run finds it
		}
		// leading titles and sentence words are not part of the name
		a := start
		for a < j && marks[a]&mCovered == 0 && (s.flags(text, a)&(fTitle|fNotName) != 0 || !toks[a].upper()) {
			a++
		}
		if j-a < 2 {
			continue
		}
		covered, isPlace := false, false
		for k := a; k < j; k++ {
			if marks[k]&mCovered != 0 {
				covered = true
				continue
			}
			if !toks[k].upper() {
				continue
			}
			fl := s.flags(text, k)
			// the last key word decides: "City University", "Hmeimim Air Base"
			if fl&fOrg != 0 && fl&fWeakOrg == 0 {
				isPlace, key = false, true
			} else if fl&fPlace != 0 {
				isPlace, key = true, true
			}
		}
		if !key || !(joined || covered) {
			continue // the ordinary run finds it
		}
		// The catalogue mentions inside must be countries or their
		// governments, wholly inside.
		from, to := toks[a].start(), toks[j-1].end()
		ok := true
		for _, m := range dst[first:] {
			if m.End <= from || m.Start >= to {
				continue
			}
			if m.Start < from || m.End > to || !(m.Kind == Country || m.Kind == Government || m.Kind == Military || m.Actor == "") {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		marks[a] |= mWholeHead
		if isPlace {
			marks[a] |= mWholePlace
		}
		for k := a; k < j; k++ {
			marks[k] |= mWhole | mCovered
		}
		if covered {
			removed = true
		}
	}
	if !removed {
		return dst
	}
	out := dst[:first]
	for _, m := range dst[first:] {
		if ti := s.tokenAt(m.Start); ti < 0 || marks[ti]&mWhole == 0 {
			out = append(out, m)
		}
	}
	return out
}

// tokenAt returns the index of the token starting at byte offset pos, or -1.
func (s *scratch) tokenAt(pos int) int {
	lo, hi := 0, len(s.toks)
	for lo < hi {
		h := (lo + hi) / 2
		if s.toks[h].start() < pos {
			lo = h + 1
		} else {
			hi = h
		}
	}
	if lo < len(s.toks) && s.toks[lo].start() == pos {
		return lo
	}
	return -1
}

// isParticle reports whether token j, lower-cased, is a name particle.
func (s *scratch) isParticle(text string, j int) bool {
	t := &s.toks[j]
	return t.end()-t.start() <= 3 && features.IsNameParticle(text[t.start():t.end()])
}

// listedSurnames adds to set the words w for which a person among ms is
// named "… w". discover builds it once per text: scanning ms for each
// capitalised word made long texts quadratic.
func listedSurnames(set map[string]bool, ms []Mention) {
	for _, m := range ms {
		if m.Kind != Person {
			continue
		}
		for k := 0; k < len(m.Actor); k++ {
			if m.Actor[k] == ' ' {
				set[m.Actor[k+1:]] = true
			}
		}
	}
}

// adjacent2: the preposition directly precedes the run.
func adjacent2(text string, a, b token) bool {
	return strings.TrimSpace(text[a.end():b.start()]) == ""
}

func canonicalSpaces(s string) string {
	if !strings.ContainsAny(s, "\n\t\u00a0") && !strings.Contains(s, "  ") {
		return s
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}

// sentenceStart reports whether token i opens a sentence: nothing but
// quotes, brackets and dashes since the text's start, a line break or
// sentence-final punctuation.
func sentenceStart(text string, toks []token, i int) bool {
	if i == 0 {
		return true
	}
	gap := text[toks[i-1].end():toks[i].start()]
	stop, newline := false, false
	for k := 0; k < len(gap); k++ {
		switch gap[k] {
		case '.', '!', '?', ':':
			stop = true
		case '\n':
			stop, newline = true, true
		}
	}
	if stop {
		// "U.S. President" is no sentence start
		prev := text[toks[i-1].start():toks[i-1].end()]
		if strings.HasSuffix(prev, ".") || titleWords[prev] {
			return newline
		}
		return true
	}
	return false
}

// pronounClass says what kind of pronoun a lower-case word is.
func pronounClass(w string) int8 {
	switch w {
	case "he", "him", "his", "himself", "she", "her", "hers", "herself":
		return personal
	case "it", "its", "itself":
		return neuter
	}
	return 0
}

const (
	personal int8 = 1 + iota
	neuter
)

// pronouns attaches personal pronouns to the latest person mentioned in
// the same or the two previous sentences, and it/its to the only non-person
// actor earlier in the same sentence.
func (f *Finder) pronouns(dst []Mention, first int, text string, s *scratch) []Mention {
	ms := dst[first:]
	if len(ms) == 0 {
		return dst
	}
	found := s.found[:0]
	mi := 0 // mentions before the current token
	for ti := range s.toks {
		t := &s.toks[ti]
		if t.end()-t.start() > 7 || t.end()-t.start() < 2 {
			continue // no pronoun is that long or short
		}
		var class int8
		if t.plain() {
			k := s.key(ti)
			if k[0] != 'h' && k[0] != 's' && k[0] != 'i' {
				continue
			}
			class = pronounClass(string(k))
		} else {
			var buf [32]byte
			class = pronounClass(string(appendLower(buf[:0], text[t.start():t.end()], len("herself"))))
		}
		if class == 0 {
			continue
		}
		for mi < len(ms) && ms[mi].End <= t.start() {
			mi++
		}
		if mi < len(ms) && ms[mi].Start < t.end() {
			continue // inside a mention
		}
		switch class {
		case personal:
			if k := s.speakerBefore(ms, mi, text, ti); k >= 0 {
				m := &ms[k]
				found = append(found, Mention{Actor: m.Actor, Kind: m.Kind, Parent: m.Parent, Start: t.start(), End: t.end(), Via: Pronoun})
				continue
			}
			between := sentenceCounter{text: text, pos: t.start(), to: t.start()}
			for k := mi - 1; k >= 0; k-- {
				m := &ms[k]
				if between.from(m.End) > 2 {
					break
				}
				if m.Kind == Person {
					found = append(found, Mention{Actor: m.Actor, Kind: m.Kind, Parent: m.Parent, Start: t.start(), End: t.end(), Via: Pronoun})
					break
				}
			}
		case neuter:
			cand := -1
			between := sentenceCounter{text: text, pos: t.start(), to: t.start()}
			for k := mi - 1; k >= 0; k-- {
				m := &ms[k]
				if between.from(m.End) > 0 {
					break
				}
				if m.Kind == Person || m.Kind == Group {
					continue
				}
				if cand >= 0 && ms[cand].Actor != m.Actor {
					cand = -2
					break
				}
				cand = k
			}
			if cand >= 0 {
				m := ms[cand]
				found = append(found, Mention{Actor: m.Actor, Kind: m.Kind, Parent: m.Parent, Start: t.start(), End: t.end(), Via: Pronoun})
			}
		}
	}
	s.found = found
	if len(found) == 0 {
		return dst
	}
	return s.mergeFound(dst, first, found)
}

// speakerBefore returns the index in ms (of the mentions before ms[mi])
// of the speaker of "he said" or "she told" at token ti, or -1 when ti is
// no such pronoun or no one spoke lately. The speaker is the last person
// the text had speak (Frolov in `Frolov said Moscow could not remove
// Assad. "Russia expects Assad's regime to stay," he said.`), within three
// sentences before the quotation the pronoun closes; the last person
// named is as often someone the speaker speaks of.
func (s *scratch) speakerBefore(ms []Mention, mi int, text string, ti int) int {
	toks := s.toks
	if k := s.key(ti); string(k) != "he" && string(k) != "she" || ti+1 >= len(toks) {
		return -1
	}
	v := ti + 1
	if s.softWord(v) && v+1 < len(toks) {
		v++ // "he also said"
	}
	if !adjacent2(text, toks[v-1], toks[v]) || !quotes.IsSpeechVerb(text[toks[v].start():toks[v].end()]) {
		return -1
	}
	// A pronoun after a closing quote mark speaks the quotation: look
	// before it, and past the names it holds.
	anchor := toks[ti].start()
	if open := openingQuote(text, anchor); open >= 0 {
		anchor = open
	}
	between := sentenceCounter{text: text, pos: anchor, to: anchor}
	for k := mi - 1; k >= 0; k-- {
		m := &ms[k]
		if m.Start >= anchor {
			continue
		}
		if between.from(m.End) > 3 {
			break
		}
		if m.Kind == Person && m.Via != Pronoun && quotes.SpeaksDoc(s.in, m.Start, m.End) {
			return k
		}
	}
	return -1
}

// softWord: "also", "later", "has", "had" may stand between a speaker and
// its verb.
func (s *scratch) softWord(i int) bool {
	if !s.toks[i].plain() {
		return false
	}
	switch string(s.key(i)) {
	case "also", "later", "has", "had", "then":
		return true
	}
	return false
}

// openingQuote returns the offset of the quote mark that opens the
// quotation closed just before pos (`"...," he said`), or -1 when none
// closes there. It stays in the paragraph and looks at most 2000 bytes
// back.
func openingQuote(text string, pos int) int {
	i := pos
	for i > 0 && (text[i-1] == ' ' || text[i-1] == ',') {
		i--
	}
	switch {
	case i > 0 && text[i-1] == '"':
		i--
	case strings.HasSuffix(text[:i], "”"):
		i -= len("”")
	default:
		return -1
	}
	for j := i - 1; j >= 0 && i-j < 2000; j-- {
		switch text[j] {
		case '\n':
			return -1
		case '"':
			return j
		}
		if strings.HasPrefix(text[j:], "“") {
			return j
		}
	}
	return -1
}

// sentenceCounter gives sentencesBetween(text, a, to) for a falling a,
// counting each stretch of text once: a pronoun looks back over every
// mention of up to three sentences, which rescanning made quadratic.
type sentenceCounter struct {
	text    string
	pos, to int // counted so far: text[pos:to]; pos starts at to
	n       int // sentencesBetween(text, pos, to)
}

// from returns sentencesBetween(c.text, a, c.to); a must not grow between
// calls.
func (c *sentenceCounter) from(a int) int {
	if c.to-a > 2000 {
		return 3
	}
	if c.n < 3 {
		// Ends are counted by position, looking at the byte after, so the
		// stretches add up; a stretch's count is capped at 3 like the sum.
		c.n = min(3, c.n+sentencesBetween(c.text, a, c.pos))
	}
	c.pos = a
	return c.n
}

// sentencesBetween counts sentence ends in text[a:b], up to 3.
func sentencesBetween(text string, a, b int) int {
	if b-a > 2000 {
		return 3
	}
	n := 0
	for i := a; i < b; i++ {
		switch text[i] {
		case '.', '!', '?', '\n':
			if i+1 < len(text) && (text[i+1] == ' ' || text[i+1] == '\n' || text[i+1] == '"') || text[i] == '\n' {
				n++
				if n >= 3 {
					return n
				}
			}
		}
	}
	return n
}

// dropSingletons removes one-word organisations seen only once that are
// not acronyms: such a word is more often a capitalised common word
// ("Dialogue", "Studies") than an actor. n is an empty map to count in.
func dropSingletons(found []Mention, n map[string]int) []Mention {
	for _, m := range found {
		n[m.Actor]++
	}
	out := found[:0]
	for _, m := range found {
		if m.Kind != Person && m.Kind != Place && n[m.Actor] == 1 && !strings.Contains(m.Actor, " ") && !strings.Contains(m.Actor, "-") && !isAllCaps(m.Actor) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// headlineLines marks the tokens of title-case lines ("Russia Helps Drive
// Out Rebel Groups"), where capitals say nothing about names.
func headlineLines(text string, s *scratch) {
	toks := s.toks
	nl := -1 // the first newline at or after toks[b-1].end(), or len(text)
	for a := 0; a < len(toks); {
		b := a + 1
		for ; b < len(toks); b++ {
			// a line break between tokens b-1 and b ends the line
			if nl < toks[b-1].end() {
				if k := strings.IndexByte(text[toks[b-1].end():], '\n'); k >= 0 {
					nl = toks[b-1].end() + k
				} else {
					nl = len(text)
				}
			}
			if nl < toks[b].start() {
				break
			}
		}
		caps, long := 0, 0
		for k := a; k < b; k++ {
			if toks[k].end()-toks[k].start() >= 4 {
				long++
				if s.toks[k].upper() {
					caps++
				}
			}
		}
		// A headline does not end as a sentence does: a line of many
		// names ("… said Chancellor Olaf Scholz would meet Prime Minister
		// Denys Shmyhal in Berlin.") is prose.
		lineEnd := len(text)
		if k := strings.IndexByte(text[toks[b-1].end():], '\n'); k >= 0 {
			lineEnd = toks[b-1].end() + k
		}
		sentence := strings.ContainsAny(text[toks[b-1].end():lineEnd], ".!?")
		if b-a >= 4 && long >= 3 && caps*10 >= long*7 && !sentence {
			for k := a; k < b; k++ {
				s.marks[k] |= mHeadline
			}
		}
		a = b
	}
}
