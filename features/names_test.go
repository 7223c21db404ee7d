package features

import "testing"

func TestWordLists(t *testing.T) {
	for _, tc := range []struct {
		w                       string
		title, particle, abbrev bool
	}{
		{"President", true, false, false},
		{"Mr.", true, false, false},
		{"mr", true, false, true},
		{"FOREIGN", true, false, false},
		{"Leader", true, false, false},
		{"al-", false, true, false},
		{"Bin", false, true, false},
		{"U.S", false, false, true},
		{"J", false, false, true},
		{"Putin", false, false, false},
		{"an-extremely-long-word-beyond-any-list", false, false, false},
	} {
		if got := IsTitle(tc.w); got != tc.title {
			t.Errorf("IsTitle(%q) = %v", tc.w, got)
		}
		if got := IsNameParticle(tc.w); got != tc.particle {
			t.Errorf("IsNameParticle(%q) = %v", tc.w, got)
		}
		if got := IsAbbreviation(tc.w); got != tc.abbrev {
			t.Errorf("IsAbbreviation(%q) = %v", tc.w, got)
		}
	}
}
