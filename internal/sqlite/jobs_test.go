package sqlite_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
)

// jobsSeed is the fixture with students in every state: who is who.
type jobsSeed struct {
	booked, waiting, walker, dropped, old int64 // student ids
	bookedAt                              time.Time
}

// seedJobs imports the fixture and enrols: booked on ANX1 (a day after the
// clock's start), waiting on ANX1, booked on WALK, dropped from ANX1, and
// booked on the course that is over.
func seedJobs(t *testing.T, db *TestDB) jobsSeed {
	t.Helper()
	db.MustImport(t, fixture(), nil)
	anx, walk, old := db.MustCourse(t, "ANX1").ID, db.MustCourse(t, "WALK").ID, db.MustCourse(t, "OLD").ID
	var s jobsSeed
	s.walker = db.MustStudent(t, "+447700900201").ID
	enrol(t, db, s.walker, walk, college.Booked)
	s.waiting = db.MustStudent(t, "+447700900202").ID
	s.dropped = db.MustStudent(t, "+447700900203").ID
	dropped(t, db, s.dropped, anx)
	s.old = db.MustStudent(t, "+447700900204").ID
	enrol(t, db, s.old, old, college.Booked)
	s.booked = db.MustStudent(t, "+447700900205").ID
	s.bookedAt = start().Add(time.Hour)
	db.SetNow(s.bookedAt)
	enrol(t, db, s.booked, anx, college.Booked)
	enrol(t, db, s.waiting, anx, college.Waiting)
	db.SetNow(start())
	return s
}

// bookings describes bookings as "CODE#seq:student", in order.
func bookings(bs []college.Booking) string {
	var out []string
	for _, b := range bs {
		out = append(out, fmt.Sprintf("%s#%d:%d", b.Course.Code, b.Session.Seq, b.Enrolment.StudentID))
	}
	return strings.Join(out, " ")
}

// mustBookings runs one of the booking queries over [from, to).
func mustBookings(t *testing.T, db *TestDB, q func(college.Tx, time.Time, time.Time) ([]college.Booking, error),
	from, to time.Time) []college.Booking {
	t.Helper()
	var bs []college.Booking
	db.MustUpdate(t, func(tx college.Tx) (err error) {
		bs, err = q(tx, from, to)
		return err
	})
	return bs
}

func TestBookingsAreBookedPlacesAtLiveSessions(t *testing.T) {
	db := MustOpenDB(t)
	s := seedJobs(t, db)
	got := mustBookings(t, db, college.Tx.Bookings, at(1, 0, 0), at(9, 0, 0))
	want := fmt.Sprintf("ANX1#1:%d WALK#1:%d ANX1#2:%d WALK#2:%d", s.booked, s.walker, s.booked, s.walker)
	if bookings(got) != want {
		t.Fatalf("Bookings = %s\nwant       %s", bookings(got), want)
	}
	b := got[0]
	if b.Course.Title != "Understanding anxiety" || b.Session.Venue == nil || b.Session.Venue.Postcode != "WF1 2DD" ||
		!b.Session.Start.Equal(at(1, 10, 0)) || !b.BookedAt.Equal(s.bookedAt) || b.Enrolment.Status != college.Booked {
		t.Errorf("first booking = %+v (venue %+v)", b, b.Session.Venue)
	}
	// [from, to): a session starting at to is the next window's.
	if got := mustBookings(t, db, college.Tx.Bookings, at(1, 10, 1), at(1, 14, 0)); len(got) != 0 {
		t.Errorf("Bookings between sessions = %s", bookings(got))
	}
	if got := mustBookings(t, db, college.Tx.Bookings, at(1, 10, 0), at(1, 10, 1)); bookings(got) != fmt.Sprintf("ANX1#1:%d", s.booked) {
		t.Errorf("Bookings from a session's start = %s", bookings(got))
	}

	// A cancelled session, and a cancelled course, have none.
	p := fixture()
	p.Courses[0].Sessions = p.Courses[0].Sessions[:1]
	db.MustImport(t, p, nil)
	if _, err := db.Raw(t).Exec(`UPDATE course SET status = 'cancelled' WHERE code = 'WALK'`); err != nil {
		t.Fatal(err)
	}
	got = mustBookings(t, db, college.Tx.Bookings, at(1, 0, 0), at(16, 0, 0))
	if want := fmt.Sprintf("ANX1#1:%d", s.booked); bookings(got) != want {
		t.Errorf("Bookings after cancelling = %s, want %s", bookings(got), want)
	}
}

