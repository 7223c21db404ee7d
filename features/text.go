package features

import "unicode/utf8"

// NotText reports whether data looks like something other than text — a
// compiled program, an image, a zip — and says why: it holds a NUL byte,
// or more than one byte in twenty is not valid UTF-8. Scoring such data
// only invents actors from the bytes that happen to look like words.
func NotText(data string) (bool, string) {
	bad := 0
	for i := 0; i < len(data); {
		c := data[i]
		if c == 0 {
			return true, "it holds NUL bytes"
		}
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(data[i:])
		if r == utf8.RuneError && n == 1 {
			bad++
		}
		i += n
	}
	if len(data) >= 64 && bad*20 > len(data) {
		return true, "more than one byte in twenty is not UTF-8"
	}
	return false, ""
}
