package sms

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// corrected returns what ToGSM7 makes of a character the corpus's Smart
// Encoding map turns into want: the same, except for the corrections ToGSM7
// documents. fixed reports whether a correction applied.
func corrected(r rune, want string) (ours string, fixed bool) {
	switch {
	case r == '‹' && want == ">":
		return "<", true
	case r == '›' && want == "<":
		return ">", true
	case r == '\t' && want == "       ":
		return " ", true
	case unicode.Is(unicode.Zs, r) && want == "  ":
		return " ", true
	case unicode.Is(unicode.Cc, r) && r >= 0x80 && want == "  ":
		return "", true
	}
	return want, false
}

func TestToGSM7AgainstCorpusSmartEncoding(t *testing.T) {
	fixes := 0
	for from, to := range loadSegments(t).Smart {
		r, _ := utf8.DecodeRuneInString(from)
		want, fixed := corrected(r, to)
		if fixed {
			fixes++
		}
		got, changed := ToGSM7(from)
		if got != want || !changed {
			t.Errorf("ToGSM7(%U %+q) = %+q, %v; want %+q, true (corpus: %+q)", r, from, got, changed, want, to)
		}
		if !IsGSM7(got) {
			t.Errorf("ToGSM7(%U) = %+q, which is not GSM-7", r, got)
		}
	}
	if fixes != 22 {
		t.Errorf("%d corpus entries corrected, want 22 (2 angle quotes, 14 spaces, 5 C1 controls, tab)", fixes)
	}
}

func TestToGSM7(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		changed bool
	}{
		{"plain text is kept", "Tai Chi, Tue 10:00 - see you!", "Tai Chi, Tue 10:00 - see you!", false},
		{"empty", "", "", false},
		{"staff punctuation", "Don’t miss “Tai Chi” – Tuesday… 10:00 — free",
			"Don't miss \"Tai Chi\" - Tuesday... 10:00 - free", true},
		{"non-breaking spaces", "07700\u00A0900123\u202F", "07700 900123 ", true},
		{"invisible characters dropped", "\uFEFFco\u00ADop\u200Berative", "cooperative", true},
		{"bullets and angle quotes", "• Walk ‹slowly›", "- Walk <slowly>", true},
		{"minus and non-breaking hyphen", "5 \u2212 2 non\u2011stop", "5 - 2 non-stop", true},
		{"full-width forms", "ＡＢｃ１２！｀", "ABc12!'", true},
		{"fractions", "½ day", "1/2 day", true},
		{"emoji kept", "Well done 😀", "Well done 😀", false},
		{"Welsh letters kept", "i’r ŵyl", "i'r ŵyl", true},
		{"bytes that are not UTF-8 kept", "a\xff’", "a\xff'", true},
		{"tab becomes one space", "a\tb", "a b", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, changed := ToGSM7(tt.in)
			if got != tt.want || changed != tt.changed {
				t.Errorf("ToGSM7(%+q) = %+q, %v; want %+q, %v", tt.in, got, changed, tt.want, tt.changed)
			}
		})
	}
}

func TestLookalikesAreOutsideGSM7(t *testing.T) {
	for r, rep := range lookalikes {
		if IsGSM7(string(r)) {
			t.Errorf("%U is GSM-7 already but has a look-alike", r)
		}
		if !IsGSM7(rep) {
			t.Errorf("%U is replaced by %+q, which is not GSM-7", r, rep)
		}
	}
}

func FuzzToGSM7(f *testing.F) {
	for _, s := range []string{"", "plain", "“quoted” – dash…", "😀 ŵ", "\xe2\u00AD\x80\x9c", "ｆｕｌｌ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, changed := ToGSM7(s)
		if !changed && got != s {
			t.Fatalf("ToGSM7(%+q) = %+q but reports no change", s, got)
		}
		if !utf8.ValidString(s) {
			return
		}
		if again, changed := ToGSM7(got); changed {
			t.Fatalf("ToGSM7 is not idempotent: %+q -> %+q -> %+q", s, got, again)
		}
		if IsGSM7(s) && changed {
			t.Fatalf("ToGSM7(%+q) changed GSM-7 text to %+q", s, got)
		}
	})
}
