package features

import (
	_ "embed"
	"strconv"
	"strings"
	"sync"
)

// lexiconTSV holds prior polarities of word stems, generated from VADER's
// lexicon by features/internal/genlexicon.
//
//go:embed lexicon.tsv
var lexiconTSV string

var (
	lexMu    sync.Mutex
	lexCache = map[uint64]*hashTable[float32]{}
)

// lexiconFor returns the prior polarities keyed by term hash for seed,
// parsed once per seed and shared read-only.
func lexiconFor(seed uint64) *hashTable[float32] {
	lexMu.Lock()
	defer lexMu.Unlock()
	if m, ok := lexCache[seed]; ok {
		return m
	}
	m := newHashTable[float32](3000)
	for _, line := range strings.Split(lexiconTSV, "\n") {
		stem, val, ok := strings.Cut(line, "\t")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		v, err := strconv.ParseFloat(val, 32)
		if err != nil {
			continue // the file is generated; a bad line cannot occur
		}
		m.set(hashString(seed, stem), float32(v))
	}
	lexCache[seed] = m
	return m
}

var (
	valenceOnce sync.Once
	valences    map[string]float32
)

// Valence returns the prior polarity in [-1, 1] of word (after stemming)
// from the embedded VADER-derived lexicon, and whether it has one. It is
// for baselines and explanations; the extractor uses hashed lookups.
func Valence(word string) (float32, bool) {
	valenceOnce.Do(func() {
		valences = map[string]float32{}
		for _, line := range strings.Split(lexiconTSV, "\n") {
			stem, val, ok := strings.Cut(line, "\t")
			if !ok || strings.HasPrefix(line, "#") {
				continue
			}
			if v, err := strconv.ParseFloat(val, 32); err == nil {
				valences[stem] = float32(v)
			}
		}
	})
	v, ok := valences[Stem(word)]
	return v, ok
}
