// Package stance tells how a news text frames each actor in it.
//
// For every actor — a country, a leader, an army, an armed group, an
// institution, civilians — Score returns a score from -1 (hostile) to +1
// (sympathetic), a label, a role (protagonist, antagonist, innocent, or
// neutral) with a fine frame where the evidence supports one (Guardian,
// Peacemaker, Tyrant, Terrorist, Victim...), and the evidence: each
// mention with its sentence and score, the features that moved the score,
// and who said it — the author, or a quoted source.
//
//	rep := stance.Score(text)
//	for _, a := range rep.Actors {
//		fmt.Println(a.Actor, a.Score, a.Role, a.FineRole)
//	}
//
// One rule ties a frame's numbers: Label is the most probable class of
// Probs, and Score is P(positive) − P(negative) of the same Probs.
//
// How it works: package features mends scraped text, finds the actors
// (features/actors) and the quotations (features/quotes), and turns each
// mention into hashed, name-blind features relative to it. The core
// (internal/framing), which training shares, scores every mention with the
// polarity head, gives each actor its probabilities from the actor head
// and its role from the role head and cue words about who does what to
// whom. This package groups mentions into actors and voices and writes
// the Report; Contrast compares the reports of several texts.
//
// Score, ScoreMention and ScoreActor use the model embedded in the
// library. Load or LoadFile read a model trained with the train command;
// WithOptions changes how actors are found (a custom catalogue, no
// discovery of unlisted actors, no pronouns), which voices count, whether
// evidence is given and whether scraped text is mended, without reloading
// weights.
// A Model is safe for concurrent use, and ScoreAll scores a stream of
// documents on all cores, in order.
package stance
