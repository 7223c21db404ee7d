package framing

import (
	"fmt"
	"math"

	"github.com/actorframe/actorframe/features"
	"github.com/actorframe/actorframe/features/wordvec"
	"github.com/actorframe/actorframe/models"
)

// vectorView is an engine's word-vector head and the table it reads: the
// second view of a mention's polarity, blended with the linear head's in
// probability space. Its zero value is no view.
type vectorView struct {
	head   *Head
	table  *wordvec.Table
	weight float64 // of the vector head in the blend
	// w is the head's weights as float64, in its order: for value j of
	// the dense blocks, its 3 class weights when positive, then its 3
	// when negative. probs converts each weight so anyway; converting
	// them once at load takes three conversions per value off scoring.
	w []float64

	// role is the role-vectors head, roleW its weights as float64 (as
	// w), roleWeight its share in the role blend; nil without one.
	role       *Head
	roleW      []float64
	roleWeight float64
}

// vecScratch is an Analysis's memory for the word-vector view.
type vecScratch struct {
	sc wordvec.Scratch
}

// load finds the vector head among heads and decodes the table it reads
// from f. A model with vectors but no vector head is an error, as is one
// with the head but not its vectors, or vectors of another size.
func (v *vectorView) load(f *models.File, heads []*Head, calib Calibration) error {
	for _, h := range heads {
		if h != nil && h.Spec.Input == VectorInput {
			v.head = h
		}
		if h != nil && h.Spec.Input == ActorVectorInput {
			v.role = h
		}
	}
	if v.role != nil && v.head == nil {
		return fmt.Errorf("framing: model has a %s head but no %s head", RoleVecHead, VectorHead)
	}
	switch {
	case v.head == nil && len(f.Vectors) == 0:
		return nil
	case v.head == nil:
		return fmt.Errorf("framing: model has word vectors but no %s head", VectorHead)
	case len(f.Vectors) == 0:
		return fmt.Errorf("framing: model has a %s head but no word vectors", VectorHead)
	}
	t, err := wordvec.Parse(f.Vectors)
	if err != nil {
		return fmt.Errorf("framing: model word vectors: %w", err)
	}
	if m := v.head.Model; m.Dim != t.Size() || m.Classes != 3 {
		return fmt.Errorf("framing: %s head has %d features and %d classes, its vectors %d features and 3 classes", VectorHead, m.Dim, m.Classes, t.Size())
	}
	v.table, v.weight = t, calib.VectorWeight
	v.w = float64s(v.head.Model.W)
	if v.role != nil {
		if m := v.role.Model; m.Dim != t.Size() || m.Classes != 3 {
			return fmt.Errorf("framing: %s head has %d features and %d classes, its vectors %d features and 3 classes", RoleVecHead, m.Dim, m.Classes, t.Size())
		}
		v.roleW, v.roleWeight = float64s(v.role.Model.W), calib.RoleVectorWeight
	}
	return nil
}

// Vector appends the dense word-vector input of the mention at span of a
// to dst: what the vector head reads, for building its training
// examples. It appends nothing for a model without vectors.
func (e *Engine) Vector(a *Analysis, span features.Span, dst []float32) []float32 {
	return a.Vector(e.vec.table, span, dst)
}

// Vector appends the dense word-vector input of the mention at span to
// dst, read with table: name-blind, with other actors' mentions left out,
// as the features are. It appends nothing for a nil table.
func (t *Analysis) Vector(table *wordvec.Table, span features.Span, dst []float32) []float32 {
	if table == nil {
		return dst
	}
	return table.Mention(&t.Doc, span, t.others, &t.vec.sc, dst)
}

// Views returns the mention at span's polarity probabilities from the
// linear head and from the vector head alone (the second false without
// one), so that cross-validation can weigh the blend.
func (e *Engine) Views(a *Analysis, span features.Span) (linear, vector [3]float64, ok bool) {
	fs := a.Features(span, nil)
	idx := make([]uint32, len(fs))
	val := make([]float32, len(fs))
	for i, f := range fs {
		idx[i], val[i] = f.Index, f.Value
	}
	copy(linear[:], e.pol.Model.Probs(idx, val, nil))
	if e.vec.table == nil {
		return linear, vector, false
	}
	return linear, e.vec.probs(a, span), true
}

// probs are the vector head's probabilities of the mention at span of a.
//
// It reads the mention's dense blocks and splits each value by sign as it
// goes (wordvec.Table.Dense): the same terms, in the same order, as the
// split vector training reads (Analysis.Vector), without writing and
// skipping its zeros.
func (v *vectorView) probs(a *Analysis, span features.Span) [3]float64 {
	p, _ := v.score(a, span, false)
	return p
}

