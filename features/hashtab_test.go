package features

import (
	"math/rand/v2"
	"testing"
)

// TestHashTableMatchesMap checks the table against a Go map, with repeated
// keys, key 0 and keys that share low bits.
func TestHashTableMatchesMap(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	ref := map[uint64]int{}
	tab := newHashTable[int](4)
	keys := []uint64{0, 1, 1 << 40, 2 << 40, 3 << 40}
	for range 5000 {
		keys = append(keys, r.Uint64())
	}
	for i := range 20000 {
		k := keys[r.IntN(len(keys))]
		ref[k] = i
		tab.set(k, i)
	}
	for _, k := range append(keys, 5<<40, 12345) {
		want, wok := ref[k]
		got, ok := tab.get(k)
		if got != want || ok != wok {
			t.Fatalf("key %#x: got %d, %v; want %d, %v", k, got, ok, want, wok)
		}
	}
}
