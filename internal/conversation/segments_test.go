package conversation_test

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"collegebot/internal/college"
	"collegebot/internal/demo"
	"collegebot/internal/sms"
	"collegebot/messages"
)

// longest holds, for every placeholder in the catalog, the longest value
// it takes in the demo college, so a filled text's cost is the worst case.
func longest(t *testing.T, cat *messages.Catalog) messages.Args {
	p := demo.Prospectus(start, london)
	prof := college.DefaultProfile()
	a := messages.Args{"College": prof.Name, "Phone": prof.Phone, "Hours": prof.OfficeHours,
		"Privacy": prof.PrivacyURL, "Pos": 99, "Count": 20, "Age": 18, "Verb": "INFO",
		"When": "Wed 30 Sep 18:00", "Old": "Wed 30 Sep 18:00", "Expires": "Wed 30 Sep 18:00",
		"First": "Wed 30 Sep 18:00", "Last": "30 Sep", "Date": "Wed 30 Sep", "Time": "18:00",
		"Name": strings.Repeat("M", 15), // longer than any demo first name
	}
	keep := func(k, v string) {
		if s, _ := a[k].(string); len(v) > len(s) {
			a[k] = v
		}
	}
	for _, c := range p.Courses {
		keep("Code", c.Code)
		keep("Example", c.Code)
		keep("Title", c.Title)
		keep("Course", c.Code+" "+c.Title)
		keep("Summary", c.Summary)
		keep("Topic", c.Topic)
		keep("Cohort", c.Cohort)
		for _, s := range c.Sessions {
			if s.Venue != nil {
				keep("Where", s.Venue.Name+", "+s.Venue.Address+", "+s.Venue.Postcode)
			}
			keep("Link", s.OnlineURL)
		}
	}
	keep("Where", cat.Text("en", "when.online_later", nil))
	keep("Dates", cat.Text("en", "course.sessions", a))
	for _, k := range []string{"course.places_left", "course.full"} {
		keep("Places", cat.Text("en", k, a))
	}
	for _, k := range []string{"course.anyone", "course.adults", "course.cohort"} {
		keep("Who", cat.Text("en", k, a))
	}
	for _, n := range college.Nations {
		keep("Contacts", cat.Text("en", "crisis."+n, nil))
	}
	return a
}

var field = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

// TestCatalogFitsTwoSegments fills every text with the longest demo values
// and checks it stays GSM-7 and within two SMS segments.
func TestCatalogFitsTwoSegments(t *testing.T) {
	cat, err := messages.Load()
	if err != nil {
		t.Fatal(err)
	}
	a := longest(t, cat)
	for _, k := range cat.Keys(messages.Default) {
		tmpl, _ := cat.Template(messages.Default, k)
		for _, m := range field.FindAllStringSubmatch(tmpl, -1) {
			if _, ok := a[m[1]]; !ok {
				t.Errorf("%s: no longest value known for {{.%s}}", k, m[1])
			}
		}
		s := cat.Text(messages.Default, k, a)
		if n := sms.Count(s); n.Segments > 2 || !sms.IsGSM7(s) {
			t.Errorf("%s: %d segments, GSM-7 %v:\n%s", k, n.Segments, sms.IsGSM7(s), s)
		}
	}
}

// TestDemoTourFitsTwoSegments browses every topic, page and course of the
// demo college, as SMS, and checks each text it gets.
func TestDemoTourFitsTwoSegments(t *testing.T) {
	h := newEmptyHarness(t)
	if err := demo.Seed(context.Background(), h.db, start.In(london), london); err != nil {
		t.Fatal(err)
	}
	var texts []string
	send := func(s string) { texts = append(texts, h.send(sam, s)...) }
	send("hi")
	send("courses")
	topics := strings.Count(texts[len(texts)-1], "\n") - 1
	for i := 1; i <= topics; i++ {
		send("courses")
		send(strconv.Itoa(i))
		for strings.Contains(texts[len(texts)-1], "More courses") {
			send("more")
		}
	}
	for _, c := range demo.Prospectus(start, london).Courses {
		send("info " + c.Code)
	}
	send("help")
	for _, s := range texts {
		if n := sms.Count(s); n.Segments > 2 || !sms.IsGSM7(s) {
			t.Errorf("%d segments, GSM-7 %v:\n%s", n.Segments, sms.IsGSM7(s), indent(s))
		}
	}
	if len(texts) < 30 {
		t.Errorf("the tour saw only %d texts", len(texts))
	}
}
