package features

// hashTable maps term hashes to values, like map[uint64]V but cheaper to
// read: the extractor looks up every context word of every mention in the
// prior-polarity lexicon and the cue tables, and those lookups, through
// Go maps, rehashed keys that are already well-mixed hashes. It uses open
// addressing with linear probing on the key's low bits, at most a quarter
// full, so an absent word (the usual case) costs one probe or two. It is
// built once and then only read, so it is safe for concurrent reads.
type hashTable[V any] struct {
	keys []uint64
	vals []V
	mask uint64
	n    int // keys stored in keys
	// key 0 marks an empty slot, so a value for key 0 is kept apart.
	zeroSet bool
	zeroVal V
}

// newHashTable returns a table sized for about n entries.
func newHashTable[V any](n int) *hashTable[V] {
	size := 16
	for size < 4*n {
		size <<= 1
	}
	return &hashTable[V]{keys: make([]uint64, size), vals: make([]V, size), mask: uint64(size - 1)}
}

// get returns the value of key h and whether it is present.
func (t *hashTable[V]) get(h uint64) (V, bool) {
	if h == 0 {
		return t.zeroVal, t.zeroSet
	}
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case h:
			return t.vals[i], true
		case 0:
			var zero V
			return zero, false
		}
	}
}

// at returns the value of key h, or the zero value, as a map index would.
func (t *hashTable[V]) at(h uint64) V {
	v, _ := t.get(h)
	return v
}

// set stores v as the value of h, replacing any earlier one.
func (t *hashTable[V]) set(h uint64, v V) {
	if h == 0 {
		t.zeroVal, t.zeroSet = v, true
		return
	}
	if t.n+1 > len(t.keys)/4 {
		t.grow()
	}
	t.put(h, v)
}

func (t *hashTable[V]) put(h uint64, v V) {
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case 0:
			t.n++
			fallthrough
		case h:
			t.keys[i], t.vals[i] = h, v
			return
		}
	}
}

func (t *hashTable[V]) grow() {
	keys, vals := t.keys, t.vals
	t.keys, t.vals = make([]uint64, 2*len(keys)), make([]V, 2*len(keys))
	t.mask = uint64(len(t.keys) - 1)
	t.n = 0
	for i, k := range keys {
		if k != 0 {
			t.put(k, vals[i])
		}
	}
}
