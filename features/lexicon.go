package features

import (
	_ "embed"
	"strconv"
	"strings"
	"sync"
)

// lexiconTSV holds prior polarities of words, lower-case surface forms,
// generated from VADER's lexicon by features/internal/genlexicon.
//
//go:embed lexicon.tsv
var lexiconTSV string

var (
	valenceOnce sync.Once
	valences    map[string]float32
)

// wordValences returns the lexicon, keyed by lower-case word; it is parsed
// once and shared read-only.
func wordValences() map[string]float32 {
	valenceOnce.Do(func() {
		valences = make(map[string]float32, 8192)
		for _, line := range strings.Split(lexiconTSV, "\n") {
			word, val, ok := strings.Cut(line, "\t")
			if !ok || strings.HasPrefix(line, "#") {
				continue
			}
			if v, err := strconv.ParseFloat(val, 32); err == nil {
				valences[word] = float32(v)
			}
		}
	})
	return valences
}

// valenceOf returns the valence of a normalised word: the lexicon's entry
// for it, or for the word it inflects when the lexicon lists that word
// and not this form ("attacks" from "attack", "praising" from "praise").
// Only regular endings are undone, never a stem's guess: "forces" is not
// "forced", and "several" is nothing.
func valenceOf(key string) float32 {
	lex := wordValences()
	if v, ok := lex[key]; ok {
		return v
	}
	n := len(key)
	for _, end := range [...]string{"s", "es", "ed", "d", "ing", "ly"} {
		if n <= len(end)+2 || key[n-len(end):] != end {
			continue
		}
		base := key[:n-len(end)]
		if end == "s" && base[len(base)-1] == 's' {
			continue // "glass", "press"
		}
		if v, ok := lex[base]; ok {
			return v
		}
		if end == "ing" || end == "ed" {
			if v, ok := lex[base+"e"]; ok {
				return v
			}
		}
	}
	return 0
}

// Valence returns the prior polarity in [-1, 1] of word from the embedded
// VADER-derived lexicon, and whether it has one. The word is looked up as
// written, lower-cased (typographic apostrophes folded), not stemmed, or
// as the regular inflection of a listed word (see valenceOf).
func Valence(word string) (float32, bool) {
	key, _ := normalise(word, nil)
	v := valenceOf(string(key))
	return v, v != 0
}
