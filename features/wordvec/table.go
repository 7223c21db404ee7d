package wordvec

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unsafe"
)

// Table is a set of word vectors, int8-quantised with one scale per word
// (a word's largest component maps to ±127). It is read-only once built,
// so any number of goroutines may use it.
type Table struct {
	dim   int
	words []string // sorted
	// common[i] says that words[i] was seen in lower case in training
	// text, so that it may be read at the start of a sentence
	common []bool
	scale  []float32
	q      []int8 // len(words)·dim
	// index finds a word's index by its hash (buildIndex), built once,
	// on the first lookup
	indexOnce sync.Once
	index     []int32
}

// Errors from Parse and ReadGloVe, wrapped with detail.
var (
	ErrFormat = errors.New("wordvec: malformed vectors")
)

// Limits that Parse enforces, so that a corrupt table cannot make it
// allocate gigabytes.
const (
	maxDim   = 1024
	maxWords = 1 << 21
	maxWord  = 64 // bytes: longer GloVe "words" are noise
)

// Dim is the length of each vector.
func (t *Table) Dim() int { return t.dim }

// Len is the number of words.
func (t *Table) Len() int { return len(t.words) }

// lookup returns the index of w, or -1.
func (t *Table) lookup(w string) int {
	t.indexOnce.Do(t.buildIndex)
	mask := uint32(len(t.index) - 1)
	for h := hashWord(w) & mask; ; h = (h + 1) & mask {
		i := t.index[h]
		if i < 0 {
			return -1
		}
		if t.words[i] == w {
			return int(i)
		}
	}
}

// buildIndex fills t.index, an open-addressed hash table of the word
// indices with at most one slot in two filled. A binary search
// over the sorted words took about 17 string comparisons a word, 5 % of
// a Score; the table is built on the first lookup rather than at decode,
// which it would lengthen by about a millisecond, and costs 4 bytes a
// slot.
func (t *Table) buildIndex() {
	n := 64
	for n < 2*len(t.words) {
		n *= 2
	}
	t.index = make([]int32, n)
	for i := range t.index {
		t.index[i] = -1
	}
	mask := uint32(n - 1)
	for i, w := range t.words {
		h := hashWord(w) & mask
		for t.index[h] >= 0 {
			h = (h + 1) & mask
		}
		t.index[h] = int32(i)
	}
}

// hashWord is FNV-1a of w, its bits mixed once more, so that the low bits
// that pick a slot depend on every byte.
func hashWord(w string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		h ^= uint32(w[i])
		h *= 16777619
	}
	h ^= h >> 15
	return h
}

// Vector returns a copy of w's vector, dequantised, and whether the table
// has w.
func (t *Table) Vector(w string) ([]float32, bool) {
	i := t.lookup(w)
	if i < 0 {
		return nil, false
	}
	v := make([]float32, t.dim)
	t.addTo(v, i, 1)
	return v, true
}

// addTo adds weight times word i's vector to dst.
func (t *Table) addTo(dst []float32, i int, weight float32) {
	s := weight * t.scale[i]
	q := t.q[i*t.dim : (i+1)*t.dim]
	addScaled(dst[:len(q)], q, s)
}

// addScaledGo adds s·q[j] to dst[j] for each j, dst as long as q: each
// value one float32 multiply, then one add, whose rounding the reports'
// bytes depend on. The assembly versions do exactly these operations,
// four values at a time.
func addScaledGo(dst []float32, q []int8, s float32) {
	dst = dst[:len(q)]
	for j, v := range q {
		dst[j] += s * float32(v)
	}
}

// addTo2 adds w1 times word i's vector to d1 and w2 times it to d2, as
// two addTo calls would, reading the vector once.
func (t *Table) addTo2(d1, d2 []float32, i int, w1, w2 float32) {
	sc := t.scale[i]
	addScaled2(d1, d2, t.q[i*t.dim:(i+1)*t.dim], w1*sc, w2*sc)
}

// divGo divides each value of v by w: a block's sum by its weight,
// which makes it a mean.
func divGo(v []float32, w float32) {
	for j := range v {
		v[j] /= w
	}
}

