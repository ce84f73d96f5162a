package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"collegebot/internal/college"
)

// inOffice runs fn in an office transaction and fails the test on an error.
func (d *TestDB) inOffice(tb testing.TB, fn func(college.OfficeTx) error) {
	tb.Helper()
	if err := d.Office(context.Background(), fn); err != nil {
		tb.Fatalf("Office: %v", err)
	}
}

// sessionOf returns a course's session by its number.
func sessionOf(t *testing.T, db *TestDB, code string, n int) college.Session {
	t.Helper()
	var s college.Session
	db.MustUpdate(t, func(tx college.Tx) error {
		ss, err := tx.Sessions(db.MustCourse(t, code).ID)
		if err == nil {
			s = ss[n-1]
		}
		return err
	})
	return s
}

// reminderRow queues a reminder about a session, as the due sweep would.
func reminderRow(key string, studentID, sessionID int64) college.Outgoing {
	o := message(key, studentID, "+447700900001", college.Routine, start())
	o.Kind, o.SessionID = college.KindService, sessionID
	return o
}

func TestMoveSessionCancelsRemindersNotYetSent(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	st := db.MustStudent(t, "+447700900001")
	s := sessionOf(t, db, "ANX1", 2)
	pending := fmt.Sprintf("reminder:1:%d:day:%d", s.ID, s.Start.Unix())
	db.MustUpdate(t, func(tx college.Tx) error {
		return enqueueAll(tx, reminderRow(pending, st.ID, s.ID), reminderRow("reminder:sent", st.ID, s.ID),
			reminderRow("feedback:other", st.ID, s.ID))
	})
	db.Raw(t).Exec(`UPDATE outbox SET status = 'sent' WHERE purpose = 'reminder:sent'`)

	var moved college.Session
	db.inOffice(t, func(tx college.OfficeTx) (err error) {
		moved, err = tx.MoveSession(s.ID, college.SessionMove{Start: at(9, 11, 0), End: at(9, 13, 0), OnlineURL: "https://meet.example/anx"})
		return err
	})
	if moved.Status != college.Moved || !moved.Start.Equal(at(9, 11, 0)) || moved.Venue != nil || moved.OnlineURL == "" {
		t.Errorf("moved session = %+v", moved)
	}
	if got := db.String(t, `SELECT changed_at FROM session WHERE id = ?`, s.ID); got != "2026-03-02 09:00:00" {
		t.Errorf("changed_at = %q", got)
	}
	got := db.String(t, `SELECT group_concat(purpose || ' ' || status, ', ') FROM
		(SELECT purpose, status FROM outbox ORDER BY id)`)
	want := fmt.Sprintf("%s cancelled, reminder:sent sent, feedback:other pending", pending)
	if got != want {
		t.Errorf("outbox:\n got %s\nwant %s", got, want)
	}
}

func TestCancelSessionOnce(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	s := sessionOf(t, db, "SLP", 1)
	db.inOffice(t, func(tx college.OfficeTx) error {
		got, err := tx.CancelSession(s.ID)
		if err == nil && got.Status != college.Cancelled {
			t.Errorf("status = %s", got.Status)
		}
		return err
	})
	err := db.Office(context.Background(), func(tx college.OfficeTx) error {
		_, err := tx.CancelSession(s.ID)
		return err
	})
	if !errors.Is(err, college.ErrNotFound) {
		t.Errorf("second cancel: %v, want ErrNotFound", err)
	}
}

