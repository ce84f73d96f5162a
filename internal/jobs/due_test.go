package jobs_test

import (
	"cmp"
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
	calls  map[string]int    // key to how often it was asked for
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
		r.what, r.calls = map[string]string{}, map[string]int{}
	}
	r.what[key] = what
	r.calls[key]++
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
	}
}

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
	// The sweep does not ask again for a day-before reminder it sent.
	for key, n := range h.notify.calls {
		if strings.Contains(key, ":day:") && n != 1 {
			t.Errorf("Remind asked %d times for %s", n, h.notify.what[key])
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

// TestDueOfferCascade: a place frees on a full course with three waiting.
// The first offer's hold ends in quiet hours, so it lapses at 08:00; the
// second lapses at the end of its day; the third is taken. ExpireOffer is
// asked about exactly the two lapsed offers, each once.
func TestDueOfferCascade(t *testing.T) {
	h := newHarness(t, time.Time{})
	h.now = h.local(time.March, 9, 9, 0)
	h.importTerm(college.Prospectus{Courses: []college.CourseSpec{
		course("FULL", 1, weekly(h, h.local(time.March, 23, 10, 0), 2, 2*time.Hour, library())),
	}})
	for _, name := range []string{"Ann", "Ben", "Cat", "Dan"} {
		h.student(name)
	}
	h.enrol("Ann", "FULL", college.Booked)
	for _, name := range []string{"Ben", "Cat", "Dan"} {
		h.enrol(name, "FULL", college.Waiting)
	}
	set := func(name string, status college.EnrolmentStatus, expires *time.Time) {
		h.update(func(tx college.Tx) error {
			c, err := tx.Course("FULL")
			if err != nil {
				return err
			}
			e, err := tx.Enrolment(h.ids[name], c.ID)
			e.Status, e.OfferExpires = status, expires
			return cmp.Or(err, tx.SetEnrolment(e))
		})
	}
	benUntil := h.local(time.March, 10, 22, 30)
	events := []event{
		{h.local(time.March, 9, 12, 0), func() { set("Ann", college.Dropped, nil); set("Ben", college.Offered, &benUntil) }},
		{h.local(time.March, 12, 18, 0), func() { set("Dan", college.Booked, nil) }}, // Dan says YES
	}
	var steps stepper
	for d := 9; d <= 13; d++ {
		steps.around(h.local(time.March, d, 8, 0), h.local(time.March, d, 21, 0))
	}
	steps.around(benUntil, events[0].at, events[1].at)
	h.walk(h.local(time.March, 9, 9, 0), h.local(time.March, 14, 0, 0), steps.step, events)

	want := []string{"Ben @ Wed 11 Mar 08:00 GMT", "Cat @ Thu 12 Mar 08:00 GMT"}
	if !slices.Equal(h.notify.lapsed, want) {
		t.Errorf("ExpireOffer calls = %q\nwant                %q", h.notify.lapsed, want)
	}
	if h.counts.Offers != 2 {
		t.Errorf("offers counted = %d, want 2", h.counts.Offers)
	}
	var got []string
	h.update(func(tx college.Tx) error {
		c, err := tx.Course("FULL")
		for _, name := range []string{"Ann", "Ben", "Cat", "Dan"} {
			e, eerr := tx.Enrolment(h.ids[name], c.ID)
			err = cmp.Or(err, eerr)
			got = append(got, name+" "+string(e.Status))
		}
		return err
	})
	if want := []string{"Ann dropped", "Ben dropped", "Cat dropped", "Dan booked"}; !slices.Equal(got, want) {
		t.Errorf("enrolments = %q, want %q", got, want)
	}
}

// TestDueAfterAnOutage: sweeps that resume late send what is still right
// and drop what is not: a day-before reminder ("tomorrow") only on the day
// before, a "starts soon" one no more than half an hour late, and no survey
// for a course that ended over a week ago.
func TestDueAfterAnOutage(t *testing.T) {
	h := newHarness(t, time.Time{})
	h.now = h.local(time.March, 2, 9, 0)
	h.importTerm(college.Prospectus{Courses: []college.CourseSpec{
		course("OUT", 10, weekly(h, h.local(time.March, 10, 10, 0), 3, 2*time.Hour, library())),
	}})
	h.student("Ann")
	h.enrol("Ann", "OUT", college.Booked)
	for _, tt := range []struct {
		at   time.Time
		want []string // queued by this sweep
	}{
		{h.local(time.March, 9, 9, 59), nil},
		{h.local(time.March, 10, 8, 20), []string{"Ann OUT#1 soon for Tue 10 Mar 10:00 GMT @ Tue 10 Mar 08:20 GMT"}},
		{h.local(time.March, 10, 8, 21), nil},
		{h.local(time.March, 16, 20, 59), []string{"Ann OUT#2 day for Tue 17 Mar 10:00 GMT @ Mon 16 Mar 20:59 GMT"}},
		{h.local(time.March, 17, 8, 31), nil},
		{h.local(time.March, 23, 10, 0), []string{"Ann OUT#3 day for Tue 24 Mar 10:00 GMT @ Mon 23 Mar 10:00 GMT"}},
		{h.local(time.March, 24, 8, 0), []string{"Ann OUT#3 soon for Tue 24 Mar 10:00 GMT @ Tue 24 Mar 08:00 GMT"}},
		// A week and a minute after the last session ended (12:00 GMT).
		{h.local(time.March, 31, 13, 1), nil},
	} {
		before := h.queued()
		h.now = tt.at
		h.sweep()
		if d := diff(h.queued()[len(before):], tt.want); d != "" {
			t.Errorf("sweep at %s:%s", h.show(tt.at), d)
		}
	}
}

// TestDueDryRunAndRerun: a dry run reports what it would queue and
// queues nothing; the real run then queues just that, and a second real
// run queues nothing and reports nothing.
func TestDueDryRunAndRerun(t *testing.T) {
	h := newHarness(t, time.Time{})
	h.now = h.local(time.March, 2, 9, 0)
	h.importTerm(college.Prospectus{Courses: []college.CourseSpec{
		course("ANX", 2, weekly(h, h.local(time.March, 10, 10, 0), 2, 2*time.Hour, library())),
	}})
	h.student("Ann")
	h.student("Ben")
	h.enrol("Ann", "ANX", college.Booked)
	h.update(func(tx college.Tx) error { // Ben's offer of a place lapsed at 09:30
		c, err := tx.Course("ANX")
		if err != nil {
			return err
		}
		e, err := tx.Enrol(h.ids["Ben"], c.ID, college.Waiting)
		exp := h.local(time.March, 9, 9, 30)
		e.Status, e.OfferExpires = college.Offered, &exp
		return cmp.Or(err, tx.SetEnrolment(e))
	})
	h.now = h.local(time.March, 9, 10, 0)
	run := func(dry bool) (jobs.Counts, []jobs.Planned) {
		var plans []jobs.Planned
		c, err := h.due.Sweep(context.Background(), h.now, dry, func(p jobs.Planned) { plans = append(plans, p) })
		if err != nil {
			t.Fatal(err)
		}
		return c, plans
	}

	dryCounts, dryPlans := run(true)
	if n := len(h.queued()); n != 0 || len(h.notify.lapsed) != 1 {
		t.Fatalf("a dry run queued %d messages; lapsed %q", n, h.notify.lapsed)
	}
	realCounts, realPlans := run(false)
	wantCounts := jobs.Counts{Reminders: 1, Offers: 1}
	if dryCounts != wantCounts || realCounts != wantCounts {
		t.Errorf("counts: dry %+v, real %+v; want %+v", dryCounts, realCounts, wantCounts)
	}
	at := h.local(time.March, 9, 10, 0)
	wantPlans := []jobs.Planned{
		{Key: fmt.Sprintf("lapsed:2:%d", at.Unix()), What: "offer lapsed", StudentID: h.ids["Ben"], FirstName: "Ben",
			When: at, Why: "ANX place held until Mon 9 Mar 09:30"},
		{Key: fmt.Sprintf("reminder:1:1:day:%d", h.local(time.March, 10, 10, 0).Unix()), What: "reminder (day before)",
			StudentID: h.ids["Ann"], FirstName: "Ann", When: at, Why: "ANX session 1, Tue 10 Mar 10:00"},
	}
	if !slices.Equal(dryPlans, wantPlans) || !slices.Equal(realPlans, wantPlans) {
		t.Errorf("planned:\ndry  %+v\nreal %+v\nwant %+v", dryPlans, realPlans, wantPlans)
	}
	if n := len(h.queued()); n != 2 {
		t.Errorf("the real run queued %d messages, want 2", n)
	}

	againCounts, againPlans := run(false)
	if againCounts != (jobs.Counts{}) || len(againPlans) != 0 || len(h.queued()) != 2 {
		t.Errorf("second run: counts %+v, planned %+v, %d messages in all", againCounts, againPlans, len(h.queued()))
	}
	if m := againCounts.Map(); len(m) != 4 || m["reminders"] != 0 {
		t.Errorf("Counts.Map() = %v", m)
	}
}

// TestDueRefusesAnotherClock: a run "as if" another time must first set the
// store's clock, which stamps and lapses what the run does.
func TestDueRefusesAnotherClock(t *testing.T) {
	h := newHarness(t, time.Time{})
	h.now = h.local(time.March, 2, 9, 0)
	_, err := h.due.Sweep(context.Background(), h.now.Add(24*time.Hour), false, nil)
	if err == nil || !strings.Contains(err.Error(), "store's clock") {
		t.Errorf("Sweep a day ahead of the store: %v", err)
	}
	if _, err := h.due.Sweep(context.Background(), h.now.Add(30*time.Second), false, nil); err != nil {
		t.Errorf("Sweep 30 seconds off the store's clock: %v", err)
	}
}

// BenchmarkDue sweeps a big college: 10,000 sessions (1,000 courses of
// ten) with 20 students booked on each course, so 200,000 booked places,
// spread so that one session in 50 starts in any 49 hours. At noon the
// sweep looks at the places at sessions until the end of tomorrow (about
// 2,900). "first" is the sweep that queues a day-before reminder for each
// of the 2,000 places at tomorrow's sessions (run dry, so that every
// iteration does it); "again" is each later minute's sweep, which finds
// them queued. The Notifier is the test's, which does less than the
// engine's wording does.
func BenchmarkDue(b *testing.B) {
	h := newHarness(b, time.Time{})
	base := h.local(time.September, 1, 0, 0)
	h.now = base
	bigCollege(h, base)
	h.now = h.local(time.September, 26, 12, 0)
	var places []college.Booking
	h.update(func(tx college.Tx) (err error) {
		places, err = tx.Bookings(h.now, h.local(time.September, 28, 0, 0))
		return err
	})
	b.Run("first", func(b *testing.B) {
		var c jobs.Counts
		for b.Loop() {
			var err error
			if c, err = h.due.Sweep(context.Background(), h.now, true, nil); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(c.Reminders), "reminders/op")
		b.ReportMetric(float64(len(places)), "places/op")
	})
	h.sweep()
	b.Run("again", func(b *testing.B) {
		for b.Loop() {
			if c := h.sweep(); c != (jobs.Counts{}) {
				b.Fatalf("a repeated sweep queued %+v", c)
			}
		}
	})
}

// bigCollege imports 1,000 courses of ten sessions each, one session
// starting every 14.7 minutes from base, and books 4,000 students on five
// courses each.
func bigCollege(h *harness, base time.Time) {
	const courses, sessions, students = 1000, 10, 4000
	step := 50 * 49 * time.Hour / (courses * sessions)
	var p college.Prospectus
	for c := range courses {
		var ss []college.SessionSpec
		for k := range sessions {
			start := base.Add(time.Duration(c+courses*k) * step)
			ss = append(ss, college.SessionSpec{Start: start, End: start.Add(time.Hour), Venue: library()})
		}
		p.Courses = append(p.Courses, course(fmt.Sprintf("C%d", c), 20, ss))
	}
	h.importTerm(p)
	ids := map[string]int64{}
	h.update(func(tx college.Tx) error {
		for c := range courses {
			got, err := tx.Course(fmt.Sprintf("C%d", c))
			if err != nil {
				return err
			}
			ids[got.Code] = got.ID
		}
		return nil
	})
	for batch := range students / 500 {
		h.update(func(tx college.Tx) error {
			for i := batch * 500; i < (batch+1)*500; i++ {
				st, _, err := tx.CreateStudent(college.SMS, fmt.Sprintf("+4477008%05d", i), "en")
				if err != nil {
					return err
				}
				for k := range 5 {
					if _, err := tx.Enrol(st.ID, ids[fmt.Sprintf("C%d", (i+800*k)%courses)], college.Booked); err != nil {
						return err
					}
				}
			}
			return nil
		})
	}
}
