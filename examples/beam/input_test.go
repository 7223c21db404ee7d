package main

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseLine(t *testing.T) {
	tests := []struct {
		line    string
		want    Doc
		wantErr string // a part of the error; "" for none
	}{
		{`{"id":"a","text":"t"}`, Doc{ID: "a", Text: "t"}, ""},
		{`{"id":12,"text":"t","outlet":"RT","date":"2024-03-05"}`, Doc{ID: "12", Text: "t", Outlet: "RT", Date: "2024-03-05"}, ""},
		{`{"id":0012.50,"text":"t"}`, Doc{ID: "0012.50", Text: "t"}, "bad JSON"}, // JSON has no leading zeros
		{`{"id":1e3,"text":"t"}`, Doc{ID: "1e3", Text: "t"}, ""},                 // a number keeps its spelling
		{`{"text":"t","extra":{"x":1}}`, Doc{Text: "t"}, ""},                     // no id, other fields ignored
		{`{"id":null,"text":"","outlet":null}`, Doc{Text: ""}, ""},               // an empty text is a text
		{`{"id":"a","text":"unterminated`, Doc{}, "bad JSON"},
		{`["a","t"]`, Doc{}, "bad JSON"},
		{`{"id":"a"}`, Doc{}, `no "text"`},
		{`{"id":"a","text":null}`, Doc{}, `no "text"`},
		{`{"id":"a","text":42}`, Doc{}, `"text" is not a string`},
		{`{"id":"a","text":["t"]}`, Doc{}, `"text" is not a string`},
		{`{"id":{"k":1},"text":"t"}`, Doc{}, `"id" is neither`},
		{`{"id":true,"text":"t"}`, Doc{}, `"id" is neither`},
		{`{"id":"a","text":"t","outlet":7}`, Doc{}, `"outlet" is not a string`},
		{`{"id":"a","text":"t","date":20240305}`, Doc{}, `"date" is not a string`},
	}
	for _, tt := range tests {
		got, err := parseLine([]byte(tt.line))
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("parseLine(%s): %v", tt.line, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("parseLine(%s) error = %v, want one with %q", tt.line, err, tt.wantErr)
		case tt.wantErr == "" && got != tt.want:
			t.Errorf("parseLine(%s) = %+v, want %+v", tt.line, got, tt.want)
		}
	}
}

func TestMonth(t *testing.T) {
	tests := []struct{ date, want string }{
		{"2024-03-05", "2024-03"},
		{"2024-03-05T23:30:00-05:00", "2024-03"}, // the article's own month, not UTC's
		{"2024-03", "2024-03"},
		{"2024/12/31", "2024-12"},
		{"20240105", "2024-01"},
		{"March 5, 2024", "2024-03"},
		{"5 March 2024", "2024-03"},
		{"Tue, 05 Mar 2024 10:00:00 +0000", "2024-03"},
		{"  2024-03-05  ", "2024-03"},
		{"", ""},
		{"yesterday", ""},
		{"2024-13-01", ""},
	}
	for _, tt := range tests {
		if got := month(tt.date); got != tt.want {
			t.Errorf("month(%q) = %q, want %q", tt.date, got, tt.want)
		}
	}
}

func TestScanLines(t *testing.T) {
	type line struct {
		N       int
		Text    string
		TooLong bool
	}
	long := strings.Repeat("x", 100)
	tests := []struct {
		name, in string
		max      int
		want     []line
	}{
		{"lines", "a\nb\n", 10, []line{{1, "a", false}, {2, "b", false}}},
		{"no final newline", "a\nb", 10, []line{{1, "a", false}, {2, "b", false}}},
		{"CRLF", "a\r\nb\r\n", 10, []line{{1, "a", false}, {2, "b", false}}},
		{"blank lines keep the numbering", "a\n\nb\n", 10, []line{{1, "a", false}, {2, "", false}, {3, "b", false}}},
		{"empty", "", 10, nil},
		{"too long, then on", long + "\nok\n", 50, []line{{1, long[:50], true}, {2, "ok", false}}},
		{"too long at the end", "ok\n" + long, 50, []line{{1, "ok", false}, {2, long[:50], true}}},
	}
	for _, tt := range tests {
		var got []line
		err := scanLines(strings.NewReader(tt.in), tt.max, func(n int, b []byte, tooLong bool) {
			if tooLong && len(b) > tt.max {
				b = b[:tt.max] // only the head of a long line is kept; how much is not the point
			}
			got = append(got, line{n, string(b), tooLong})
		})
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %+v, %v; want %+v", tt.name, got, err, tt.want)
		}
	}
}

