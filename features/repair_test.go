package features_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"

	"github.com/actorframe/actorframe/features"
)

// win1252 is what Windows-1252 decoding makes of bytes 0x80–0x9F; 0 marks
// the five undefined bytes, which a WHATWG decoder keeps as C1 controls.
var win1252 = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}

// mangle produces mojibake the way scrapers do: the UTF-8 bytes of s read
// as Windows-1252 (latin1 false) or Latin-1 (latin1 true) and written out
// as UTF-8 again. With drop, the bytes Windows-1252 leaves undefined are
// lost instead of kept as C1 controls.
func mangle(s string, latin1, drop bool) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x80:
			b.WriteByte(c)
		case c >= 0xA0 || latin1:
			b.WriteRune(rune(c))
		case win1252[c-0x80] != 0:
			b.WriteRune(win1252[c-0x80])
		case !drop:
			b.WriteRune(rune(c))
		}
	}
	return b.String()
}

func TestRepair(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		// Clean text is left alone.
		{"empty", "", ""},
		{"ascii", "Russia's jets bombed Aleppo.", "Russia's jets bombed Aleppo."},
		{"curly", "“Free,” he said — it’s over…", "“Free,” he said — it’s over…"},
		{"latin-1 words", "café Zürich naïve São Paulo Ñandú", "café Zürich naïve São Paulo Ñandú"},
		{"lone Â", "Â", "Â"},
		{"Â in words", "ÂGE ROMÂNIA château pâte âge", "ÂGE ROMÂNIA château pâte âge"},
		{"upper Portuguese", "SÃO PAULO, IRMÃ E MÃE", "SÃO PAULO, IRMÃ E MÃE"},
		{"upper accent before quote", "JOSÉ’S “CAFÉ” É—", "JOSÉ’S “CAFÉ” É—"},
		{"accent before quote", "café’s “résumé”", "café’s “résumé”"},
		{"ampersand", "AT&T and R&D; Q&A", "AT&T and R&D; Q&A"},
		{"unknown entity", "&bogus; &amp &#; &#x; &#12a; & amp;", "&bogus; &amp &#; &#x; &#12a; & amp;"},
		{"bad numeric", "&#0; &#xD800; &#1114112; &#99999999999999999999; &#129; &#1;", "&#0; &#xD800; &#1114112; &#99999999999999999999; &#129; &#1;"},
		{"invalid utf-8", "a\xffb\xc3", "a\xffb\xc3"},

		// Windows-1252 mojibake.
		{"apostrophe", "Itâ€™s", "It’s"},
		{"quotes with C1", "â€œFreeâ€\u009d", "“Free”"},
		{"em dash", "warâ€”again", "war—again"},
		{"en dash", "2014â€“2016", "2014–2016"},
		{"ellipsis", "andâ€¦", "and…"},
		{"euro", "â‚¬5", "€5"},
		{"trade mark", "Racistâ„¢", "Racist™"},
		{"e acute", "Sinn FÃ©in", "Sinn Féin"},
		{"u umlaut", "ZÃ¼rich", "Zürich"},
		{"E acute", "Ã‰mile", "Émile"},
		{"n tilde", "EspaÃ±a", "España"},
		{"sharp s", "MaaÃŸen", "Maaßen"},
		{"polish", "WaÅ‚Ä™sa", "Wałęsa"},
		{"romanian", "BucureÈ™ti", "București"},
		{"cyrillic", "Ð’Ð»Ð°Ð´Ð¸Ð¼Ð¸Ñ€", "Владимир"},
		{"no-break space", "10Â\u00a0km", "10\u00a0km"},
		{"pound", "Â£5", "£5"},
		{"emoji", "ðŸ˜€!", "😀!"},
		{"byte order mark", "ï»¿Text", "\ufeffText"},
		{"double letters", "JÃ©rÃ´me", "Jérôme"},

		// Mojibake of mojibake.
		{"double apostrophe", "Itâ€™s Ã¢â‚¬â„¢", "It’s ’"},
		{"double e acute", "FÃƒÂ©in", "Féin"},
		{"double latin-1", "Sánchez\u00c3\u00a2\u00c2\u0080\u00c2\u0099s", "Sánchez’s"},
		{"double stops at lost byte", "Ã¢â‚¬", "â€"},
		{"one level only for real first level text", "Ã©Â©", "é©"},

		// Latin-1 mojibake: the C1 bytes are kept as control characters.
		{"latin-1 apostrophe", "Sánchezâ\u0080\u0099s", "Sánchez’s"},
		{"latin-1 quotes", "â\u0080\u009cI never â\u0080\u009d", "“I never ”"},
		{"latin-1 sharp s", "MaaÃ\u009fen", "Maaßen"},
		{"mixed decodings", "â€\u0099s â\u0080™s", "’s ’s"},

		// Lost bytes.
		{"lost 9D before space", "â€œyesâ€ he said", "“yes” he said"},
		{"lost 9D at end", "he said â€œyesâ€", "he said “yes”"},
		{"lost 9D as U+FFFD", "â€œyesâ€\ufffd ok", "“yes” ok"},
		{"lost 9D before question mark", "â€œyes?â€?", "“yes?”?"},
		{"lost 80 in ellipsis", "manâ¦ Isn't", "man… Isn't"},
		{"bare â contractions", "wasnât Weinsteinâs theyâre weâll youâve heâd Iâm", "wasn’t Weinstein’s they’re we’ll you’ve he’d I’m"},
		{"bare â after a padded word", "Fisher âs job, he âd go", "Fisher ’s job, he ’d go"},
		{"bare â no contraction after space", "don ât I âm  âs", "don ât I âm  âs"},
		{"bare â elsewhere", "âamazingâ â Clinton", "âamazingâ â Clinton"},
		{"bare â in words", "Lâm Tâm mât appât âme", "Lâm Tâm mât appât âme"},
		{"Â before space", "10Â km, Mr.Â Smith", "10 km, Mr. Smith"},
		{"Â after capital", "LÂ x", "LÂ x"},

		// HTML character references.
		{"amp", "AT&amp;T", "AT&T"},
		{"markup", "&lt;b&gt; &quot;hi&quot; &apos;", "<b> \"hi\" '"},
		{"nbsp", "10&nbsp;km", "10\u00a0km"},
		{"curly names", "&lsquo;a&rsquo; &ldquo;b&rdquo; &sbquo;&bdquo;", "‘a’ “b” ‚„"},
		{"dashes", "a&mdash;b&ndash;c&hellip;", "a—b–c…"},
		{"letters", "caf&eacute; Z&uuml;rich &Eacute;mile &szlig; &OElig;", "café Zürich Émile ß Œ"},
		{"decimal", "it&#8217;s &#39;", "it’s '"},
		{"hex", "it&#x2019;s &#X201C;", "it’s “"},
		{"windows-1252 numeric", "it&#146;s &#150;", "it’s –"},
		{"astral", "&#128512;", "😀"},
		{"one level", "&amp;amp; &amp;#38;", "&amp; &#38;"},
		{"tab", "a&#9;b", "a\tb"},

		// Everything at once, next to invalid bytes.
		{"mixed", "\xffRussiaâ€™s &ldquo;liberationâ€ of AleppoÂ â€” FranÃ§ois\xff", "\xffRussia’s “liberation” of Aleppo — François\xff"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := features.Repair(tt.in)
			if got.Text != tt.want {
				t.Errorf("Repair(%q).Text = %q, want %q", tt.in, got.Text, tt.want)
			}
			if got.Changed() != (tt.in != tt.want) {
				t.Errorf("Repair(%q).Changed() = %v", tt.in, got.Changed())
			}
			checkOrig(t, tt.in, got)
		})
	}
}

