package sms

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// stroked are letters whose mark is part of the letter, so Unicode gives
// them no decomposition: Łucja would otherwise lose her first letter.
var stroked = map[rune]rune{
	'Ł': 'L', 'ł': 'l', 'Đ': 'D', 'đ': 'd', 'Ħ': 'H', 'ħ': 'h', 'ı': 'i',
	'Ŧ': 'T', 'ŧ': 't', 'Ɨ': 'I', 'ƀ': 'b',
}

// Plain returns s in the GSM-7 alphabet, for a text that must cost no more
// than it has to: look-alikes become their GSM-7 forms (ToGSM7), letters
// with accents GSM-7 lacks lose the accent (Siân becomes Sian, ŵ becomes
// w, Łucja becomes Lucja), and what has no GSM-7 form at all, such as emoji, is dropped. One
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
		if l, ok := stroked[r]; ok {
			b.WriteRune(l)
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
