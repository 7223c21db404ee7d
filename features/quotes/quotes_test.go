package quotes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

type want struct {
	quote  string // prefix of the quoted text
	source string
	cue    string
}

func check(t *testing.T, name, text string, wants []want) {
	t.Helper()
	qs := Find(text)
	if len(qs) != len(wants) {
		var got []string
		for _, q := range qs {
			got = append(got, text[q.Start:q.End]+" <- "+q.Source)
		}
		t.Fatalf("%s: %d quotes, want %d: %q", name, len(qs), len(wants), got)
	}
	for i, w := range wants {
		q := qs[i]
		if !strings.HasPrefix(text[q.Start:q.End], w.quote) {
			t.Errorf("%s: quote %d = %q, want prefix %q", name, i, text[q.Start:q.End], w.quote)
		}
		if q.Source != w.source {
			t.Errorf("%s: quote %d source = %q, want %q", name, i, q.Source, w.source)
		}
		if w.cue != "" && q.Cue.String() != w.cue {
			t.Errorf("%s: quote %d cue = %q, want %q", name, i, q.Cue, w.cue)
		}
		if q.Source != "" && text[q.SourceStart:q.SourceEnd] != q.Source {
			t.Errorf("%s: source span reads %q, not %q", name, text[q.SourceStart:q.SourceEnd], q.Source)
		}
	}
}

func TestAttribution(t *testing.T) {
	tests := []struct {
		name, text string
		want       []want
	}{
		{"X said after", `"We will win," Erdogan said.`, []want{{"We will win", "Erdogan", "said"}}},
		{"said X after", `"We will win," said Maria Lindqvist, a spokeswoman for the agency.`, []want{{"We will", "Maria Lindqvist", "said"}}},
		{"title chain", `"The talks failed," Foreign Minister Sergei Lavrov told reporters.`, []want{{"The talks", "Sergei Lavrov", "said"}}},
		{"pronoun", `"We did not start this war," he said.`, []want{{"We did", "he", "said"}}},
		{"common noun", `"Nothing to negotiate," one European diplomat said.`, []want{{"Nothing", "one European diplomat", "said"}}},
		{"colon before", `Alexei Malashenko, head of research at the institute, added: "Russia is trapped."`, []want{{"Russia is", "Alexei Malashenko", "colon"}}},
		{"according to", `According to Reuters, "the city has fallen."`, []want{{"the city", "Reuters", "according_to"}}},
		{"split quote", `"Russia has won the war," analyst Vladimir Frolov said, "but not the peace."`,
			[]want{{"Russia has", "Vladimir Frolov", "said"}, {"but not", "Vladimir Frolov", "said"}}},
		{"curly", "“We are witnessing destruction,” said Anna Borodina.", []want{{"We are", "Anna Borodina", "said"}}},
		{"no speaker", `The talks were "a joke" to many.`, []want{{"a joke", "", ""}}},
		{"particle name", `President Bashar al-Assad promised that the army would "free every inch" of land.`, []want{{"free every", "Bashar al-Assad", "said"}}},
		{"new sentence is not attribution", `"We will fight." Russia struck the town.`, []want{{"We will fight.", "", ""}}},
		{"opening phrase before the speaker", `In a statement, the Kremlin said: "The strikes hit only military targets."`, []want{{"The strikes", "Kremlin", "colon"}}},
		{"unnamed speaker and a place", `"We are starving," one mother in Gaza City told the BBC.`, []want{{"We are", "one mother", "said"}}},
		{"unnamed speaker of a place", `"It hurts," said a resident of Kherson.`, []want{{"It hurts", "a resident", "said"}}},
		{"the head of an agency speaks for it", `"Aid is blocked," said the head of the UN agency.`, []want{{"Aid is", "the UN agency", "said"}}},
	}
	for _, tt := range tests {
		check(t, tt.name, tt.text, tt.want)
	}
}

func TestBlockQuotes(t *testing.T) {
	text := "Talks went on. The following is an excerpt of a report by Fox News.\n" +
		"\"The leaders disagreed over the chaos in Syria.\"\n" +
		"\"A U.S. official said the pair agreed to talk.\"\n" +
		"The meeting lasted an hour. The following is an excerpt of the report by RT detailing this.\n" +
		"\"The Syrian President thanked Russia for liberating Aleppo.\"\n" +
		"On the withdrawal, the following is the statement issued by Russia's Defense Minister Sergey Shoigu.\n" +
		"\"The operation was conducted on your instructions.\"\n" +
		"The following was his exact statement in regard to this according to Al Jazeera.\n" +
		"\"I am not optimistic about the prospects.\"\n"
	check(t, "blocks", text, []want{
		{"The leaders", "Fox News", "intro"},
		{"A U.S. official", "Fox News", "intro"},
		{"The Syrian President", "RT", "intro"},
		{"The operation", "Sergey Shoigu", "intro"},
		{"I am not", "his", "intro"},
	})
}

