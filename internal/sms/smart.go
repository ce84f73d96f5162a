package sms

import (
	"strings"
	"unicode/utf8"
)

// ToGSM7 replaces each character of s that has a plain look-alike in GSM-7
// (curly quotes, en and em dashes, the ellipsis, non-breaking and other
// typographic spaces, bullets, full-width forms, invisible joiners) with that
// look-alike, and reports whether it changed anything. Characters with no
// look-alike, such as emoji or the Welsh ŵ and ŷ, are kept as they are: check
// the result with IsGSM7 or Count.
//
// The table is the Smart Encoding map of Twilio's message segment calculator
// (github.com/TwilioDevEd/message-segment-calculator, src/libs/SmartEncodingMap.ts),
// with full-width forms handled as a range and four corrections: ‹ and ›
// become < and > (the map swaps them), each typographic space becomes one
// space rather than two, a tab becomes one space rather than seven, and C1
// control characters are dropped like C0 ones. A few dashes, primes and the
// soft hyphen that the map lacks are added.
func ToGSM7(s string) (string, bool) {
	if IsGSM7(s) {
		return s, false
	}
	var b strings.Builder
	b.Grow(len(s))
	changed := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if rep, ok := lookalike(r, n); ok {
			b.WriteString(rep)
			changed = true
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String(), changed
}

// Full-width forms U+FF01 to U+FF5E mirror ASCII at a fixed distance.
const (
	fullWidthLow    = 0xFF01
	fullWidthHigh   = 0xFF5E
	fullWidthOffset = 0xFEE0
)

// lookalike returns the GSM-7 text that stands in for r, which took n bytes
// of UTF-8 (a byte that is not UTF-8 decodes as U+FFFD and is kept).
func lookalike(r rune, n int) (string, bool) {
	if r == utf8.RuneError && n <= 1 {
		return "", false
	}
	if _, ok := gsm7Codes[r]; ok {
		return "", false
	}
	if rep, ok := lookalikes[r]; ok {
		return rep, true
	}
	if r >= fullWidthLow && r <= fullWidthHigh {
		ascii := r - fullWidthOffset
		if _, ok := gsm7Codes[ascii]; ok {
			return string(ascii), true
		}
		return lookalike(ascii, 1)
	}
	return "", false
}

// lookalikes maps each character with a GSM-7 look-alike to its replacement.
// It is filled once and only read.
var lookalikes = invert(map[string]string{
	// Spaces of every width, tab and line separators.
	" ": "\u0009\u00A0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000",
	// Quotation marks, apostrophes, primes and accents used as quotes.
	"\"": "\u00AB\u00BB\u02BA\u02EE\u201C\u201D\u201E\u201F\u2033\u275D\u275E\u301D\u301E",
	"'":  "\u0060\u00B4\u02B9\u02BB\u02BC\u02BD\u02C8\u02CA\u02CB\u0313\u0314\u2018\u2019\u201B\u2032\u275B\u275C\uFE10\uFE11",
	// Dashes, hyphens, the minus sign and bullets.
	"-": "\u2010\u2011\u2012\u2013\u2014\u2015\u2022\u2043\u2212\u23BC\u23BD\uFE63",
	// Ellipsis, fractions and doubled marks.
	"...": "\u2026",
	"1/2": "\u00BD",
	"1/4": "\u00BC",
	"3/4": "\u00BE",
	"!!":  "\u203C",
	// Punctuation in small, ideographic, dingbat and mathematical forms.
	"!":  "\u01C3\uFE15\uFE57",
	"#":  "\uFE5F",
	"$":  "\uFE69",
	"%":  "\uFE6A",
	"&":  "\uFE60",
	"(":  "\u2768\u276A\u27EE\u2985\uFE59",
	")":  "\u2769\u276B\u27EF\u2986\uFE5A",
	"*":  "\u204E\u2217\u229B\u2722\u2723\u2724\u2725\u2731\u2732\u2733\u273A\u273B\u273C\u273D\u2743\u2749\u274A\u274B\u29C6\uFE61",
	"+":  "\u02D6\uFE62",
	",":  "\u0326\u201A\u3001\uFE50\uFE51\uFF64",
	".":  "\u3002\uFE52\uFF61",
	"/":  "\u00F7\u0337\u0338\u2044\u2215\u29F8",
	":":  "\u02D0\u02F8\u2982\uA789\uFE13",
	";":  "\u204F\uFE14\uFE54",
	"<":  "\u2039\uFE64",
	"=":  "\u0347\uA78A\uFE66",
	">":  "\u203A\uFE65",
	"?":  "\uFE16\uFE56",
	"@":  "\uFE6B",
	"\\": "\u20E5\u29F5\u29F9\uFE68",
	"^":  "\u02C6\u0302\u1DCD",
	"_":  "\u0332\u2017",
	"{":  "\u2774\uFE5B",
	"|":  "\u20D2\u20D3\u2223\u239C\u239F\u23B8\u23B9\u23D0",
	"}":  "\u2775\uFE5C",
	"~":  "\u02DC\u02F7\u0303\u0330\u0334\u223C",
	// Small capitals.
	"A": "\u1D00", "B": "\u0299", "C": "\u1D04", "D": "\u1D05", "E": "\u1D07",
	"F": "\uA730", "G": "\u0262", "H": "\u029C", "I": "\u026A", "J": "\u1D0A",
	"K": "\u1D0B", "L": "\u029F", "M": "\u1D0D", "N": "\u0274", "O": "\u1D0F",
	"P": "\u1D18", "R": "\u0280", "S": "\uA731", "T": "\u1D1B", "U": "\u1D1C",
	"V": "\u1D20", "W": "\u1D21", "Y": "\u028F", "Z": "\u1D22",
	// Invisible characters: controls, soft hyphen, zero-width space, word
	// joiner and byte-order mark.
	"": "\u0000\u0003\u0004\u0010\u0011\u0012\u0013\u0014\u0017\u0019\u0080\u008D\u0090\u009B\u009F\u00AD\u200B\u2060\uFEFF",
})

// invert turns replacement → characters into character → replacement.
func invert(groups map[string]string) map[rune]string {
	m := make(map[rune]string, 256)
	for rep, chars := range groups {
		for _, r := range chars {
			m[r] = rep
		}
	}
	return m
}
