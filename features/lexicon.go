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

// Valence returns the prior polarity in [-1, 1] of word from the embedded
// VADER-derived lexicon, and whether it has one. The word is looked up as
// written, lower-cased (typographic apostrophes folded), not stemmed: a
// lexicon lists the inflections it means.
func Valence(word string) (float32, bool) {
	key, _ := normalise(word, nil)
	v, ok := wordValences()[string(key)]
	return v, ok
}
