package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const article = "../../features/testdata/article.txt"

// writeFile writes a test input in a fresh temporary directory.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// call runs the command and returns its exit status and streams.
func call(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(stdin), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// resultIDs decodes JSONL results and returns their ids in order.
func resultIDs(t *testing.T, out string) []string {
	t.Helper()
	var ids []string
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("output line %q: %v", sc.Text(), err)
		}
		ids = append(ids, r.ID)
	}
	return ids
}

func TestParseDoc(t *testing.T) {
	tests := []struct {
		line    string
		id      string
		text    string
		wantErr string // "" for success
	}{
		{`{"id": "a", "text": "Hi."}`, "a", "Hi.", ""},
		{`{"id": 17, "text": "Hi."}`, "17", "Hi.", ""},
		{`{"id": -3, "text": "Hi."}`, "-3", "Hi.", ""},
		{`{"id": 1.5e3, "text": "Hi."}`, "1.5e3", "Hi.", ""},
		{`{"id": "17", "text": "Hi."}`, "17", "Hi.", ""},
		{`{"text": "Hi."}`, "", "Hi.", ""},
		{`{"id": null, "text": ""}`, "", "", ""},
		{`{"id": "a", "text": "Hi.", "lang": "en"}`, "a", "Hi.", ""},
		{`{"id": "a", "text": "caf\u00e9"}`, "a", "café", ""},
		{`{"id": "a"}`, "", "", `no "text"`},
		{`{"id": "a", "text": null}`, "", "", `no "text"`},
		{`{"id": "a", "text": 5}`, "", "", `"text" must be a string, got 5`},
		{`{"id": "a", "text": ["x"]}`, "", "", `"text" must be a string`},
		{`{"id": true, "text": "Hi."}`, "", "", `"id" must be a string or a number, got true`},
		{`{"id": {"n": 1}, "text": "Hi."}`, "", "", `"id" must be a string or a number`},
		{`{"id": "a", "text": "Hi."`, "", "", "bad JSON"},
		{`{bad`, "", "", "bad JSON"},
		{`["a", "Hi."]`, "", "", "must be a JSON object, got array"},
		{`"Hi."`, "", "", "must be a JSON object, got string"},
	}
	for _, tt := range tests {
		d, err := parseDoc([]byte(tt.line))
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("parseDoc(%s): err = %v, want %q", tt.line, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("parseDoc(%s): %v", tt.line, err)
			continue
		}
		if d.ID != tt.id || d.Text != tt.text {
			t.Errorf("parseDoc(%s) = id %q text %q, want id %q text %q", tt.line, d.ID, d.Text, tt.id, tt.text)
		}
	}
}

// TestJSONLBadLines: every bad line is reported with file and line, the
// good ones are still scored in order, and the run fails at the end saying
// how many lines failed.
func TestJSONLBadLines(t *testing.T) {
	lines := []string{
		`{"id": "a", "text": "Russian jets bombed Aleppo."}`,
		`{"id": 17, "text": "Vladimir Putin spoke in Moscow."}`,
		`{"id": "no-text"}`,
		``,
		`{"id": "num-text", "text": 5}`,
		`{"id": "broken", "text": "x"`,
		`{"id": "z", "text": "The Syrian army shelled Idlib."}`,
	}
	bad := writeFile(t, "docs.jsonl", strings.Join(lines, "\n")+"\n")
	good := writeFile(t, "more.jsonl", `{"id": "after", "text": "Turkey closed the border."}`+"\n")
	missing := filepath.Join(t.TempDir(), "missing.jsonl")

	tests := []struct {
		name     string
		args     []string
		stdin    string
		code     int
		ids      []string
		inStderr []string
	}{
		{
			name: "bad lines",
			args: []string{"-jsonl", "-q", "-workers", "2", bad, good},
			code: 1,
			ids:  []string{"a", "17", "z", "after"},
			inStderr: []string{
				bad + `:3: no "text"`,
				bad + `:5: "text" must be a string`,
				bad + ":6: bad JSON",
				"3 of 7 lines failed",
			},
		},
		{
			name:     "unreadable file",
			args:     []string{"-jsonl", "-q", missing, good},
			code:     1,
			ids:      []string{"after"},
			inStderr: []string{missing, "1 file could not be read"},
		},
		{
			name:     "stdin",
			args:     []string{"-jsonl", "-q"},
			stdin:    `{"text": 1}` + "\n" + `{"id": 3, "text": "Iran denied it."}` + "\n",
			code:     1,
			ids:      []string{"3"},
			inStderr: []string{`stdin:1: "text" must be a string`, "1 of 2 lines failed"},
		},
		{
			name: "all good",
			args: []string{"-jsonl", "-q", good},
			code: 0,
			ids:  []string{"after"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := call(t, tt.stdin, tt.args...)
			if code != tt.code {
				t.Errorf("exit status %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if got := resultIDs(t, stdout); !slices.Equal(got, tt.ids) {
				t.Errorf("result ids %q, want %q", got, tt.ids)
			}
			for _, want := range tt.inStderr {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr does not say %q:\n%s", want, stderr)
				}
			}
			if len(tt.inStderr) == 0 && stderr != "" {
				t.Errorf("stderr not empty:\n%s", stderr)
			}
		})
	}
}

