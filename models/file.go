package models

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"slices"
	"sort"
)

// Head is one named classifier in a model file.
type Head struct {
	Name   string   // e.g. "polarity", "role"; unique within a File
	Labels []string // class names in index order, e.g. ["negative", "neutral", "positive"]
	Model  *Linear
}

// File is a model file: the feature configuration its heads were trained
// with (JSON owned by package features; this package only checks that it
// is valid JSON, or empty), free-form metadata, and the heads.
type File struct {
	Config json.RawMessage
	// Calibration is how scores become labels (JSON owned by the package
	// that scores, versioned there; this package only checks that it is
	// valid JSON, or empty). Version 1 files have none.
	Calibration json.RawMessage
	Meta        map[string]string // free-form (training data, options); written in sorted key order
	Heads       []Head
	// Vectors are word vectors a head reads (a binary table owned by
	// package features/wordvec; this package only carries the bytes).
	// A file with none is written as version 2, as before they existed.
	Vectors []byte
}

// Head returns the head called name.
func (f *File) Head(name string) (*Head, bool) {
	for i := range f.Heads {
		if f.Heads[i].Name == name {
			return &f.Heads[i], true
		}
	}
	return nil, false
}

// Errors from Read and ReadFile. They come wrapped with detail (where in
// the file, which values); test for them with errors.Is.
var (
	ErrNotModel  = errors.New("not an actorframe model file")
	ErrVersion   = errors.New("unsupported model file version")
	ErrTruncated = errors.New("model file truncated")
	ErrChecksum  = errors.New("model file checksum mismatch")
	ErrCorrupt   = errors.New("model file inconsistent")
)

// The binary layout; see the package documentation.
const (
	magic         = "AFRM"
	FormatVersion = 3  // the newest model file format version; WriteTo writes the oldest that holds the file, Read takes 1 to 3
	headerSize    = 18 // magic, version uint16, payload length uint64, CRC-32C uint32
)

