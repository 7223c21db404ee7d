package models

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"
)

// ReadFile reads the model file at path. Besides what Read checks, it
// requires the file to end where the model does.
func ReadFile(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	r := bytes.NewReader(data)
	f, err := Read(r)
	if err == nil && r.Len() > 0 {
		err = fmt.Errorf("models: %w: %d bytes after the end of the model", ErrCorrupt, r.Len())
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// Read decodes one model file from r, reading exactly its bytes. It checks
// the magic, the version, the payload length and checksum, and then every
// count and size against the bytes that remain, so that a damaged or
// hostile file gives an error wrapping ErrNotModel, ErrVersion,
// ErrTruncated, ErrChecksum or ErrCorrupt — never a panic, nor an
// allocation beyond the package's limits (a 2 GB payload, 2^26 weights per
// head). Other errors are r's own.
//
// Read accepts only the bytes WriteTo produces: writing a File that Read
// returned gives back the very same bytes (a version 1 file comes back as
// version 2, with an empty calibration).
func Read(r io.Reader) (*File, error) {
	var hdr [headerSize]byte
	n, err := io.ReadFull(r, hdr[:])
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, fmt.Errorf("models: reading header: %w", err)
	}
	version, size, sum, err := parseHeader(hdr[:n])
	if err != nil {
		return nil, err
	}
	p, err := readPayload(r, int(size))
	if err != nil {
		return nil, err
	}
	return decodeChecked(p, version, sum)
}

// ReadBytes decodes a model file held in memory, as Read does, without
// copying its payload: the File may keep pointing into b (the word
// vectors are read in place), so b must not change afterwards. Default
// reads the embedded model this way.
func ReadBytes(b []byte) (*File, error) {
	version, size, sum, err := parseHeader(b[:min(len(b), headerSize)])
	if err != nil {
		return nil, err
	}
	if have := len(b) - headerSize; uint64(have) < size {
		return nil, fmt.Errorf("models: %w: the payload ends after %d of its %d bytes (file offset %d)", ErrTruncated, have, size, len(b))
	}
	return decodeChecked(b[headerSize:headerSize+int(size):headerSize+int(size)], version, sum)
}

// parseHeader checks a file's first bytes (fewer than headerSize when the
// file is shorter) and returns its format version, payload size and sum.
func parseHeader(hdr []byte) (version uint16, size uint64, sum uint32, err error) {
	n := len(hdr)
	if m := min(n, len(magic)); string(hdr[:m]) != magic[:m] {
		return 0, 0, 0, fmt.Errorf("models: %w: it starts with %q, not %q", ErrNotModel, hdr[:m], magic)
	}
	if n == 0 {
		return 0, 0, 0, fmt.Errorf("models: %w: empty input", ErrTruncated)
	}
	if n < headerSize {
		return 0, 0, 0, fmt.Errorf("models: %w: the header ends after %d of its %d bytes", ErrTruncated, n, headerSize)
	}
	version = binary.LittleEndian.Uint16(hdr[4:])
	if version < 1 || version > FormatVersion {
		return 0, 0, 0, fmt.Errorf("models: %w: the file is version %d; this package reads versions 1 to %d", ErrVersion, version, FormatVersion)
	}
	size = binary.LittleEndian.Uint64(hdr[6:])
	sum = binary.LittleEndian.Uint32(hdr[14:])
	if size > maxPayload {
		return 0, 0, 0, fmt.Errorf("models: %w: payload length %d exceeds the %d-byte limit", ErrCorrupt, size, maxPayload)
	}
	return version, size, sum, nil
}

// decodeChecked checks the payload's sum, then decodes it.
func decodeChecked(p []byte, version uint16, sum uint32) (*File, error) {
	if got := crc32.Checksum(p, castagnoli); got != sum {
		return nil, fmt.Errorf("models: %w: header says %08x, payload sums to %08x", ErrChecksum, sum, got)
	}
	return decodePayload(p, version)
}

// readPayload reads size bytes from r. Unless r says how much it holds, the
// buffer grows by doubling as bytes arrive, so a corrupt length costs at
// most twice the bytes actually present.
func readPayload(r io.Reader, size int) ([]byte, error) {
	first := min(size, 1<<16)
	if lr, ok := r.(interface{ Len() int }); ok && lr.Len() >= size {
		first = size
	}
	buf := make([]byte, first)
	have := 0
	for {
		n, err := io.ReadFull(r, buf[have:])
		have += n
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil, fmt.Errorf("models: %w: the payload ends after %d of its %d bytes (file offset %d)", ErrTruncated, have, size, headerSize+have)
		}
		if err != nil {
			return nil, fmt.Errorf("models: reading payload: %w", err)
		}
		if have == size {
			return buf, nil
		}
		grown := make([]byte, min(size, 2*len(buf)))
		copy(grown, buf)
		buf = grown
	}
}

