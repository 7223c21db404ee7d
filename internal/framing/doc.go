// Package framing is actorframe's core: the one place where a text becomes
// framed actors, shared by scoring (package stance) and training (the
// train command), so that both always compute the same thing.
//
// The flow, one way:
//
//	text ─► Pipeline.Analyze ─► Analysis ─► Engine.AddMention ─► Scores ─► Engine.Frame
//	        mended text, tokens, (once per   features and every   per mention:   probabilities,
//	        actors, quotes       text)       head's logits        probabilities  label, role
//
// Pipeline mends a text (features.Repair), parses it once
// (features.Parser), and hands that one parsed Doc to the actor finder
// (features/actors) and the quote attributor (features/quotes), so that
// features, actors and quotations agree on every word; it says whose voice stands at any place (VoiceAt)
// and which mentions only speak or report (Speaks).
//
// Engine holds a model file's heads, checked against the table of head
// specs (heads.go): the polarity head reads one mention's features and
// the polarity-vectors head its word-vector view (features/wordvec), the
// two blended; the role head an actor's mentions, polarity and cue
// counts, and the role-vectors head the mean word-vector view of its
// mentions, the two blended again; the actor head a summary of the
// actor's mentions (ActorStats). AddMention scores a mention with every
// head in one pass over its features (one more over its word-vector
// blocks) and keeps its cue counts, its span and, in a text's first
// mentions, its strongest features (ActorEvidence extracts later ones
// again); Frame turns an actor's mentions into probabilities (the actor
// head's, moved by what the actor does: Agency), a label and score tied
// to them, a role and a fine role. The blend weights and the agency weight are the model's
// Calibration. Model files of the first format carried label
// weights instead of an actor head; they still read (Calibration).
//
// Labels, roles, fine roles and voices are closed sets, typed here
// (labels.go); package stance re-exports them.
//
// Where to extend: a feature family is a row in package features' family
// table; a head is a row in the spec table here, its fit in package train
// and the use of its output in Frame; an output format is package
// stance's (or an example's) business.
package framing