// Limits that Read enforces and WriteTo refuses to exceed. They are far
// above any real model; they exist so that a corrupt or hostile file can
// not make Read allocate gigabytes.
const (
	maxPayload = 1 << 31 // bytes
	maxClasses = 1 << 10 // per head
	maxWeights = 1 << 26 // Dim·Classes per head: 256 MB of float32
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// WriteTo writes f in the binary format described in the package
// documentation. The bytes depend only on f: the same File always gives
// the same bytes. It returns an error, writing nothing, if f could not be
// read back: a head without a model, with sizes that disagree (len(W) !=
// Dim·Classes, len(Labels) != Classes), with a non-finite weight, or with
// the name of an earlier head; or a Config that is not valid JSON.
func (f *File) WriteTo(w io.Writer) (int64, error) {
	p, err := f.appendPayload(nil)
	if err != nil {
		return 0, err
	}
	if len(p) > maxPayload {
		return 0, fmt.Errorf("models: payload of %d bytes exceeds the %d-byte limit", len(p), maxPayload)
	}
	hdr := make([]byte, 0, headerSize)
	hdr = append(hdr, magic...)
	hdr = binary.LittleEndian.AppendUint16(hdr, f.version())
	hdr = binary.LittleEndian.AppendUint64(hdr, uint64(len(p)))
	hdr = binary.LittleEndian.AppendUint32(hdr, crc32.Checksum(p, castagnoli))
	n, err := w.Write(hdr)
	if err != nil {
		return int64(n), err
	}
	m, err := w.Write(p)
	return int64(n + m), err
}

// version is the format version WriteTo writes f in: 3 for a file with
// word vectors, else 2, so that a model without them keeps its bytes.
func (f *File) version() uint16 {
	if len(f.Vectors) > 0 {
		return 3
	}
	return 2
}

// appendPayload appends f's payload:
//
//	config      bytes
//	calibration bytes (version 2 on)
//	meta        uvarint count, then key bytes, value bytes (keys ascending)
//	heads       uvarint count, then per head:
//	  name        bytes
//	  labels      uvarint count, then bytes each
//	  classes K   uvarint
//	  dim D       uvarint
//	  biases      K float32
//	  rows        uvarint count, then per row: uvarint index delta, K float32
//	vectors     bytes (version 3 only)
//
// where bytes is a uvarint length and the bytes, float32 is little-endian
// IEEE 754, and a row's index delta is its feature index minus the previous
// row's (the first row's is its index).
func (f *File) appendPayload(p []byte) ([]byte, error) {
	if len(f.Config) > 0 && !json.Valid(f.Config) {
		return nil, errors.New("models: Config is not valid JSON")
	}
	if len(f.Calibration) > 0 && !json.Valid(f.Calibration) {
		return nil, errors.New("models: Calibration is not valid JSON")
	}
	size := len(f.Config) + len(f.Calibration) + len(f.Vectors) + 24
	for k, v := range f.Meta {
		size += len(k) + len(v) + 8
	}
	for i, h := range f.Heads {
		if err := checkHead(&h); err != nil {
			return nil, fmt.Errorf("models: head %d %q: %w", i, h.Name, err)
		}
		for _, g := range f.Heads[:i] {
			if g.Name == h.Name {
				return nil, fmt.Errorf("models: two heads are called %q", h.Name)
			}
		}
		size += 64 + len(h.Name) + 4*h.Model.Classes + h.Model.Nonzeros()*(4*h.Model.Classes+3)
		for _, l := range h.Labels {
			size += len(l) + 4
		}
	}
	p = slices.Grow(p, size)

	p = appendBytes(p, f.Config)
	p = appendBytes(p, f.Calibration)
	keys := make([]string, 0, len(f.Meta))
	for k := range f.Meta {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	p = binary.AppendUvarint(p, uint64(len(keys)))
	for _, k := range keys {
		p = appendString(p, k)
		p = appendString(p, f.Meta[k])
	}
	p = binary.AppendUvarint(p, uint64(len(f.Heads)))
	for _, h := range f.Heads {
		m := h.Model
		K := m.Classes
		p = appendString(p, h.Name)
		p = binary.AppendUvarint(p, uint64(len(h.Labels)))
		for _, l := range h.Labels {
			p = appendString(p, l)
		}
		p = binary.AppendUvarint(p, uint64(K))
		p = binary.AppendUvarint(p, uint64(m.Dim))
		for _, b := range m.B {
			p = binary.LittleEndian.AppendUint32(p, math.Float32bits(b))
		}
		p = binary.AppendUvarint(p, uint64(m.Nonzeros()))
		prev := 0
		for fi := 0; fi < m.Dim; fi++ {
			row := m.W[fi*K : fi*K+K]
			if !nonzeroRow(row) {
				continue
			}
			p = binary.AppendUvarint(p, uint64(fi-prev))
			prev = fi
			for _, v := range row {
				p = binary.LittleEndian.AppendUint32(p, math.Float32bits(v))
			}
		}
	}
	if f.version() >= 3 {
		p = appendBytes(p, f.Vectors)
	}
	return p, nil
}

// checkHead reports why h could not be written and read back.
func checkHead(h *Head) error {
	m := h.Model
	switch {
	case m == nil:
		return errors.New("no model")
	case m.Classes < 2 || m.Classes > maxClasses:
		return fmt.Errorf("%d classes, want 2 to %d", m.Classes, maxClasses)
	case len(h.Labels) != m.Classes:
		return fmt.Errorf("%d labels for %d classes", len(h.Labels), m.Classes)
	case m.Dim < 1 || m.Dim > maxWeights/m.Classes:
		return fmt.Errorf("dimension %d with %d classes, want 1 to %d weights in all", m.Dim, m.Classes, maxWeights)
	case len(m.W) != m.Dim*m.Classes:
		return fmt.Errorf("%d weights for %d features and %d classes", len(m.W), m.Dim, m.Classes)
	case len(m.B) != m.Classes:
		return fmt.Errorf("%d biases for %d classes", len(m.B), m.Classes)
	}
	for k, b := range m.B {
		if !finite(b) {
			return fmt.Errorf("bias %d is %v", k, b)
		}
	}
	for i, w := range m.W {
		if !finite(w) {
			return fmt.Errorf("weight of feature %d, class %d is %v", i/m.Classes, i%m.Classes, w)
		}
	}
	return nil
}

func finite(v float32) bool {
	return !math.IsNaN(float64(v)) && !math.IsInf(float64(v), 0)
}

func appendBytes(p, b []byte) []byte {
	p = binary.AppendUvarint(p, uint64(len(b)))
	return append(p, b...)
}

func appendString(p []byte, s string) []byte {
	p = binary.AppendUvarint(p, uint64(len(s)))
	return append(p, s...)
}