// TestRepairRoundTrip mangles real-looking text each way scrapers do and
// checks that Repair brings it back.
func TestRepairRoundTrip(t *testing.T) {
	texts := []string{
		"Russia’s “liberation” of Aleppo — as RT called it — left 300 dead…",
		"François Hollande met Angela Merkel in Zürich; Sánchez and Wałęsa did not.",
		"“We will not leave,” said the mayor of Mariupol. ‘Never.’",
		"The €5 bn deal – signed in Bucureşti – covers 10 km² of Ελλάδα and Киев™.",
		"He wasn’t there • she was 😀",
	}
	for _, s := range texts {
		for _, mode := range []struct {
			name         string
			latin1, drop bool
		}{{"windows-1252", false, false}, {"latin-1", true, false}, {"windows-1252, undefined bytes lost", false, true}} {
			in := mangle(s, mode.latin1, mode.drop)
			got := features.Repair(in)
			if got.Text != s {
				t.Errorf("%s: Repair(%q) = %q, want %q", mode.name, in, got.Text, s)
			}
			checkOrig(t, in, got)
			if mode.drop {
				continue
			}
			in = mangle(in, mode.latin1, false)
			if got := features.Repair(in); got.Text != s {
				t.Errorf("%s twice: Repair(%q) = %q, want %q", mode.name, in, got.Text, s)
			}
		}
	}
}

