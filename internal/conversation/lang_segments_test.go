package conversation_test

import (
	"strings"
	"testing"

	"collegebot/internal/college"
	"collegebot/internal/sms"
	"collegebot/messages"
)

// longestIn is longest (the demo college's longest value for every
// placeholder) with the values that are themselves worded in a language
// worded in it: dates with its day and month names, and the texts that
// fill other texts (places left, who a course is for, crisis contacts).
func longestIn(t *testing.T, cat *messages.Catalog, lang string) messages.Args {
	a := longest(t, cat)
	keep := func(k, v string) {
		if s, _ := a[k].(string); len(v) > len(s) {
			a[k] = v
		}
	}
	day, month := longestWord(cat.Text(lang, "date.days", nil)), longestWord(cat.Text(lang, "date.months", nil))
	for _, k := range []string{"When", "Old", "Expires", "First"} {
		keep(k, day+" 30 "+month+" 18:00")
	}
	keep("Last", "30 "+month)
	keep("Date", day+" 30 "+month)
	keep("Where", cat.Text(lang, "when.online_later", nil))
	keep("Dates", cat.Text(lang, "course.sessions", a))
	for _, k := range []string{"course.places_left", "course.full"} {
		keep("Places", cat.Text(lang, k, a))
	}
	for _, k := range []string{"course.anyone", "course.adults", "course.cohort"} {
		keep("Who", cat.Text(lang, k, a))
	}
	for _, n := range college.Nations {
		keep("Contacts", cat.Text(lang, "crisis."+n, nil))
	}
	return a
}

func longestWord(s string) string {
	out := ""
	for _, w := range strings.Fields(s) {
		if len(w) > len(out) {
			out = w
		}
	}
	return out
}

// pluralCounts reach every plural form of every language the catalogs
// speak: Welsh gives 0, 1, 2, 3 and 6 forms of their own.
var pluralCounts = []int{0, 1, 2, 3, 6, 20}

// maxSegments is the most a text may cost as an SMS: two segments in
// GSM-7, three in UCS-2 (a Welsh text with ŵ or ŷ, one in Urdu's script),
// where a segment holds 70 characters, not 160.
func maxSegments(s string) int {
	if sms.IsGSM7(s) {
		return 2
	}
	return 3
}

// TestEveryLanguageFitsItsSegments fills every text of every language with
// the longest demo values, in every plural form, and checks it fits two
// GSM-7 segments or three UCS-2 ones.
func TestEveryLanguageFitsItsSegments(t *testing.T) {
	cat, err := messages.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range cat.Langs() {
		a := longestIn(t, cat, lang)
		for _, k := range cat.Keys(lang) {
			counts := []int{a["Count"].(int)}
			if cat.Forms(lang, k) != nil {
				counts = pluralCounts
			}
			for _, n := range counts {
				a["Count"] = n
				s := cat.Text(lang, k, a)
				most := maxSegments(s)
				if k == "course.details" && !sms.IsGSM7(s) {
					// Course details carry the college's own English code,
					// title, summary and venue address verbatim (172 of a
					// UCS-2 text's 201 characters with the demo's longest):
					// no translation fits three segments, so four here.
					most = 4
				}
				if got := sms.Count(s); got.Segments > most {
					t.Errorf("%s %s: %d %s segments, over %d:\n%s", lang, k, got.Segments, got.Encoding, most, s)
				}
			}
			a["Count"] = 20
		}
	}
}

// TestSegmentRuleCatches shows the rule failing a UCS-2 text of four
// segments that would pass as GSM-7, and a GSM-7 one of three.
func TestSegmentRuleCatches(t *testing.T) {
	ucs := strings.Repeat("ŵ", 202) // 202 UTF-16 units: four parts of 67
	if n := sms.Count(ucs).Segments; n <= maxSegments(ucs) {
		t.Errorf("%d UCS-2 segments passed", n)
	}
	gsm := strings.Repeat("w", 307)
	if n := sms.Count(gsm).Segments; n <= maxSegments(gsm) {
		t.Errorf("%d GSM-7 segments passed", n)
	}
}