// Entry is one word of a table being built.
type Entry struct {
	Word   string
	Rank   int  // line in the GloVe file, from 1: its frequency rank
	Common bool // seen in lower case in training text
	Vector []float32
}

// New builds a table of the entries, which must all have vectors of
// length dim; later duplicates of a word are dropped. Quantising is
// deterministic, so the same entries give the same table.
func New(dim int, entries []Entry) (*Table, error) {
	if dim < 1 || dim > maxDim {
		return nil, fmt.Errorf("%w: dimension %d", ErrFormat, dim)
	}
	es := slices.Clone(entries)
	slices.SortStableFunc(es, func(a, b Entry) int { return strings.Compare(a.Word, b.Word) })
	es = slices.CompactFunc(es, func(a, b Entry) bool { return a.Word == b.Word })
	if len(es) > maxWords {
		return nil, fmt.Errorf("%w: %d words, at most %d", ErrFormat, len(es), maxWords)
	}
	t := &Table{dim: dim, q: make([]int8, 0, len(es)*dim)}
	for _, e := range es {
		if len(e.Vector) != dim {
			return nil, fmt.Errorf("%w: %q has %d values, want %d", ErrFormat, e.Word, len(e.Vector), dim)
		}
		if e.Word == "" || len(e.Word) > maxWord {
			return nil, fmt.Errorf("%w: word %q", ErrFormat, e.Word)
		}
		var mx float64
		for _, v := range e.Vector {
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
				return nil, fmt.Errorf("%w: %q has a value %v", ErrFormat, e.Word, v)
			}
			mx = max(mx, math.Abs(float64(v)))
		}
		s := float32(mx / 127)
		if mx == 0 {
			s = 0
		}
		for _, v := range e.Vector {
			var q int8
			if s > 0 {
				q = int8(math.Round(float64(v) / float64(s)))
			}
			t.q = append(t.q, q)
		}
		t.words = append(t.words, e.Word)
		t.common = append(t.common, e.Common)
		t.scale = append(t.scale, s)
	}
	return t, nil
}

// ReadGloVe reads vectors in GloVe's text format — a word, then its
// values, separated by spaces, one word a line — keeping the words for
// which keep returns true (all of them when keep is nil), at most limit
// of them in file order (no limit when limit ≤ 0). common is asked of
// each kept word. It returns the entries in file order.
func ReadGloVe(r io.Reader, limit int, keep, common func(word string) bool) (dim int, entries []Entry, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		if limit > 0 && len(entries) >= limit {
			break
		}
		s := sc.Text()
		w, rest, ok := strings.Cut(s, " ")
		if !ok {
			return 0, nil, fmt.Errorf("%w: line %d has no values", ErrFormat, line)
		}
		if keep != nil && !keep(w) {
			continue
		}
		fields := strings.Fields(rest)
		if dim == 0 {
			dim = len(fields)
			if dim < 1 || dim > maxDim {
				return 0, nil, fmt.Errorf("%w: line %d has %d values", ErrFormat, line, dim)
			}
		}
		if len(fields) != dim {
			return 0, nil, fmt.Errorf("%w: line %d has %d values, the first had %d", ErrFormat, line, len(fields), dim)
		}
		v := make([]float32, dim)
		for j, f := range fields {
			x, err := strconv.ParseFloat(f, 32)
			if err != nil {
				return 0, nil, fmt.Errorf("%w: line %d: %v", ErrFormat, line, err)
			}
			v[j] = float32(x)
		}
		entries = append(entries, Entry{Word: w, Rank: line, Common: common != nil && common(w), Vector: v})
	}
	if err := sc.Err(); err != nil {
		return 0, nil, err
	}
	if len(entries) == 0 {
		return 0, nil, fmt.Errorf("%w: no vectors", ErrFormat)
	}
	return dim, entries, nil
}

// tableMagic starts a table's binary form, with its version.
const tableMagic = "WV1"

