package sms

import (
	"strings"
	"testing"
)

func TestCount(t *testing.T) {
	a := func(n int) string { return strings.Repeat("a", n) }
	acute := func(n int) string { return strings.Repeat("á", n) } // UCS-2, one unit each
	tests := []struct {
		name string
		text string
		want Segments
	}{
		{"empty", "", Segments{GSM7, 0, 0}},
		{"short", "Reply JOIN TAI1 to book", Segments{GSM7, 23, 1}},
		{"pound and accents in GSM-7", "£5 café", Segments{GSM7, 7, 1}},
		{"160 septets fit one segment", a(160), Segments{GSM7, 160, 1}},
		{"161 septets take two parts", a(161), Segments{GSM7, 161, 2}},
		{"306 septets fill two parts", a(306), Segments{GSM7, 306, 2}},
		{"307 septets take three parts", a(307), Segments{GSM7, 307, 3}},
		{"euro counts two septets", a(159) + "€", Segments{GSM7, 161, 2}},
		{"escape pair not split across parts", a(152) + "€" + a(152), Segments{GSM7, 306, 3}},
		{"CR LF not split across parts", a(152) + "\r\n" + a(152), Segments{GSM7, 306, 3}},
		{"one curly quote makes it UCS-2", "Don’t", Segments{UCS2, 5, 1}},
		{"Welsh w circumflex is UCS-2", "Croeso i’r ŵyl", Segments{UCS2, 14, 1}},
		{"emoji is a surrogate pair", "😀", Segments{UCS2, 2, 1}},
		{"70 units fit one segment", acute(70), Segments{UCS2, 70, 1}},
		{"71 units take two parts", acute(71), Segments{UCS2, 71, 2}},
		{"134 units fill two parts", acute(134), Segments{UCS2, 134, 2}},
		{"surrogate pair not split across parts", acute(66) + "😀" + acute(66), Segments{UCS2, 134, 3}},
		{"flag not split across parts", acute(65) + "🇮🇹" + acute(64), Segments{UCS2, 133, 3}},
		{"accent stays with its letter", acute(66) + "e\u0301" + acute(66), Segments{UCS2, 134, 3}},
		{"zalgo longer than a part is split", "a" + strings.Repeat("\u0301", 100), Segments{UCS2, 101, 2}},
		{"invalid UTF-8 is UCS-2", "a\xffb", Segments{UCS2, 3, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Count(tt.text); got != tt.want {
				t.Errorf("Count = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestChars(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"abc", 3},
		{"\r\n", 1},
		{"\n\r", 2},
		{"e\u0301\u0301\u0301", 1},
		{"🇮🇹🇬🇧", 2},
		{"🇮🇹🇬", 2},
		{"👍🏽", 1},
		{"👩\u200d👩\u200d👧", 1},
		{"🏳️\u200d🌈", 1},
		{"🏴\U000E0067\U000E0062\U000E0077\U000E006C\U000E0073\U000E007F", 1}, // flag of Wales
		{"\n\u0301", 2},
	}
	for _, tt := range tests {
		if got := len(chars(tt.text, UCS2)); got != tt.want {
			t.Errorf("chars(%+q) = %d characters, want %d", tt.text, got, tt.want)
		}
	}
}

func TestIsGSM7(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"", true},
		{"Hello @ £5 {ok} [1] ~ | ^ \\ €", true},
		{"ÄÖÑÜäöñüà ÇΔΦΓΛΩΠΨΣΘΞ ÆæßÉ ¡¿§¤¥", true},
		{"line\nbreak\r\n", true},
		{"tab\there", false},
		{"curly ’", false},
		{"a \u2013 b", false}, // en dash
		{"wait\u2026", false}, // ellipsis
		{"Caf\u00ea", false},
		{"It's 10:00-12:00 [free] \u20ac0 \u00e9", true},
		{"ç", false}, // the table has the capital only
		{"ŵ", false},
		{"😀", false},
		{"\x1b", false},
		{"\x00", false},
		{"\xff", false},
	}
	for _, tt := range tests {
		if got := IsGSM7(tt.s); got != tt.want {
			t.Errorf("IsGSM7(%+q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestGSM7BasicIsWholeAlphabet(t *testing.T) {
	if n := len([]rune(gsm7Basic)); n != 128 {
		t.Fatalf("gsm7Basic has %d characters, want 128", n)
	}
	if len(gsm7Codes) != 127+10 {
		t.Fatalf("gsm7Codes has %d entries, want 137", len(gsm7Codes))
	}
}

func FuzzCount(f *testing.F) {
	for _, s := range []string{"", "a", "€", "😀", "🇮🇹", "e\u0301", "\r\n", strings.Repeat("x", 161), "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Count(s)
		single, _ := limits(got.Encoding)
		switch {
		case s == "" && got != Segments{GSM7, 0, 0}:
			t.Fatalf("Count(%q) = %+v", s, got)
		case s != "" && got.Segments < 1:
			t.Fatalf("Count(%+q) = %+v: no segments for a text", s, got)
		case got.Segments > got.Units:
			t.Fatalf("Count(%+q) = %+v: more segments than units", s, got)
		case (got.Units <= single) != (got.Segments <= 1):
			t.Fatalf("Count(%+q) = %+v: single segment mismatch", s, got)
		case (got.Encoding == GSM7) != IsGSM7(s):
			t.Fatalf("Count(%+q) = %+v: encoding disagrees with IsGSM7", s, got)
		}
	})
}
