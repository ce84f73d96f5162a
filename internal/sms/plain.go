package sms

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Plain returns s in the GSM-7 alphabet, for a text that must cost no more
// than it has to: look-alikes become their GSM-7 forms (ToGSM7), letters
// with accents GSM-7 lacks lose the accent (Siân becomes Sian, ŵ becomes
// w), and what has no GSM-7 form at all, such as emoji, is dropped. One
// such character would otherwise switch the whole text to UCS-2 and more
// than double its cost.
func Plain(s string) string {
	s, _ = ToGSM7(s)
	if IsGSM7(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if IsGSM7(string(r)) {
			b.WriteRune(r)
			continue
		}
		for _, d := range norm.NFD.String(string(r)) {
			if IsGSM7(string(d)) {
				b.WriteRune(d)
			}
		}
	}
	return b.String()
}
