package jobs_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/London without the system's zone database

	"collegebot/internal/college"
	"collegebot/internal/jobs"
	"collegebot/internal/sqlite"
)

// harness is a real database whose clock the test moves, the due sweep on
// it, and a Notifier that records what it is asked for.
type harness struct {
	t      testing.TB
	db     *sqlite.DB
	raw    *sql.DB
	loc    *time.Location
	now    time.Time
	due    jobs.Due
	notify *recorder
	names  map[int64]string // student id to first name
	ids    map[string]int64 // first name to student id
	counts jobs.Counts      // summed over runs
}

// newHarness opens a database in a temporary directory, its clock at now.
func newHarness(t testing.TB, now time.Time) *harness {
	t.Helper()
	path := filepath.Join(t.TempDir(), "college.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close(); db.Close() })
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, db: db, raw: raw, loc: loc, now: now, names: map[int64]string{}, ids: map[string]int64{}}
	h.notify = &recorder{h: h}
	db.Now = func() time.Time { return h.now }
	h.due = jobs.Due{Store: db, Notify: h.notify, Profile: college.DefaultProfile(), Loc: loc}
	return h
}

// local is a wall-clock time in the college's zone.
func (h *harness) local(month time.Month, day, hour, min int) time.Time {
	return time.Date(2026, month, day, hour, min, 0, 0, h.loc)
}

// show writes a time as the college sees it, with its zone: "Sun 29 Mar 10:00 BST".
func (h *harness) show(t time.Time) string { return t.In(h.loc).Format("Mon 2 Jan 15:04 MST") }

// sweep runs the due job at the harness's time and adds up its counts.
func (h *harness) sweep() jobs.Counts {
	h.t.Helper()
	c, err := h.due.Sweep(context.Background(), h.now, false, nil)
	if err != nil {
		h.t.Fatalf("Sweep at %s: %v", h.show(h.now), err)
	}
	h.counts.Reminders += c.Reminders
	h.counts.Offers += c.Offers
	h.counts.Surveys += c.Surveys
	h.counts.MissedYou += c.MissedYou
	return c
}

// update runs fn in a transaction at the harness's time.
func (h *harness) update(fn func(college.Tx) error) {
	h.t.Helper()
	if err := h.db.Update(context.Background(), fn); err != nil {
		h.t.Fatalf("at %s: %v", h.show(h.now), err)
	}
}

// student creates a registered student called name.
func (h *harness) student(name string) {
	h.update(func(tx college.Tx) error {
		s, _, err := tx.CreateStudent(college.SMS, fmt.Sprintf("+4477009%05d", len(h.ids)), "en")
		if err != nil {
			return err
		}
		s.FirstName = name
		h.names[s.ID], h.ids[name] = name, s.ID
		return tx.SaveStudent(s)
	})
}

// enrol puts a student on a course, booked or waiting.
func (h *harness) enrol(name, code string, status college.EnrolmentStatus) {
	h.update(func(tx college.Tx) error {
		c, err := tx.Course(code)
		if err == nil {
			_, err = tx.Enrol(h.ids[name], c.ID, status)
		}
		return err
	})
}

// attendance records a register's mark for a student at a course's n-th session.
func (h *harness) attendance(name, code string, seq int, status string) {
	h.update(func(tx college.Tx) error {
		c, err := tx.Course(code)
		if err != nil {
			return err
		}
		ss, err := tx.Sessions(c.ID)
		if err != nil {
			return err
		}
		return tx.SetAttendance(ss[seq-1].ID, h.ids[name], status)
	})
}

// queued returns every outbox row as "what @ when queued", in order.
func (h *harness) queued() []string {
	h.t.Helper()
	rows, err := h.raw.Query(`SELECT purpose, created_at FROM outbox ORDER BY created_at, purpose`)
	if err != nil {
		h.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var key, at string
		if err := rows.Scan(&key, &at); err != nil {
			h.t.Fatal(err)
		}
		when, _ := time.ParseInLocation(time.DateTime, at, time.UTC)
		out = append(out, h.notify.what[key]+" @ "+h.show(when))
	}
	return out
}

// queuedAt returns when each outbox row was queued.
func (h *harness) queuedAt() []time.Time {
	h.t.Helper()
	rows, err := h.raw.Query(`SELECT created_at FROM outbox`)
	if err != nil {
		h.t.Fatal(err)
	}
	defer rows.Close()
	var out []time.Time
	for rows.Next() {
		var at string
		if err := rows.Scan(&at); err != nil {
			h.t.Fatal(err)
		}
		when, _ := time.ParseInLocation(time.DateTime, at, time.UTC)
		out = append(out, when)
	}
	return out
}

