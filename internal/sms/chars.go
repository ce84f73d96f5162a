package sms

import (
	"unicode"
	"unicode/utf16"
)

// char is one user-perceived character of a text: where it starts (a byte
// offset) and how many units of its encoding it takes. A part boundary may
// fall between chars, never inside one.
type char struct {
	off, size int
}

// unit is one code point of a text with its size in the chosen encoding and
// whether it belongs to the same character as the code point before it.
type unit struct {
	off, size int
	joins     bool
}

// Code points that glue characters together or modify the one before.
const (
	zwnj         = '\u200C'
	zwj          = '\u200D'
	skinToneLow  = 0x1F3FB
	skinToneHigh = 0x1F3FF
	tagLow       = 0xE0020
	tagHigh      = 0xE007F
	flagLow      = 0x1F1E6 // regional indicator A
	flagHigh     = 0x1F1FF // regional indicator Z
)

// chars splits text into the characters a part may not split. It groups code
// points roughly as Unicode's extended grapheme clusters do (UAX #29): CR LF,
// a base with its combining marks, variation selectors and skin tones, emoji
// joined by ZWJ, tag sequences and flag pairs. A character longer than a whole
// part, seen only in "zalgo" text, is split between its code points instead.
func chars(text string, enc Encoding) []char {
	us := units(text, enc)
	_, part := limits(enc)
	cs := make([]char, 0, len(us))
	for i := 0; i < len(us); {
		j, size := i+1, us[i].size
		for ; j < len(us) && us[j].joins; j++ {
			size += us[j].size
		}
		if size <= part {
			cs = append(cs, char{off: us[i].off, size: size})
		} else {
			for _, u := range us[i:j] {
				cs = append(cs, char{off: u.off, size: u.size})
			}
		}
		i = j
	}
	return cs
}

// units returns the code points of text with their sizes in enc and whether
// each continues the character before it.
func units(text string, enc Encoding) []unit {
	us := make([]unit, 0, len(text))
	prev, flags := rune(-1), 0
	for off, r := range text {
		us = append(us, unit{off: off, size: unitSize(r, enc), joins: joins(prev, r, flags)})
		if isFlag(r) {
			flags++
		} else {
			flags = 0
		}
		prev = r
	}
	return us
}

// unitSize returns how many units r takes in enc.
func unitSize(r rune, enc Encoding) int {
	if enc == GSM7 {
		return septetCount(r)
	}
	if n := utf16.RuneLen(r); n > 0 {
		return n
	}
	return 1
}

// joins reports whether r continues the character that prev belongs to;
// flags counts the regional indicators that run up to prev.
func joins(prev, r rune, flags int) bool {
	switch {
	case prev < 0:
		return false
	case prev == '\r' && r == '\n':
		return true
	case isControl(prev) || isControl(r):
		return false
	case prev == zwj:
		return true
	case isFlag(prev) && isFlag(r):
		return flags%2 == 1
	default:
		return extends(r)
	}
}

// extends reports whether r modifies the character before it.
func extends(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) ||
		r == zwj || r == zwnj ||
		(r >= skinToneLow && r <= skinToneHigh) ||
		(r >= tagLow && r <= tagHigh)
}

// isControl reports whether r always stands alone: a control character or a
// line or paragraph separator.
func isControl(r rune) bool {
	return unicode.In(r, unicode.Cc, unicode.Zl, unicode.Zp)
}

// isFlag reports whether r is a regional indicator, half of a flag.
func isFlag(r rune) bool {
	return r >= flagLow && r <= flagHigh
}