// TestJSONLStringIDsUnchanged: string ids come out as the same JSON string,
// even when they look like numbers.
func TestJSONLStringIDsUnchanged(t *testing.T) {
	in := `{"id": "007", "text": "Russia denied it."}` + "\n" + `{"id": "a\"b", "text": "Iran denied it."}` + "\n"
	code, stdout, stderr := call(t, in, "-jsonl", "-q")
	if code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr)
	}
	for _, want := range []string{`{"id":"007",`, `{"id":"a\"b",`} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %s:\n%.300s", want, stdout)
		}
	}
}

// jsonActor is the part of a JSON report's actor these tests read. (A
// stance.Report does not decode back: Counted only marshals.)
type jsonActor struct {
	Actor    string `json:"actor"`
	Mentions []struct {
		Via string `json:"via"`
	} `json:"mention_list"`
}

// actorsOf scores the repository's article with args and returns the
// actors of the JSON report by name.
func actorsOf(t *testing.T, args ...string) map[string]jsonActor {
	t.Helper()
	code, stdout, stderr := call(t, "", append(append([]string{"-json"}, args...), article)...)
	if code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr)
	}
	var rep struct {
		Actors []jsonActor `json:"actors"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	out := map[string]jsonActor{}
	for _, a := range rep.Actors {
		out[a.Actor] = a
	}
	return out
}

func TestOnlyActors(t *testing.T) {
	list := writeFile(t, "actors.json", `[
		{"name": "Sergei Lavrov", "kind": "person"},
		{"name": "Russia", "aliases": ["Russian", "Moscow"], "kind": "country"}
	]`)
	only := actorsOf(t, "-actors", list, "-only-actors")
	names := slices.Sorted(maps.Keys(only))
	if want := []string{"Russia", "Sergei Lavrov"}; !slices.Equal(names, want) {
		t.Errorf("-only-actors reports %q, want %q", names, want)
	}
	// A listed person still gets his pronouns: "..., he said." after Lavrov.
	vias := map[string]int{}
	for _, m := range only["Sergei Lavrov"].Mentions {
		vias[m.Via]++
	}
	if vias["listed"] == 0 || vias["pronoun"] == 0 {
		t.Errorf("Sergei Lavrov's mentions by way: %v, want listed and pronoun", vias)
	}

	// Without -only-actors the catalogue and discovery add the others.
	all := actorsOf(t, "-actors", list)
	for _, want := range []string{"Russia", "Sergei Lavrov", "Bashar al-Assad", "World Health Organization", "Maria Lindqvist"} {
		if _, ok := all[want]; !ok {
			t.Errorf("-actors without -only-actors lacks %q: %q", want, slices.Sorted(maps.Keys(all)))
		}
	}
}

func TestActorFileErrors(t *testing.T) {
	tests := []struct {
		name     string
		content  string
		inStderr []string
	}{
		{"unknown kind", `[{"name": "Ada"}, {"name": "USS Enterprise", "kind": "spaceship"}]`,
			[]string{`entry 1 ("USS Enterprise")`, `unknown kind "spaceship"`}},
		{"no name", `[{"name": "Ada"}, {"kind": "person"}]`, []string{"entry 1 has no name"}},
		{"not JSON", `[{"name": "Ada",]`, []string{"bad JSON"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, "actors.json", tt.content)
			for _, only := range []bool{false, true} {
				args := []string{"-actors", path}
				if only {
					args = append(args, "-only-actors")
				}
				code, stdout, stderr := call(t, "Russia spoke.", args...)
				if code != 1 || stdout != "" {
					t.Errorf("only=%v: exit status %d, stdout %q; want 1 and nothing", only, code, stdout)
				}
				for _, want := range append([]string{path + ": "}, tt.inStderr...) {
					if !strings.Contains(stderr, want) {
						t.Errorf("only=%v: stderr does not say %q: %s", only, want, stderr)
					}
				}
			}
		})
	}
}

func TestExitStatus(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		inStderr string
	}{
		{[]string{"-h"}, 0, "usage: score"},
		{[]string{"-help"}, 0, "-jsonl"},
		{[]string{"-nosuchflag"}, 2, "flag provided but not defined"},
		{[]string{"-workers", "x"}, 2, "invalid value"},
		{[]string{"-only-actors"}, 2, "-only-actors needs -actors FILE"},
		{[]string{"a.txt", "b.txt"}, 2, "one FILE at most"},
		{[]string{filepath.Join(os.TempDir(), "actorframe-no-such-file.txt")}, 1, "no such file"},
		{[]string{}, 0, ""}, // stdin, scored
	}
	for _, tt := range tests {
		code, _, stderr := call(t, "Russia spoke.", tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.inStderr) {
			t.Errorf("score %q: exit status %d, stderr %q; want %d and %q", tt.args, code, stderr, tt.code, tt.inStderr)
		}
	}
}

// A file that is not text is refused, naming the file and why; a JSONL
// line whose text is not text fails like any bad line.
func TestNotTextRefused(t *testing.T) {
	bin := writeFile(t, "prog.bin", "\x7fELF\x02\x01\x01\x00\x00\x00 Russia Assad")
	code, out, errOut := call(t, "", bin)
	if code == 0 || out != "" || !strings.Contains(errOut, "prog.bin does not look like text") || !strings.Contains(errOut, "NUL") {
		t.Errorf("binary file: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	in := writeFile(t, "docs.jsonl", `{"id": "a", "text": "Russia \u0000 bombed Aleppo."}`+"\n"+`{"id": "b", "text": "Assad spoke."}`+"\n")
	code, out, errOut = call(t, "", "-jsonl", "-q", in)
	if code == 0 || !strings.Contains(errOut, "docs.jsonl:1") || !strings.Contains(errOut, "does not look like text") {
		t.Errorf("JSONL: exit %d, stderr %q", code, errOut)
	}
	if ids := resultIDs(t, out); !slices.Equal(ids, []string{"b"}) {
		t.Errorf("JSONL results %v, want [b]", ids)
	}
}

// TestJSONLProgress: with stderr not a terminal, -jsonl ends with a plain
// progress line; -q and -quiet write nothing.
func TestJSONLProgress(t *testing.T) {
	docs := writeFile(t, "docs.jsonl", `{"id": "a", "text": "Russian jets bombed Aleppo."}`+"\n"+`{"id": "b", "text": "Iran denied it."}`+"\n")
	tests := []struct {
		flag string
		want string // how stderr starts; "": stderr empty
	}{
		{"", "documents scored: 2 ("},
		{"-q", ""},
		{"-quiet", ""},
	}
	for _, tt := range tests {
		args := []string{"-jsonl", docs}
		if tt.flag != "" {
			args = append([]string{tt.flag}, args...)
		}
		code, stdout, stderr := call(t, "", args...)
		if code != 0 {
			t.Fatalf("score %q: exit status %d: %s", args, code, stderr)
		}
		if got := resultIDs(t, stdout); !slices.Equal(got, []string{"a", "b"}) {
			t.Errorf("score %q: result ids %q", args, got)
		}
		switch {
		case tt.want == "" && stderr != "":
			t.Errorf("score %q wrote on stderr: %q", args, stderr)
		case tt.want != "" && (!strings.HasPrefix(stderr, tt.want) || !strings.Contains(stderr, "done in")):
			t.Errorf("score %q: stderr %q, want a final line %q...done in", args, stderr, tt.want)
		}
	}
}
