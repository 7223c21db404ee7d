// Package framing is actorframe's core: the one place where a text becomes
// framed actors, shared by scoring (package stance) and training (the
// train command), so that both always compute the same thing.
//
// The flow, one way:
//
//		text ─► Pipeline.Analyze ─► Analysis ─► Engine.AddMention ─► Scores ─► Engine.Frame
//		        tokens, sentences,   (once per    features and the     per-mention   label, role,
//		        actors, quotes       text)        heads' logits        probabilities fine role
//
//	  - Pipeline parses a text once (features.Parser), finds its actors
//	    (features/actors) and quotations (features/quotes), and says whose
//	    voice stands at any place (VoiceAt).
//	  - Engine holds a model file's heads, checked against the table of head
//	    specs (heads.go): the polarity head reads one mention's features, the
//	    role head an actor's. AddMention scores a mention with every head in
//	    one pass over its features; Frame aggregates an actor's mentions into
//	    a score, a calibrated label (Calibration, stored typed in the model
//	    file), a role and a fine role.
//	  - Labels, roles, fine roles and voices are closed sets, typed here
//	    (labels.go); package stance re-exports them.
//
// Where to extend: a feature family is a row in package features' family
// table; a head is a row in the spec table here plus its fit in train; an
// output format is package stance's (or an example's) business.
package framing