func TestFinishedIsTheLastLiveSessionOfACourse(t *testing.T) {
	db := MustOpenDB(t)
	s := seedJobs(t, db)
	if got := mustBookings(t, db, college.Tx.Finished, at(-8, 0, 0), at(-6, 0, 0)); bookings(got) != fmt.Sprintf("OLD#1:%d", s.old) {
		t.Errorf("Finished last week = %s", bookings(got))
	}
	// ANX1's second session is not its last...
	if got := mustBookings(t, db, college.Tx.Finished, at(8, 0, 0), at(9, 0, 0)); bookings(got) != fmt.Sprintf("WALK#2:%d", s.walker) {
		t.Errorf("Finished on day 8 = %s", bookings(got))
	}
	// ...until the third is cancelled. A completed place counts too.
	p := fixture()
	p.Courses[0].Sessions = p.Courses[0].Sessions[:2]
	db.MustImport(t, p, nil)
	db.MustUpdate(t, func(tx college.Tx) error {
		e, err := tx.Enrolment(s.booked, db.MustCourse(t, "ANX1").ID)
		e.Status = college.Completed
		return cmpErr(err, tx.SetEnrolment(e))
	})
	got := mustBookings(t, db, college.Tx.Finished, at(8, 0, 0), at(9, 0, 0))
	if want := fmt.Sprintf("ANX1#2:%d WALK#2:%d", s.booked, s.walker); bookings(got) != want {
		t.Errorf("Finished after cancelling = %s, want %s", bookings(got), want)
	}
	// [from, to) by the session's end: ANX1#2 ends at 12:00.
	if got := mustBookings(t, db, college.Tx.Finished, at(8, 12, 0), at(8, 13, 0)); bookings(got) != fmt.Sprintf("ANX1#2:%d", s.booked) {
		t.Errorf("Finished from its end = %s", bookings(got))
	}
	if got := mustBookings(t, db, college.Tx.Finished, at(8, 0, 0), at(8, 12, 0)); len(got) != 0 {
		t.Errorf("Finished before its end = %s", bookings(got))
	}
}

func TestAbsencesAreBookedStudentsMarkedAbsent(t *testing.T) {
	db := MustOpenDB(t)
	s := seedJobs(t, db)
	anx1 := int64(db.Int(t, `SELECT s.id FROM session s JOIN course c ON c.id = s.course_id WHERE code = 'ANX1' AND seq = 1`))
	walk1 := int64(db.Int(t, `SELECT s.id FROM session s JOIN course c ON c.id = s.course_id WHERE code = 'WALK' AND seq = 1`))
	attended := db.MustStudent(t, "+447700900206").ID
	enrol(t, db, attended, db.MustCourse(t, "ANX1").ID, college.Booked)
	db.MustUpdate(t, func(tx college.Tx) error {
		return cmpErr(tx.SetAttendance(anx1, s.booked, college.Absent),
			tx.SetAttendance(anx1, attended, college.Attended),
			tx.SetAttendance(walk1, s.walker, college.Apologies),
			tx.SetAttendance(walk1, s.walker, college.Absent), // apologies stand
			tx.SetAttendance(anx1, s.dropped, college.Absent)) // not booked
	})
	got := mustBookings(t, db, college.Tx.Absences, at(1, 0, 0), at(2, 0, 0))
	if want := fmt.Sprintf("ANX1#1:%d", s.booked); bookings(got) != want {
		t.Errorf("Absences = %s, want %s", bookings(got), want)
	}
	if got := mustBookings(t, db, college.Tx.Absences, at(1, 12, 1), at(2, 0, 0)); len(got) != 0 {
		t.Errorf("Absences at sessions ending before from = %s", bookings(got))
	}
	// Attended after all.
	db.MustUpdate(t, func(tx college.Tx) error { return tx.SetAttendance(anx1, s.booked, college.Attended) })
	if got := mustBookings(t, db, college.Tx.Absences, at(1, 0, 0), at(2, 0, 0)); len(got) != 0 {
		t.Errorf("Absences after marking attended = %s", bookings(got))
	}
}

func TestExpiredOffersHaveLapsedByNow(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	slp := db.MustCourse(t, "SLP").ID
	var ids []int64
	for i, expires := range []time.Duration{-time.Hour, 0, time.Second, -2 * time.Hour} {
		e := enrol(t, db, db.MustStudent(t, fmt.Sprintf("+4477009003%02d", i)).ID, slp, college.Waiting)
		exp := start().Add(expires)
		e.Status, e.OfferExpires = college.Offered, &exp
		db.MustUpdate(t, func(tx college.Tx) error { return tx.SetEnrolment(e) })
		ids = append(ids, e.ID)
	}
	var got []int64
	db.MustUpdate(t, func(tx college.Tx) error {
		es, err := tx.ExpiredOffers()
		for _, e := range es {
			got = append(got, e.ID)
		}
		return err
	})
	if want := []int64{ids[3], ids[0], ids[1]}; !reflect.DeepEqual(got, want) {
		t.Errorf("ExpiredOffers = %v, want %v (longest lapsed first, one lapsing now included)", got, want)
	}
}

