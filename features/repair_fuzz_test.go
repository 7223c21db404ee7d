package features_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/actorframe/actorframe/features"
)

// FuzzRepair checks that Repair accepts any bytes, that its offset map is
// monotone and spans the whole input, and that it leaves clean text alone.
func FuzzRepair(f *testing.F) {
	for _, s := range []string{
		"", "plain text", "Itâ€™s â€œfineâ€ ok", "â€\u009d", "Sánchezâ\u0080\u0099s",
		"AT&amp;T &#8217; &#x2019; &rsquo; &#146; &#0;", "wasnât he âs", "10Â km",
		"ðŸ˜€ ï»¿ â¦", "café Zürich naïve", "\xffâ€\xff&#\xff;", "&#99999999999999999999;",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		rep := features.Repair(in)
		out := rep.Text
		if rep.Orig(0) != 0 || rep.Orig(len(out)) != len(in) {
			t.Fatalf("Repair(%q): Orig(0) = %d, Orig(%d) = %d, want 0 and %d", in, rep.Orig(0), len(out), rep.Orig(len(out)), len(in))
		}
		prev, valid := 0, utf8.ValidString(in)
		for off := 1; off <= len(out); off++ {
			o := rep.Orig(off)
			if o < prev {
				t.Fatalf("Repair(%q): Orig(%d) = %d < Orig(%d) = %d", in, off, o, off-1, prev)
			}
			if valid && off < len(out) && utf8.RuneStart(out[off]) && o < len(in) && !utf8.RuneStart(in[o]) {
				t.Fatalf("Repair(%q): character boundary %d maps into a character at %d", in, off, o)
			}
			prev = o
		}
		if clean(in) && (rep.Changed() || out != in) {
			t.Fatalf("Repair(%q) = %q: clean text changed", in, out)
		}
		if valid && !utf8.ValidString(out) {
			t.Fatalf("Repair(%q) = %q: valid UTF-8 became invalid", in, out)
		}
	})
}

// clean reports whether s is text Repair must leave alone: valid UTF-8
// with no "&", no "Ã", "â" or "Â", and no other character of U+00C2–U+00F4
// (those that re-encode to a UTF-8 lead byte) followed by one that
// re-encodes to a continuation byte (U+0080–U+00BF or a Windows-1252
// special), so "café", "Zürich" and "naïve" are clean but "Å¡" is not.
func clean(s string) bool {
	if !utf8.ValidString(s) || strings.ContainsAny(s, "&ÃâÂ") {
		return false
	}
	lead := false
	for _, r := range s {
		cont := r >= 0x80 && r <= 0xBF || strings.ContainsRune("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ", r)
		if lead && cont {
			return false
		}
		lead = r >= 0xC2 && r <= 0xF4
	}
	return true
}
