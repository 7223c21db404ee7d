// Package features turns news text into the sparse, hashed feature vectors
// that actorframe's classifiers read.
//
// Repair mends scraped text first (UTF-8 read as Windows-1252 or Latin-1,
// HTML entities), with a map from the mended text's offsets back to the
// caller's; NotText tells text from binary data.
//
// The pipeline has three steps, each usable on its own:
//
//  1. Parse splits a text into tokens (UAX #29 word boundaries, with byte
//     offsets) and sentences, and gives every word a normalised, stemmed
//     term (lowercased, Snowball English stem). Stemming is the expensive
//     part, so terms are memoised in a Lexicon that grows as it meets new
//     words. This is the text layer of the whole pipeline: the actor
//     finder (actors.Finder.AppendMentionsDoc) and the quote attributor
//     (quotes.AppendQuotesDoc) read the same parsed Doc, so a text is cut
//     into words once and every pass agrees on where a word ends. Segment
//     cuts a text the same way without terms, for passes that need no
//     features; names.go holds the word lists the passes share (titles,
//     name particles, abbreviations).
//  2. An Extractor looks at one actor mention — a byte span in the text —
//     and emits features relative to it: stemmed n-grams of its sentence
//     with the mention replaced by a placeholder ⟨T⟩ (and other actors by
//     ⟨O⟩), so that "⟨T⟩ crushed", "crushed ⟨T⟩" and "by ⟨T⟩" generalise
//     across actors; n-grams in windows to the left and right with a
//     distance bucket; negation scope; clause boundaries; and whether the
//     mention stands inside a quotation.
//  3. Each feature is hashed into a fixed space of 2^HashBits indices, so a
//     model is a plain weight array and no vocabulary has to be stored.
//
// Every Feature remembers which template and which tokens produced it, so
// Doc.FeatureName can render it readably ("⟨T⟩ crushed") when a caller asks
// why a score came out as it did, without building strings on the hot path.
//
// The feature families — sentence n-grams, windows, clause words, cues,
// lexicon, quoted flag, the mention's own words — are rows of one table
// (family.go): each has a name, a Config switch, an emitter, and its
// templates a renderer. Extract runs the rows in order, Config.Apply turns
// them on and off by name (train -features), and FeatureName renders
// them. A new family is a new Template, Config field and row.
//
// The Config that fixes all of this is stored in every model file, so a
// model is always read with the features it was trained on.
package features
