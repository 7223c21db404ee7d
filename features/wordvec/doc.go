// Package wordvec is actorframe's word-vector view of a mention: a dense
// vector built from pre-trained word vectors (GloVe) of the words around
// an actor, so that a classifier can treat words it never saw in training
// like the words it did.
//
// A Table holds the vectors a model ships: only the words it keeps,
// int8-quantised with one scale per word, sorted so that a lookup is a
// binary search and decoding builds no map. ReadGloVe reads the GloVe text
// format (for training); AppendBinary and Parse are the table's form
// inside a model file.
//
// Table.Mention computes a mention's dense vector: distance-weighted
// means of the vectors of the words to its left and to its right, the
// mean over its own clause and over its sentence, each a Block of Dim
// values. The view is name-blind, as the sparse features are: the
// mention's own words and other actors' mentions never enter, nor does
// any capitalised word (a name is identity, not framing), except a
// sentence's first word when the table marks it as a word training text
// also wrote in lower case ("The", "Critics").
package wordvec