func TestRemindedListsDayBeforeRemindersSince(t *testing.T) {
	db := MustOpenDB(t)
	s := seedJobs(t, db)
	other := s.walker
	ss := sessionIDs(t, db)
	db.SetNow(at(0, 10, 0))
	remind := func(key string, student, session int64) college.Outgoing {
		o := message(key, student, "+447700900299", college.Routine, time.Time{})
		o.SessionID = session
		return o
	}
	db.MustUpdate(t, func(tx college.Tx) error {
		return enqueueAll(tx,
			remind("reminder:1:1:day:1", s.booked, ss["ANX1#1"]),
			remind("reminder:1:2:soon:1", s.booked, ss["SLP#1"]), // not a day-before reminder
			remind("change:1:3", s.booked, ss["ANX1#3"]),         // not a reminder
			remind("reminder:2:4:day:1", other, ss["WALK#1"]),    // someone else's
			remind("reminder:1:5:day:1", s.booked, ss["OLD#1"]))  // a session over
	})
	db.SetNow(at(0, 11, 0))
	db.MustUpdate(t, func(tx college.Tx) error {
		return enqueueAll(tx, remind("reminder:1:9:day:2", s.booked, ss["ANX1#2"]))
	})
	reminded := func(since time.Time) []int64 {
		var ids []int64
		db.MustUpdate(t, func(tx college.Tx) error {
			got, err := tx.Reminded(s.booked, since)
			for _, g := range got {
				ids = append(ids, g.ID)
			}
			return err
		})
		return ids
	}
	if got, want := reminded(at(0, 10, 0)), []int64{ss["ANX1#1"], ss["ANX1#2"]}; !reflect.DeepEqual(got, want) {
		t.Errorf("Reminded since 10:00 = %v, want %v", got, want)
	}
	if got, want := reminded(at(0, 10, 30)), []int64{ss["ANX1#2"]}; !reflect.DeepEqual(got, want) {
		t.Errorf("Reminded since 10:30 = %v, want %v", got, want)
	}
	db.SetNow(at(1, 10, 0)) // ANX1#1 has started
	if got, want := reminded(at(0, 0, 0)), []int64{ss["ANX1#2"]}; !reflect.DeepEqual(got, want) {
		t.Errorf("Reminded once the first has started = %v, want %v", got, want)
	}
	// Cancelled (the student opted out, say): not reminded after all.
	if _, err := db.Raw(t).Exec(`UPDATE outbox SET status = 'cancelled' WHERE student_id = ?`, s.booked); err != nil {
		t.Fatal(err)
	}
	if got := reminded(at(0, 0, 0)); len(got) != 0 {
		t.Errorf("Reminded by cancelled messages = %v", got)
	}
}

func TestEnqueueKeepsTheSessionAndQueuedFindsTheKey(t *testing.T) {
	db := MustOpenDB(t)
	s := seedJobs(t, db)
	ss := sessionIDs(t, db)
	o := message("reminder:1:1:day:1", s.booked, "+447700900205", college.Routine, time.Time{})
	o.SessionID = ss["ANX1#1"]
	var before, after bool
	db.MustUpdate(t, func(tx college.Tx) (err error) {
		q := tx.(interface{ Queued(string) (bool, error) })
		before, _ = q.Queued(o.Key)
		if err := tx.Enqueue(o); err != nil {
			return err
		}
		after, err = q.Queued(o.Key)
		return err
	})
	if before || !after {
		t.Errorf("Queued before, after = %v, %v; want false, true", before, after)
	}
	got := claim(t, db, college.ClaimFilter{Channel: college.SMS})
	if len(got) != 1 || got[0].SessionID != ss["ANX1#1"] {
		t.Errorf("claimed %+v, want session %d", got, ss["ANX1#1"])
	}
	if r := outboxRow(t, db, got[0].ID); r.SessionID != ss["ANX1#1"] {
		t.Errorf("Outbox row's session = %d", r.SessionID)
	}
	o.Key, o.SessionID = "reply:1", 0
	db.MustUpdate(t, func(tx college.Tx) error { return tx.Enqueue(o) })
	if n := db.Int(t, `SELECT count(*) FROM outbox WHERE purpose = 'reply:1' AND session_id IS NULL`); n != 1 {
		t.Errorf("a message about no session: %d rows with NULL session", n)
	}
}

// sessionIDs maps "CODE#seq" to session ids.
func sessionIDs(t *testing.T, db *TestDB) map[string]int64 {
	t.Helper()
	rows, err := db.Raw(t).Query(`SELECT c.code || '#' || s.seq, s.id FROM session s JOIN course c ON c.id = s.course_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	ids := map[string]int64{}
	for rows.Next() {
		var k string
		var id int64
		if err := rows.Scan(&k, &id); err != nil {
			t.Fatal(err)
		}
		ids[k] = id
	}
	return ids
}

// cmpErr returns the first error that is not nil.
func cmpErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
