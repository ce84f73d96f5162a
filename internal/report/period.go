package report

import (
	"fmt"
	"strings"
	"time"

	"collegebot/internal/college"
)

// Period is the span a report covers, [From, To), in whole days local to
// the college.
type Period struct {
	Name string // the term's name, or "" for a range of dates
	From time.Time
	To   time.Time
}

// Title names the period for people: "Spring 2026 (5 Jan to 27 Mar 2026)"
// or "1 Jan to 31 Mar 2026".
func (p Period) Title(loc *time.Location) string {
	first, last := p.From.In(loc), p.To.In(loc).AddDate(0, 0, -1)
	dates := first.Format("2 Jan 2006") + " to " + last.Format("2 Jan 2006")
	if first.Year() == last.Year() {
		dates = first.Format("2 Jan") + " to " + last.Format("2 Jan 2006")
	}
	if p.Name == "" {
		return dates
	}
	return p.Name + " (" + dates + ")"
}

// dayStart returns the local midnight that starts t's day.
func dayStart(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// nextDay returns the local midnight that ends t's day.
func nextDay(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, loc)
}

// Term returns the period of a term, named in any case: from the day of its
// first live session to the day of its last, inclusive. Quotes around the
// name (straight or curly, as a phone writes them) are dropped. An unknown
// name is an error that lists the terms there are.
func Term(terms []college.TermSpan, name string, loc *time.Location) (Period, error) {
	name = strings.Join(strings.Fields(strings.Trim(strings.TrimSpace(name), "\"'\u201c\u201d\u2018\u2019")), " ")
	for _, t := range terms {
		if !strings.EqualFold(t.Name, name) {
			continue
		}
		if t.First.IsZero() {
			return Period{}, fmt.Errorf("term %q has no sessions to report on", t.Name)
		}
		return Period{Name: t.Name, From: dayStart(t.First, loc), To: nextDay(t.Last, loc)}, nil
	}
	if len(terms) == 0 {
		return Period{}, fmt.Errorf("there is no term %q: no terms yet (the prospectus CSV names them in its term column)", name)
	}
	names := make([]string, len(terms))
	for i, t := range terms {
		names[i] = t.Name
	}
	return Period{}, fmt.Errorf("there is no term %q; the terms are: %s", name, strings.Join(names, ", "))
}

// Dates returns the period from one local date to another, both included,
// written as 2026-01-31.
func Dates(from, to string, loc *time.Location) (Period, error) {
	f, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(from), loc)
	if err != nil {
		return Period{}, fmt.Errorf("%q is not a date such as 2026-01-31", from)
	}
	t, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(to), loc)
	if err != nil {
		return Period{}, fmt.Errorf("%q is not a date such as 2026-03-31", to)
	}
	if t.Before(f) {
		return Period{}, fmt.Errorf("the period ends (%s) before it starts (%s)", to, from)
	}
	return Period{From: f, To: nextDay(t, loc)}, nil
}

// Around is how far before its first session and after its last a term
// still counts as the current one.
const Around = 14 * 24 * time.Hour

// Default returns the current term, the one whose sessions run around now
// (the latest to start, if several); else the last three months up to and
// including today.
func Default(terms []college.TermSpan, now time.Time, loc *time.Location) Period {
	var cur *college.TermSpan
	for i, t := range terms {
		if t.First.IsZero() || now.Before(t.First.Add(-Around)) || now.After(t.Last.Add(Around)) {
			continue
		}
		if cur == nil || t.First.After(cur.First) {
			cur = &terms[i]
		}
	}
	if cur != nil {
		return Period{Name: cur.Name, From: dayStart(cur.First, loc), To: nextDay(cur.Last, loc)}
	}
	to := nextDay(now, loc)
	return Period{From: dayStart(to.AddDate(0, -3, 0), loc), To: to}
}

// month is one calendar month of a period, cut to the period.
type month struct {
	Start    time.Time // the first of the month, local
	From, To time.Time
}

// months returns the calendar months a period touches, in order.
func (p Period) months(loc *time.Location) []month {
	var out []month
	f := p.From.In(loc)
	for m := time.Date(f.Year(), f.Month(), 1, 0, 0, 0, 0, loc); m.Before(p.To); m = m.AddDate(0, 1, 0) {
		next := m.AddDate(0, 1, 0)
		out = append(out, month{Start: m, From: latest(m, p.From), To: earliest(next, p.To)})
	}
	return out
}

func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earliest(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