// recorder is a Notifier that queues a message for each call, under a key
// unique to its purpose as the engine's are, and remembers what each key
// is about. It lapses an offer as the engine does: the place goes to the
// next person waiting, held for a day.
type recorder struct {
	h      *harness
	what   map[string]string // key to what it is about
	lapsed []string          // "name @ when" for each ExpireOffer call
}

func (r *recorder) Remind(tx college.Tx, rm college.Reminder, sendAt time.Time) error {
	key := fmt.Sprintf("reminder:%d:%d:%s:%d", rm.Enrolment.ID, rm.Session.ID, rm.Kind, rm.Session.Start.Unix())
	what := fmt.Sprintf("%s %s#%d %s for %s", r.h.names[rm.Enrolment.StudentID], rm.Course.Code,
		rm.Session.Seq, rm.Kind, r.h.show(rm.Session.Start))
	return r.queue(tx, key, what, rm.Enrolment.StudentID, rm.Session.ID, sendAt)
}

func (r *recorder) ExpireOffer(tx college.Tx, e college.Enrolment) error {
	r.lapsed = append(r.lapsed, r.h.names[e.StudentID]+" @ "+r.h.show(tx.Now()))
	e.Status, e.OfferExpires = college.Dropped, nil
	if err := tx.SetEnrolment(e); err != nil {
		return err
	}
	if next, err := tx.FirstWaiting(e.CourseID); err == nil {
		exp := tx.Now().Add(24 * time.Hour)
		next.Status, next.OfferExpires = college.Offered, &exp
		if err := tx.SetEnrolment(next); err != nil {
			return err
		}
	}
	key := fmt.Sprintf("lapsed:%d:%d", e.ID, tx.Now().Unix())
	return r.queue(tx, key, r.h.names[e.StudentID]+" lapsed", e.StudentID, 0, tx.Now())
}

func (r *recorder) AskFeedback(tx college.Tx, b college.Booking, sendAt time.Time) error {
	err := tx.SaveFeedback(college.Feedback{StudentID: b.Enrolment.StudentID, CourseID: b.Course.ID})
	if err != nil {
		return err
	}
	key := fmt.Sprintf("feedback:%d:%d", b.Enrolment.StudentID, b.Course.ID)
	return r.queue(tx, key, r.h.names[b.Enrolment.StudentID]+" survey "+b.Course.Code, b.Enrolment.StudentID, 0, sendAt)
}

func (r *recorder) MissedYou(tx college.Tx, b college.Booking, sendAt time.Time) error {
	key := fmt.Sprintf("missed:%d:%d", b.Enrolment.StudentID, b.Session.ID)
	what := fmt.Sprintf("%s missed %s#%d", r.h.names[b.Enrolment.StudentID], b.Course.Code, b.Session.Seq)
	return r.queue(tx, key, what, b.Enrolment.StudentID, b.Session.ID, sendAt)
}

// queue writes a message under key to a student, and notes what it is.
func (r *recorder) queue(tx college.Tx, key, what string, studentID, sessionID int64, sendAt time.Time) error {
	if r.what == nil {
		r.what = map[string]string{}
	}
	r.what[key] = what
	return tx.Enqueue(college.Outgoing{Key: key, StudentID: studentID, SessionID: sessionID,
		Channel: college.SMS, Address: "+447700900999", Kind: college.KindService,
		Priority: college.Routine, Reply: college.Reply{Text: what}, Segments: 1, NotBefore: sendAt})
}

// weekly returns n sessions a week apart from a local start, each lasting d.
func weekly(h *harness, first time.Time, n int, d time.Duration, v *college.Venue) []college.SessionSpec {
	var ss []college.SessionSpec
	for i := range n {
		y, m, day := first.Date()
		start := time.Date(y, m, day+7*i, first.Hour(), first.Minute(), 0, 0, h.loc)
		s := college.SessionSpec{Start: start.UTC(), End: start.Add(d).UTC(), Venue: v}
		if v == nil {
			s.OnlineURL = "https://meet.example/x"
		}
		ss = append(ss, s)
	}
	return ss
}

// course is a course spec with its sessions.
func course(code string, capacity int, ss []college.SessionSpec) college.CourseSpec {
	mode := college.InPerson
	if ss[0].Venue == nil {
		mode = college.Online
	}
	return college.CourseSpec{Course: college.Course{Code: code, Title: "Course " + code, Topic: "Wellbeing",
		Mode: mode, Capacity: capacity}, Sessions: ss}
}