// score returns the vector head's probabilities of the mention at span
// of a and, with role, the role-vectors head's logit sums over the same
// dense blocks, without its bias: an actor's role logits are its
// bias plus the mean of its mentions' sums.
func (v *vectorView) score(a *Analysis, span features.Span, role bool) (p, r [3]float64) {
	m := v.head.Model
	l := [3]float64{float64(m.B[0]), float64(m.B[1]), float64(m.B[2])}
	dense := v.table.Dense(&a.Doc, span, a.others, &a.vec.sc)
	splitDot(&l, dense, v.w[:6*len(dense)])
	if role {
		splitDot(&r, dense, v.roleW[:6*len(dense)])
	}
	return softmax3(l), r
}

// roleProbs are the role-vectors head's probabilities for the actor with
// mentions idx, from the sums AddMention kept; ok is false when s holds
// none (no such head, or polarity scored by the linear head alone).
func (v *vectorView) roleProbs(s *Scores, idx []int) (p [3]float64, ok bool) {
	if v.role == nil || len(s.roleVec) != len(s.probs) || len(idx) == 0 {
		return p, false
	}
	var l [3]float64
	for _, i := range idx {
		for k := range l {
			l[k] += s.roleVec[i][k]
		}
	}
	n := float64(len(idx))
	for k := range l {
		l[k] = float64(v.role.Model.B[k]) + l[k]/n
	}
	return softmax3(l), true
}

// float64s converts weights once, at load.
func float64s(w []float32) []float64 {
	out := make([]float64, len(w))
	for i, x := range w {
		out[i] = float64(x)
	}
	return out
}

// splitDotGo adds to l, for each value x of dense in order, |x| times
// the 3 weights of w for x's sign: w[6j:6j+3] for a positive value j,
// w[6j+3:6j+6] for a negative one. Zeros add nothing. Each class sums in
// float64, value after value, in this order, which the reports' bytes
// depend on; the assembly version keeps it.
func splitDotGo(l *[3]float64, dense []float32, w []float64) {
	w = w[:6*len(dense)]
	l0, l1, l2 := l[0], l[1], l[2]
	for j, x := range dense {
		if x == 0 {
			continue
		}
		// The sign bit picks the row: no branch on a sign that the
		// text makes random.
		bits := math.Float32bits(x)
		row := w[6*j : 6*j+6 : 6*j+6]
		r := row[3*(bits>>31):]
		xv := float64(math.Float32frombits(bits &^ (1 << 31)))
		l0 += r[0] * xv
		l1 += r[1] * xv
		l2 += r[2] * xv
	}
	l[0], l[1], l[2] = l0, l1, l2
}

// blend mixes the linear head's probabilities p of the mention at span
// with the vector head's (see Blend). Without a vector view, or
// with a zero weight, it returns p untouched.
func (v *vectorView) blend(a *Analysis, span features.Span, p [3]float64) [3]float64 {
	if v.table == nil || v.weight == 0 {
		return p
	}
	return Blend(p, v.probs(a, span), v.weight)
}

// scoreMention blends the mention's polarity p as blend does and, with a
// role-vectors head, keeps the mention's role-vector sums in s.
func (v *vectorView) scoreMention(a *Analysis, s *Scores, span features.Span, p [3]float64) [3]float64 {
	if v.table == nil || v.weight == 0 && v.role == nil {
		return p
	}
	vp, r := v.score(a, span, v.role != nil)
	if v.role != nil {
		s.roleVec = append(s.roleVec, r)
	}
	if v.weight == 0 {
		return p
	}
	return Blend(p, vp, v.weight)
}

// Blend mixes linear and vector probabilities with weight w of the
// vector view, as an engine does when scoring: a log-linear pool,
// P ∝ linear^(1−w) · vector^w. Averaging the probabilities themselves
// (a linear pool) scored the same in 5-fold cross-validation with
// 100,000 words (best 0.6915 macro-F1 at w = 0.6 against 0.6903 at
// w = 0.5, from 0.6562 for the linear head alone) but flattens them: where the views disagree
// every class ends near a third, and the actor head, which reads how
// sure an actor's mentions are, then lost the negative frame of Russia
// in the seed article the project began with (TestSeedFrames).
func Blend(linear, vector [3]float64, w float64) [3]float64 {
	switch w {
	case 0:
		return linear
	case 1:
		return vector
	}
	var l [3]float64
	for k := range l {
		// probabilities from a softmax are never 0, but a tiny floor
		// keeps a caller's zero from making the log −Inf
		l[k] = (1-w)*math.Log(max(linear[k], 1e-300)) + w*math.Log(max(vector[k], 1e-300))
	}
	return softmax3(l)
}