// TestRepairSpans checks that a repaired character maps back to the whole
// sequence it was decoded from, and that the text around it keeps its place.
func TestRepairSpans(t *testing.T) {
	tests := []struct {
		in, find, want string // find in the repaired text; want: the original it maps to
	}{
		{"Itâ€™s over", "’", "â€™"},
		{"Itâ€™s over", "s over", "s over"},
		{"Itâ€™s over", "It’s", "Itâ€™s"},
		{"â€œFreeâ€\u009d, he said", "”", "â€\u009d"},
		{"â€œFreeâ€ he said", "”", "â€"},
		{"â€œFreeâ€ he said", "Free", "Free"},
		{"â€œFreeâ€\ufffd he", "”", "â€\ufffd"},
		{"Sinn FÃ©in's", "Féin", "FÃ©in"},
		{"Sánchezâ\u0080\u0099s", "’", "â\u0080\u0099"},
		{"Sánchezâ\u0080\u0099s", "Sánchez", "Sánchez"},
		{"Weinsteinâs donations", "Weinstein’s", "Weinsteinâs"},
		{"10Â km", " ", "Â "},
		{"AT&amp;T &#8217; &#x2019;", "&", "&amp;"},
		{"AT&amp;T &#8217; &#x2019;", "AT&T", "AT&amp;T"},
		{"AT&amp;T &#8217; &#x2019;", "’ ’", "&#8217; &#x2019;"},
		{"ðŸ˜€ ok", "😀", "ðŸ˜€"},
		{"a Ã¢â‚¬â„¢ b", "’", "Ã¢â‚¬â„¢"},
		{"a Ã¢â‚¬â„¢ b", " b", " b"},
	}
	for _, tt := range tests {
		rep := features.Repair(tt.in)
		a := strings.Index(rep.Text, tt.find)
		if a < 0 {
			t.Errorf("Repair(%q) = %q, has no %q", tt.in, rep.Text, tt.find)
			continue
		}
		from, to := rep.Orig(a), rep.Orig(a+len(tt.find))
		if got := tt.in[from:to]; got != tt.want {
			t.Errorf("Repair(%q): %q at [%d,%d) maps to %q, want %q", tt.in, tt.find, a, a+len(tt.find), got, tt.want)
		}
	}
}

// checkOrig checks the offset map of rep = Repair(in): bounds, clamping,
// monotonicity, and that every character of rep.Text maps to a span of in
// on character boundaries that is either the same text or a repair of it.
func checkOrig(t *testing.T, in string, rep features.Repaired) {
	t.Helper()
	out := rep.Text
	if got := rep.Orig(0); got != 0 {
		t.Errorf("Repair(%q).Orig(0) = %d", in, got)
	}
	if got := rep.Orig(len(out)); got != len(in) {
		t.Errorf("Repair(%q).Orig(len) = %d, want %d", in, got, len(in))
	}
	if rep.Orig(-3) != 0 || rep.Orig(len(out)+3) != len(in) {
		t.Errorf("Repair(%q).Orig does not clamp", in)
	}
	prev := 0
	for off := 0; off <= len(out); off++ {
		o := rep.Orig(off)
		if o < prev || o > len(in) {
			t.Fatalf("Repair(%q).Orig(%d) = %d after %d", in, off, o, prev)
		}
		prev = o
	}
	valid := utf8.ValidString(in)
	for a := 0; a < len(out); {
		_, size := utf8.DecodeRuneInString(out[a:])
		from, to := rep.Orig(a), rep.Orig(a+size)
		if from >= to {
			t.Errorf("Repair(%q): %q at %d maps to the empty span %d", in, out[a:a+size], a, from)
		}
		if valid && (!utf8.RuneStart(in[from]) || to < len(in) && !utf8.RuneStart(in[to])) {
			t.Errorf("Repair(%q): %q at %d maps to [%d,%d), not on character boundaries", in, out[a:a+size], a, from, to)
		}
		if !rep.Changed() && in[from:to] != out[a:a+size] {
			t.Errorf("Repair(%q) is no identity at %d", in, a)
		}
		a += size
	}
}

func ExampleRepair() {
	text := "Russiaâ€™s â€œliberationâ€ of Aleppo &amp; Homs"
	rep := features.Repair(text)
	fmt.Println(rep.Text)

	// A span found in the repaired text, mapped back to the original.
	start := strings.Index(rep.Text, "“liberation”")
	end := start + len("“liberation”")
	fmt.Printf("%q\n", text[rep.Orig(start):rep.Orig(end)])
	// Output:
	// Russia’s “liberation” of Aleppo & Homs
	// "â€œliberationâ€"
}

func TestRepairIdentityDoesNotCopy(t *testing.T) {
	for _, s := range []string{"", "plain", "“Free,” he said — café Zürich", "AT&T"} {
		rep := features.Repair(s)
		if rep.Changed() || rep.Text != s || len(s) > 0 && unsafe.StringData(rep.Text) != unsafe.StringData(s) {
			t.Errorf("Repair(%q) = %q, changed %v: want the same string", s, rep.Text, rep.Changed())
		}
		for off := 0; off <= len(s); off++ {
			if got := rep.Orig(off); got != off {
				t.Errorf("Repair(%q).Orig(%d) = %d", s, off, got)
			}
		}
	}
}

