package actors

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// peopleWords are the plural demonyms in lower case ("ukrainians",
// "syrians", "poles"): words that may name a country's people rather than
// its state; demonymWords the singular ones ("syrian"), which name the
// people before "people" ("the Syrian people").
var peopleWords, demonymWords = func() (map[string]bool, map[string]bool) {
	m, single := map[string]bool{}, map[string]bool{}
	for _, line := range strings.Split(countriesTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 3 {
			continue
		}
		ds := map[string]bool{}
		for _, d := range split(cols[2]) {
			ds[strings.ToLower(d)] = true
		}
		for d := range ds {
			switch {
			case strings.HasSuffix(d, "s") && ds[strings.TrimSuffix(d, "s")]:
				m[d] = true // "ukrainians" beside "ukrainian"
			case !strings.HasSuffix(d, "s"):
				m[d+"s"] = true
				single[d] = true
			}
		}
	}
	return m, single
}()

// peoples splits a people from its state. A plural demonym names the
// country's side when a determiner makes it one ("the Russians advanced")
// and its people otherwise ("Ukrainians queued for bread", "millions of
// Syrians fled", "ordinary Russians pay the price"). The people is an actor
// of its own, a Group under the text's own word, with the country as its
// parent, so that the victims of a war are not framed as the state that
// wages it, nor the reverse.
func peoples(dst []Mention, first int, text string) []Mention {
	side := -1 // the last plural demonym kept as its country's side
	for i := first; i < len(dst); i++ {
		m := &dst[i]
		if m.Kind != Country || m.Via != Listed {
			continue
		}
		w := text[m.Start:m.End]
		var buf [24]byte
		if len(w) > len(buf) {
			continue
		}
		key := appendLower(buf[:0], w, len(buf))
		if demonymWords[string(key)] && hasWordAfter(text, m.End, "people") {
			// "the Syrian people": the people, under the text's words
			m.End += len(" people")
			m.Parent, m.Actor, m.Kind = m.Actor, capitalWord(w)+" people", Group
			continue
		}
		if !peopleWords[string(key)] {
			continue
		}
		// "the Russians", and "the Russians and Syrians": the determiner
		// governs the whole coordination
		if strings.EqualFold(lastWord(text[:m.Start]), "the") || side >= 0 && coordinated(text[dst[side].End:m.Start]) {
			side = i
			continue
		}
		m.Parent, m.Actor, m.Kind = m.Actor, capitalWord(w), Group
	}
	return dst
}

// hasWordAfter reports whether text continues at i with a space and word,
// and the word ends there.
func hasWordAfter(text string, i int, word string) bool {
	rest := text[i:]
	if !strings.HasPrefix(rest, " "+word) {
		return false
	}
	rest = rest[1+len(word):]
	r, _ := utf8.DecodeRuneInString(rest)
	return rest == "" || !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// coordinated reports whether gap joins two words in a coordination.
func coordinated(gap string) bool {
	switch strings.TrimSpace(gap) {
	case "and", "or", ",", ", and", ", or":
		return true
	}
	return false
}

// lastWord returns the last word of s: its letters after the last space.
func lastWord(s string) string {
	s = strings.TrimRight(s, " \t\n")
	i := strings.LastIndexAny(s, " \t\n(\"“")
	return s[i+1:]
}

// capitalWord returns w with a capital and the rest in lower case, so that
// "UKRAINIANS" in a headline and "Ukrainians" are one actor.
func capitalWord(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + strings.ToLower(w[n:])
}

// quantityWords before "people" (or before "of people") count them:
// "thousands of people", "dozens of people", "six million people".
var quantityWords = map[string]bool{"dozens": true, "scores": true, "hundreds": true, "thousands": true, "millions": true,
	"two": true, "three": true, "four": true, "five": true, "six": true, "seven": true, "eight": true, "nine": true,
	"ten": true, "dozen": true, "hundred": true, "thousand": true, "million": true, "billion": true}

// countedPeople finds "people" counted by a number or quantity ("14
// people", "more than 30,000 people", "thousands of people"): in news of
// war and disaster they are the dead, the wounded and the displaced, an
// actor of their own under the text's word. "people" without a count
// ("people familiar with the matter") is not one.
func countedPeople(dst []Mention, first int, text string, s *scratch) []Mention {
	toks := s.toks
	found := s.found[:0] // discover's buffer, free again: mergeFound copies
	for i := 1; i < len(toks); i++ {
		t := toks[i]
		if !s.lowerIs(text, i, kPeople) || !adjacent(text, toks[i-1], t) {
			continue
		}
		j := i - 1
		if s.lowerIs(text, j, kOf) && j > 0 && adjacent(text, toks[j-1], toks[j]) {
			j-- // "thousands of people"
		}
		w := text[toks[j].start():toks[j].end()]
		var buf [16]byte
		if !isDigits(w) && !quantityWords[string(appendLower(buf[:0], w, len(buf)))] {
			continue
		}
		if !covered(dst[first:], t.start(), t.end()) {
			found = append(found, Mention{Actor: "people", Kind: Group, Start: t.start(), End: t.end(), Via: Listed})
		}
	}
	s.found = found
	if len(found) == 0 {
		return dst
	}
	return s.mergeFound(dst, first, found)
}

// covered reports whether a mention of ms, sorted by Start, overlaps
// [start, end).
func covered(ms []Mention, start, end int) bool {
	k := sort.Search(len(ms), func(k int) bool { return ms[k].End > start })
	return k < len(ms) && ms[k].Start < end
}

// isDigits reports whether w is a number as written: "14", "30,000", "1.2".
func isDigits(w string) bool {
	if w == "" || w[0] < '0' || w[0] > '9' {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; (c < '0' || c > '9') && c != ',' && c != '.' {
			return false
		}
	}
	return true
}
