package main

import (
	"fmt"
	"io"

	"github.com/actorframe/actorframe/features"
	"github.com/actorframe/actorframe/internal/framing"
	"github.com/actorframe/actorframe/train/dataset"
	"github.com/actorframe/actorframe/train/evaluate"
)

// viewScore is one polarity target scored by each view of a model with
// word vectors: the linear head alone and the vector head alone.
type viewScore struct {
	gold        int
	linear, vec [3]float64
}

// scoreViews scores every polarity target of recs with each view of eng,
// which must have a vector head.
func scoreViews(eng *framing.Engine, recs []dataset.Mentions) ([]viewScore, error) {
	pipe, err := newPipeline(eng.Config(), false)
	if err != nil {
		return nil, err
	}
	var out []viewScore
	err = eachPolarityTarget(pipe, recs, false, nil, func(t *framing.Analysis, sp features.Span, label int, _ float32) error {
		lin, vec, ok := eng.Views(t, sp)
		if !ok {
			return fmt.Errorf("the model has no %s head", framing.VectorHead)
		}
		out = append(out, viewScore{gold: label, linear: lin, vec: vec})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// viewWeights are the blend weights of the vector view that views
// reports: 0 is the linear view alone, 1 the vector view alone.
var viewWeights = func() []float64 {
	var w []float64
	for i := 0; i <= 20; i++ {
		w = append(w, float64(i)/20)
	}
	return w
}()

// blendConfusion is the confusion of the blend with weight w of the
// vector view, each target labelled by its most probable class.
func blendConfusion(scores []viewScore, w float64) *evaluate.Confusion {
	c := evaluate.NewConfusion(framing.LabelNames())
	for _, s := range scores {
		p := framing.Blend(s.linear, s.vec, w)
		c.Add(s.gold, int(framing.MostProbable(p[:])))
	}
	return c
}

// printViews prints macro-F1 of the linear view, the vector view and
// their blends on the same targets, and the best blend weight.
func printViews(w io.Writer, title string, scores []viewScore) {
	fmt.Fprintf(w, "%s: views of mention polarity (n=%d), macro-F1 / accuracy\n", title, len(scores))
	best, bestF := 0.0, -1.0
	for _, vw := range viewWeights {
		c := blendConfusion(scores, vw)
		f := c.MacroF1()
		what := fmt.Sprintf("blend w=%.2f", vw)
		switch vw {
		case 0:
			what = "linear view"
		case 1:
			what = "vector view"
		}
		fmt.Fprintf(w, "  %-16s %.4f  %.4f\n", what, f, c.Accuracy())
		if f > bestF+1e-12 {
			best, bestF = vw, f
		}
	}
	lin := blendConfusion(scores, 0).MacroF1()
	fmt.Fprintf(w, "  best blend: w=%.2f, macro-F1 %.4f (%+.4f over the linear view)\n", best, bestF, bestF-lin)
}
