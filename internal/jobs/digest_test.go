package jobs

import (
	"context"
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
)

// fakeDigest serves fixed figures and registers, and keeps the windows it
// was asked for.
type fakeDigest struct {
	figs    []college.SessionFigures
	regs    []college.Register
	changes []college.SessionFigures
	windows [][2]time.Time
}

func (f *fakeDigest) ChangedSessions(_ context.Context, from, to time.Time) ([]college.SessionFigures, error) {
	f.windows = append(f.windows, [2]time.Time{from, to})
	return f.changes, nil
}

func (f *fakeDigest) SessionFigures(_ context.Context, from, to time.Time) ([]college.SessionFigures, error) {
	f.windows = append(f.windows, [2]time.Time{from, to})
	return f.figs, nil
}

func (f *fakeDigest) Registers(_ context.Context, from, to time.Time) ([]college.Register, error) {
	f.windows = append(f.windows, [2]time.Time{from, to})
	return f.regs, nil
}

// digestFixture is two courses: one full, with a waiting list and
// apologies; one online, its second session cancelled.
func digestFixture(loc *time.Location) *fakeDigest {
	anx := college.Course{Code: "ANX1", Title: "Understanding anxiety", Capacity: 12, Facilitators: "Sam (peer trainer)"}
	slp := college.Course{Code: "SLP", Title: "Better sleep", Capacity: 20}
	lib := &college.Venue{Name: "Calderbrook Library"}
	at := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, loc) }
	s1 := college.Session{ID: 1, Start: at(31, 10), End: at(31, 12), Venue: lib, Status: college.Scheduled}
	s2 := college.Session{ID: 2, Start: at(31, 18), End: at(31, 19), Status: college.Scheduled}
	s3 := college.Session{ID: 3, Start: at(2+30, 18), End: at(2+30, 19), Status: college.Cancelled}
	return &fakeDigest{
		figs: []college.SessionFigures{
			{Course: anx, Session: s1, Booked: 12, Offered: 1, Waiting: 3, Apologies: 1},
			{Course: slp, Session: s2, Booked: 4},
			{Course: slp, Session: s3, Booked: 4},
		},
		regs: []college.Register{
			{Course: anx, Session: s1, Students: []college.RegisterLine{
				{StudentID: 4, FirstName: "Alex", Status: college.Apologies},
				{StudentID: 7, FirstName: "Robin"},
				{StudentID: 9},
			}},
			{Course: slp, Session: s2},
		},
	}
}

func TestWeeklyDigest(t *testing.T) {
	loc := london(t)
	f := digestFixture(loc)
	from, to := WeekAhead(time.Date(2026, 3, 30, 7, 0, 0, 0, loc), loc)
	got, err := WeeklyDigest(context.Background(), f, loc, from, to)
	if err != nil {
		t.Fatal(err)
	}
	want := `Sessions Mon 30 Mar to Sun 5 Apr: 3
Tue 31 Mar 10:00  ANX1 Understanding anxiety, Calderbrook Library: 12/12 booked, 1 offered, 3 waiting, 1 apology
Tue 31 Mar 18:00  SLP Better sleep, online: 4/20 booked
Wed 1 Apr 18:00  SLP Better sleep, online: CANCELLED
`
	if got != want {
		t.Errorf("weekly digest:\n%s\nwant:\n%s", got, want)
	}
	// The week of 30 March starts on the Monday after the clocks changed.
	if w := f.windows[0]; w[0].Format(time.RFC3339) != "2026-03-30T00:00:00+01:00" || w[1].Format(time.RFC3339) != "2026-04-06T00:00:00+01:00" {
		t.Errorf("week asked for = %v", w)
	}
}