// library is the venue of the in-person courses.
func library() *college.Venue {
	return &college.Venue{Name: "Calderbrook Library", Address: "1 Market St", Postcode: "WF1 2DD"}
}

// importTerm makes the stored prospectus p, telling no one of changes.
func (h *harness) importTerm(p college.Prospectus) {
	h.t.Helper()
	if _, err := h.db.ImportProspectus(context.Background(), p, nil); err != nil {
		h.t.Fatal(err)
	}
}

// diff reports the lines only in got and only in want.
func diff(got, want []string) string {
	var b strings.Builder
	for _, g := range got {
		if !slices.Contains(want, g) {
			fmt.Fprintf(&b, "\n  unexpected: %s", g)
		}
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			fmt.Fprintf(&b, "\n  missing:    %s", w)
		}
	}
	return b.String()
}

// event is something that happens during a walk, before that minute's sweep.
type event struct {
	at time.Time
	do func()
}

// walk moves the clock from from to to, sweeping at each step, and does
// each event at its time, before that minute's sweep.
func (h *harness) walk(from, to time.Time, step func(time.Time) time.Duration, events []event) {
	h.t.Helper()
	for now := from; now.Before(to); now = now.Add(step(now)) {
		h.now = now
		for _, e := range events {
			if e.at.Equal(now) {
				e.do()
			}
		}
		h.sweep()
		sweeps++
	}
}

var sweeps int

// everyMinute is the step of a walk that sweeps each minute, as cron does.
func everyMinute(time.Time) time.Duration { return time.Minute }

// stepper sweeps every minute inside its spans and every 15 minutes
// outside them, never stepping over the start of a span.
type stepper [][2]time.Time

// around adds a span of 10 minutes either side of each time.
func (s *stepper) around(ts ...time.Time) {
	for _, t := range ts {
		*s = append(*s, [2]time.Time{t.Add(-10 * time.Minute), t.Add(10 * time.Minute)})
	}
}

// step returns how far to move on from now.
func (s stepper) step(now time.Time) time.Duration {
	next := 15 * time.Minute
	for _, span := range s {
		switch {
		case !now.Before(span[0]) && now.Before(span[1]):
			return time.Minute
		case span[0].After(now) && span[0].Sub(now) < next:
			next = span[0].Sub(now)
		}
	}
	return next
}

// term is the test's prospectus: weekly courses in spring across 29 March
// and in autumn across 25 October, Sunday ones at 09:00 (their second
// reminder, at 07:00, falls in quiet hours), and one session at 08:00 (its
// second reminder, held to 08:00, would come as it starts).
func term(h *harness) college.Prospectus {
	return college.Prospectus{Courses: []college.CourseSpec{
		course("SPR", 10, weekly(h, h.local(time.March, 16, 10, 0), 4, 2*time.Hour, library())),
		course("SUN", 10, weekly(h, h.local(time.March, 22, 9, 0), 3, 90*time.Minute, nil)),
		course("EARLY", 10, weekly(h, h.local(time.March, 25, 8, 0), 1, time.Hour, library())),
		course("AUT", 10, weekly(h, h.local(time.October, 19, 18, 0), 3, 2*time.Hour, library())),
		course("SUNA", 10, weekly(h, h.local(time.October, 18, 9, 0), 3, 90*time.Minute, nil)),
	}}
}

