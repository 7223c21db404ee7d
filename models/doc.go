// Package models holds actorframe's classifiers and their file format.
//
// A Linear model is a multinomial logistic regression over a hashed
// feature space of Dim features: for an input x (sparse: indices and
// values) and class c,
//
//	logit_c = B[c] + Σ_i x_i · W[i*Classes + c],   P(c | x) = softmax(logits)_c
//
// Fit trains one on an Examples matrix (compressed sparse rows, one label
// per row) by minimising the mean cross-entropy plus L2/2·‖W‖² with
// L-BFGS from gonum's optimize package. The rows are split into a fixed
// number of chunks whose gradients are computed in parallel and summed in
// chunk order, so a fit is bit-for-bit the same on every run and machine
// word order, whatever the number of cores.
//
// A File bundles named heads (a Linear model with its class labels), the
// feature configuration they were trained with (opaque JSON owned by
// package features) and free-form metadata. Its binary form is
//
//	"AFRM" | version uint16 | payload length uint64 | CRC-32C of payload uint32 | payload
//
// with the payload holding the config, the calibration (from version 2), the metadata in key order and, per
// head, its labels, biases and only the feature rows that have a nonzero
// weight (delta-varint indices and float32 weights, little endian), and,
// from version 3, the word vectors a head reads (opaque bytes owned by
// package features/wordvec; a file without them is written as version 2). The
// same File always encodes to the same bytes. Read checks every length
// against the bytes that remain before allocating, so a corrupt or hostile
// file yields an error — ErrNotModel, ErrVersion, ErrTruncated, ErrChecksum
// or ErrCorrupt, with detail — and never a panic or a huge allocation.
//
// Default returns the model embedded in the library (default.afm), which
// the train command produces.
package models
