package main

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/sjwhitworth/golearn/base"
	"github.com/sjwhitworth/golearn/meta"
	"github.com/sjwhitworth/golearn/naive"
	"github.com/sjwhitworth/golearn/trees"
)

// layout is one golearn instance layout: k feature attributes of one
// type and a class attribute. Train and test sets are built from the same
// Attribute values, because golearn matches attributes by name and KNN's
// fast path even demands identical attribute groups.
type layout struct {
	attrs      []base.Attribute
	class      base.Attribute
	binary     bool // features are presence bits, not values
	floatClass bool // the class is a number 0, 1, 2 (liblinear wants that)
}

func newLayout(k int, binary, floatClass bool) *layout {
	l := &layout{binary: binary, floatClass: floatClass}
	for i := range k {
		name := "f" + strconv.Itoa(i)
		if binary {
			l.attrs = append(l.attrs, base.NewBinaryAttribute(name))
		} else {
			l.attrs = append(l.attrs, base.NewFloatAttribute(name))
		}
	}
	if floatClass {
		l.class = base.NewFloatAttribute("class")
	} else {
		c := base.NewCategoricalAttribute()
		c.SetName("class")
		// Fix the category order so that class values map back by name.
		for _, n := range classNames {
			c.GetSysValFromString(n)
		}
		l.class = c
	}
	return l
}

// instances builds golearn's dense grid for rows. golearn has no sparse
// instances: every one of the k columns is stored for every row.
func (l *layout) instances(rows []sample) (*base.DenseInstances, error) {
	inst := base.NewDenseInstances()
	specs := make([]base.AttributeSpec, len(l.attrs))
	for i, a := range l.attrs {
		specs[i] = inst.AddAttribute(a)
	}
	cs := inst.AddAttribute(l.class)
	if err := inst.AddClassAttribute(l.class); err != nil {
		return nil, err
	}
	if err := inst.Extend(len(rows)); err != nil {
		return nil, err
	}
	one := []byte{1}
	for r, s := range rows {
		for j, c := range s.idx {
			if l.binary {
				inst.Set(specs[c], r, one)
			} else {
				inst.Set(specs[c], r, base.PackFloatToBytes(float64(s.val[j])))
			}
		}
		// The gold class is stored in test rows too; golearn's
		// predictors ignore it, but its layout needs the column.
		if l.floatClass {
			inst.Set(cs, r, base.PackFloatToBytes(float64(s.label)))
		} else {
			inst.Set(cs, r, l.class.GetSysValFromString(classNames[s.label]))
		}
	}
	return inst, nil
}

// labels reads golearn's predicted classes back as class indices.
func (l *layout) labels(pred base.FixedDataGrid, n int) ([]int, error) {
	_, rows := pred.Size()
	if rows != n {
		return nil, fmt.Errorf("golearn returned %d predictions for %d rows", rows, n)
	}
	out := make([]int, n)
	for i := range out {
		v := base.GetClass(pred, i)
		if l.floatClass {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || f < 0 || int(math.Round(f)) >= len(classNames) {
				return nil, fmt.Errorf("golearn predicted class %q", v)
			}
			out[i] = int(math.Round(f))
			continue
		}
		out[i] = -1
		for k, name := range classNames {
			if v == name {
				out[i] = k
			}
		}
		if out[i] < 0 {
			return nil, fmt.Errorf("golearn predicted class %q", v)
		}
	}
	return out, nil
}

// gridBytes is the memory of a dense grid's storage.
func gridBytes(inst *base.DenseInstances) int64 {
	var n int64
	for _, ag := range inst.AllAttributeGroups() {
		n += int64(len(ag.Storage()))
	}
	return n
}

// golearnClassifier is the part of golearn's interface used here (its
// BaggedModel's Fit returns nothing, so it is adapted).
type golearnClassifier interface {
	Fit(base.FixedDataGrid) error
	Predict(base.FixedDataGrid) (base.FixedDataGrid, error)
}

// golearnModel runs one golearn classifier on one layout. Building the
// dense instances is counted in fit and predict times, since golearn
// cannot be used without them.
type golearnModel struct {
	lay *layout
	clf golearnClassifier
}

func (g *golearnModel) fit(train []sample) (int64, error) {
	inst, err := g.lay.instances(train)
	if err != nil {
		return 0, err
	}
	return gridBytes(inst), g.clf.Fit(inst)
}

func (g *golearnModel) predict(test []sample) ([]int, error) {
	inst, err := g.lay.instances(test)
	if err != nil {
		return nil, err
	}
	pred, err := g.clf.Predict(inst)
	if err != nil {
		return nil, err
	}
	return g.lay.labels(pred, len(test))
}

// forest is golearn's ensemble.RandomForest spelt out: a meta.BaggedModel
// of ID3 trees, each on a bootstrap sample and a random subset of the
// attributes. It is rebuilt here because package ensemble also holds the
// liblinear-based MultiLinearSVC and so does not compile without cgo.
type forest struct {
	bag      *meta.BaggedModel
	trees    int
	features int
}

func (f *forest) Fit(on base.FixedDataGrid) error {
	f.bag = new(meta.BaggedModel)
	f.bag.RandomFeatures = f.features
	for range f.trees {
		f.bag.AddModel(trees.NewID3DecisionTree(0))
	}
	f.bag.Fit(on) // returns nothing: a failing tree goes unnoticed
	return nil
}

func (f *forest) Predict(what base.FixedDataGrid) (base.FixedDataGrid, error) {
	return f.bag.Predict(what)
}

// pureGoContenders are the golearn classifiers that build without cgo.
func pureGoContenders(o options) []contender {
	return []contender{
		{
			name: "golearn BernoulliNB",
			note: "presence bits",
			newModel: func(k int) (model, error) {
				return &golearnModel{newLayout(k, true, false), naive.NewBernoulliNBClassifier()}, nil
			},
		},
		{
			name:     "golearn ID3 tree",
			note:     "presence bits, no pruning",
			maxTrain: o.treeTrain,
			newModel: func(k int) (model, error) {
				return &golearnModel{newLayout(k, true, false), trees.NewID3DecisionTree(0)}, nil
			},
		},
		{
			name:     "golearn random forest",
			note:     fmt.Sprintf("%d ID3 trees, %s attributes each", o.forestTrees, forestFeaturesNote(o.forestFeatures)),
			maxTrain: o.forestTrain,
			newModel: func(k int) (model, error) {
				return &golearnModel{newLayout(k, true, false), &forest{trees: o.forestTrees, features: forestFeatures(o.forestFeatures, k)}}, nil
			},
		},
	}
}

// forestFeatures is how many attributes each tree draws: n, or √k when
// n is 0, the usual choice for classification forests.
func forestFeatures(n, k int) int {
	if n <= 0 {
		n = int(math.Round(math.Sqrt(float64(k))))
	}
	return max(1, min(n, k))
}

func forestFeaturesNote(n int) string {
	if n <= 0 {
		return "√k"
	}
	return strconv.Itoa(n)
}

// lookupCost times golearn resolving every feature attribute of a k-column
// grid, which each Fit and Predict does: GetAttribute scans all
// attributes comparing names, so resolving k of them is quadratic in k.
func lookupCost(k int) (time.Duration, error) {
	lay := newLayout(k, false, false)
	inst, err := lay.instances(nil)
	if err != nil {
		return 0, err
	}
	start := time.Now()
	specs := base.ResolveAttributes(inst, lay.attrs)
	d := time.Since(start)
	if len(specs) != k {
		return 0, fmt.Errorf("resolved %d of %d attributes", len(specs), k)
	}
	return d, nil
}
