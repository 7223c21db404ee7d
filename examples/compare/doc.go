// Command compare runs actorframe and VADER (github.com/jonreiter/govader)
// side by side on the same corpus, in one process, and prints the
// throughput of each — documents/s, sentences/s and MB/s — and their ratio.
//
// Run it from this directory:
//
//	cd examples/compare && go run .
//
// With no arguments the corpus is the repository's own test article
// (../../features/testdata/article.txt, or the file named by -corpus)
// repeated -repeat times as separate documents. Otherwise each argument is
// a corpus file: plain text is one document per file, and a file whose name
// ends in .jsonl holds one {"id","text"} document a line.
//
// What is measured: actorframe's stance.Score on each whole document, and
// VADER's SentimentIntensityAnalyzer.PolarityScores on each sentence of each
// document, since VADER is a sentence-level scorer. Splitting a document
// into sentences for VADER (on . ! ? followed by white space, or at a blank
// line) is counted in VADER's time. Each side runs on a single goroutine, so
// the numbers compare cost per core; both are warmed up first, then each is
// timed over whole passes of the corpus for at least -duration of wall time
// (or for exactly -rounds passes when -rounds > 0). Sentences/s divide the
// same sentence count, that of the splitter, for both sides, so every ratio
// column agrees; the corpus line also shows how many sentences actorframe's
// own parser finds. -workers N adds a row for stance's ScoreAll on N
// goroutines.
//
// The two do different jobs: VADER gives one polarity per sentence, while
// actorframe finds the actors in a text and scores how each mention of each
// is framed, with evidence. The comparison says what that costs next to a
// lexicon baseline, not which is better.
//
// This is a module of its own (github.com/actorframe/actorframe/examples/compare,
// with a replace directive pointing at ../..) so that the library's go.mod
// never depends on govader or on the old gonum it asks for; minimal version
// selection here resolves gonum to the main module's version.
//
// Flags:
//
//	-corpus FILE     the default corpus document (default ../../features/testdata/article.txt)
//	-repeat N        copies of the default document in the corpus (default 100)
//	-duration D      least wall time to time each scorer for (default 3s)
//	-rounds N        time exactly N passes of the corpus instead of -duration
//	-warmup D        least wall time to warm each scorer up for, at least one pass (default 300ms)
//	-workers N       also time stance's ScoreAll on N goroutines (default 0: no)
package main
