package college_test

import (
	"testing"
	"time"

	"collegebot/internal/college"
)

func TestParseSessionRef(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want college.SessionRef
		ok   bool
	}{
		{"MH1/2", college.SessionRef{Code: "MH1", N: 2}, true},
		{" mh1 / 12 ", college.SessionRef{Code: "MH1", N: 12}, true},
		{"mh1", college.SessionRef{Code: "MH1"}, true},
		{"MH1/0", college.SessionRef{}, false},
		{"MH1/two", college.SessionRef{}, false},
		{"/2", college.SessionRef{}, false},
		{"MH 1/2", college.SessionRef{}, false},
	} {
		got, err := college.ParseSessionRef(tt.in)
		if (err == nil) != tt.ok || (tt.ok && got != tt.want) {
			t.Errorf("ParseSessionRef(%q) = %+v, %v; want %+v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
		if tt.ok && got.String() != tt.want.String() {
			t.Errorf("String() = %q", got.String())
		}
	}
}

func TestUrgentChange(t *testing.T) {
	loc := london(t)
	p := college.DefaultProfile() // quiet 21:00-08:00
	at := func(d, h, m int) time.Time { return time.Date(2026, 3, d, h, m, 0, 0, loc) }
	session := func(start time.Time) college.Session { return college.Session{Start: start, End: start.Add(time.Hour)} }
	for _, tt := range []struct {
		name     string
		now      time.Time
		sessions []college.Session
		want     bool
	}{
		{"daytime: never held, so never urgent", at(3, 12, 0), []college.Session{session(at(3, 13, 0))}, false},
		{"night, session next morning at 07:30", at(2, 23, 0), []college.Session{session(at(3, 7, 30))}, true},
		{"night, session next morning at 10:00", at(2, 23, 0), []college.Session{session(at(3, 10, 0))}, false},
		{"night, moved from 07:30 to next week", at(2, 23, 0), []college.Session{session(at(3, 7, 30)), session(at(10, 10, 0))}, true},
		{"early morning, session at 07:45", at(3, 6, 0), []college.Session{session(at(3, 7, 45))}, true},
		{"night, session already started", at(2, 23, 0), []college.Session{session(at(2, 22, 30))}, false},
	} {
		if got := college.UrgentChange(tt.now, p, loc, tt.sessions...); got != tt.want {
			t.Errorf("%s: UrgentChange = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestTodaysSession(t *testing.T) {
	loc := london(t)
	at := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, loc) }
	ss := []college.Session{
		{Seq: 1, Start: at(3, 10), End: at(3, 12)},
		{Seq: 2, Start: at(10, 10), End: at(10, 12)},
		{Seq: 3, Start: at(10, 18), End: at(10, 20), Status: college.Cancelled},
		{Seq: 4, Start: at(17, 10), End: at(17, 12)},
	}
	for _, tt := range []struct {
		name string
		now  time.Time
		want int // Seq; 0 none
	}{
		{"before the course: its first", at(1, 9), 1},
		{"the morning of a session: today's", at(10, 8), 2},
		{"during it", at(10, 11), 2},
		{"the evening after: still today's (the cancelled one skipped)", at(10, 19), 2},
		{"days later: the one that started last", at(12, 9), 2},
		{"after the last", at(20, 9), 4},
	} {
		got, ok := college.TodaysSession(ss, tt.now, loc)
		if !ok || got.Seq != tt.want {
			t.Errorf("%s: got session %d (%v), want %d", tt.name, got.Seq, ok, tt.want)
		}
	}
	if _, ok := college.TodaysSession(ss[2:3], at(1, 9), loc); ok {
		t.Error("a course with only a cancelled session has a register to show")
	}
}

func TestCourseEnded(t *testing.T) {
	end := time.Date(2026, 3, 3, 12, 0, 0, 0, time.UTC)
	ss := []college.Session{
		{Start: end.Add(-2 * time.Hour), End: end},
		{Start: end.Add(7 * 24 * time.Hour), End: end.Add(7*24*time.Hour + time.Hour), Status: college.Cancelled},
	}
	if college.CourseEnded(ss, end.Add(-time.Minute)) || !college.CourseEnded(ss, end) {
		t.Error("a course ends when its last live session does")
	}
	if college.CourseEnded(nil, end) || college.LiveSessions(ss) != 1 {
		t.Error("no sessions: not ended; one live session of two")
	}
}

func TestRegisterMarkedAndLine(t *testing.T) {
	r := college.Register{Students: []college.RegisterLine{
		{StudentID: 7, FirstName: "Ann", Status: college.Attended},
		{StudentID: 9, FirstName: "Bob"},
		{StudentID: 4, FirstName: "Cat", Status: college.Apologies},
	}}
	if r.Marked() != 2 {
		t.Errorf("Marked = %d, want 2", r.Marked())
	}
	if l, n, ok := r.Line(9); !ok || n != 2 || l.FirstName != "Bob" {
		t.Errorf("Line(9) = %+v, %d, %v", l, n, ok)
	}
	if _, _, ok := r.Line(5); ok {
		t.Error("Line(5) found a student not on the register")
	}
}