func TestCancelCourseDropsEveryPlaceAndKeepsThePast(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	c := db.MustCourse(t, "ANX1")
	var ids []int64
	for i, st := range []college.EnrolmentStatus{college.Booked, college.Waiting, college.Offered} {
		s := db.MustStudent(t, fmt.Sprintf("+44770090010%d", i))
		enrol(t, db, s.ID, c.ID, st)
		ids = append(ids, s.ID)
	}
	// A reminder of each session, not yet sent: the first's stays.
	var reminders []college.Outgoing
	for n := 1; n <= 3; n++ {
		reminders = append(reminders, reminderRow(fmt.Sprintf("reminder:%d", n), ids[0], sessionOf(t, db, "ANX1", n).ID))
	}
	db.MustUpdate(t, func(tx college.Tx) error { return enqueueAll(tx, reminders...) })
	db.SetNow(at(1, 13, 0)) // after the first session
	var cc college.CourseCancellation
	db.inOffice(t, func(tx college.OfficeTx) (err error) {
		cc, err = tx.CancelCourse(c.ID)
		return err
	})
	if len(cc.Sessions) != 2 || cc.Sessions[0].Seq != 2 || len(cc.Dropped) != 3 || cc.Dropped[1].Status != college.Waiting {
		t.Errorf("cancellation = %d sessions from %d, dropped %+v", len(cc.Sessions), cc.Sessions[0].Seq, cc.Dropped)
	}
	if got := db.String(t, `SELECT group_concat(status, ',') FROM (SELECT status FROM session WHERE course_id = ? ORDER BY seq)`, c.ID); got != "scheduled,cancelled,cancelled" {
		t.Errorf("sessions = %s", got)
	}
	if got := db.String(t, `SELECT group_concat(changed_at IS NOT NULL, ',') FROM (SELECT changed_at
		FROM session WHERE course_id = ? ORDER BY seq)`, c.ID); got != "0,1,1" {
		t.Errorf("sessions changed = %s, want 0,1,1", got)
	}
	if got := db.String(t, `SELECT group_concat(status, ',') FROM (SELECT status FROM outbox
		WHERE purpose LIKE 'reminder:%' ORDER BY purpose)`); got != "pending,cancelled,cancelled" {
		t.Errorf("reminders = %s, want pending,cancelled,cancelled", got)
	}
	if n := db.Int(t, `SELECT count(*) FROM enrolment WHERE course_id = ? AND status = 'dropped'`, c.ID); n != 3 {
		t.Errorf("dropped = %d, want 3", n)
	}
	err := db.Office(context.Background(), func(tx college.OfficeTx) error {
		off, err := tx.CourseCancelled(c.ID)
		if !off {
			t.Error("CourseCancelled = false")
		}
		if err == nil {
			_, err = tx.CancelCourse(c.ID)
		}
		return err
	})
	if !errors.Is(err, college.ErrConflict) {
		t.Errorf("second cancel: %v, want ErrConflict", err)
	}
}

func TestVenuesAddAndList(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	db.inOffice(t, func(tx college.OfficeTx) error {
		_, err := tx.AddVenue(college.Venue{Name: "Town Hall", Postcode: "WF1 1AA"})
		return err
	})
	err := db.Office(context.Background(), func(tx college.OfficeTx) error {
		vs, err := tx.Venues()
		if len(vs) != 3 || vs[2].Name != "Town Hall" || vs[2].ID == 0 {
			t.Errorf("venues = %+v", vs)
		}
		if err == nil {
			_, err = tx.AddVenue(college.Venue{Name: "Town Hall", Postcode: "WF1 1AA"})
		}
		return err
	})
	if !errors.Is(err, college.ErrConflict) {
		t.Errorf("adding it again: %v, want ErrConflict", err)
	}
}

func TestImportMoveRecordsTheChangeAndCancelsReminders(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	s := sessionOf(t, db, "WALK", 2)
	st := db.MustStudent(t, "+447700900001")
	key := fmt.Sprintf("reminder:1:%d:soon:%d", s.ID, s.Start.Unix())
	db.MustUpdate(t, func(tx college.Tx) error { return tx.Enqueue(reminderRow(key, st.ID, s.ID)) })
	p := fixture()
	p.Courses[2].Sessions[1] = meeting(9, 14, park())
	db.MustImport(t, p, nil)
	if got := db.String(t, `SELECT changed_at FROM session WHERE id = ?`, s.ID); got == "" {
		t.Error("changed_at not set by the import")
	}
	if got := db.String(t, `SELECT status FROM outbox WHERE session_id = ?`, s.ID); got != "cancelled" {
		t.Errorf("reminder is %s, want cancelled", got)
	}
}