// TestDueWalksATerm runs the sweep as cron would over four weeks of spring
// and three of autumn, with bookings, a cancelled session, two moved ones
// and registers along the way, and checks every message queued, and when:
// each once, at its local time, none in quiet hours.
func TestDueWalksATerm(t *testing.T) {
	h := newHarness(t, time.Time{})
	h.now = h.local(time.March, 13, 0, 0)
	p := term(h)
	h.importTerm(p)
	movedSPR := weekly(h, h.local(time.April, 7, 14, 0), 1, 2*time.Hour, library())[0]
	movedAUT := weekly(h, h.local(time.November, 2, 19, 0), 1, 2*time.Hour, library())[0]
	for name, codes := range map[string][]string{"Ann": {"SPR", "SUN"}, "Ben": {"SPR"}, "Dan": {"EARLY"},
		"Cat": {"AUT", "SUNA"}, "Gus": {"AUT"}, "Eve": nil, "Fay": nil} {
		h.student(name)
		for _, c := range codes {
			h.enrol(name, c, college.Booked)
		}
	}
	events := []event{
		// Booked after the day-before reminder's time: no late one.
		{h.local(time.March, 22, 15, 0), func() { h.enrol("Eve", "SPR", college.Booked) }},
		// Booked after the second reminder's time (07:00, held to 08:00).
		{h.local(time.March, 29, 8, 30), func() { h.enrol("Fay", "SUN", college.Booked) }},
		// SUN's third session is cancelled before its reminders are due,
		// so SUN has ended: its survey waits for the quiet hours to end.
		{h.local(time.April, 3, 22, 0), func() {
			p.Courses[1].Sessions = p.Courses[1].Sessions[:2]
			h.importTerm(p)
		}},
		// SPR's fourth session moves from Monday 10:00 to Tuesday 14:00.
		{h.local(time.April, 4, 12, 0), func() {
			p.Courses[0].Sessions[3] = movedSPR
			h.importTerm(p)
		}},
		{h.local(time.October, 20, 9, 0), func() {
			h.attendance("Cat", "AUT", 1, college.Absent)
			h.attendance("Gus", "AUT", 1, college.Apologies)
			h.attendance("Gus", "AUT", 1, college.Absent) // with apologies: not missed
		}},
		// A register marked two days late still brings the check-in.
		{h.local(time.October, 28, 15, 0), func() { h.attendance("Gus", "AUT", 2, college.Absent) }},
		// Absent at the last session: no "your place is still yours".
		{h.local(time.November, 1, 12, 0), func() { h.attendance("Cat", "SUNA", 3, college.Absent) }},
		// AUT's last session moves an hour later on its day, after its
		// day-before reminder went.
		{h.local(time.November, 2, 12, 0), func() {
			p.Courses[3].Sessions[2] = movedAUT
			h.importTerm(p)
		}},
	}
	steps := termSteps(h, append(term(h).Courses, college.CourseSpec{Sessions: []college.SessionSpec{movedSPR, movedAUT}}), events)
	h.walk(h.local(time.March, 13, 0, 0), h.local(time.April, 10, 0, 0), steps.step, events)
	h.walk(h.local(time.October, 15, 0, 0), h.local(time.November, 5, 0, 0), steps.step, events)

	t.Logf("sweeps %d", sweeps)
	got, want := h.queued(), termExpected(h)
	if d := diff(got, want); d != "" {
		t.Errorf("queued:%s", d)
	}
	if len(got) != len(want) {
		t.Errorf("queued %d messages, want %d (one each)", len(got), len(want))
	}
	for _, at := range h.queuedAt() {
		if clock := at.In(h.loc).Format("15:04"); clock < "08:00" || clock >= "21:00" {
			t.Errorf("a message was queued in quiet hours, at %s", h.show(at))
		}
	}
	var wantCounts jobs.Counts
	for _, w := range want {
		switch {
		case strings.Contains(w, " survey "):
			wantCounts.Surveys++
		case strings.Contains(w, " missed "):
			wantCounts.MissedYou++
		default:
			wantCounts.Reminders++
		}
	}
	if h.counts != wantCounts {
		t.Errorf("counts over the walk = %+v, want %+v", h.counts, wantCounts)
	}
}

// termSteps sweeps every minute over the weekends of the clock changes
// and, on other days, around 08:00 and 21:00 (where quiet hours end and
// begin), 10:00 (the day-before and follow-up time), each session's start
// and second reminder, and each event; every 15 minutes elsewhere, where a
// sweep must queue nothing (a message queued there would show as
// unexpected). Every minute throughout would be 70,000 sweeps.
func termSteps(h *harness, courses []college.CourseSpec, events []event) stepper {
	s := stepper{
		{h.local(time.March, 28, 0, 0), h.local(time.March, 31, 0, 0)},
		{h.local(time.October, 24, 0, 0), h.local(time.October, 27, 0, 0)},
	}
	for d := range 366 {
		s.around(h.local(time.January, 1+d, 8, 0), h.local(time.January, 1+d, 10, 0), h.local(time.January, 1+d, 21, 0))
	}
	for _, c := range courses {
		for _, ss := range c.Sessions {
			s.around(ss.Start, ss.Start.Add(-2*time.Hour))
		}
	}
	for _, e := range events {
		s.around(e.at)
	}
	return s
}

