package phone

import (
	"errors"
	"strings"
	"testing"

	"collegebot/internal/corpustest"
)

// phoneCase is one entry of ../shared/corpus/uk_phone_numbers.json, with
// libphonenumber's verdicts.
type phoneCase struct {
	Input      string `json:"input"`
	Note       string `json:"note"`
	Region     string `json:"default_region"`
	E164       string `json:"e164"`
	ParseError string `json:"parse_error"`
	IsValid    bool   `json:"is_valid"`
	SMSCapable bool   `json:"sms_capable_guess"`
}

func loadPhoneCorpus(t *testing.T) []phoneCase {
	t.Helper()
	var c struct{ Cases []phoneCase }
	corpustest.Load(t, "uk_phone_numbers.json", &c)
	if len(c.Cases) != 44 {
		t.Fatalf("uk_phone_numbers.json holds %d cases, want 44", len(c.Cases))
	}
	return c.Cases
}

func TestCorpus(t *testing.T) {
	drama := 0
	for _, c := range loadPhoneCorpus(t) {
		t.Run(c.Note, func(t *testing.T) {
			if c.Region != DefaultRegion {
				t.Fatalf("case parsed with region %q, package assumes %q", c.Region, DefaultRegion)
			}
			got, err := Normalize(c.Input)
			if c.ParseError != "" {
				if !errors.Is(err, ErrNotPhoneNumber) {
					t.Fatalf("Normalize(%q) = %q, %v; want ErrNotPhoneNumber", c.Input, got, err)
				}
				return
			}
			if err != nil || got != c.E164 {
				t.Fatalf("Normalize(%q) = %q, %v; want %q", c.Input, got, err, c.E164)
			}
			wantValid, wantMobile := c.IsValid, c.SMSCapable
			if Drama(got) {
				// libphonenumber calls the drama range invalid; we accept it.
				drama++
				if c.IsValid {
					t.Fatalf("corpus now calls drama number %s valid; revisit the exception", got)
				}
				wantValid, wantMobile = true, true
			}
			if v := Valid(got); v != wantValid {
				t.Errorf("Valid(%q) = %v, want %v", got, v, wantValid)
			}
			if m := Mobile(got); m != wantMobile {
				t.Errorf("Mobile(%q) = %v, want %v", got, m, wantMobile)
			}
		})
	}
	if drama != 20 {
		t.Errorf("%d corpus cases are drama numbers, want 20", drama)
	}
}

func TestDramaRangeIsValidMobile(t *testing.T) {
	for _, n := range []string{"+447700900000", "+447700900123", "+447700900999"} {
		if !Drama(n) || !Valid(n) || !Mobile(n) {
			t.Errorf("%s: Drama %v, Valid %v, Mobile %v; want all true", n, Drama(n), Valid(n), Mobile(n))
		}
	}
	for _, n := range []string{"+447700899999", "+447700901000", "+44770090012", "+4477009001234", "+447700900ABC", "07700900123"} {
		if Drama(n) {
			t.Errorf("Drama(%q) = true, want false", n)
		}
	}
}

func TestValidWantsCanonicalE164(t *testing.T) {
	for _, s := range []string{
		"", "+", "+44", "07400123456", "447400123456", "+44 7400 123456",
		"+4407400123456", "+44-7400-123456", "＋447400123456", "+447400123456 ", "+447400123456x1",
	} {
		if Valid(s) || Mobile(s) {
			t.Errorf("Valid(%q) = %v, Mobile = %v; want false for text that is not canonical E.164", s, Valid(s), Mobile(s))
		}
	}
	if !Valid("+447400123456") || !Mobile("+447400123456") {
		t.Error("+447400123456 should be a valid mobile")
	}
}

func TestNormalizeError(t *testing.T) {
	_, err := Normalize("call me")
	if !errors.Is(err, ErrNotPhoneNumber) {
		t.Fatalf("err = %v, want ErrNotPhoneNumber", err)
	}
	if want := `phone: "call me" is not a phone number`; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("err = %q, want it to start %q", err, want)
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"07700 900123", "+44 (0)7700 900123", "tel:+44-7700-900123", "", "+", "STOP", "0044"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e164, err := Normalize(s)
		if err != nil {
			return
		}
		if Mobile(e164) && !Valid(e164) {
			t.Fatalf("Mobile(%q) but not Valid", e164)
		}
		if !Valid(e164) {
			// libphonenumber need not be idempotent on junk such as
			// "000000000000" (+4400000000000, then +440000000000).
			return
		}
		if again, err := Normalize(e164); err != nil || again != e164 {
			t.Fatalf("Normalize(%q) = %q, which normalises to %q, %v", s, e164, again, err)
		}
	})
}