// AppendBinary appends t's binary form to b:
//
//	"WV1" | dim uvarint | words uvarint | per word: length byte, bytes |
//	common flags, one bit a word | scales, float32 each | vectors, int8
//
// with words in sorted order and float32 little-endian.
func (t *Table) AppendBinary(b []byte) ([]byte, error) {
	b = append(b, tableMagic...)
	b = binary.AppendUvarint(b, uint64(t.dim))
	b = binary.AppendUvarint(b, uint64(len(t.words)))
	for _, w := range t.words {
		b = append(b, byte(len(w)))
		b = append(b, w...)
	}
	flags := make([]byte, (len(t.words)+7)/8)
	for i, c := range t.common {
		if c {
			flags[i/8] |= 1 << (i % 8)
		}
	}
	b = append(b, flags...)
	for _, s := range t.scale {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(s))
	}
	for _, q := range t.q {
		b = append(b, byte(q))
	}
	return b, nil
}

// Parse decodes a table from its binary form, which must be all of b, and
// which the table then reads in place: b must not change afterwards. It
// checks every size against the bytes that remain, so a corrupt table is
// an error wrapping ErrFormat, never a panic or a huge allocation.
func Parse(b []byte) (*Table, error) {
	bad := func(what string) (*Table, error) { return nil, fmt.Errorf("%w: %s", ErrFormat, what) }
	if !strings.HasPrefix(string(b[:min(len(b), len(tableMagic))]), tableMagic) {
		return bad("no " + tableMagic + " header")
	}
	b = b[len(tableMagic):]
	dim, n := binary.Uvarint(b)
	if n <= 0 || dim < 1 || dim > maxDim {
		return bad("dimension")
	}
	b = b[n:]
	nw, n := binary.Uvarint(b)
	if n <= 0 || nw > maxWords || nw > uint64(len(b)) {
		return bad("word count")
	}
	b = b[n:]
	W := int(nw)
	// Every word is a length byte and at least one byte.
	if len(b) < 2*W {
		return bad("truncated words")
	}
	// One string holds all the words, and each word is a slice of it:
	// one allocation, not one per word. A first pass finds where the
	// words end.
	p := b
	total := 0
	for range W {
		if len(p) < 1 || int(p[0]) == 0 || len(p) < 1+int(p[0]) {
			return bad("truncated words")
		}
		total += int(p[0])
		p = p[1+int(p[0]):]
	}
	var sb strings.Builder
	sb.Grow(total)
	for q := b; len(q) > len(p); q = q[1+int(q[0]):] {
		sb.Write(q[1 : 1+int(q[0])])
	}
	all := sb.String()
	t := &Table{dim: int(dim), words: make([]string, W), common: make([]bool, W)}
	from := 0
	for i, q := 0, b; i < W; i, q = i+1, q[1+int(q[0]):] {
		t.words[i] = all[from : from+int(q[0])]
		from += int(q[0])
	}
	// The words are not checked for order: the model file's checksum
	// guards them, and words out of order would only make lookups miss.
	need := (W+7)/8 + 4*W + W*int(dim)
	if len(p) != need {
		return bad(fmt.Sprintf("%d bytes of flags, scales and vectors, want %d", len(p), need))
	}
	for i := range W {
		t.common[i] = p[i/8]&(1<<(i%8)) != 0
	}
	p = p[(W+7)/8:]
	t.scale = make([]float32, W)
	for i := range W {
		s := math.Float32frombits(binary.LittleEndian.Uint32(p[4*i:]))
		if !(s >= 0) || math.IsInf(float64(s), 0) {
			return bad(fmt.Sprintf("scale of %q is %v", t.words[i], s))
		}
		t.scale[i] = s
	}
	p = p[4*W:]
	// The vectors are most of the table (10 MB for 100,000 words): they
	// are read in place, as int8, rather than copied, so decoding a model
	// costs no second pass over them. The table keeps b alive.
	if len(p) > 0 {
		t.q = unsafe.Slice((*int8)(unsafe.Pointer(&p[0])), len(p))
	}
	return t, nil
}

// SIF is the weight a word's vector is scaled by before it is stored,
// from its frequency rank (1 for the most frequent): a/(a + p) with p =
// 0.1/rank, Zipf's estimate of its share of running text, and a = 10⁻³
// (Arora et al.'s smooth inverse frequency). Means of unweighted vectors
// are dominated by "the" and "of"; these weights leave content words.
func SIF(rank int) float32 {
	const a = 1e-3
	p := 0.1 / float64(max(rank, 1))
	return float32(a / (a + p))
}
