package actors

import (
	"sort"
	"strings"
)

// notNames are capitalised words that start sentences or name times and
// places of no interest; a proper-noun run never starts or consists of one.
var notNames = toSet(`The A An In On At By For From To Of And But Or Nor If When While As After Before Since Until
It Its He She His Her Him They Their Them We Our Us I You Your This That These Those There Here Then Now Yet So
Meanwhile However Although Though Despite During Under Over With Without Also Still Only Even Some Many Most
Such Other Another Each Every All Both No Not Neither One Two Three Four Five Six Seven Eight Nine Ten
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
September October November December Mr Mrs Ms Dr Sir Dame Lord Lady Gen General Col Colonel Lt Sgt Capt
President Minister Secretary Prime Foreign Defense Defence Interior Senator Sen Rep Gov Governor King Queen
Prince Chancellor Ambassador Envoy Spokesman Spokeswoman Professor Prof Commander Chief Deputy Vice Mayor
Judge Pope Ayatollah Sheikh Former Acting Strategically Obviously Presently Initiated Supported Aware
Behind Among Against Within Via Per What Who Whom Whose Which Where Why How Let Please Yes Oh
Featured Image Getty Images Update Photo Reuters AP AFP EST GMT BST PM AM Western Eastern Northern Southern
Central North South East West Upper Lower European Arab Muslim Christian Jewish Sunni Shia Shiite War`)

// titleWords precede a name and are dropped from it.
var titleWords = toSet(`Mr Mrs Ms Dr Sir Dame Lord Lady Gen General Col Colonel Lt Sgt Capt President Minister
Secretary Prime Foreign Defense Defence Interior Senator Sen Rep Gov Governor King Queen Prince Chancellor
Ambassador Envoy Spokesman Spokeswoman Professor Prof Commander Chief Deputy Vice Mayor Judge Pope
Ayatollah Sheikh Former Acting State`)

// orgWords mark a proper-noun run as an organisation rather than a person.
var orgWords = toSet(`Institute University Ministry Council Front Party Agency Organization Organisation News
Times Post Journal Observatory Programme Program Union Committee Department Forces Force Group Army Bank
Company Corp Inc Ltd Center Centre Foundation Association Court Commission Network Press Radio Television TV
Daily Herald Tribune Review Studies School College Hospital Church Club Authority Office Service Services
Brigade Brigades Battalion Movement Coalition Alliance League Federation Fund Board Bureau Police Guard
Guards Navy Airlines Group Media Channel Today Post Monitor Watch International National Republic State
Square Street Mountains Mountain River Sea Ocean Province District City Village Airport Base Road`)

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

// particles join the words of a name: Abu Bakr al-Baghdadi, Ludwig van Beethoven.
var particles = toSet(`al el bin ibn abu de da di du van von der den la le`)

// discover adds proper-noun runs that the catalogue did not match:
// sequences of capitalised words outside sentence openings and locative
// phrases. A run of two or three words that is not an organisation is a
// person, whose surname (and "Mr. Surname") then names the same actor.
func (f *Finder) discover(dst []Mention, first int, text string, s *scratch) []Mention {
	toks := s.toks
	covered := make([]bool, len(toks))
	ti := 0
	for _, m := range dst[first:] {
		for ti < len(toks) && toks[ti].end <= m.Start {
			ti++
		}
		for k := ti; k < len(toks) && toks[k].start < m.End; k++ {
			covered[k] = true
		}
	}
	// capitalised words seen mid-sentence: a sentence-initial word counts
	// as a name only if the text also capitalises it elsewhere
	mid := map[string]bool{}
	for i, t := range toks {
		w := text[t.start:t.end]
		if isUpperStart(w) && !sentenceStart(text, toks, i) {
			mid[w] = true
		}
	}
	headline := headlineLines(text, toks)
	surnames := map[string]string{} // surname -> full name of a discovered person
	var found []Mention
	for i := 0; i < len(toks); {
		w := text[toks[i].start:toks[i].end]
		if covered[i] || headline[i] || !isUpperStart(w) || notNames[w] && !mid[w] && !titleWords[w] || isAllCaps(w) && len(w) > 5 {
			i++
			continue
		}
		// extend the run
		j := i + 1
		for j < len(toks) && !covered[j] && adjacent(text, toks[j-1], toks[j]) {
			wj := text[toks[j].start:toks[j].end]
			if isUpperStart(wj) && !notNames[wj] || titleWords[wj] && isUpperStart(wj) {
				j++
				continue
			}
			if particles[strings.ToLower(wj)] && j+1 < len(toks) && isUpperStart(text[toks[j+1].start:toks[j+1].end]) && adjacent(text, toks[j], toks[j+1]) {
				j += 2
				continue
			}
			break
		}
		a := i
		for a < j && (titleWords[text[toks[a].start:toks[a].end]] || notNames[text[toks[a].start:toks[a].end]]) {
			a++
		}
		start := i
		i = j
		if a >= j {
			continue
		}
		if a == start && sentenceStart(text, toks, a) && j-a == 1 && !mid[text[toks[a].start:toks[a].end]] {
			continue
		}
		if start > 0 && locatives[text[toks[start-1].start:toks[start-1].end]] && adjacent2(text, toks[start-1], toks[start]) {
			continue
		}
		name := text[toks[a].start:toks[j-1].end]
		kind := Organisation
		if n := j - a; n >= 2 && n <= 3 && !anyOrgWord(text, toks[a:j]) {
			kind = Person
		}
		if kind == Person {
			last := text[toks[j-1].start:toks[j-1].end]
			if _, ok := surnames[last]; !ok {
				surnames[last] = name
			}
		} else if j-a == 1 {
			if full, ok := surnames[name]; ok {
				name, kind = full, Person
			} else if full, ok := f.knownSurname(dst[first:], name); ok {
				// "Koellmann" after a listed "Benjamin Koellmann"
				_ = full
				continue
			}
		}
		found = append(found, Mention{Actor: canonicalSpaces(name), Kind: kind, Start: toks[a].start, End: toks[j-1].end, Via: Discovered})
	}
	found = dropSingletons(found)
	if len(found) == 0 {
		return dst
	}
	dst = append(dst, found...)
	ms := dst[first:]
	sort.SliceStable(ms, func(x, y int) bool { return ms[x].Start < ms[y].Start })
	return dst
}