func TestParagraphsAndNesting(t *testing.T) {
	// A quote running over two paragraphs: the first is not closed.
	multi := "\"The strategy is simple,\" said Alexander Shumilin.\n\"It is clear these operations will fail.\"\n"
	check(t, "next paragraph continues", multi, []want{{"The strategy", "Alexander Shumilin", "said"}, {"It is clear", "Alexander Shumilin", "continued"}})

	unclosed := "\"We will not leave, he said.\nRussia struck the town on Monday, and \"the war goes on,\" Kerry said."
	check(t, "unbalanced closes at paragraph end", unclosed, []want{{"We will not leave", "", ""}, {"the war goes on", "Kerry", "said"}})

	nested := `"They called it 'a liberation' and meant it," the official said.`
	check(t, "nested single quotes stay inside", nested, []want{{"They called it 'a liberation' and meant it", "the official", "said"}})

	apostrophes := "Russia’s jets hit the rebels’ positions; it wasn’t over."
	if qs := Find(apostrophes); len(qs) != 0 {
		t.Errorf("apostrophes taken for quotes: %+v", qs)
	}
}

func TestScare(t *testing.T) {
	qs := Find(`The deal created "de-escalation zones" in the north.`)
	if len(qs) != 1 || !qs[0].Scare || qs[0].Source != "" || qs[0].SourceStart != -1 {
		t.Fatalf("scare quote = %+v", qs)
	}
	if !qs[0].Contains(qs[0].Start) || qs[0].Contains(qs[0].End) {
		t.Error("Contains is not [Start, End)")
	}
}

func TestSeedArticles(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "seeds")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Skipf("seed articles not found in %s (../shared sits beside the repository)", dir)
	}
	sources := map[string]map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		key := filepath.Base(f)[:3]
		sources[key] = map[string]bool{}
		for _, q := range Find(text) {
			sources[key][q.Source] = true
		}
	}
	for key, names := range map[string][]string{
		"002": {"Fox News", "RT", "Sergey Shoigu", "his"},
		"003": {"Vladimir Frolov", "Alexander Shumilin", "Alexei Malashenko", "Shumilin"},
	} {
		for _, n := range names {
			if !sources[key][n] {
				t.Errorf("%s: no quote attributed to %q; sources %v", key, n, sources[key])
			}
		}
	}
}

func checkInvariants(t *testing.T, text string, qs []Quote) {
	prev := 0
	for _, q := range qs {
		if q.Start < prev || q.End <= q.Start || q.End > len(text) {
			t.Fatalf("bad span [%d,%d) after %d in %d bytes", q.Start, q.End, prev, len(text))
		}
		if utf8.ValidString(text) && (!utf8.RuneStart(text[q.Start]) || q.End < len(text) && !utf8.RuneStart(text[q.End])) {
			t.Fatalf("span [%d,%d) not on rune boundaries", q.Start, q.End)
		}
		if q.Source == "" {
			if q.SourceStart != -1 || q.SourceEnd != -1 {
				t.Fatalf("no source but span [%d,%d)", q.SourceStart, q.SourceEnd)
			}
		} else if q.SourceStart < 0 || q.SourceEnd > len(text) || text[q.SourceStart:q.SourceEnd] != q.Source {
			t.Fatalf("source %q does not match its span", q.Source)
		}
		prev = q.End
	}
}

func FuzzFind(f *testing.F) {
	f.Add(`"We will win," Erdogan said. According to RT, "it is over."`)
	f.Add("The following is a report by Fox News.\n\"A\"\n\"B\n\"C")
	f.Add("\xff\"\x00“”„«»' said: \"")
	f.Add(strings.Repeat(`"a" `, 300))
	f.Fuzz(func(t *testing.T, text string) {
		qs := Find(text)
		checkInvariants(t, text, qs)
		again := Find(text)
		if len(again) != len(qs) {
			t.Fatal("results differ on repeat")
		}
		for i := range qs {
			if qs[i] != again[i] {
				t.Fatal("results differ on repeat")
			}
		}
	})
}

func TestLongInputs(t *testing.T) {
	for _, text := range []string{
		strings.Repeat("a", 1<<20),
		strings.Repeat("\"", 1<<16),
		strings.Repeat("“Assad said ‘Russia’ ", 5000),
		strings.Repeat(`"x," he said. `, 20000),
	} {
		checkInvariants(t, text, Find(text))
	}
}

func BenchmarkFind(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "article.txt"))
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	var qs []Quote
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		qs = AppendQuotes(qs[:0], text)
	}
}
