package models

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// testFile is a small file with two heads, metadata and a config.
func testFile() *File {
	pol := &Linear{Classes: 3, Dim: 64, W: make([]float32, 64*3), B: []float32{0.5, -0.25, 1}}
	for i := 0; i < 64*3; i += 7 {
		pol.W[i] = float32(i) / 10
	}
	pol.W[3*63+1] = float32(math.Copysign(0, -1)) // a lone -0 is kept as written
	role := &Linear{Classes: 2, Dim: 8, W: []float32{0, 0, 1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2.5, 0}, B: []float32{0, 0}}
	return &File{
		Config:      []byte(`{"hash_bits":6}`),
		Calibration: []byte(`{"version":1}`),
		Meta:        map[string]string{"trained": "2026-11-22", "data": "persent", "": "empty key"},
		Heads: []Head{
			{Name: "polarity", Labels: []string{"negative", "neutral", "positive"}, Model: pol},
			{Name: "role", Labels: []string{"innocent", "antagonist"}, Model: role},
		},
	}
}

func encodeFile(t testing.TB, f *File) []byte {
	t.Helper()
	var b bytes.Buffer
	n, err := f.WriteTo(&b)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(b.Len()) {
		t.Fatalf("WriteTo reports %d bytes, wrote %d", n, b.Len())
	}
	return b.Bytes()
}

