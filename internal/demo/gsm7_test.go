package demo

import "strings"

// gsm7Basic is the GSM 03.38 default alphabet, less the escape to the
// extension table.
const gsm7Basic = "@\u00a3$\u00a5\u00e8\u00e9\u00f9\u00ec\u00f2\u00c7\n\u00d8\u00f8\r\u00c5\u00e5" +
	"\u0394_\u03a6\u0393\u039b\u03a9\u03a0\u03a8\u03a3\u0398\u039e\u00c6\u00e6\u00df\u00c9" +
	" !\"#\u00a4%&'()*+,-./0123456789:;<=>?" +
	"\u00a1ABCDEFGHIJKLMNOPQRSTUVWXYZ\u00c4\u00d6\u00d1\u00dc\u00a7" +
	"\u00bfabcdefghijklmnopqrstuvwxyz\u00e4\u00f6\u00f1\u00fc\u00e0"

// gsm7Extension is the GSM 03.38 extension table: each costs two septets.
const gsm7Extension = "\f^{}\\[~]|\u20ac"

// gsm7 returns the first rune of s outside the GSM-7 alphabet, and whether
// there is none.
func gsm7(s string) (rune, bool) {
	for _, r := range s {
		if !strings.ContainsRune(gsm7Basic, r) && !strings.ContainsRune(gsm7Extension, r) {
			return r, false
		}
	}
	return 0, true
}
