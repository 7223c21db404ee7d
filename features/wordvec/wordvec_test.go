package wordvec_test

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/actorframe/actorframe/features"
	"github.com/actorframe/actorframe/features/wordvec"
)

// tinyGloVe has one dimension per word, so a mention vector shows which
// words entered it. "trump" is a word GloVe has (as a verb and a name).
const tinyGloVe = `the 1 0 0 0 0 0 0 0
killed 0 1 0 0 0 0 0 0
praised 0 0 1 0 0 0 0 0
civilians 0 0 0 1 0 0 0 0
trump 0 0 0 0 1 0 0 0
critics 0 0 0 0 0 1 0 0
not 0 0 0 0 0 0 1 0
nato 0 0 0 0 0 0 0 1
`

func tinyTable(t *testing.T) *wordvec.Table {
	t.Helper()
	common := map[string]bool{"the": true, "critics": true, "killed": true}
	dim, es, err := wordvec.ReadGloVe(strings.NewReader(tinyGloVe), 0, wordvec.Keep, func(w string) bool { return common[w] })
	if err != nil {
		t.Fatal(err)
	}
	tab, err := wordvec.New(dim, es)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

var words = strings.Fields("the killed praised civilians trump critics not nato")

// entered returns the words with weight in block b of the vector.
func entered(tab *wordvec.Table, v []float32, b wordvec.Block) []string {
	var out []string
	for j := range tab.Dim() {
		at := 2 * (int(b)*tab.Dim() + j)
		if v[at] != 0 || v[at+1] != 0 {
			out = append(out, words[j])
		}
	}
	return out
}

func mention(tab *wordvec.Table, text, target string, others ...string) []float32 {
	var d features.Doc
	features.NewParser(features.DefaultConfig()).Parse(text, &d)
	i := strings.Index(text, target)
	var os []features.Span
	for _, o := range others {
		j := strings.Index(text, o)
		os = append(os, features.Span{Start: j, End: j + len(o)})
	}
	var sc wordvec.Scratch
	return tab.Mention(&d, features.Span{Start: i, End: i + len(target)}, os, &sc, nil)
}

func TestMentionNameBlind(t *testing.T) {
	tab := tinyTable(t)
	tests := []struct {
		text, target string
		others       []string
		sentence     []string // words in the sentence block
	}{
		// A capitalised word mid-sentence is a name: no vector.
		{"Trump killed the civilians.", "civilians", nil, []string{"the", "killed"}},
		{"The civilians praised Trump.", "civilians", nil, []string{"the", "praised"}},
		// The mention's own words never enter, lower case or not.
		{"the trump killed civilians.", "the trump", nil, []string{"killed", "civilians"}},
		// Other actors' words do not enter.
		{"the civilians killed trump.", "the civilians", []string{"trump"}, []string{"killed"}},
		// A sentence's first word enters when training wrote it in lower case ...
		{"Critics praised the civilians.", "civilians", nil, []string{"the", "praised", "critics"}},
		// ... and not otherwise, nor an acronym.
		{"Trump praised the civilians.", "civilians", nil, []string{"the", "praised"}},
		{"NATO killed the civilians.", "civilians", nil, []string{"the", "killed"}},
		// "didn't" reads as "not".
		{"the civilians didn't praised.", "civilians", nil, []string{"the", "praised", "not"}},
	}
	for _, tt := range tests {
		v := mention(tab, tt.text, tt.target, tt.others...)
		if len(v) != tab.Size() {
			t.Fatalf("%q: %d values, want %d", tt.text, len(v), tab.Size())
		}
		got := entered(tab, v, wordvec.Sentence)
		if !sameSet(got, tt.sentence) {
			t.Errorf("%q, mention %q: sentence block has %q, want %q", tt.text, tt.target, got, tt.sentence)
		}
	}
}

func TestMentionBlocks(t *testing.T) {
	tab := tinyTable(t)
	v := mention(tab, "the civilians, critics killed but the trump praised not.", "critics")
	check := func(b wordvec.Block, want []string) {
		t.Helper()
		if got := entered(tab, v, b); !sameSet(got, want) {
			t.Errorf("%s block has %q, want %q", b, got, want)
		}
	}
	check(wordvec.Left, []string{"the", "civilians"})
	check(wordvec.Right, []string{"killed", "the", "trump", "praised", "not"})
	check(wordvec.Clause, []string{"the", "civilians", "killed"})
	// Left is weighted by 1/distance: "civilians" (2 away, past the comma)
	// outweighs "the" (3 away).
	if !(v[2*3] > v[0]) { // left block, positive parts: civilians, the
		t.Errorf("left block %v: civilians should outweigh the", v[:2*tab.Dim()])
	}
	check(wordvec.Near, []string{"the", "civilians", "killed"})
	check(wordvec.Target, []string{"critics"}) // a lower-case mention: the author's word for the actor
	check(wordvec.Negated, nil)
	if s := wordvec.Block(9).String(); s != "block(9)" {
		t.Errorf("Block(9) = %q", s)
	}
	if b, _ := wordvec.Clause.MarshalText(); string(b) != "clause" {
		t.Errorf("Clause.MarshalText = %q", b)
	}
}

func TestMentionNoToken(t *testing.T) {
	tab := tinyTable(t)
	var d features.Doc
	features.NewParser(features.DefaultConfig()).Parse("the civilians.", &d)
	var sc wordvec.Scratch
	for _, sp := range []features.Span{{Start: 40, End: 50}, {Start: 3, End: 4}} {
		v := tab.Mention(&d, sp, nil, &sc, nil)
		for _, x := range v {
			if x != 0 {
				t.Errorf("span %v: nonzero vector %v", sp, v)
				break
			}
		}
	}
}

func TestTableRoundTrip(t *testing.T) {
	tab := tinyTable(t)
	b, err := tab.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	back, err := wordvec.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := back.AppendBinary(nil)
	if !bytes.Equal(b, b2) {
		t.Error("a parsed table does not write back to the same bytes")
	}
	if back.Len() != 8 || back.Dim() != 8 {
		t.Errorf("Len, Dim = %d, %d; want 8, 8", back.Len(), back.Dim())
	}
	v, ok := back.Vector("praised")
	if !ok || math.Abs(float64(v[2])-1) > 1e-6 {
		t.Errorf("Vector(praised) = %v, %v", v, ok)
	}
	if _, ok := back.Vector("Praised"); ok {
		t.Error("Vector(Praised) found: lookups are by the stored lower-case form")
	}
	// Every truncation, and a flipped magic, is an error, never a panic.
	for n := 0; n < len(b); n++ {
		if _, err := wordvec.Parse(b[:n]); !errors.Is(err, wordvec.ErrFormat) {
			t.Fatalf("Parse of %d of %d bytes: %v, want ErrFormat", n, len(b), err)
		}
	}
	bad := append([]byte(nil), b...)
	bad[0] = 'X'
	if _, err := wordvec.Parse(bad); !errors.Is(err, wordvec.ErrFormat) {
		t.Errorf("bad magic: %v", err)
	}
}

func TestQuantise(t *testing.T) {
	tab, err := wordvec.New(3, []wordvec.Entry{{Word: "b", Vector: []float32{0.5, -0.25, 0.001}}, {Word: "a", Vector: []float32{0, 0, 0}}, {Word: "b", Vector: []float32{9, 9, 9}}})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Len() != 2 {
		t.Errorf("Len = %d, want 2 (the later duplicate dropped)", tab.Len())
	}
	v, _ := tab.Vector("b")
	for j, want := range []float32{0.5, -0.25, 0.001} {
		if math.Abs(float64(v[j]-want)) > 0.5/127 {
			t.Errorf("b[%d] = %v, want %v within a quantisation step", j, v[j], want)
		}
	}
	for _, es := range [][]wordvec.Entry{
		{{Word: "x", Vector: []float32{1, 2}}},
		{{Word: "", Vector: []float32{1, 2, 3}}},
		{{Word: "x", Vector: []float32{float32(math.NaN()), 2, 3}}},
	} {
		if _, err := wordvec.New(3, es); !errors.Is(err, wordvec.ErrFormat) {
			t.Errorf("New(%v) = %v, want ErrFormat", es, err)
		}
	}
}

func TestReadGloVe(t *testing.T) {
	for _, bad := range []string{"", "word\n", "a 1 2\nb 1\n", "a 1 x\n"} {
		if _, _, err := wordvec.ReadGloVe(strings.NewReader(bad), 0, nil, nil); !errors.Is(err, wordvec.ErrFormat) {
			t.Errorf("ReadGloVe(%q) = %v, want ErrFormat", bad, err)
		}
	}
	_, es, err := wordvec.ReadGloVe(strings.NewReader(tinyGloVe), 3, wordvec.Keep, nil)
	if err != nil || len(es) != 3 || es[2].Word != "praised" || es[2].Rank != 3 {
		t.Errorf("ReadGloVe with limit 3 = %v, %v", es, err)
	}
}

func TestKeep(t *testing.T) {
	for w, want := range map[string]bool{"the": true, "n't": true, "well-known": true, "The": false, "1990": false, ",": false, "-": false, "-lrb-": false, "u.s.": false} {
		if got := wordvec.Keep(w); got != want {
			t.Errorf("Keep(%q) = %v, want %v", w, got, want)
		}
	}
	if !(wordvec.SIF(1) < 0.02 && wordvec.SIF(10000) > 0.98) {
		t.Errorf("SIF(1), SIF(10000) = %v, %v", wordvec.SIF(1), wordvec.SIF(10000))
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return true
}

func TestMentionSignsNegationTarget(t *testing.T) {
	// Negative values go to the second of each pair.
	tab, err := wordvec.New(2, []wordvec.Entry{{Word: "bad", Vector: []float32{-1, 0.5}}, {Word: "rebels", Vector: []float32{0.25, 0}}, {Word: "not", Vector: []float32{0, 1}}})
	if err != nil {
		t.Fatal(err)
	}
	v := mention(tab, "the rebels were not bad.", "the rebels")
	d := 2
	at := func(b wordvec.Block, j int) (pos, neg float32) {
		i := 2 * (int(b)*d + j)
		return v[i], v[i+1]
	}
	if p, n := at(wordvec.Target, 0); p == 0 || n != 0 {
		t.Errorf("target block dim 0 = %v, %v: want rebels' positive value", p, n)
	}
	if p, n := at(wordvec.Negated, 0); p != 0 || n == 0 {
		t.Errorf("negated block dim 0 = %v, %v: want bad's negative value", p, n)
	}
	// "he" is a pronoun: no target vector.
	tab2, _ := wordvec.New(1, []wordvec.Entry{{Word: "he", Vector: []float32{1}}})
	for _, x := range mention(tab2, "he left.", "he") {
		if x != 0 {
			t.Errorf("a pronoun mention has a vector: %v", x)
		}
	}
}

// TestMentionCacheIsExact: the sentence sums one mention leaves behind
// serve the next mention of the sentence only when they are exactly what
// a fresh pass computes: mentions scored in any order, with one Scratch
// or a fresh one each, give the same vectors bit for bit.
func TestMentionCacheIsExact(t *testing.T) {
	tab := tinyTable(t)
	texts := []string{
		"the civilians killed the critics, but the critics praised not the civilians.",
		"the critics praised the civilians. the civilians killed the critics.",
		"the civilians killed the critics, but the critics praised not the civilians.",
	}
	var shared wordvec.Scratch
	for _, text := range texts {
		var d features.Doc
		features.NewParser(features.DefaultConfig()).Parse(text, &d)
		var spans []features.Span
		for from := 0; ; {
			i := strings.Index(text[from:], "the c")
			if i < 0 {
				break
			}
			j := from + i + strings.IndexByte(text[from+i+4:], ' ') + 4
			if j < from+i+4 {
				j = len(text)
			}
			spans = append(spans, features.Span{Start: from + i, End: j})
			from = j
		}
		// Every mention among others (as scoring does), and one that is not.
		extra := features.Span{Start: strings.Index(text, "killed"), End: strings.Index(text, "killed") + 6}
		for _, target := range append(spans, extra) {
			var fresh wordvec.Scratch
			want := tab.Mention(&d, target, spans, &fresh, nil)
			got := tab.Mention(&d, target, spans, &shared, nil)
			for j := range want {
				if math.Float32bits(got[j]) != math.Float32bits(want[j]) {
					t.Fatalf("%q, mention %q: value %d is %v with a used scratch, %v with a fresh one", text, text[target.Start:target.End], j, got[j], want[j])
				}
			}
		}
	}
}
