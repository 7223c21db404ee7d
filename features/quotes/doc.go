// Package quotes finds direct quotations in news text and attributes each
// to its source, so that the author's voice can be told apart from the
// voices the author quotes.
//
// Find returns the outermost quotations, in order, as byte spans with the
// quote marks excluded. Straight quotes open after white space and close
// otherwise; curly and angle quotes say which they are; single quotes are
// left alone, since most of them are apostrophes and the rest are nested
// inside a double quotation. A quotation still open at the end of a
// paragraph is closed there, so one unbalanced mark cannot swallow an
// article.
//
// Each quotation's Source is found, in this order, from:
//
//   - the words after it: `"...," Erdogan said` or `"...," said Maria Lindqvist, a spokeswoman`;
//   - the words before it in its sentence: `Malashenko added: "..."`, `according to officials, "..."`;
//   - the quotation just before it, when this one continues the same
//     speech in the same or the next paragraph (Cue Continued);
//   - an introducing line before a block quotation: "The following is an
//     excerpt of a report by Fox News." (Cue Intro). A person whose
//     statement it is ("his exact statement ... according to Al Jazeera")
//     wins over the outlet.
//
// The speaker is returned as written: a name at the end of a title chain
// ("Sergey Shoigu" from "Russia's Defense Minister Sergey Shoigu"), a
// common-noun phrase ("one European diplomat"), or a pronoun ("he", "his"),
// which the caller resolves to an actor (Quote.Pronoun marks it). A short
// quoted phrase with no speaker is marked Scare: it is the author's
// irony, not another voice. Speaks tells whether a name is the one
// speaking or reporting ("RT reported", "according to Reuters").
//
// Attribution reads the words of a features.Doc: AppendQuotesDoc and
// SpeaksDoc take the Doc the pipeline already parsed; AppendQuotes, Find
// and Speaks segment the text first.
//
// Finding quotations is linear in the text and allocates only the
// returned slice and the small word lists of attribution.
package quotes
