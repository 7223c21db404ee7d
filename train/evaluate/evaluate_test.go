package evaluate

import (
	"math"
	"testing"
)

func TestConfusion(t *testing.T) {
	c := NewConfusion([]string{"neg", "neu", "pos"})
	// gold, pred
	for _, p := range [][2]int{{0, 0}, {0, 0}, {0, 1}, {1, 1}, {1, 2}, {2, 2}, {2, 2}, {2, 0}} {
		c.Add(p[0], p[1])
	}
	if c.N() != 8 {
		t.Fatalf("N = %d", c.N())
	}
	pr, re, f := c.PRF(0)
	if math.Abs(pr-2.0/3) > 1e-12 || math.Abs(re-2.0/3) > 1e-12 || math.Abs(f-2.0/3) > 1e-12 {
		t.Errorf("neg P/R/F = %v %v %v, want 2/3 each", pr, re, f)
	}
	// neu: P 1/2, R 1/2; pos: P 2/3, R 2/3
	want := (2.0/3 + 0.5 + 2.0/3) / 3
	if got := c.MacroF1(); math.Abs(got-want) > 1e-12 {
		t.Errorf("macro-F1 = %v, want %v", got, want)
	}
	if got := c.Accuracy(); got != 5.0/8 {
		t.Errorf("accuracy = %v, want 5/8", got)
	}
	base, k := Majority(c)
	if k != 0 || base.Accuracy() != 3.0/8 {
		t.Errorf("majority: class %d accuracy %v", k, base.Accuracy())
	}
}

// A class absent from the gold labels is left out of macro-F1, but
// predicting it still costs the gold class its recall.
func TestMacroF1AbsentClass(t *testing.T) {
	c := NewConfusion([]string{"a", "b", "none"})
	c.Add(0, 0)
	c.Add(1, 2)
	if got := c.MacroF1(); got != 0.5 {
		t.Errorf("macro-F1 = %v, want 0.5 (a: 1, b: 0)", got)
	}
	if NewConfusion([]string{"a"}).MacroF1() != 0 {
		t.Error("empty matrix: macro-F1 not 0")
	}
}

func TestFolds(t *testing.T) {
	strata := []string{"a", "a", "a", "a", "b", "b", "b", "b", "a", "b"}
	groups := []string{"d1", "d1", "d2", "d3", "d4", "d4", "d5", "d6", "d7", "d8"}
	for _, tt := range []struct {
		name   string
		groups []string
	}{{"plain", nil}, {"grouped", groups}} {
		t.Run(tt.name, func(t *testing.T) {
			f := Folds(strata, tt.groups, 3, 7)
			g := Folds(strata, tt.groups, 3, 7)
			count := map[int]int{}
			for i := range f {
				if f[i] != g[i] {
					t.Fatal("same inputs and seed, different folds")
				}
				if f[i] < 0 || f[i] >= 3 {
					t.Fatalf("fold %d out of range", f[i])
				}
				count[f[i]]++
			}
			if len(count) != 3 {
				t.Errorf("folds used: %v, want all 3", count)
			}
			if tt.groups != nil {
				at := map[string]int{}
				for i, gr := range tt.groups {
					if k, ok := at[gr]; ok && k != f[i] {
						t.Errorf("group %s split over folds %d and %d", gr, k, f[i])
					}
					at[gr] = f[i]
				}
			}
		})
	}
}
