package main

// This is the only file of the example that touches actorframe's
// internals (data reader, feature pipeline, models). They are being
// refactored; keeping the contact surface to the four functions below
// means a change there is fixed here and nowhere else.

import (
	"fmt"

	"github.com/actorframe/actorframe/features"
	"github.com/actorframe/actorframe/features/actors"
	"github.com/actorframe/actorframe/internal/framing"
	"github.com/actorframe/actorframe/models"
	"github.com/actorframe/actorframe/train/dataset"
)

// shipped returns the embedded model's engine and a pipeline that reads
// texts as train fit does: the built-in actors, raw text (the labelled
// spans point into it).
func shipped() (*framing.Engine, *framing.Pipeline, error) {
	f, err := models.Default()
	if err != nil {
		return nil, nil, err
	}
	eng, err := framing.NewEngine(f)
	if err != nil {
		return nil, nil, err
	}
	cat, err := actors.Default()
	if err != nil {
		return nil, nil, err
	}
	finder := actors.NewFinder(cat, actors.Options{Discover: true, Pronouns: true})
	pipe, err := framing.NewPipeline(eng.Config(), finder, false)
	return eng, pipe, err
}

// classNames are the polarity classes, in the order of sample.label.
var classNames = []string{"negative", "neutral", "positive"}

// sample is one labelled mention as a sparse hashed feature vector. An
// index may repeat; its values then add up, as in models.Examples.
type sample struct {
	idx   []uint32
	val   []float32
	label int // index into classNames
}

// featureSpace is the size of the hashed space the shipped model's
// features live in (2^HashBits).
func featureSpace() (int, error) {
	eng, _, err := shipped()
	if err != nil {
		return 0, err
	}
	return eng.Config().Dim(), nil
}

// mentionFeatures reads a format M file (NewsMTSC's own spelling is
// accepted) and returns one sample per target with a polarity label,
// featurised exactly as `train fit` does it: the shipped model's
// pipeline, the labelled targets marked as other actors for each other.
func mentionFeatures(path string) ([]sample, error) {
	recs, _, err := dataset.ReadMentionsFile(path, dataset.Options{})
	if err != nil {
		return nil, err
	}
	_, pipe, err := shipped()
	if err != nil {
		return nil, err
	}
	var out []sample
	var fs []features.Feature
	for i := range recs {
		r := &recs[i]
		t := pipe.Analyze(r.Text)
		spans := make([]features.Span, 0, len(r.Targets))
		for _, tg := range r.Targets {
			spans = append(spans, features.Span{Start: tg.Start, End: tg.End})
		}
		t.AddOthers(spans...)
		for _, tg := range r.Targets {
			if !tg.HasPolarity {
				continue
			}
			fs = t.Features(features.Span{Start: tg.Start, End: tg.End}, fs[:0])
			s := sample{idx: make([]uint32, len(fs)), val: make([]float32, len(fs)), label: tg.Polarity + 1}
			for j, f := range fs {
				s.idx[j], s.val[j] = f.Index, f.Value
			}
			out = append(out, s)
		}
		pipe.Release(t)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no targets with a polarity label", path)
	}
	return out, nil
}

// linearHead is an actorframe polarity head: a multinomial logistic
// regression over a feature space of some size.
type linearHead struct{ m *models.Linear }

// fitHead trains actorframe's polarity head on samples whose indices are
// below dim, with the L2 penalty and iteration cap `train fit` uses, so
// that the only difference from the shipped head is the feature set.
func fitHead(train []sample, dim int) (*linearHead, error) {
	x := &models.Examples{}
	for _, s := range train {
		x.Append(s.idx, s.val, s.label, 1)
	}
	m, err := models.Fit(x, models.FitOptions{Classes: len(classNames), Dim: dim, L2: 1e-5, MaxIter: 300})
	if err != nil {
		return nil, err
	}
	return &linearHead{m}, nil
}

// shippedHead is the polarity head embedded in the library.
func shippedHead() (*linearHead, error) {
	f, err := models.Default()
	if err != nil {
		return nil, err
	}
	for _, h := range f.Heads {
		if h.Name == framing.PolarityHead {
			return &linearHead{h.Model}, nil
		}
	}
	return nil, fmt.Errorf("embedded model has no %q head", framing.PolarityHead)
}

// predict returns the most probable class of s. buf is scratch space.
func (h *linearHead) predict(s sample, buf []float64) (int, []float64) {
	buf = h.m.Logits(s.idx, s.val, buf[:0])
	best := 0
	for c := range buf {
		if buf[c] > buf[best] {
			best = c
		}
	}
	return best, buf
}
