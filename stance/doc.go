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
// How it works: package features finds the actors (features/actors) and the
// quotations (features/quotes), and turns each mention into hashed
// features relative to it; a multinomial logistic regression from package
// models gives each mention P(negative), P(neutral), P(positive); this
// package aggregates mentions into actors, weighting each by its
// confidence, splits them by voice, and decides roles with a second,
// actor-level model plus cue words about who does what to whom.
//
// Score, ScoreMention and ScoreActor use the model embedded in the
// library. Load or LoadFile read a model trained with the train command;
// WithOptions changes how actors are found (a custom catalogue, no
// discovery of unlisted actors, no pronouns) without reloading weights.
// A Model is safe for concurrent use, and ScoreAll scores a stream of
// documents on all cores, in order.
package stance
