package features

import (
	"html"
	"testing"
)

// TestHTMLEntities checks the named reference table against the standard
// library: sorted for the binary search, no longer than entityAt looks,
// and each name meaning what html.UnescapeString says it means.
func TestHTMLEntities(t *testing.T) {
	for i, e := range htmlEntities {
		if i > 0 && htmlEntities[i-1].name >= e.name {
			t.Errorf("htmlEntities not sorted at %q", e.name)
		}
		if len(e.name) > 8 {
			t.Errorf("entity name %q longer than entityAt reads", e.name)
		}
		ref := "&" + e.name + ";"
		if want := html.UnescapeString(ref); string(e.r) != want {
			t.Errorf("%s = %q, html.UnescapeString says %q", ref, string(e.r), want)
		}
		if got := Repair("x" + ref + "y").Text; got != "x"+string(e.r)+"y" {
			t.Errorf("Repair(%q) = %q", "x"+ref+"y", got)
		}
	}
}

// TestCP1252 checks that cp1252Byte inverts cp1252High and the Latin-1 range.
func TestCP1252(t *testing.T) {
	n := 0
	for i, r := range cp1252High {
		if r == 0 {
			continue
		}
		n++
		if b, ok := cp1252Byte(r); !ok || b != byte(0x80+i) {
			t.Errorf("cp1252Byte(%q) = %#x, %v, want %#x", r, b, ok, 0x80+i)
		}
	}
	if n != 27 {
		t.Errorf("%d Windows-1252 specials, want 27", n)
	}
	for r := rune(0x80); r <= 0xFF; r++ {
		if b, ok := cp1252Byte(r); !ok || rune(b) != r {
			t.Errorf("cp1252Byte(%U) = %#x, %v", r, b, ok)
		}
	}
	for _, r := range []rune{'a', 0x100, '€' + 1, 0xFFFD} {
		if _, ok := cp1252Byte(r); ok {
			t.Errorf("cp1252Byte(%U) reports a byte", r)
		}
	}
}