func TestRepairZeroValue(t *testing.T) {
	var rep features.Repaired
	if rep.Text != "" || rep.Changed() || rep.Orig(0) != 0 || rep.Orig(5) != 0 || rep.Orig(-1) != 0 {
		t.Errorf("zero Repaired is not the identity on the empty text")
	}
}

func TestRepairCleanDoesNotAllocate(t *testing.T) {
	article := readArticle(t)
	for _, s := range []string{article, curly(article), "café Zürich naïve São Paulo AT&T"} {
		if n := testing.AllocsPerRun(100, func() { _ = features.Repair(s) }); n != 0 {
			t.Errorf("Repair of clean text: %v allocations, want 0", n)
		}
	}
	// A repair allocates the text and the edit list, nothing more.
	dirty := mangle(curly(article), false, false)
	if n := testing.AllocsPerRun(100, func() { _ = features.Repair(dirty) }); n > 2 {
		t.Errorf("Repair of mojibake: %v allocations, want at most 2", n)
	}
}

// TestRepairNumericMatchesHTML checks every numeric reference Repair
// decodes against html.UnescapeString.
func TestRepairNumericMatchesHTML(t *testing.T) {
	for n := 0; n <= 0x3000; n++ {
		for _, ref := range []string{"&#" + strconv.Itoa(n) + ";", "&#x" + strconv.FormatInt(int64(n), 16) + ";"} {
			rep := features.Repair(ref)
			if rep.Changed() && rep.Text != html.UnescapeString(ref) {
				t.Errorf("Repair(%q) = %q, html.UnescapeString says %q", ref, rep.Text, html.UnescapeString(ref))
			}
		}
	}
}

func readArticle(tb testing.TB) string {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "article.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	return string(data)
}

// curly gives a plain-ASCII article typographic quotes and dashes, as
// news sites publish them.
func curly(s string) string {
	var b strings.Builder
	open := true
	for _, r := range s {
		switch r {
		case '\'':
			b.WriteRune('’')
		case '"':
			if open {
				b.WriteRune('“')
			} else {
				b.WriteRune('”')
			}
			open = !open
		default:
			b.WriteRune(r)
		}
	}
	return strings.ReplaceAll(b.String(), " - ", " — ")
}

func BenchmarkRepair(b *testing.B) {
	article := curly(readArticle(b))
	for _, bb := range []struct{ name, text string }{
		{"clean", article},
		{"mojibake", mangle(article, false, false)},
		{"entities", strings.NewReplacer("’", "&rsquo;", "“", "&#8220;", "”", "&#x201D;").Replace(article)},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.SetBytes(int64(len(bb.text)))
			b.ReportAllocs()
			for b.Loop() {
				_ = features.Repair(bb.text)
			}
		})
	}
}

// TestRepairPerSenT counts the PerSenT dev documents that contain mojibake
// before and after Repair. It skips without ../shared.
func TestRepairPerSenT(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "data", "persent", "dev.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("PerSenT dev not found at %s (../shared sits beside the repository)", path)
	}
	defer f.Close()
	// The marks the brief counts, and C1 controls, which Latin-1 mojibake
	// (most of PerSenT's) leaves instead of "€".
	marks := func(s string) bool {
		return strings.Contains(s, "â€") || strings.Contains(s, "Ã") || strings.Contains(s, "Â")
	}
	c1 := func(s string) bool {
		return strings.ContainsFunc(s, func(r rune) bool { return r >= 0x80 && r <= 0x9F })
	}
	bare := func(s string) bool { return strings.ContainsRune(s, 'â') }
	var docs, marksBefore, marksAfter, c1Before, c1After, bareBefore, bareAfter, changed int
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var doc struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			t.Fatalf("%s:%d: %v", path, docs+1, err)
		}
		docs++
		rep := features.Repair(doc.Text)
		if rep.Changed() {
			changed++
			checkOrig(t, doc.Text, rep)
		}
		count := func(f func(string) bool, before, after *int) {
			if f(doc.Text) {
				*before++
			}
			if f(rep.Text) {
				*after++
			}
		}
		count(marks, &marksBefore, &marksAfter)
		count(c1, &c1Before, &c1After)
		count(bare, &bareBefore, &bareAfter)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d documents, %d changed by Repair", docs, changed)
	t.Logf("with “â€”, “Ã” or “Â”: %d before, %d after", marksBefore, marksAfter)
	t.Logf("with C1 controls (Latin-1 mojibake): %d before, %d after", c1Before, c1After)
	t.Logf("with any “â”: %d before, %d after", bareBefore, bareAfter)
	if marksAfter != 0 || c1After != 0 {
		t.Errorf("mojibake left after Repair: %d documents with marks, %d with C1 controls", marksAfter, c1After)
	}
}
