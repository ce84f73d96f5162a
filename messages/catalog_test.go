package messages_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"collegebot/internal/sms"
	"collegebot/messages"
)

func mustLoad(t *testing.T) *messages.Catalog {
	t.Helper()
	c, err := messages.Load()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func placeholders(s string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestCatalogsComplete fails on a key missing from any language, an empty
// text, or placeholders that differ from the default language's.
func TestCatalogsComplete(t *testing.T) {
	c := mustLoad(t)
	want := c.Keys(messages.Default)
	if len(want) < 50 {
		t.Fatalf("default catalog has only %d keys", len(want))
	}
	for _, lang := range c.Langs() {
		if got := c.Keys(lang); !slices.Equal(got, want) {
			t.Errorf("%s: keys differ from %s:\n got %v\nwant %v", lang, messages.Default, got, want)
		}
		for _, k := range want {
			s, _ := c.Template(lang, k)
			en, _ := c.Template(messages.Default, k)
			if strings.TrimSpace(s) == "" {
				t.Errorf("%s %s: empty text", lang, k)
			}
			if p, q := placeholders(s), placeholders(en); !slices.Equal(p, q) {
				t.Errorf("%s %s: placeholders %v, %s has %v", lang, k, p, messages.Default, q)
			}
		}
	}
}

// TestCatalogGSM7 keeps every English text in the GSM-7 alphabet, so no
// SMS is switched to UCS-2 and charged at 70 characters a segment. Other
// languages may use their own letters (Welsh ŵ, Urdu's script), which
// lang_test.go and the segment tests price; none may use look-alike
// punctuation (curly quotes, dashes) that has a GSM-7 form.
func TestCatalogGSM7(t *testing.T) {
	c := mustLoad(t)
	for _, lang := range c.Langs() {
		for _, k := range c.Keys(lang) {
			s, _ := c.Template(lang, k)
			if lang == messages.Default && !sms.IsGSM7(s) {
				t.Errorf("%s %s: leaves GSM-7: %q", lang, k, s)
			}
			if _, changed := sms.ToGSM7(s); changed {
				t.Errorf("%s %s: has look-alike punctuation: %q", lang, k, s)
			}
		}
	}
}

// TestNoBareOptOutWord checks that no text asks a student to send a word
// carriers treat as STOP, except the texts about opting out themselves.
func TestNoBareOptOutWord(t *testing.T) {
	c := mustLoad(t)
	bad := regexp.MustCompile(`\b(?:send|text|reply)\s+(CANCEL|END|QUIT|UNSUBSCRIBE|STOPALL|REVOKE|OPTOUT)\b`)
	for _, k := range c.Keys(messages.Default) {
		s, _ := c.Template(messages.Default, k)
		if m := bad.FindString(s); m != "" {
			t.Errorf("%s asks for an opt-out word: %q", k, m)
		}
		if strings.Contains(s, "STOP") && k != "welcome.first" && k != "unknown.stop" {
			t.Errorf("%s mentions STOP outside the welcome", k)
		}
	}
}

func TestTextFillsAndFallsBack(t *testing.T) {
	c := mustLoad(t)
	got := c.Text("en", "join.waiting", messages.Args{"Pos": 3, "Course": "MH1 Sleep well"})
	if want := "You're number 3 on the waiting list for MH1 Sleep well."; !strings.HasPrefix(got, want) {
		t.Errorf("got %q, want prefix %q", got, want)
	}
	if got := c.Text("xx", "join.waiting", messages.Args{"Pos": 1, "Course": "A1 T"}); !strings.Contains(got, "number 1") {
		t.Errorf("unknown language did not fall back: %q", got)
	}
	if got := c.Text("en", "no.such.key", nil); got != "{no.such.key}" {
		t.Errorf("missing key gave %q", got)
	}
}

// TestGSM7Languages checks which languages the engine may text in plain
// GSM-7 (folding a name's accents away): English's texts all keep to it;
// Welsh (ŵ, ŷ), Polish (ą, ł) and Urdu do not, so go as UCS-2.
func TestGSM7Languages(t *testing.T) {
	c := mustLoad(t)
	want := map[string]bool{"en": true, "cy": false, "pl": false, "ur": false, "xx": false}
	for lang, w := range want {
		if got := c.GSM7(lang); got != w {
			t.Errorf("GSM7(%q) = %v, want %v", lang, got, w)
		}
		if got := c.Has(lang); got != (lang != "xx") {
			t.Errorf("Has(%q) = %v", lang, got)
		}
	}
}