// decoder reads the payload front to back, remembering the first error.
type decoder struct {
	p    []byte // what remains
	size int    // the whole payload's length, to report offsets
	err  error
}

// fail records a corruption found at the current position.
func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		off := headerSize + d.size - len(d.p)
		d.err = fmt.Errorf("models: %w: at file offset %d: %s", ErrCorrupt, off, fmt.Sprintf(format, args...))
	}
}

func (d *decoder) uvarint(what string) uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.p)
	if n <= 0 {
		d.fail("bad varint for %s", what)
		return 0
	}
	d.p = d.p[n:]
	return v
}

// count reads the number of items that follow, each at least itemSize
// bytes long, and checks that they fit in what remains.
func (d *decoder) count(what string, itemSize int) int {
	v := d.uvarint(what)
	if d.err == nil && v > uint64(len(d.p)/itemSize) {
		d.fail("%d %s cannot fit in the remaining %d bytes", v, what, len(d.p))
		return 0
	}
	return int(v)
}

func (d *decoder) bytes(what string) []byte {
	n := d.count(what+" bytes", 1)
	if d.err != nil {
		return nil
	}
	b := d.p[:n:n]
	d.p = d.p[n:]
	return b
}

func (d *decoder) string(what string) string { return string(d.bytes(what)) }

// json reads a JSON section, nil when empty.
func (d *decoder) json(what string) json.RawMessage {
	c := d.bytes(what)
	if len(c) == 0 {
		return nil
	}
	if !json.Valid(c) {
		d.fail("the %s is not valid JSON", what)
	}
	return bytes.Clone(c)
}

// float32s fills dst from little-endian float32s, which must be finite.
func (d *decoder) float32s(what string, dst []float32) {
	if d.err != nil {
		return
	}
	if len(d.p) < 4*len(dst) {
		d.fail("%s: %d bytes remain, %d needed", what, len(d.p), 4*len(dst))
		return
	}
	for k := range dst {
		bits := binary.LittleEndian.Uint32(d.p[4*k:])
		if bits&0x7f800000 == 0x7f800000 {
			d.fail("%s: %d is not finite", what, k)
			return
		}
		dst[k] = math.Float32frombits(bits)
	}
	d.p = d.p[4*len(dst):]
}

// Smallest encodings, for bounding counts by the bytes that remain.
const (
	minMetaSize = 2                           // empty key and value
	minHeadSize = 1 + 1 + 2 + 1 + 1 + 2*4 + 1 // name, labels, K, D, biases, rows, for K = 2
)

