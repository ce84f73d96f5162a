package sms

import "testing"

func TestPlain(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Thanks Sam.", "Thanks Sam."},
		{"Thanks Siân.", "Thanks Sian."},
		{"Good news Zoë", "Good news Zoe"},
		{"Siobhán Ní Bhriain", "Siobhan Ni Bhriain"},
		{"Gŵyl Dewi", "Gwyl Dewi"},
		{"Łucja Wałęsa", "Lucja Walesa"}, // stroked letters have no decomposition
		{"Đorđe", "Dorde"},
		{"Café ñ ü é", "Café ñ ü é"}, // in GSM-7 already: kept
		{"\u201cCurly\u201d \u2013 dash", "\"Curly\" - dash"},
		{"Emoji \U0001F600 course", "Emoji  course"},
		{"李", ""},
	} {
		got := Plain(tt.in)
		if got != tt.want || !IsGSM7(got) {
			t.Errorf("Plain(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
