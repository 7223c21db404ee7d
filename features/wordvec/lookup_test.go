package wordvec

import (
	"slices"
	"testing"
)

// TestLookupEqualsSearch checks the hash index against a binary search
// of the sorted words, for words the table has and words it does not.
func TestLookupEqualsSearch(t *testing.T) {
	var es []Entry
	for _, w := range []string{"a", "an", "army", "killed", "not", "rebels", "régime", "the", "war", "x-ray"} {
		es = append(es, Entry{Word: w, Vector: []float32{1, 2}})
	}
	for i := range 500 {
		es = append(es, Entry{Word: "w" + itoa(i*7919), Vector: []float32{float32(i), 1}})
	}
	tab, err := New(2, es)
	if err != nil {
		t.Fatal(err)
	}
	probes := append(slices.Clone(tab.words), "", "b", "armies", "wa", "w7919x", "régim", "zzz")
	for _, w := range probes {
		want, ok := slices.BinarySearch(tab.words, w)
		if !ok {
			want = -1
		}
		if got := tab.lookup(w); got != want {
			t.Errorf("lookup(%q) = %d, want %d", w, got, want)
		}
	}
	if empty, _ := New(2, nil); empty.lookup("a") != -1 {
		t.Error("an empty table found a word")
	}
}

// BenchmarkBuildIndex is the cost of the first lookup in a table of
// 100,000 words, which builds the hash index.
func BenchmarkBuildIndex(b *testing.B) {
	es := make([]Entry, 100000)
	for i := range es {
		es[i] = Entry{Word: "w" + itoa(i*7919), Vector: []float32{1}}
	}
	tab, err := New(1, es)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		tab.buildIndex()
	}
}
