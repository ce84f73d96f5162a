package messages_test

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"collegebot/messages"
)

// cldrForms returns the plural forms a language's CLDR cardinal rules give
// whole numbers (the counts a text is filled with), by go-i18n's names.
func cldrForms(lang string) []string {
	names := map[plural.Form]string{plural.Zero: "zero", plural.One: "one", plural.Two: "two",
		plural.Few: "few", plural.Many: "many", plural.Other: "other"}
	seen := map[string]bool{"other": true}
	for n := range 1000 {
		seen[names[plural.Cardinal.MatchPlural(language.Make(lang), n, 0, 0, 0, 0)]] = true
	}
	return slices.Sorted(maps.Keys(seen))
}

// TestPluralForms checks that every text written per plural form in
// English is written per plural form in every language, with exactly the
// forms the language's CLDR rules use for whole numbers, and that no form
// uses a placeholder the English text lacks.
func TestPluralForms(t *testing.T) {
	c := mustLoad(t)
	var plurals []string
	for _, k := range c.Keys(messages.Default) {
		if c.Forms(messages.Default, k) != nil {
			plurals = append(plurals, k)
		}
	}
	if len(plurals) < 2 {
		t.Fatalf("only %d texts are written per plural form: %v", len(plurals), plurals)
	}
	for _, lang := range c.Langs() {
		want := cldrForms(lang)
		for _, k := range plurals {
			fs := c.Forms(lang, k)
			if got := slices.Sorted(maps.Keys(fs)); !slices.Equal(got, want) {
				t.Errorf("%s %s: plural forms %v, CLDR gives %v", lang, k, got, want)
			}
			en := placeholders(strings.Join(slices.Collect(maps.Values(c.Forms(messages.Default, k))), " "))
			for form, s := range fs {
				for _, p := range placeholders(s) {
					if !slices.Contains(en, p) {
						t.Errorf("%s %s (%s): placeholder %s is not in English's %v", lang, k, form, p, en)
					}
				}
			}
		}
	}
}

// TestWelshPluralsRender fills a Welsh plural text with a number of each
// of Welsh's six plural categories and checks each reads its own way.
func TestWelshPluralsRender(t *testing.T) {
	c := mustLoad(t)
	want := map[int]string{
		0: "Dim lle yn weddill.", 1: "Un lle yn weddill.", 2: "Dau le yn weddill.",
		3: "Tri lle yn weddill.", 6: "Chwe lle yn weddill.", 4: "4 lle yn weddill.", 20: "20 lle yn weddill.",
	}
	for n, w := range want {
		if got := c.Text("cy", "course.places_left", messages.Args{"Count": n}); got != w {
			t.Errorf("cy, %d places: %q, want %q", n, got, w)
		}
	}
	if got := c.Text("en", "course.places_left", messages.Args{"Count": 1}); got != "1 place left." {
		t.Errorf("en, 1 place: %q", got)
	}
	if got := c.Text("en", "course.places_left", messages.Args{"Count": 5}); got != "5 places left." {
		t.Errorf("en, 5 places: %q", got)
	}
}

// TestLanguageNames checks every catalog language is named in its own
// language and in English, as the list of languages and LANG WELSH need.
func TestLanguageNames(t *testing.T) {
	c := mustLoad(t)
	names := map[string][2]string{"en": {"English", "English"}, "cy": {"Cymraeg", "Welsh"}}
	for _, l := range c.Langs() {
		own, en := c.Name(l), c.EnglishName(l)
		if own == "" || own == l || en == "" || en == l {
			t.Errorf("%s: named %q, in English %q", l, own, en)
		}
		if w, ok := names[l]; ok && (own != w[0] || en != w[1]) {
			t.Errorf("%s: named %q, in English %q; want %q, %q", l, own, en, w[0], w[1])
		}
	}
	if !slices.Contains(c.Langs(), "cy") {
		t.Errorf("no Welsh catalog: %v", c.Langs())
	}
}

// TestDateWords checks every language names seven days and twelve months.
func TestDateWords(t *testing.T) {
	c := mustLoad(t)
	for _, l := range c.Langs() {
		if n := len(strings.Fields(c.Text(l, "date.days", nil))); n != 7 {
			t.Errorf("%s date.days: %d words, want 7", l, n)
		}
		if n := len(strings.Fields(c.Text(l, "date.months", nil))); n != 12 {
			t.Errorf("%s date.months: %d words, want 12", l, n)
		}
	}
}

// TestPluralWithoutCount checks a text written per plural form still
// reads (as its other form) when filled without a count.
func TestPluralWithoutCount(t *testing.T) {
	c := mustLoad(t)
	for _, l := range c.Langs() {
		if got := c.Text(l, "course.places_left", nil); got == "" || strings.HasPrefix(got, "{") {
			t.Errorf("%s: a plural text without a count gave %q", l, got)
		}
	}
}
