// The model file format.

package models

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"
	"sort"
)

// Head is one named classifier of a model file.
type Head struct {
	Name   string
	Labels []string
	Model  *Linear
}

// File is a model file: the feature configuration its heads were trained
// with (JSON owned by package features), free-form metadata, and heads.
type File struct {
	Config json.RawMessage
	Meta   map[string]string
	Heads  []Head
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

// Errors from Read. They are wrapped with detail; test with errors.Is.
var (
	ErrMagic     = errors.New("models: not an actorframe model file")
	ErrVersion   = errors.New("models: unsupported model format version")
	ErrTruncated = errors.New("models: model file truncated")
	ErrChecksum  = errors.New("models: model file checksum mismatch")
	ErrCorrupt   = errors.New("models: model file inconsistent")
)

const magic = "AFRM"
const formatVersion = 1

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// WriteTo writes f in the binary format described in the package doc.
// The same File always gives the same bytes.
func (f *File) WriteTo(w io.Writer) (int64, error) {
	var p []byte
	p = appendBytes(p, f.Config)
	keys := make([]string, 0, len(f.Meta))
	for k := range f.Meta {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	p = binary.AppendUvarint(p, uint64(len(keys)))
	for _, k := range keys {
		p = appendBytes(p, []byte(k))
		p = appendBytes(p, []byte(f.Meta[k]))
	}
	p = binary.AppendUvarint(p, uint64(len(f.Heads)))
	for _, h := range f.Heads {
		m := h.Model
		p = appendBytes(p, []byte(h.Name))
		p = binary.AppendUvarint(p, uint64(len(h.Labels)))
		for _, l := range h.Labels {
			p = appendBytes(p, []byte(l))
		}
		p = binary.AppendUvarint(p, uint64(m.Classes))
		p = binary.AppendUvarint(p, uint64(m.Dim))
		for _, b := range m.B {
			p = binary.LittleEndian.AppendUint32(p, math.Float32bits(b))
		}
		nz := 0
		for fi := 0; fi < m.Dim; fi++ {
			if nonzero(m.W[fi*m.Classes : fi*m.Classes+m.Classes]) {
				nz++
			}
		}
		p = binary.AppendUvarint(p, uint64(nz))
		prev := 0
		for fi := 0; fi < m.Dim; fi++ {
			row := m.W[fi*m.Classes : fi*m.Classes+m.Classes]
			if !nonzero(row) {
				continue
			}
			p = binary.AppendUvarint(p, uint64(fi-prev))
			prev = fi
			for _, v := range row {
				p = binary.LittleEndian.AppendUint32(p, math.Float32bits(v))
			}
		}
	}
	var hdr []byte
	hdr = append(hdr, magic...)
	hdr = binary.LittleEndian.AppendUint16(hdr, formatVersion)
	hdr = binary.LittleEndian.AppendUint64(hdr, uint64(len(p)))
	hdr = binary.LittleEndian.AppendUint32(hdr, crc32.Checksum(p, crcTable))
	n, err := w.Write(hdr)
	if err != nil {
		return int64(n), err
	}
	n2, err := w.Write(p)
	return int64(n + n2), err
}

func nonzero(r []float32) bool {
	for _, v := range r {
		if v != 0 {
			return true
		}
	}
	return false
}

func appendBytes(p, b []byte) []byte {
	p = binary.AppendUvarint(p, uint64(len(b)))
	return append(p, b...)
}

// ReadFile reads a model file from disk.
func ReadFile(path string) (*File, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	f, err := Read(bufio.NewReader(fh))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// maxPayload bounds what Read accepts, far above any real model.
const maxPayload = 1 << 30

// Read decodes a model file, checking its magic, version, length and
// checksum, and every count against the bytes that remain.
func Read(r io.Reader) (*File, error) {
	var hdr [18]byte
	if n, err := io.ReadFull(r, hdr[:]); err != nil {
		if n >= 4 && string(hdr[:4]) != magic || n < 4 && n > 0 && string(hdr[:n]) != magic[:n] {
			return nil, ErrMagic
		}
		return nil, fmt.Errorf("%w: header is %d of 18 bytes", ErrTruncated, n)
	}
	if string(hdr[:4]) != magic {
		return nil, ErrMagic
	}
	if v := binary.LittleEndian.Uint16(hdr[4:]); v != formatVersion {
		return nil, fmt.Errorf("%w: file has version %d, this build reads version %d", ErrVersion, v, formatVersion)
	}
	size := binary.LittleEndian.Uint64(hdr[6:])
	sum := binary.LittleEndian.Uint32(hdr[14:])
	if size > maxPayload {
		return nil, fmt.Errorf("%w: payload size %d", ErrCorrupt, size)
	}
	p, err := io.ReadAll(io.LimitReader(r, int64(size)))
	if err != nil {
		return nil, err
	}
	if uint64(len(p)) != size {
		return nil, fmt.Errorf("%w: payload is %d of %d bytes", ErrTruncated, len(p), size)
	}
	if crc32.Checksum(p, crcTable) != sum {
		return nil, ErrChecksum
	}
	d := decoder{p: p}
	f := &File{Config: json.RawMessage(d.bytes()), Meta: map[string]string{}}
	nm := d.count(2)
	for i := 0; i < nm && d.err == nil; i++ {
		k := string(d.bytes())
		f.Meta[k] = string(d.bytes())
	}
	nh := d.count(16)
	for i := 0; i < nh && d.err == nil; i++ {
		h := Head{Name: string(d.bytes())}
		nl := d.count(1)
		for j := 0; j < nl && d.err == nil; j++ {
			h.Labels = append(h.Labels, string(d.bytes()))
		}
		K, D := int(d.uvarint()), int(d.uvarint())
		if d.err != nil {
			break
		}
		if K != nl || K < 2 || K > 64 || D < 1 || D > 1<<28 {
			return nil, fmt.Errorf("%w: head %q has %d classes, %d labels, %d features", ErrCorrupt, h.Name, K, nl, D)
		}
		m := &Linear{Classes: K, Dim: D, W: make([]float32, D*K), B: make([]float32, K)}
		for k := 0; k < K; k++ {
			m.B[k] = d.f32()
		}
		nz := d.count(4 * K)
		fi := 0
		for j := 0; j < nz && d.err == nil; j++ {
			fi += int(d.uvarint())
			if fi >= D || fi < 0 {
				return nil, fmt.Errorf("%w: head %q: feature %d >= %d", ErrCorrupt, h.Name, fi, D)
			}
			for k := 0; k < K; k++ {
				m.W[fi*K+k] = d.f32()
			}
		}
		h.Model = m
		f.Heads = append(f.Heads, h)
	}
	if d.err != nil {
		return nil, d.err
	}
	if len(d.p) != 0 {
		return nil, fmt.Errorf("%w: %d bytes after the last head", ErrCorrupt, len(d.p))
	}
	return f, nil
}

type decoder struct {
	p   []byte
	err error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.p)
	if n <= 0 {
		d.err = fmt.Errorf("%w: bad varint", ErrCorrupt)
		return 0
	}
	d.p = d.p[n:]
	return v
}

// count reads a length whose items take at least min bytes each.
func (d *decoder) count(min int) int {
	v := d.uvarint()
	if d.err == nil && v > uint64(len(d.p)/min) {
		d.err = fmt.Errorf("%w: count %d exceeds the remaining %d bytes", ErrCorrupt, v, len(d.p))
		return 0
	}
	return int(v)
}

func (d *decoder) bytes() []byte {
	n := d.count(1)
	if d.err != nil {
		return nil
	}
	b := d.p[:n:n]
	d.p = d.p[n:]
	return b
}

func (d *decoder) f32() float32 {
	if d.err != nil {
		return 0
	}
	if len(d.p) < 4 {
		d.err = fmt.Errorf("%w: short float", ErrCorrupt)
		return 0
	}
	v := math.Float32frombits(binary.LittleEndian.Uint32(d.p))
	d.p = d.p[4:]
	return v
}