// termExpected is every message the walk should queue, and when.
func termExpected(h *harness) []string {
	var want []string
	at := func(what string, m time.Month, d, hh, mm int) {
		want = append(want, what+" @ "+h.show(h.local(m, d, hh, mm)))
	}
	rem := func(names, code string, seq int, kind college.ReminderKind, start time.Time, m time.Month, d, hh, mm int) {
		for _, n := range strings.Fields(names) {
			at(fmt.Sprintf("%s %s#%d %s for %s", n, code, seq, kind, h.show(start)), m, d, hh, mm)
		}
	}
	day, soon, mar, apr, oct, nov := college.DayBefore, college.Soon, time.March, time.April, time.October, time.November
	// Spring: the clocks go forward at 01:00 GMT on Sunday 29 March.
	rem("Ann Ben", "SPR", 1, day, h.local(mar, 16, 10, 0), mar, 15, 10, 0)
	rem("Ann Ben", "SPR", 1, soon, h.local(mar, 16, 10, 0), mar, 16, 8, 0)
	rem("Ann Ben", "SPR", 2, day, h.local(mar, 23, 10, 0), mar, 22, 10, 0)
	rem("Ann Ben Eve", "SPR", 2, soon, h.local(mar, 23, 10, 0), mar, 23, 8, 0)
	rem("Ann Ben Eve", "SPR", 3, day, h.local(mar, 30, 10, 0), mar, 29, 10, 0)
	rem("Ann Ben Eve", "SPR", 3, soon, h.local(mar, 30, 10, 0), mar, 30, 8, 0)
	rem("Ann Ben Eve", "SPR", 4, day, h.local(apr, 7, 14, 0), apr, 6, 10, 0)
	rem("Ann Ben Eve", "SPR", 4, soon, h.local(apr, 7, 14, 0), apr, 7, 12, 0)
	rem("Ann", "SUN", 1, day, h.local(mar, 22, 9, 0), mar, 21, 10, 0)
	rem("Ann", "SUN", 1, soon, h.local(mar, 22, 9, 0), mar, 22, 8, 0)
	rem("Ann", "SUN", 2, day, h.local(mar, 29, 9, 0), mar, 28, 10, 0)
	rem("Ann", "SUN", 2, soon, h.local(mar, 29, 9, 0), mar, 29, 8, 0)
	rem("Dan", "EARLY", 1, day, h.local(mar, 25, 8, 0), mar, 24, 10, 0)
	at("Dan survey EARLY", mar, 26, 10, 0)
	at("Ann survey SUN", apr, 4, 8, 0)
	at("Fay survey SUN", apr, 4, 8, 0)
	at("Ben survey SPR", apr, 8, 10, 0)
	at("Eve survey SPR", apr, 8, 10, 0)
	// Autumn: the clocks go back at 01:00 GMT on Sunday 25 October.
	rem("Cat Gus", "AUT", 1, day, h.local(oct, 19, 18, 0), oct, 18, 10, 0)
	rem("Cat Gus", "AUT", 1, soon, h.local(oct, 19, 18, 0), oct, 19, 16, 0)
	rem("Cat Gus", "AUT", 2, day, h.local(oct, 26, 18, 0), oct, 25, 10, 0)
	rem("Cat Gus", "AUT", 2, soon, h.local(oct, 26, 18, 0), oct, 26, 16, 0)
	rem("Cat Gus", "AUT", 3, day, h.local(nov, 2, 18, 0), nov, 1, 10, 0)
	rem("Cat Gus", "AUT", 3, soon, h.local(nov, 2, 19, 0), nov, 2, 17, 0)
	rem("Cat", "SUNA", 1, day, h.local(oct, 18, 9, 0), oct, 17, 10, 0)
	rem("Cat", "SUNA", 1, soon, h.local(oct, 18, 9, 0), oct, 18, 8, 0)
	rem("Cat", "SUNA", 2, day, h.local(oct, 25, 9, 0), oct, 24, 10, 0)
	rem("Cat", "SUNA", 2, soon, h.local(oct, 25, 9, 0), oct, 25, 8, 0)
	rem("Cat", "SUNA", 3, day, h.local(nov, 1, 9, 0), oct, 31, 10, 0)
	rem("Cat", "SUNA", 3, soon, h.local(nov, 1, 9, 0), nov, 1, 8, 0)
	at("Cat missed AUT#1", oct, 20, 10, 0)
	at("Gus missed AUT#2", oct, 28, 15, 0)
	at("Cat survey SUNA", nov, 2, 10, 0)
	at("Gus survey AUT", nov, 3, 10, 0)
	return want
}