func TestDailyRegister(t *testing.T) {
	loc := london(t)
	f := digestFixture(loc)
	got, err := DailyRegister(context.Background(), f, loc, time.Date(2026, 3, 31, 0, 0, 0, 0, loc))
	if err != nil {
		t.Fatal(err)
	}
	want := `Registers for Tue 31 Mar 2026

ANX1 Understanding anxiety, 10:00-12:00, Calderbrook Library
Facilitators: Sam (peer trainer)
3 booked, 1 apology
  Alex (apologies)
  Robin
  (student 9, no name)

SLP Better sleep, 18:00-19:00, online
0 booked
`
	if got != want {
		t.Errorf("register:\n%s\nwant:\n%s", got, want)
	}
	f.regs = nil
	if got, _ := DailyRegister(context.Background(), f, loc, time.Date(2026, 3, 29, 12, 0, 0, 0, loc)); got != "No sessions on Sun 29 Mar 2026.\n" {
		t.Errorf("empty day: %q", got)
	}
	// 29 March has 23 hours: the day asked for ends at the next midnight.
	if w := f.windows[1]; w[1].Sub(w[0]) != 23*time.Hour {
		t.Errorf("29 March asked as %v", w)
	}
}

func TestDigestJobBuildsTheWeekOnMondays(t *testing.T) {
	loc := london(t)
	f := digestFixture(loc)
	d := Digest{Store: f, Loc: loc}
	monday := time.Date(2026, 3, 30, 7, 0, 0, 0, loc)
	counts, err := d.Run(context.Background(), monday, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if counts["registers"] != 2 || counts["booked"] != 3 || counts["week_sessions"] != 3 {
		t.Errorf("Monday counts = %v", counts)
	}
	if from := f.windows[0][0]; !from.Equal(time.Date(2026, 3, 31, 0, 0, 0, 0, loc)) {
		t.Errorf("registers asked from %v, want tomorrow", from)
	}
	counts, _ = d.Run(context.Background(), monday.AddDate(0, 0, 1), false, nil)
	if _, ok := counts["week_sessions"]; ok {
		t.Errorf("Tuesday built the week: %v", counts)
	}
}

// tellings records what a digest queued for staff.
type tellings struct{ got map[string]string }

func (t *tellings) Members(context.Context) ([]college.StaffMember, error) {
	return []college.StaffMember{
		{ID: 1, Name: "Pat", Role: college.Admin},
		{ID: 2, Name: "Sam", Role: college.Facilitator},
		{ID: 3, Name: "Lee", Role: college.Facilitator},
	}, nil
}

func (t *tellings) Tell(_ context.Context, m college.StaffMember, key, text string) error {
	t.got[key] = text
	return nil
}

func TestDigestGoesToEachMember(t *testing.T) {
	loc := london(t)
	f := digestFixture(loc)
	f.changes = f.figs[2:] // SLP's second session, cancelled
	staff := &tellings{got: map[string]string{}}
	d := Digest{Store: f, Loc: loc, Staff: staff}
	tuesday := time.Date(2026, 3, 31, 7, 0, 0, 0, loc)
	counts, err := d.Run(context.Background(), tuesday, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if counts["sent"] != 2 || len(staff.got) != 2 {
		t.Fatalf("sent %v: %v", counts, staff.got)
	}
	regs := staff.got["digest:2026-03-31:registers:2"]
	if !strings.Contains(regs, "Registers for Wed 1 Apr 2026") || !strings.Contains(regs, "ANX1") || strings.Contains(regs, "SLP") {
		t.Errorf("Sam's registers:\n%s", regs)
	}
	changes := staff.got["digest:2026-03-31:changes:1"]
	if !strings.Contains(changes, "Sessions changed in the last day: 1") || !strings.Contains(changes, "SLP Better sleep: CANCELLED, Wed 1 Apr 18:00, online") {
		t.Errorf("Pat's changes:\n%s", changes)
	}
	if w := f.windows[len(f.windows)-1]; w[1].Sub(w[0]) != 24*time.Hour {
		t.Errorf("changes asked for %v", w)
	}
	if _, err := d.Run(context.Background(), tuesday, true, nil); err != nil || len(staff.got) != 2 {
		t.Errorf("a dry run told staff: %v", staff.got)
	}
}
