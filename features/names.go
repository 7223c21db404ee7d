package features

import (
	"strings"
	"unicode/utf8"
)

// The word lists below are the ones every pass over a text shares: the
// sentence splitter, the actor finder and the quote attributor each asked
// "is this a title?" of a list of its own, and the lists drifted apart.

// titleList holds the words that come before a person's name as a title
// or office: "President Vladimir Putin", "Foreign Minister Sergei Lavrov",
// "Mr. Assad", "former Secretary of State John Kerry".
const titleList = `mr mrs ms dr sir dame lord lady gen general col colonel lt sgt capt
president minister secretary prime foreign defense defence interior senator sen rep
gov governor king queen prince chancellor ambassador envoy spokesman spokeswoman
professor prof commander chief deputy vice mayor judge pope ayatollah sheikh former
acting state leader`

// particleList holds the particles that join the words of a name: Abu Bakr
// al-Baghdadi, Ludwig van Beethoven.
const particleList = `al el ez es bin ibn abu de da di du van von der den la le i`

var (
	titleSet    = wordSet(titleList)
	particleSet = wordSet(particleList)
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// IsTitle reports whether w, in any case and with or without a final dot,
// is a title that comes before a person's name ("Mr.", "President",
// "Foreign", "former").
func IsTitle(w string) bool { return inLowerSet(titleSet, strings.TrimSuffix(w, ".")) }

// Titles returns the title words, in lower case, in a new slice.
func Titles() []string { return strings.Fields(titleList) }

// IsNameParticle reports whether w, in any case, is a particle that joins
// the words of a name ("al", "bin", "van"); a trailing hyphen ("al-") is
// ignored.
func IsNameParticle(w string) bool { return inLowerSet(particleSet, strings.TrimSuffix(w, "-")) }

// IsAbbreviation reports whether w followed by a period is an
// abbreviation or an initial that does not end a sentence: "Mr", "Gen",
// "U.S", "J".
func IsAbbreviation(w string) bool { return isAbbreviation(w) }

// abbreviations never end a sentence when followed by a period.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "sen": true,
	"rep": true, "gov": true, "lt": true, "col": true, "sgt": true, "capt": true, "cpt": true,
	"maj": true, "st": true, "jr": true, "sr": true, "vs": true, "etc": true, "no": true,
	"inc": true, "co": true, "corp": true, "ltd": true, "jan": true, "feb": true, "mar": true,
	"apr": true, "aug": true, "sept": true, "sep": true, "oct": true, "nov": true, "dec": true,
	"rev": true, "adm": true, "pres": true, "gov't": true, "mt": true, "ft": true, "u.s": true,
	"u.k": true, "u.n": true, "e.g": true, "i.e": true,
}

func isAbbreviation(w string) bool {
	if utf8.RuneCountInString(w) == 1 {
		return true // initials: "J. Smith"
	}
	if len(w) > 6 {
		return false
	}
	var b [8]byte
	n := 0
	for i := 0; i < len(w) && n < len(b); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[n] = c
		n++
	}
	return abbreviations[string(b[:n])]
}

// inLowerSet looks w up in a set of short lower-case ASCII words without
// allocating: a word longer than any in the sets is not in them.
func inLowerSet(set map[string]bool, w string) bool {
	var b [16]byte
	if len(w) > len(b) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return set[string(b[:len(w)])]
}
