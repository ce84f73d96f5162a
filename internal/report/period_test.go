package report_test

import (
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/report"
)

var terms = []college.TermSpan{
	{Name: "Spring 2026", First: day(1, 12, 10), Last: day(3, 23, 16)},
	{Name: "Summer 2026", First: day(4, 20, 10), Last: time.Date(2026, 7, 10, 12, 0, 0, 0, london)},
	{Name: "Autumn 2026"}, // no sessions yet
}

func TestTermPeriod(t *testing.T) {
	p, err := report.Term(terms, "  summer   2026 ", london)
	// Summer time: local midnight is 23:00 UTC the day before.
	if err != nil || p.Name != "Summer 2026" || !p.From.Equal(time.Date(2026, 4, 19, 23, 0, 0, 0, time.UTC)) ||
		!p.To.Equal(time.Date(2026, 7, 10, 23, 0, 0, 0, time.UTC)) {
		t.Errorf("Term = %+v, %v", p, err)
	}
	if got := p.Title(london); got != "Summer 2026 (20 Apr to 10 Jul 2026)" {
		t.Errorf("title %q", got)
	}
	for _, quoted := range []string{`"Summer 2026"`, "\u201csummer 2026\u201d", "'Summer 2026'"} {
		if q, err := report.Term(terms, quoted, london); err != nil || q != p {
			t.Errorf("Term(%s) = %+v, %v; want %+v", quoted, q, err, p)
		}
	}
	_, err = report.Term(terms, "Winter 2026", london)
	if err == nil || !strings.Contains(err.Error(), "the terms are: Spring 2026, Summer 2026, Autumn 2026") {
		t.Errorf("unknown term: %v", err)
	}
	_, err = report.Term(terms, "autumn 2026", london)
	if err == nil || !strings.Contains(err.Error(), "has no sessions") {
		t.Errorf("term without sessions: %v", err)
	}
	_, err = report.Term(nil, "Spring 2026", london)
	if err == nil || !strings.Contains(err.Error(), "no terms yet") {
		t.Errorf("no terms: %v", err)
	}
}

func TestDatesPeriod(t *testing.T) {
	p, err := report.Dates("2026-03-01", "2026-03-31", london)
	// The clocks go forward on 29 March: the period ends at midnight BST.
	if err != nil || !p.From.Equal(day(3, 1, 0)) || !p.To.Equal(time.Date(2026, 3, 31, 23, 0, 0, 0, time.UTC)) {
		t.Errorf("Dates = %+v, %v", p, err)
	}
	if got := p.Title(london); got != "1 Mar to 31 Mar 2026" {
		t.Errorf("title %q", got)
	}
	for _, bad := range [][2]string{{"2026-03-31", "2026-03-01"}, {"1/3/2026", "2026-03-31"}, {"2026-03-01", "soon"}} {
		if _, err := report.Dates(bad[0], bad[1], london); err == nil {
			t.Errorf("Dates(%q, %q) took it", bad[0], bad[1])
		}
	}
}

func TestDefaultPeriod(t *testing.T) {
	for _, c := range []struct {
		now  time.Time
		want string
	}{
		{day(2, 10, 9), "Spring 2026"},
		{day(4, 1, 9), "Spring 2026"},  // a week after it ended
		{day(4, 10, 9), "Summer 2026"}, // ten days before it starts: the later term wins
		{time.Date(2026, 9, 1, 9, 0, 0, 0, london), ""},
	} {
		p := report.Default(terms, c.now, london)
		if p.Name != c.want {
			t.Errorf("at %v: %q, want %q", c.now, p.Name, c.want)
		}
	}
	p := report.Default(terms, time.Date(2026, 9, 1, 9, 0, 0, 0, london), london)
	if got := p.Title(london); got != "2 Jun to 1 Sep 2026" {
		t.Errorf("three months: %q", got)
	}
}
