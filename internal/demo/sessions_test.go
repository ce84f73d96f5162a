package demo

import (
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/sms"
)

// postcodeRE matches a full postcode in a West Yorkshire district; the
// inward code's letters never include C, I, K, M, O or V.
var postcodeRE = regexp.MustCompile(`^(WF|LS|BD|HD|HX)[0-9]{1,2} [0-9][ABD-HJLNP-UW-Z]{2}$`)

func checkVenues(t *testing.T, p college.Prospectus) {
	t.Helper()
	for _, c := range p.Courses {
		for i, s := range c.Sessions {
			if c.Mode == college.Online {
				checkOnline(t, c.Code, i+1, s)
				continue
			}
			v := s.Venue
			switch {
			case v == nil || s.OnlineURL != "":
				t.Errorf("%s session %d: in person with venue %v and link %q", c.Code, i+1, v, s.OnlineURL)
			case v.Name == "" || len(v.Name) > 24:
				t.Errorf("%s: venue name %q is empty or longer than 24", c.Code, v.Name)
			case v.Address == "" || !strings.Contains(strings.ToLower(v.Access), "toilet"):
				t.Errorf("%s: venue %q lacks an address or accessibility notes", c.Code, v.Name)
			case !postcodeRE.MatchString(v.Postcode):
				t.Errorf("%s: venue %q has postcode %q, want a West Yorkshire one", c.Code, v.Name, v.Postcode)
			}
		}
	}
}

func checkOnline(t *testing.T, code string, seq int, s college.SessionSpec) {
	t.Helper()
	u, err := url.Parse(s.OnlineURL)
	if err != nil || s.Venue != nil || u.Scheme != "https" || u.Path == "" {
		t.Errorf("%s session %d: online with venue %v and link %q", code, seq, s.Venue, s.OnlineURL)
		return
	}
	if h := u.Hostname(); h != "example.org" && !strings.HasSuffix(h, ".example.org") && !strings.HasSuffix(h, ".example") {
		t.Errorf("%s: link host %q is not a reserved example domain", code, h)
	}
}

// civil returns the local calendar day of t as a UTC midnight, so days can
// be counted without clock changes getting in the way.
func civil(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func daysApart(a, b time.Time, loc *time.Location) int {
	return int(civil(b, loc).Sub(civil(a, loc)).Hours() / 24)
}

func checkDates(t *testing.T, p college.Prospectus, today time.Time, loc *time.Location) {
	t.Helper()
	var last time.Time
	for _, c := range p.Courses {
		first := c.Sessions[0].Start
		for i, s := range c.Sessions {
			checkSession(t, c.Code, s, loc)
			if d := daysApart(today, s.Start, loc); d < 2 || d > 84 {
				t.Errorf("%s session %d is %d days after today, want a few days to about ten weeks (one more over Christmas)", c.Code, i+1, d)
			}
			if l, f := s.Start.In(loc), first.In(loc); l.Format("Mon 15:04") != f.Format("Mon 15:04") {
				t.Errorf("%s session %d at %s, first at %s: want the same weekly wall-clock time", c.Code, i+1, l, f)
			}
			if i > 0 {
				if d := daysApart(c.Sessions[i-1].Start, s.Start, loc); d <= 0 || d%7 != 0 {
					t.Errorf("%s sessions %d and %d are %d days apart, want whole weeks", c.Code, i, i+1, d)
				}
			}
			if s.End.After(last) {
				last = s.End
			}
		}
	}
	if d := daysApart(today, last, loc); d < 56 {
		t.Errorf("last session %d days after today, want the term spread over about ten weeks", d)
	}
}

func checkSession(t *testing.T, code string, s college.SessionSpec, loc *time.Location) {
	t.Helper()
	if s.Start.Location() != time.UTC || s.End.Location() != time.UTC {
		t.Errorf("%s: session times %v and %v are not in UTC", code, s.Start, s.End)
	}
	if d := s.End.Sub(s.Start); d < 45*time.Minute || d > 3*time.Hour {
		t.Errorf("%s: session lasts %v, want 45 minutes to 3 hours", code, d)
	}
	start, end := s.Start.In(loc), s.End.In(loc)
	if start.Hour() < 9 || end.Hour()*60+end.Minute() > 21*60 || start.Minute()%15 != 0 {
		t.Errorf("%s: session from %s to %s local, want daytime or evening on the quarter hour", code, start, end)
	}
	if closed(civil(s.Start, loc)) {
		t.Errorf("%s: session on %s, a bank holiday", code, start.Format("Mon 2 Jan 2006"))
	}
}

// checkGSM7 checks every piece of text a student could be sent.
func checkGSM7(t *testing.T, p college.Prospectus) {
	t.Helper()
	var texts []string
	for _, pt := range p.Partners {
		texts = append(texts, pt.Name, pt.Kind, pt.Contact)
	}
	for _, c := range p.Courses {
		texts = append(texts, c.Code, c.Title, c.Topic, c.Summary, c.Description,
			c.Cohort, c.Term, c.Facilitators, c.Partner)
		for _, s := range c.Sessions {
			texts = append(texts, s.OnlineURL)
			if v := s.Venue; v != nil {
				texts = append(texts, v.Name, v.Address, v.Postcode, v.Access)
			}
		}
	}
	for _, s := range texts {
		for _, r := range s {
			if !sms.IsGSM7(string(r)) {
				t.Errorf("%q has %q (U+%04X), outside GSM-7", s, r, r)
				break
			}
		}
	}
}

func TestProspectusDeterministic(t *testing.T) {
	loc := london(t)
	for _, date := range dates {
		morning := day(t, date, loc).Add(-11 * time.Hour)
		evening := day(t, date, loc).Add(11 * time.Hour)
		if a, b := Prospectus(morning, loc), Prospectus(evening, loc); !reflect.DeepEqual(a, b) {
			t.Errorf("%s: two prospectuses for the same day differ", date)
		}
	}
}

func TestProspectusTodayInCollegeZone(t *testing.T) {
	loc := london(t)
	// 23:30 UTC on 20 October 2026 is already 21 October in London (BST).
	late := time.Date(2026, time.October, 20, 23, 30, 0, 0, time.UTC)
	if a, b := Prospectus(late, loc), Prospectus(day(t, "2026-10-21", loc), loc); !reflect.DeepEqual(a, b) {
		t.Error("prospectus took today's date in UTC, not in the college's zone")
	}
}