func TestScanLinesLongerThanBuffer(t *testing.T) {
	// A line much longer than the reader's buffer is read whole when
	// allowed, and cut to maxRaw bytes when not.
	big := strings.Repeat("y", 300<<10)
	var got []int
	var long []bool
	for _, max := range []int{1 << 20, 1 << 10} {
		scanLines(strings.NewReader(big+"\nz\n"), max, func(n int, b []byte, tooLong bool) {
			got = append(got, len(b))
			long = append(long, tooLong)
		})
	}
	want := []int{len(big), 1, maxRaw, 1}
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(long, []bool{false, false, true, false}) {
		t.Errorf("lengths %v (too long %v), want %v", got, long, want)
	}
}

func TestIsJSONL(t *testing.T) {
	for p, want := range map[string]bool{
		"a.jsonl": true, "a.JSONL": true, "a.ndjson": true, "a.jsonl.gz": true,
		"gs://b/x/part-0001.jsonl": true, "a.txt": false, "a.json": false, "jsonl": false, "a.gz": false,
	} {
		if got := isJSONL(p); got != want {
			t.Errorf("isJSONL(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestClip(t *testing.T) {
	s := strings.Repeat("é", maxRaw) // two bytes each
	got := clip([]byte(s))
	if !strings.HasSuffix(got, "…") || len(got) > maxRaw+len("…") || !strings.HasPrefix(s, strings.TrimSuffix(got, "…")) {
		t.Errorf("clip cut a long line badly: %d bytes", len(got))
	}
	if got := clip([]byte("short")); got != "short" {
		t.Errorf("clip(short) = %q", got)
	}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		c       Config
		wantErr bool
	}{
		{Config{Inputs: []string{"*.txt"}, Output: "out"}, false},
		{Config{Output: "out"}, true},
		{Config{Inputs: []string{" "}, Output: "out"}, true},
		{Config{Inputs: []string{"*.txt"}}, true},
		{Config{Inputs: []string{"*.txt"}, Output: "out", MaxLine: -1}, true},
		{Config{Inputs: []string{"*.txt"}, Output: "out", Shards: -2}, true},
	}
	for _, tt := range tests {
		if err := tt.c.Validate(); (err != nil) != tt.wantErr {
			t.Errorf("Validate(%+v) = %v, want error %v", tt.c, err, tt.wantErr)
		}
	}
}

func TestOutPathAndGlobs(t *testing.T) {
	for _, tt := range []struct{ out, want string }{
		{"out", "out/x"}, {"out/", "out/x"}, {"gs://b/run1", "gs://b/run1/x"},
	} {
		if got := OutPath(tt.out, "x"); got != tt.want {
			t.Errorf("OutPath(%q) = %q, want %q", tt.out, got, tt.want)
		}
	}
	for _, tt := range []struct {
		p    string
		i, n int
		want string
	}{
		{"out/articles.jsonl", 0, 1, "out/articles.jsonl"},
		{"out/articles.jsonl", 0, 0, "out/articles.jsonl"},
		{"out/articles.jsonl", 3, 16, "out/articles-00003-of-00016.jsonl"},
		{"gs://b/x/rows", 1, 2, "gs://b/x/rows-00001-of-00002"},
	} {
		if got := shardPath(tt.p, tt.i, tt.n); got != tt.want {
			t.Errorf("shardPath(%q, %d, %d) = %q, want %q", tt.p, tt.i, tt.n, got, tt.want)
		}
	}
	if got := splitGlobs(" a/*.txt, ,b/*.jsonl"); !reflect.DeepEqual(got, []string{"a/*.txt", "b/*.jsonl"}) {
		t.Errorf("splitGlobs = %q", got)
	}
}

func TestBuildModelErrors(t *testing.T) {
	dir := t.TempDir()
	badActors := filepath.Join(dir, "bad.json")
	os.WriteFile(badActors, []byte(`[{"name": ""}]`), 0o644)
	notModel := filepath.Join(dir, "model.afm")
	os.WriteFile(notModel, []byte("not a model"), 0o644)
	for _, cfg := range []ModelConfig{
		{Model: filepath.Join(dir, "missing.afm")},
		{Model: notModel},
		{Actors: filepath.Join(dir, "missing.json")},
		{Actors: badActors},
		{OnlyActors: true},
	} {
		if _, err := buildModel(context.Background(), cfg); err == nil {
			t.Errorf("buildModel(%+v) succeeded, want an error", cfg)
		}
	}
}
