package sqlite_test

import (
	"fmt"
	"strings"
	"testing"

	"collegebot/internal/college"
)

// named makes a registered student with a first name, booked on a course.
func named(t *testing.T, db *TestDB, addr, name string, courseID int64) college.Student {
	t.Helper()
	s := db.MustStudent(t, addr)
	db.MustUpdate(t, func(tx college.Tx) error {
		s.FirstName = name
		return tx.SaveStudent(s)
	})
	enrol(t, db, s.ID, courseID, college.Booked)
	return s
}

// registerOf reads a session's register as "name:status" words.
func registerOf(t *testing.T, db *TestDB, sessionID int64) string {
	t.Helper()
	var words []string
	db.inOffice(t, func(tx college.OfficeTx) error {
		r, err := tx.SessionRegister(sessionID)
		for _, l := range r.Students {
			words = append(words, fmt.Sprintf("%s:%s", l.FirstName, l.Status))
		}
		return err
	})
	return strings.Join(words, " ")
}

func TestSessionRegisterListsWhoWasBookedByName(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	c := db.MustCourse(t, "ANX1")
	s1, s2 := sessionOf(t, db, "ANX1", 1), sessionOf(t, db, "ANX1", 2)
	zoe := named(t, db, "+447700900001", "zoe", c.ID)
	named(t, db, "+447700900002", "Ann", c.ID)
	gone := named(t, db, "+447700900003", "Gone", c.ID)
	dropped := named(t, db, "+447700900004", "Dee", c.ID)
	db.MustUpdate(t, func(tx college.Tx) error {
		for _, err := range []error{
			tx.SetAttendance(s1.ID, zoe.ID, college.Attended),
			tx.SetAttendance(s1.ID, dropped.ID, college.Attended),
			tx.SetAttendance(s1.ID, gone.ID, college.Absent),
			tx.EraseStudent(gone.ID),
		} {
			if err != nil {
				return err
			}
		}
		e, err := tx.Enrolment(dropped.ID, c.ID)
		e.Status = college.Dropped
		if err == nil {
			err = tx.SetEnrolment(e)
		}
		return err
	})
	db.SetNow(at(3, 9, 0)) // after session 1: a late booking is not on its register
	named(t, db, "+447700900005", "Late", c.ID)

	if got, want := registerOf(t, db, s1.ID), "Ann: Dee:attended zoe:attended :absent"; got != want {
		t.Errorf("session 1 register:\n got %s\nwant %s", got, want)
	}
	if got, want := registerOf(t, db, s2.ID), "Ann: Late: zoe: :"; got != want {
		t.Errorf("session 2 register:\n got %s\nwant %s", got, want)
	}
}

func TestCourseAttendanceCountsLiveSessionsAttended(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	c := db.MustCourse(t, "ANX1")
	ann := named(t, db, "+447700900001", "Ann", c.ID)
	bob := named(t, db, "+447700900002", "Bob", c.ID)
	ss := []college.Session{sessionOf(t, db, "ANX1", 1), sessionOf(t, db, "ANX1", 2), sessionOf(t, db, "ANX1", 3)}
	db.MustUpdate(t, func(tx college.Tx) error {
		for _, err := range []error{
			tx.SetAttendance(ss[0].ID, ann.ID, college.Attended),
			tx.SetAttendance(ss[1].ID, ann.ID, college.Attended),
			tx.SetAttendance(ss[2].ID, ann.ID, college.Attended),
			tx.SetAttendance(ss[0].ID, bob.ID, college.Apologies),
			tx.SetAttendance(ss[1].ID, bob.ID, college.Attended),
		} {
			if err != nil {
				return err
			}
		}
		return nil
	})
	db.inOffice(t, func(tx college.OfficeTx) error {
		_, err := tx.CancelSession(ss[2].ID) // a cancelled session does not count
		return err
	})
	var got []string
	db.inOffice(t, func(tx college.OfficeTx) error {
		as, err := tx.CourseAttendance(c.ID)
		for _, a := range as {
			got = append(got, fmt.Sprintf("%s=%d", a.FirstName, a.Attended))
		}
		return err
	})
	if strings.Join(got, " ") != "Ann=2 Bob=1" {
		t.Errorf("attendance = %v, want Ann=2 Bob=1", got)
	}
}