func (f *Finder) knownSurname(ms []Mention, w string) (string, bool) {
	for _, m := range ms {
		if m.Kind == Person && strings.HasSuffix(m.Actor, " "+w) {
			return m.Actor, true
		}
	}
	return "", false
}

// adjacent2: the preposition directly precedes the run.
func adjacent2(text string, a, b token) bool {
	return strings.TrimSpace(text[a.end:b.start]) == ""
}

func anyOrgWord(text string, ts []token) bool {
	for _, t := range ts {
		if orgWords[text[t.start:t.end]] {
			return true
		}
	}
	return false
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
	from := 0
	if i > 0 {
		from = toks[i-1].end
	}
	gap := text[from:toks[i].start]
	if i == 0 {
		return true
	}
	if strings.ContainsAny(gap, ".!?\n:") {
		// "U.S. President" is no sentence start
		prev := text[toks[i-1].start:toks[i-1].end]
		if strings.HasSuffix(prev, ".") || titleWords[prev] {
			return strings.ContainsAny(gap, "\n")
		}
		return true
	}
	return false
}

// pronouns attaches personal pronouns to the latest person mentioned in
// the same or the two previous sentences, and it/its to the only non-person
// actor earlier in the same sentence.
func (f *Finder) pronouns(dst []Mention, first int, text string, s *scratch) []Mention {
	ms := dst[first:]
	if len(ms) == 0 {
		return dst
	}
	var found []Mention
	mi := 0 // mentions before the current token
	for _, t := range s.toks {
		for mi < len(ms) && ms[mi].End <= t.start {
			mi++
		}
		if mi < len(ms) && ms[mi].Start < t.end {
			continue // inside a mention
		}
		w := text[t.start:t.end]
		if len(w) > 7 {
			continue
		}
		switch strings.ToLower(w) {
		case "he", "him", "his", "himself", "she", "her", "hers", "herself":
			for k := mi - 1; k >= 0; k-- {
				m := ms[k]
				if sentencesBetween(text, m.End, t.start) > 2 {
					break
				}
				if m.Kind == Person {
					found = append(found, Mention{Actor: m.Actor, Kind: m.Kind, Parent: m.Parent, Start: t.start, End: t.end, Via: Pronoun})
					break
				}
			}
		case "it", "its", "itself":
			cand := -1
			for k := mi - 1; k >= 0; k-- {
				m := ms[k]
				if sentencesBetween(text, m.End, t.start) > 0 {
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
				found = append(found, Mention{Actor: m.Actor, Kind: m.Kind, Parent: m.Parent, Start: t.start, End: t.end, Via: Pronoun})
			}
		}
	}
	if len(found) == 0 {
		return dst
	}
	dst = append(dst, found...)
	ms = dst[first:]
	sort.SliceStable(ms, func(x, y int) bool { return ms[x].Start < ms[y].Start })
	return dst
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
// ("Dialogue", "Studies") than an actor.
func dropSingletons(found []Mention) []Mention {
	n := map[string]int{}
	for _, m := range found {
		n[m.Actor]++
	}
	out := found[:0]
	for _, m := range found {
		if m.Kind != Person && n[m.Actor] == 1 && !strings.Contains(m.Actor, " ") && !strings.Contains(m.Actor, "-") && !isAllCaps(m.Actor) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// headlineLines marks the tokens of title-case lines ("Russia Helps Drive
// Out Rebel Groups"), where capitals say nothing about names.
func headlineLines(text string, toks []token) []bool {
	marks := make([]bool, len(toks))
	for a := 0; a < len(toks); {
		b := a + 1
		for b < len(toks) && !strings.Contains(text[toks[b-1].end:toks[b].start], "\n") {
			b++
		}
		caps, long := 0, 0
		for k := a; k < b; k++ {
			w := text[toks[k].start:toks[k].end]
			if len(w) >= 4 {
				long++
				if isUpperStart(w) {
					caps++
				}
			}
		}
		if b-a >= 4 && long >= 3 && caps*10 >= long*7 {
			for k := a; k < b; k++ {
				marks[k] = true
			}
		}
		a = b
	}
	return marks
}
