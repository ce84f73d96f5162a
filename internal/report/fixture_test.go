package report_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/sqlite"
)

// london is the college's time zone. The fixture term runs in winter, when
// it is UTC.
var london = mustLoad("Europe/London")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// day returns a time in 2026 (month 0 is December 2025).
func day(month, d, hour int) time.Time {
	if month == 0 {
		return time.Date(2025, 12, d, hour, 0, 0, 0, london)
	}
	return time.Date(2026, time.Month(month), d, hour, 0, 0, 0, london)
}

// builder writes a fixture college through the store's own methods, each
// at a time the test sets.
type builder struct {
	t        *testing.T
	db       *sqlite.DB
	now      time.Time
	students map[string]int64 // by letter
	sent     int              // messages queued, for unique keys and addresses
}

func newBuilder(t *testing.T) *builder {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "college.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	b := &builder{t: t, db: db, students: map[string]int64{}}
	db.Now = func() time.Time { return b.now }
	return b
}

// update runs fn at a time.
func (b *builder) update(at time.Time, fn func(college.Tx) error) {
	b.t.Helper()
	b.now = at
	if err := b.db.Update(context.Background(), fn); err != nil {
		b.t.Fatal(err)
	}
}

// meetings returns weekly sessions of two hours from a first one.
func meetings(first time.Time, n int) []college.SessionSpec {
	var ss []college.SessionSpec
	for i := range n {
		s := first.AddDate(0, 0, 7*i)
		ss = append(ss, college.SessionSpec{Start: s, End: s.Add(2 * time.Hour),
			Venue: &college.Venue{Name: "Calder Library", Postcode: "WF1 2DD"}})
	}
	return ss
}

// course is a course spec of the fixture.
func course(code, title, topic, term, partner string, sessions []college.SessionSpec) college.CourseSpec {
	return college.CourseSpec{Course: college.Course{Code: code, Title: title, Topic: topic,
		Mode: college.InPerson, Capacity: 10, Term: term, Partner: partner}, Sessions: sessions}
}

// prospectus is the fixture's: three Spring 2026 courses (SLP with a third
// session that a later import cancels, cut) and one in Summer 2026.
func prospectus(cut bool) college.Prospectus {
	slp := meetings(day(2, 2, 18), 3)
	if cut {
		slp = slp[:2]
	}
	return college.Prospectus{
		Partners: []college.Partner{{Name: "Calder NHS Trust", Kind: "NHS"}},
		Courses: []college.CourseSpec{
			course("ANX", "Understanding anxiety", "Mental health", "Spring 2026", "Calder NHS Trust", meetings(day(1, 12, 10), 3)),
			course("SLP", "Better sleep", "Mental health", "Spring 2026", "", slp),
			course("WALK", "Walking for wellbeing", "Physical health", "Spring 2026", "Calderbrook Harriers", meetings(day(3, 2, 14), 4)),
			course("ART", "Drawing for calm", "Skills", "Summer 2026", "", meetings(day(4, 20, 10), 2)),
		},
	}
}

func (b *builder) importProspectus(at time.Time, cut bool) {
	b.t.Helper()
	b.now = at
	if _, err := b.db.ImportProspectus(context.Background(), prospectus(cut), nil); err != nil {
		b.t.Fatal(err)
	}
}

// answer is an answer given; skipped and unasked are the others.
func answer(v string) college.Answer { return college.Answer{Asked: true, Value: v} }

var (
	skipped = college.Answer{Asked: true}
	unasked = college.Answer{}
)

// student creates a student at a time, registered (consent given) unless
// registered is false, last active then.
func (b *builder) student(letter string, created time.Time, registered bool, heard, describes, district college.Answer) {
	b.update(created, func(tx college.Tx) error {
		s, _, err := tx.CreateStudent(college.SMS, "+4477009001"+fmt.Sprint(len(b.students)+10), "en")
		if err != nil {
			return err
		}
		s.FirstName, s.Heard, s.Describes, s.District = "Student "+letter, heard, describes, district
		if registered {
			s.ConsentAt = &created
		}
		b.students[letter] = s.ID
		return tx.SaveStudent(s)
	})
}

// activeAt records that a student last messaged the college at a time.
func (b *builder) activeAt(letter string, at time.Time) {
	b.update(at, func(tx college.Tx) error {
		s, err := tx.Student(b.students[letter])
		if err != nil {
			return err
		}
		s.LastActive = at
		return tx.SaveStudent(s)
	})
}