func sameModel(a, b *Linear) bool {
	if a.Classes != b.Classes || a.Dim != b.Dim || len(a.W) != len(b.W) || len(a.B) != len(b.B) {
		return false
	}
	for i := range a.W {
		if math.Float32bits(a.W[i]) != math.Float32bits(b.W[i]) {
			return false
		}
	}
	for i := range a.B {
		if math.Float32bits(a.B[i]) != math.Float32bits(b.B[i]) {
			return false
		}
	}
	return true
}

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		file *File
	}{
		{"two heads", testFile()},
		{"empty", &File{}},
		{"no heads", &File{Config: []byte(`[]`), Meta: map[string]string{"a": "b"}}},
		{"vectors", func() *File { f := testFile(); f.Vectors = []byte("WV1 opaque"); return f }()},
		{"all-zero model", &File{Heads: []Head{{Name: "z", Labels: []string{"a", "b"}, Model: &Linear{Classes: 2, Dim: 1 << 20, W: make([]float32, 2<<20), B: []float32{0, 0}}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := encodeFile(t, tt.file)
			if again := encodeFile(t, tt.file); !bytes.Equal(again, data) {
				t.Fatal("two encodings of one File differ")
			}
			g, err := Read(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(encodeFile(t, g), data) {
				t.Fatal("re-encoding a decoded file changes its bytes")
			}
			if want := uint16(2 + min(len(tt.file.Vectors), 1)); binary.LittleEndian.Uint16(data[4:]) != want || !bytes.Equal(g.Vectors, tt.file.Vectors) {
				t.Fatalf("version %d, vectors %q; want version %d, vectors %q", binary.LittleEndian.Uint16(data[4:]), g.Vectors, want, tt.file.Vectors)
			}
			if string(g.Config) != string(tt.file.Config) || len(g.Meta) != len(tt.file.Meta) || len(g.Heads) != len(tt.file.Heads) {
				t.Fatalf("decoded %+v, want %+v", g, tt.file)
			}
			for k, v := range tt.file.Meta {
				if g.Meta[k] != v {
					t.Errorf("Meta[%q] = %q, want %q", k, g.Meta[k], v)
				}
			}
			for i, want := range tt.file.Heads {
				h, ok := g.Head(want.Name)
				if !ok || h != &g.Heads[i] || strings.Join(h.Labels, ",") != strings.Join(want.Labels, ",") || !sameModel(h.Model, want.Model) {
					t.Errorf("head %q differs after the round trip", want.Name)
				}
			}
		})
	}
	if _, ok := testFile().Head("missing"); ok {
		t.Error("Head found a head that is not there")
	}
}

func TestWriteToRejects(t *testing.T) {
	model := func() *Linear { return &Linear{Classes: 2, Dim: 2, W: []float32{1, 0, 0, 1}, B: []float32{0, 0}} }
	head := func(mut func(*Head)) *File {
		h := Head{Name: "h", Labels: []string{"a", "b"}, Model: model()}
		mut(&h)
		return &File{Heads: []Head{h}}
	}
	tests := []struct {
		name string
		file *File
	}{
		{"bad JSON config", &File{Config: []byte(`{`)}},
		{"no model", head(func(h *Head) { h.Model = nil })},
		{"labels and classes differ", head(func(h *Head) { h.Labels = h.Labels[:1] })},
		{"one class", head(func(h *Head) { h.Labels = h.Labels[:1]; h.Model.Classes = 1 })},
		{"short W", head(func(h *Head) { h.Model.W = h.Model.W[:3] })},
		{"short B", head(func(h *Head) { h.Model.B = h.Model.B[:1] })},
		{"zero dim", head(func(h *Head) { h.Model.Dim = 0; h.Model.W = nil })},
		{"NaN weight", head(func(h *Head) { h.Model.W[2] = float32(math.NaN()) })},
		{"infinite bias", head(func(h *Head) { h.Model.B[1] = float32(math.Inf(-1)) })},
		{"duplicate head", &File{Heads: []Head{head(func(*Head) {}).Heads[0], head(func(*Head) {}).Heads[0]}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if n, err := tt.file.WriteTo(&b); err == nil || n != 0 || b.Len() != 0 {
				t.Errorf("WriteTo = %d, %v; want an error and nothing written", n, err)
			}
		})
	}
}

// wrap puts a header with a correct checksum before payload.
func wrap(payload []byte) []byte {
	b := []byte(magic)
	b = binary.LittleEndian.AppendUint16(b, 2) // a payload without vectors
	b = binary.LittleEndian.AppendUint64(b, uint64(len(payload)))
	b = binary.LittleEndian.AppendUint32(b, crc32.Checksum(payload, castagnoli))
	return append(b, payload...)
}

// TestReadVersion1 reads a file of the first format version, which has no
// calibration section.
func TestReadVersion1(t *testing.T) {
	p := rawPayload(`{"a":1}`, 1, "k", "v", 1, "h", 2, "a", "b", 2, 4, float32(0.5), float32(0), 1, 2, float32(1), float32(-1))
	b := []byte(magic)
	b = binary.LittleEndian.AppendUint16(b, 1)
	b = binary.LittleEndian.AppendUint64(b, uint64(len(p)))
	b = binary.LittleEndian.AppendUint32(b, crc32.Checksum(p, castagnoli))
	f, err := Read(bytes.NewReader(append(b, p...)))
	if err != nil {
		t.Fatal(err)
	}
	if string(f.Config) != `{"a":1}` || f.Calibration != nil || f.Meta["k"] != "v" || len(f.Heads) != 1 || f.Heads[0].Model.W[5] != -1 {
		t.Errorf("version 1 file read as %+v", f)
	}
}

// rawPayload spells a payload out field by field: each argument is a
// uvarint (int), a length-prefixed string (string) or a float32.
func rawPayload(fields ...any) []byte {
	var p []byte
	for _, f := range fields {
		switch v := f.(type) {
		case int:
			p = binary.AppendUvarint(p, uint64(v))
		case string:
			p = appendString(p, v)
		case float32:
			p = binary.LittleEndian.AppendUint32(p, math.Float32bits(v))
		case []byte:
			p = append(p, v...)
		}
	}
	return p
}

func TestReadErrors(t *testing.T) {
	data := encodeFile(t, testFile())
	with := func(mut func(b []byte) []byte) []byte { return mut(append([]byte(nil), data...)) }
	nan := float32(math.NaN())
	// A valid two-class head "h" over dimension 4 with one row, for editing.
	head := func(classes, dim, rows int, tail ...any) []byte {
		return rawPayload(append([]any{"", "", 0, 1, "h", 2, "a", "b", classes, dim, float32(0), float32(0), rows}, tail...)...)
	}
	tests := []struct {
		name string
		data []byte
		want error
		says string // part of the message
	}{
		{"empty", nil, ErrTruncated, "empty"},
		{"wrong magic", with(func(b []byte) []byte { copy(b, "AFRX"); return b }), ErrNotModel, `"AFRX"`},
		{"text file", []byte("hello, world, this is not a model"), ErrNotModel, ""},
		{"short wrong magic", []byte("PK"), ErrNotModel, ""},
		{"newer version", with(func(b []byte) []byte { b[4] = 4; return b }), ErrVersion, "version 4; this package reads versions 1 to 3"},
		{"version 3 without vectors", with(func(b []byte) []byte { b[4] = 3; return b }), ErrCorrupt, "vectors"},
		{"version 0", with(func(b []byte) []byte { b[4] = 0; return b }), ErrVersion, "version 0"},
		{"short header", data[:10], ErrTruncated, "10 of its 18"},
		{"short payload", data[:len(data)-5], ErrTruncated, "payload ends"},
		{"huge payload length", with(func(b []byte) []byte { b[13] = 0x80; return b }), ErrCorrupt, "limit"},
		{"flipped payload byte", with(func(b []byte) []byte { b[len(b)-3] ^= 0x40; return b }), ErrChecksum, ""},
		{"flipped checksum byte", with(func(b []byte) []byte { b[15] ^= 1; return b }), ErrChecksum, ""},
		{"classes differ from labels", wrap(head(3, 4, 0)), ErrCorrupt, "2 labels but 3 classes"},
		{"index outside dim", wrap(head(2, 4, 1, 4, float32(1), float32(1))), ErrCorrupt, "outside the dimension 4"},
		{"huge delta", wrap(head(2, 4, 1, 1<<62, float32(1), float32(1))), ErrCorrupt, "outside the dimension"},
		{"repeated feature", wrap(head(2, 4, 2, 1, float32(1), float32(1), 0, float32(1), float32(1))), ErrCorrupt, "repeats feature 1"},
		{"zero row", wrap(head(2, 4, 1, 1, float32(0), float32(0))), ErrCorrupt, "all-zero"},
		{"NaN weight", wrap(head(2, 4, 1, 1, nan, float32(0))), ErrCorrupt, "not finite"},
		{"NaN bias", wrap(rawPayload("", "", 0, 1, "h", 2, "a", "b", 2, 4, nan, float32(0), 0)), ErrCorrupt, "bias"},
		{"short row", wrap(head(2, 4, 1, 1, float32(1))), ErrCorrupt, ""},
		{"zero dim", wrap(head(2, 0, 0)), ErrCorrupt, "dimension 0"},
		{"one class", wrap(rawPayload("", "", 0, 1, "h", 1, "a", 1, 4, float32(0), 0, "padding")), ErrCorrupt, "1 classes"},
		{"absurd dim", wrap(head(2, 1<<40, 0)), ErrCorrupt, "at most"},
		{"absurd row count", wrap(head(2, 4, 1<<40)), ErrCorrupt, "cannot fit"},
		{"absurd head count", wrap(rawPayload("", "", 0, 1<<50)), ErrCorrupt, "cannot fit"},
		{"absurd string", wrap(rawPayload([]byte{0xff, 0xff, 0xff, 0xff, 0x0f})), ErrCorrupt, "cannot fit"},
		{"bad varint", wrap([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}), ErrCorrupt, "varint"},
		{"trailing bytes", wrap(rawPayload("", "", 0, 0, 7)), ErrCorrupt, "after the last head"},
		{"empty payload", wrap(nil), ErrCorrupt, ""},
		{"bad JSON config", wrap(rawPayload("{", "", 0, 0)), ErrCorrupt, "JSON"},
		{"bad JSON calibration", wrap(rawPayload("", "[", 0, 0)), ErrCorrupt, "calibration is not valid JSON"},
		{"meta keys out of order", wrap(rawPayload("", "", 2, "b", "1", "a", "2", 0)), ErrCorrupt, "ascend"},
		{"meta key repeated", wrap(rawPayload("", "", 2, "a", "1", "a", "2", 0)), ErrCorrupt, "ascend"},
		{"two heads with one name", wrap(rawPayload("", "", 0, 2,
			"h", 2, "a", "b", 2, 4, float32(0), float32(0), 0,
			"h", 2, "a", "b", 2, 4, float32(0), float32(0), 0)), ErrCorrupt, "second head"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Read(bytes.NewReader(tt.data))
			if !errors.Is(err, tt.want) || f != nil {
				t.Fatalf("Read = %v, %v; want %v", f, err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.says) {
				t.Errorf("error %q does not say %q", err, tt.says)
			}
		})
	}
}

// Every prefix of a file is truncated, never anything else, and every
// single-bit change in the payload or checksum is caught by the checksum.
func TestReadDamage(t *testing.T) {
	data := encodeFile(t, testFile())
	for n := 0; n < len(data); n++ {
		if _, err := Read(bytes.NewReader(data[:n])); !errors.Is(err, ErrTruncated) {
			t.Fatalf("truncated to %d bytes: err = %v, want ErrTruncated", n, err)
		}
	}
	for i := 14; i < len(data); i++ {
		for bit := 0; bit < 8; bit++ {
			b := append([]byte(nil), data...)
			b[i] ^= 1 << bit
			if _, err := Read(bytes.NewReader(b)); !errors.Is(err, ErrChecksum) {
				t.Fatalf("bit %d of byte %d flipped: err = %v, want ErrChecksum", bit, i, err)
			}
		}
	}
}

// A length field claiming gigabytes must not be allocated up front.
func TestReadHugeLengthAllocatesLittle(t *testing.T) {
	b := wrap(nil)
	binary.LittleEndian.PutUint64(b[6:], maxPayload)
	b = append(b, make([]byte, 1000)...)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Read(onlyReader{bytes.NewReader(b)})
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTruncated) {
		t.Fatalf("err = %v, want ErrTruncated", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Errorf("Read allocated %d bytes for a 1 kB input", grew)
	}
}

// onlyReader hides everything but Read, as a network stream would.
type onlyReader struct{ r *bytes.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

func TestReadFromStream(t *testing.T) {
	data := encodeFile(t, testFile())
	// Bigger than the first read buffer, so the buffer has to grow.
	big := &File{Heads: []Head{{Name: "big", Labels: []string{"a", "b", "c"}, Model: randomModel(1<<16, 3, 20000, 1)}}}
	for _, d := range [][]byte{data, encodeFile(t, big)} {
		f, err := Read(onlyReader{bytes.NewReader(append(d, "next"...))})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(encodeFile(t, f), d) {
			t.Fatal("a file read from a stream differs")
		}
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	data := encodeFile(t, testFile())
	good, trailing := filepath.Join(dir, "good.afm"), filepath.Join(dir, "trailing.afm")
	if err := os.WriteFile(good, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(trailing, append(data, 0), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(good); err != nil {
		t.Errorf("ReadFile(good) = %v", err)
	}
	if _, err := ReadFile(trailing); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), trailing) {
		t.Errorf("ReadFile(trailing) = %v, want ErrCorrupt naming the file", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "none.afm")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadFile(missing) = %v, want os.ErrNotExist", err)
	}
}

// The model shipped next to this package, if there is one, reads and
// re-encodes to the very same bytes.
func TestShippedModel(t *testing.T) {
	data, err := os.ReadFile("default.afm")
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("no default.afm in the package directory")
	}
	if err != nil {
		t.Fatal(err)
	}
	f, err := Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(encodeFile(t, f), data) {
		t.Error("default.afm does not re-encode to the same bytes")
	}
}

func FuzzRead(f *testing.F) {
	f.Add(encodeFile(f, testFile()))
	f.Add(encodeFile(f, &File{}))
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, data []byte) {
		// ReadBytes decodes in place what Read copies: both must agree
		inPlace, errB := ReadBytes(bytes.Clone(data))
		r := bytes.NewReader(data)
		file, err := Read(r)
		if (err == nil) != (errB == nil) || (inPlace == nil) != (file == nil) {
			t.Fatalf("Read: %v; ReadBytes: %v", err, errB)
		}
		if err != nil {
			if file != nil {
				t.Fatal("a File and an error")
			}
			for _, sentinel := range []error{ErrNotModel, ErrVersion, ErrTruncated, ErrChecksum, ErrCorrupt} {
				if errors.Is(err, sentinel) {
					return
				}
			}
			t.Fatalf("error %v wraps none of the sentinels", err)
		}
		for _, h := range file.Heads {
			m := h.Model
			if len(m.W) != m.Dim*m.Classes || len(m.B) != m.Classes || len(h.Labels) != m.Classes {
				t.Fatalf("inconsistent head %q", h.Name)
			}
		}
		// Read accepts only what WriteTo writes; a version 1 file comes
		// back as version 2, which must read back to the same bytes.
		consumed := data[:len(data)-r.Len()]
		enc := encodeFile(t, file)
		if binary.LittleEndian.Uint16(consumed[4:]) == 1 {
			back, err := Read(bytes.NewReader(enc))
			if err != nil || !bytes.Equal(encodeFile(t, back), enc) {
				t.Fatalf("a version 1 file, written as version 2, does not read back: %v", err)
			}
			return
		}
		if !bytes.Equal(enc, consumed) {
			t.Fatal("re-encoding gives different bytes")
		}
	})
}

// randomModel has nonzero rows of the given count at random features.
func randomModel(dim, classes, rows int, seed uint64) *Linear {
	rng := rand.New(rand.NewPCG(seed, 3))
	m := &Linear{Classes: classes, Dim: dim, W: make([]float32, dim*classes), B: make([]float32, classes)}
	for _, f := range rng.Perm(dim)[:rows] {
		for k := 0; k < classes; k++ {
			m.W[f*classes+k] = float32(rng.NormFloat64())
		}
	}
	return m
}

// BenchmarkRead decodes a model the size of actorframe's: 2^20 features,
// 3 classes, 500k nonzero rows.
func BenchmarkRead(b *testing.B) {
	f := &File{Config: []byte(`{}`), Heads: []Head{{Name: "polarity", Labels: []string{"negative", "neutral", "positive"}, Model: randomModel(1<<20, 3, 500_000, 9)}}}
	data := encodeFile(b, f)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteTo(b *testing.B) {
	f := &File{Config: []byte(`{}`), Heads: []Head{{Name: "polarity", Labels: []string{"negative", "neutral", "positive"}, Model: randomModel(1<<20, 3, 500_000, 9)}}}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if _, err := f.WriteTo(&buf); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(buf.Len()))
	}
}
