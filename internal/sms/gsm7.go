package sms

// gsm7Basic is the GSM 03.38 default alphabet in septet order, as Twilio maps
// it to Unicode (0x09 is the capital Ç). Position 0x1B, the escape to the
// extension table, holds a NUL, which is not part of the alphabet.
const gsm7Basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x00ÆæßÉ" +
	" !\"#¤%&'()*+,-./0123456789:;<=>?" +
	"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§" +
	"¿abcdefghijklmnopqrstuvwxyzäöñüà"

// gsm7Escape is the septet that announces a character of the extension table.
const gsm7Escape = 0x1B

// gsm7Codes maps each character of the default alphabet to its septet, and
// each of the ten characters of the extension table to the septet that
// follows the escape (plus 0x80 to tell the two tables apart). It is filled
// once and only read.
var gsm7Codes = buildGSM7Codes()

// extensionFlag marks a gsm7Codes entry as an extension-table character.
const extensionFlag = 0x80

func buildGSM7Codes() map[rune]byte {
	codes := make(map[rune]byte, 138)
	i := 0
	for _, r := range gsm7Basic {
		if r != 0 {
			codes[r] = byte(i)
		}
		i++
	}
	ext := map[rune]byte{
		'\f': 0x0A, '^': 0x14, '{': 0x28, '}': 0x29, '\\': 0x2F,
		'[': 0x3C, '~': 0x3D, ']': 0x3E, '|': 0x40, '€': 0x65,
	}
	for r, c := range ext {
		codes[r] = c | extensionFlag
	}
	return codes
}

// septets returns the GSM-7 encoding of r: one septet, or the escape and a
// septet for the extension table. ok is false when r is not in GSM-7.
func septets(r rune) (code []byte, ok bool) {
	c, ok := gsm7Codes[r]
	switch {
	case !ok:
		return nil, false
	case c&extensionFlag != 0:
		return []byte{gsm7Escape, c &^ extensionFlag}, true
	default:
		return []byte{c}, true
	}
}

// septetCount returns how many septets r takes in GSM-7: 1, 2 for the
// extension table, or 0 when r is not in GSM-7.
func septetCount(r rune) int {
	c, ok := gsm7Codes[r]
	switch {
	case !ok:
		return 0
	case c&extensionFlag != 0:
		return 2
	default:
		return 1
	}
}

// IsGSM7 reports whether every character of s is in the GSM-7 alphabet or
// its extension table, so that s can travel at 160 characters a segment.
func IsGSM7(s string) bool {
	for _, r := range s {
		if _, ok := gsm7Codes[r]; !ok {
			return false
		}
	}
	return true
}
