package main

import (
	"github.com/actorframe/actorframe/features"
	"github.com/actorframe/actorframe/train/dataset"
)

// lexiconBaseline scores each labelled target the way a lexicon scorer
// would: the sum of the prior polarities (VADER's lexicon) of the words of
// its sentence, negated after "not"/"no"/"never", labelled with VADER's
// compound thresholds (±0.05 after squashing).
func lexiconBaseline(recs []dataset.Mentions) *result {
	res := newResult()
	p := features.NewParser(features.DefaultConfig())
	var d features.Doc
	for i := range recs {
		r := &recs[i]
		p.Parse(r.Text, &d)
		for _, tg := range r.Targets {
			if !tg.HasPolarity {
				continue
			}
			ti := d.TokenAt(tg.Start)
			if ti >= len(d.Tokens) {
				res.Polarity.Add(tg.Polarity+1, 1)
				continue
			}
			sn := d.Sentences[d.SentenceOf(ti)]
			var sum float64
			neg := 0
			for k := sn.From; k < sn.To; k++ {
				t := d.Tokens[k]
				if t.Flags&features.FlagNegation != 0 {
					neg = 3
					continue
				}
				v, ok := features.Valence(r.Text[t.Start:t.End])
				if ok {
					if neg > 0 {
						v = -v
					}
					sum += float64(v)
				}
				if neg > 0 {
					neg--
				}
			}
			compound := sum / (1 + abs(sum)) // squashed like VADER's compound
			pred := 1
			switch {
			case compound >= 0.05:
				pred = 2
			case compound <= -0.05:
				pred = 0
			}
			res.Polarity.Add(tg.Polarity+1, pred)
		}
	}
	return res
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
