package schema

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize applies the contract's cleaning to any value: Unicode NFKC
// (full-width digits and punctuation become ASCII) and trimming.
func Normalize(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return strings.TrimSpace(norm.NFKC.String(s))
		}
	}
	return strings.TrimSpace(s)
}

// IsEmptyMarker reports whether a normalized value means "not given" in a
// date, amount, count, list or object position: "", "--", "-", "—", "——", "/".
// ("——" is the doubled dash of Chinese typography; the contract lists the rest.)
func IsEmptyMarker(normalized string) bool {
	switch normalized {
	case "", "--", "-", "—", "——", "/":
		return true
	}
	return false
}
