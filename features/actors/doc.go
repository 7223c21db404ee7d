// Package actors finds the actors a news text names — countries, leaders,
// armies, armed groups, institutions, outlets, civilians — and groups every
// mention under one canonical name.
//
// A Catalogue lists actors with their aliases, a parent (Putin's is
// Russia; the Syrian army's is the Syrian government) and a kind. Default
// is the built-in catalogue: every country with its demonyms, capital and
// seats of power ("Moscow", "Kremlin", "White House"), "<demonym> army /
// forces / jets / government" phrases, governments, heads of state and
// ministers, international organisations, armed groups and their
// spellings, news outlets, collectives ("the West", "European leaders"),
// and the collective nouns of conflict news, each under its own word
// ("terrorists", "militants", "rebels", "opposition", "civilians",
// "refugees" are different actors: the catalogue never renames one loaded
// word into another). Read and With add a caller's own actors, and refuse
// an unknown kind.
//
// A Finder matches the catalogue the way a reader would: the longest alias
// wins ("Syrian army" over "Syria"); short all-capital aliases match only
// in capitals ("US" the country, not "us"; "IS" the group, not "is");
// capitalised aliases need a capital ("Turkey" the country, not the bird
// in lower case); possessives and plurals match ("Russia's", "Russians");
// dotted and hyphenated forms match ("U.S.", "al-Assad" and "al Assad");
// nothing matches inside a word. "Georgia" is the country unless the text
// speaks of Atlanta or Savannah. "The regime", "government forces" and
// "the army" are given to the government of the country the text is most
// about; where the text names none, they are actors under their own words.
// A plural demonym without a determiner names the people, an actor apart
// from its state with the country as parent ("Ukrainians queued for
// bread", "the Syrian people"; "the Russians advanced" is Russia). A member
// noun right after a name is that actor ("Hezbollah fighters", "UN
// peacekeepers"), and "people" counted ("14 people", "thousands of
// people") is an actor of its own.
//
// With Options.Discover the Finder also reports proper nouns the catalogue
// does not know, by a fast rule-based pass over runs of capitalised words,
// skipping title-case headlines. A name in the places gazetteer
// (places.txt), with a place word ("Mountains", "Sea", "Province"), after
// "the village of", or seen after a locative ("in", "at", "near") is a
// Place. A run joined by "of", "for", "and" that holds an organisation
// word stays one organisation ("Institute for US and Canadian Studies").
// A run of two or three words that names no organisation is a person,
// and the surname alone then names the same person ("Benjamin Koellmann"
// … "Koellmann" … "Mr. Koellmann"); so is one name after a title or
// before a speech verb ("Mr. Navalny", "…, Hrytsenko said"); a country's title before a person
// joins the person ("Russian President Vladimir Putin"). With
// Options.Pronouns, he/she/his/her/him attach to the latest person within
// two sentences (the speaker of "he said" to whoever the text last had
// speak) and it/its to the only non-person actor earlier in the same
// sentence; such mentions are marked Via Pronoun. WithActors adds actors
// to a Finder without re-indexing its catalogue.
//
// The Finder reads the words of a features.Doc: AppendMentionsDoc takes
// the Doc the feature extractor parsed, so that actors and features cut a
// text at the same places (AppendMentions and Find segment the text
// first). Titles and name particles come from features' shared lists.
//
// A Catalogue and a Finder are immutable and safe for concurrent use.
package actors
