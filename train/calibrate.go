package main

import (
	"fmt"
	"io"
	"math"

	"github.com/actorframe/actorframe/internal/framing"
	"github.com/actorframe/actorframe/models"
	"github.com/actorframe/actorframe/stance"
	"github.com/actorframe/actorframe/train/dataset"
	"github.com/actorframe/actorframe/train/evaluate"
)

// labelWeightSteps is the grid of the label calibration: each of the
// negative and positive weights is e^(k/4) for k in ±labelWeightSteps,
// the neutral weight stays 1.
const labelWeightSteps = 12

// fitLabelWeights chooses the actor label weights (framing.Calibration)
// that maximise macro-F1 on document-level labels recs, and records them
// in f. Documents where the actor is not found count as neutral
// predictions whatever the weights. It returns the macro-F1 before and
// after, in-sample.
func fitLabelWeights(f *models.File, recs []dataset.Actor, prog io.Writer) (before, after float64, err error) {
	m, err := stance.FromFile(f, stance.Options{})
	if err != nil {
		return 0, 0, err
	}
	type doc struct {
		probs [3]float64
		found bool
		y     int
	}
	docs := make([]doc, 0, len(recs))
	tick := newTicker(prog, "calibrate", len(recs))
	for _, r := range recs {
		af, found, err := m.ScoreActor(r.Text, r.Actor)
		if err != nil {
			return 0, 0, fmt.Errorf("line %d: %w", r.Line, err)
		}
		docs = append(docs, doc{af.Probs, found, r.Polarity + 1})
		tick.step()
	}
	macroF1 := func(w [3]float64) float64 {
		c := evaluate.NewConfusion(framing.LabelNames())
		for _, d := range docs {
			pred := framing.Neutral
			if d.found {
				pred, _ = framing.ChooseLabel(d.probs, w)
			}
			c.Add(d.y, int(pred))
		}
		return c.MacroF1()
	}
	best := [3]float64{1, 1, 1}
	before = macroF1(best)
	after, bestDist := before, 0
	// Ties go to the weights closest to 1: the smallest correction that
	// does as well.
	for i := -labelWeightSteps; i <= labelWeightSteps; i++ {
		for j := -labelWeightSteps; j <= labelWeightSteps; j++ {
			w := [3]float64{math.Exp(float64(i) / 4), 1, math.Exp(float64(j) / 4)}
			dist := max(i, -i) + max(j, -j)
			if s := macroF1(w); s > after || s == after && dist < bestDist {
				best, after, bestDist = w, s, dist
			}
		}
	}
	cal := framing.DefaultCalibration()
	cal.LabelWeights = best
	f.Calibration = cal.Marshal()
	return before, after, nil
}