func decodePayload(p []byte, version uint16) (*File, error) {
	d := &decoder{p: p, size: len(p)}
	f := &File{Meta: map[string]string{}}
	f.Config = d.json("config")
	if version >= 2 {
		f.Calibration = d.json("calibration")
	}
	nm := d.count("metadata entries", minMetaSize)
	prev := ""
	for i := 0; i < nm && d.err == nil; i++ {
		k := d.string("metadata key")
		if i > 0 && k <= prev {
			d.fail("metadata key %q after %q: keys must ascend", k, prev)
		}
		f.Meta[k] = d.string("metadata value")
		prev = k
	}
	nh := d.count("heads", minHeadSize)
	f.Heads = make([]Head, 0, nh)
	for i := 0; i < nh && d.err == nil; i++ {
		h := d.head()
		if d.err == nil {
			if _, dup := f.Head(h.Name); dup {
				d.fail("a second head called %q", h.Name)
			}
		}
		f.Heads = append(f.Heads, h)
	}
	if version >= 3 && d.err == nil {
		// Not copied: the payload is this File's alone, and the vectors
		// are most of it.
		f.Vectors = d.bytes("vectors")
		if len(f.Vectors) == 0 {
			// WriteTo writes version 2 for a file without vectors.
			d.fail("a version 3 file with no vectors")
		}
	}
	if d.err == nil && len(d.p) > 0 {
		d.fail("%d bytes after the last head", len(d.p))
	}
	if d.err != nil {
		return nil, d.err
	}
	return f, nil
}

func (d *decoder) head() Head {
	h := Head{Name: d.string("head name")}
	nl := d.count("labels", 1)
	h.Labels = make([]string, nl)
	for j := range h.Labels {
		h.Labels[j] = d.string("label")
	}
	K64, D64 := d.uvarint("class count"), d.uvarint("dimension")
	if d.err != nil {
		return h
	}
	switch {
	case K64 != uint64(nl):
		d.fail("head %q has %d labels but %d classes", h.Name, nl, K64)
	case K64 < 2 || K64 > maxClasses:
		d.fail("head %q has %d classes; 2 to %d are allowed", h.Name, K64, maxClasses)
	case D64 < 1 || D64 > maxWeights/K64:
		d.fail("head %q has dimension %d with %d classes; at most %d weights are allowed", h.Name, D64, K64, maxWeights)
	}
	if d.err != nil {
		return h
	}
	K, D := int(K64), int(D64)
	m := &Linear{Classes: K, Dim: D, B: make([]float32, K)}
	d.float32s("bias", m.B)
	rows := d.count("weight rows", 1+4*K)
	if d.err != nil {
		return h
	}
	m.W = make([]float32, D*K)
	d.rows(h.Name, m, rows)
	h.Model = m
	return h
}

// rows decodes n sparse weight rows into m.W: the hot loop of Read.
func (d *decoder) rows(name string, m *Linear, n int) {
	K, D := m.Classes, m.Dim
	p := d.p
	prev := 0
	for j := 0; j < n; j++ {
		delta, w := binary.Uvarint(p)
		switch {
		case w <= 0:
			d.failRow(p, name, "bad varint for the index of weight row %d", j)
			return
		case j > 0 && delta == 0:
			d.failRow(p, name, "weight row %d repeats feature %d", j, prev)
			return
		case delta >= uint64(D-prev):
			d.failRow(p, name, "weight row %d: feature index %d+%d is outside the dimension %d", j, prev, delta, D)
			return
		}
		p = p[w:]
		f := prev + int(delta)
		prev = f
		if len(p) < 4*K {
			d.failRow(p, name, "weight row %d: %d bytes remain, %d needed", j, len(p), 4*K)
			return
		}
		row := m.W[f*K : f*K+K]
		var set uint32
		for k := range row {
			bits := binary.LittleEndian.Uint32(p[4*k:])
			if bits&0x7f800000 == 0x7f800000 {
				d.failRow(p, name, "weight of feature %d, class %d is not finite", f, k)
				return
			}
			row[k] = math.Float32frombits(bits)
			set |= bits
		}
		if set == 0 {
			d.failRow(p, name, "feature %d is stored with all-zero weights", f)
			return
		}
		p = p[4*K:]
	}
	d.p = p
}

// failRow records a corruption in a head's weight rows, found at p.
func (d *decoder) failRow(p []byte, head, format string, args ...any) {
	d.p = p
	d.fail("head %q: %s", head, fmt.Sprintf(format, args...))
}
