package framing

import (
	"math"
	"strings"
	"testing"

	"github.com/actorframe/actorframe/features"
	"github.com/actorframe/actorframe/features/actors"
	"github.com/actorframe/actorframe/features/wordvec"
	"github.com/actorframe/actorframe/models"
)

// vectorModel is a small model with a polarity head, a vector head whose
// table knows a few words, and the blend weight w. The vector head makes
// "killed" negative and "praised" positive.
func vectorModel(t *testing.T, w float64) *models.File {
	t.Helper()
	cfg := features.DefaultConfig()
	cfg.HashBits = 12
	tab, err := wordvec.New(2, []wordvec.Entry{
		{Word: "killed", Vector: []float32{1, 0}},
		{Word: "praised", Vector: []float32{0, 1}},
		{Word: "the", Common: true, Vector: []float32{0.1, 0.1}},
	})
	if err != nil {
		t.Fatal(err)
	}
	vb, _ := tab.AppendBinary(nil)
	pol := &models.Linear{Classes: 3, Dim: cfg.Dim(), W: make([]float32, 3*cfg.Dim()), B: []float32{0, 0.5, 0}}
	vec := &models.Linear{Classes: 3, Dim: tab.Size(), W: make([]float32, 3*tab.Size()), B: []float32{0, 0.5, 0}}
	// positive parts of each block's two dimensions
	for b := range int(wordvec.NumBlocks) {
		vec.W[3*(2*(b*2+0))+0] = 2 // killed → negative
		vec.W[3*(2*(b*2+1))+2] = 2 // praised → positive
	}
	cal := DefaultCalibration()
	cal.VectorWeight = w
	return &models.File{
		Config: cfg.Marshal(), Calibration: cal.Marshal(), Vectors: vb,
		Heads: []models.Head{
			{Name: PolarityHead, Labels: LabelNames(), Model: pol},
			{Name: VectorHead, Labels: LabelNames(), Model: vec},
		},
	}
}

func TestVectorHeadLoad(t *testing.T) {
	bad := []struct {
		name   string
		change func(f *models.File)
		want   string
	}{
		{"vectors without head", func(f *models.File) { f.Heads = f.Heads[:1] }, "no polarity-vectors head"},
		{"head without vectors", func(f *models.File) { f.Vectors = nil }, "no word vectors"},
		{"corrupt vectors", func(f *models.File) { f.Vectors = f.Vectors[:10] }, "malformed"},
		{"wrong size", func(f *models.File) {
			f.Heads[1].Model = &models.Linear{Classes: 3, Dim: 5, W: make([]float32, 15), B: make([]float32, 3)}
		}, "features"},
		{"bad weight", func(f *models.File) {
			f.Calibration = []byte(`{"version":1,"label_weights":[1,1,1],"vector_weight":2}`)
		}, "vector weight"},
	}
	for _, tt := range bad {
		f := vectorModel(t, 0.5)
		tt.change(f)
		if _, err := NewEngine(f); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: NewEngine = %v, want an error with %q", tt.name, err, tt.want)
		}
	}
}

func TestVectorBlend(t *testing.T) {
	for _, w := range []float64{0, 0.4, 1} {
		e, err := NewEngine(vectorModel(t, w))
		if err != nil {
			t.Fatal(err)
		}
		p, err := NewPipeline(e.Config(), actors.NewFinder(nil, actors.Options{}), false)
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			text, target string
			want         Label
		}{
			{"the police killed the man.", "the man", Negative},
			{"the crowd praised the man.", "the man", Positive},
			{"the man arrived.", "the man", Neutral},
		} {
			a := p.Analyze(tt.text)
			i := strings.Index(tt.text, tt.target)
			sp := features.Span{Start: i, End: i + len(tt.target)}
			var s Scores
			e.AddMention(a, &s, sp, actors.Listed)
			lin, vec, ok := e.Views(a, sp)
			if !ok {
				t.Fatal("Views: no vector view")
			}
			want := Blend(lin, vec, w)
			got := s.Probs(0)
			for k := range got {
				if math.Abs(got[k]-want[k]) > 1e-12 {
					t.Errorf("w=%v %q: AddMention probs %v, Blend of views %v", w, tt.text, got, want)
					break
				}
			}
			if w == 1 {
				if l := MostProbable(got[:]); l != tt.want {
					t.Errorf("%q: vector view alone says %v, want %v", tt.text, l, tt.want)
				}
			}
			if w == 0 && got != lin {
				t.Errorf("w=0 %q: probs %v, want the linear view's %v", tt.text, got, lin)
			}
			p.Release(a)
		}
	}
}