// enrol puts a student on a course in a status.
func (b *builder) enrol(code, letter string, status college.EnrolmentStatus, at time.Time) college.Enrolment {
	var e college.Enrolment
	b.update(at, func(tx college.Tx) error {
		c, err := tx.Course(code)
		if err == nil {
			e, err = tx.Enrol(b.students[letter], c.ID, status)
		}
		return err
	})
	return e
}

// setStatus moves an enrolment on.
func (b *builder) setStatus(e college.Enrolment, status college.EnrolmentStatus, at time.Time) college.Enrolment {
	e.Status, e.OfferExpires = status, nil
	if status == college.Offered {
		exp := at.Add(24 * time.Hour)
		e.OfferExpires = &exp
	}
	b.update(at, func(tx college.Tx) error { return tx.SetEnrolment(e) })
	return e
}

// offer takes a student from a course's waiting list to an offered place,
// queuing the offer as the conversation does (key offer:<enrolment>:<unix>),
// then books it if taken, else drops it.
func (b *builder) offer(code, letter string, at time.Time, taken bool) {
	e := b.enrol(code, letter, college.Waiting, at.Add(-24*time.Hour))
	e = b.setStatus(e, college.Offered, at)
	b.update(at, func(tx college.Tx) error {
		return tx.Enqueue(college.Outgoing{Key: fmt.Sprintf("offer:%d:%d", e.ID, at.Unix()),
			StudentID: e.StudentID, Channel: college.SMS, Address: "+447700900999", Kind: college.KindService,
			Reply: college.Reply{Text: "A place is free"}, NotBefore: at})
	})
	next := college.Dropped
	if taken {
		next = college.Booked
	}
	b.setStatus(e, next, at.Add(time.Hour))
}

// marks records a student's register marks at a course's sessions in
// order: a attended, x absent, p apologies, - none.
func (b *builder) marks(code, letter, marks string) {
	b.update(day(4, 30, 9), func(tx college.Tx) error {
		c, err := tx.Course(code)
		if err != nil {
			return err
		}
		ss, err := tx.Sessions(c.ID)
		if err != nil {
			return err
		}
		status := map[rune]string{'a': college.Attended, 'x': college.Absent, 'p': college.Apologies}
		for i, m := range []rune(marks) {
			if m != '-' {
				if err := tx.SetAttendance(ss[i].ID, b.students[letter], status[m]); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// score records a student's Friends and Family Test answer about a course
// (0: asked, not answered).
func (b *builder) score(code, letter string, score int) {
	b.update(day(4, 30, 10), func(tx college.Tx) error {
		c, err := tx.Course(code)
		if err != nil {
			return err
		}
		return tx.SaveFeedback(college.Feedback{StudentID: b.students[letter], CourseID: c.ID, Score: score})
	})
}

// message queues a message at a time and takes it to a status: "sent",
// "delivered", "failed" or "pending"; edit makes it an edit in place.
func (b *builder) message(ch college.Channel, segments int, at time.Time, status string, edit bool) {
	b.t.Helper()
	b.sent++
	addr := fmt.Sprintf("+4477009002%02d", b.sent)
	o := college.Outgoing{Key: fmt.Sprintf("test:%d", b.sent), Channel: ch, Address: addr,
		Kind: college.KindReply, Reply: college.Reply{Text: "hello"}, Segments: segments, NotBefore: at}
	if edit {
		o.Edit = "42"
	}
	b.update(at, func(tx college.Tx) error { return tx.Enqueue(o) })
	if status == "pending" {
		return
	}
	ctx := context.Background()
	qs, err := b.db.Claim(ctx, college.ClaimFilter{Channel: ch, Address: addr})
	if err != nil || len(qs) != 1 {
		b.t.Fatalf("claiming message to %s: %v (%d claimed)", addr, err, len(qs))
	}
	switch status {
	case "failed":
		err = b.db.MarkFailed(ctx, qs[0].ID, "test")
	case "sent", "delivered":
		err = b.db.MarkSent(ctx, qs[0].ID, college.Receipt{ProviderID: addr, Segments: segments})
		if err == nil && status == "delivered" {
			err = b.db.UpdateDelivery(ctx, qs[0].ID, college.Delivery{Status: "delivered"})
		}
	}
	if err != nil {
		b.t.Fatal(err)
	}
}

// erase erases a student, as DELETE ME does.
func (b *builder) erase(letter string) {
	b.update(day(4, 30, 11), func(tx college.Tx) error { return tx.EraseStudent(b.students[letter]) })
}
