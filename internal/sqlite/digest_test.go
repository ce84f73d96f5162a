package sqlite_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"collegebot/internal/college"
)

func TestSessionFigures(t *testing.T) {
	db := MustOpenDB(t)
	seedDigest(t, db)
	figs, err := db.SessionFigures(context.Background(), at(0, 0, 0), at(14, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range figs {
		got = append(got, fmt.Sprintf("%s %s %s b%d o%d w%d a%d", f.Session.Start.Format("Jan 2 15:04"),
			f.Course.Code, f.Session.Status, f.Booked, f.Offered, f.Waiting, f.Apologies))
	}
	want := []string{
		"Mar 3 10:00 ANX1 scheduled b2 o0 w1 a1",
		"Mar 3 14:00 WALK scheduled b1 o0 w0 a0",
		"Mar 4 18:00 SLP scheduled b0 o0 w0 a0",
		"Mar 10 10:00 ANX1 scheduled b2 o0 w1 a0",
		"Mar 10 14:00 WALK cancelled b1 o0 w0 a0",
		"Mar 11 18:00 SLP scheduled b0 o0 w0 a0",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("figures:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestRegisters(t *testing.T) {
	db := MustOpenDB(t)
	seedDigest(t, db)
	// An erased student keeps their place, and comes after the named.
	gone := db.MustStudent(t, "+447700900199")
	enrol(t, db, gone.ID, db.MustCourse(t, "ANX1").ID, college.Booked)
	db.MustUpdate(t, func(tx college.Tx) error { return tx.EraseStudent(gone.ID) })
	regs, err := db.Registers(context.Background(), at(1, 0, 0), at(2, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range regs {
		line := r.Course.Code + " " + r.Session.Start.Format("15:04") + " " + r.Session.Venue.Name + ":"
		for _, s := range r.Students {
			line += " " + s.FirstName + "(" + s.Status + ")"
		}
		got = append(got, line)
	}
	want := "ANX1 10:00 Calderbrook Library: Alex(apologies) robin() ()\nWALK 14:00 Park Cafe: Kim()"
	if strings.Join(got, "\n") != want {
		t.Errorf("registers:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}

	// A cancelled session has no register; one nobody booked has an empty one.
	regs, err = db.Registers(context.Background(), at(8, 0, 0), at(10, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if len(regs) != 2 || regs[0].Course.Code != "ANX1" || regs[1].Course.Code != "SLP" || len(regs[1].Students) != 0 {
		t.Errorf("registers of days 8-9 = %+v", regs)
	}
}

// seedDigest books robin and Alex on ANX1 (Alex sends apologies for the
// first session), puts Sam on its waiting list, books Kim on WALK, drops
// Jo from WALK, and cancels WALK's second session.
func seedDigest(t *testing.T, db *TestDB) {
	t.Helper()
	db.MustImport(t, fixture(), nil)
	anx, walk := db.MustCourse(t, "ANX1"), db.MustCourse(t, "WALK")
	n := 0
	book := func(name string, c college.Course, st college.EnrolmentStatus) (college.Student, college.Enrolment) {
		n++
		s := db.MustStudent(t, fmt.Sprintf("+4477009001%02d", n))
		s.FirstName = name
		db.MustUpdate(t, func(tx college.Tx) error { return tx.SaveStudent(s) })
		return s, enrol(t, db, s.ID, c.ID, st)
	}
	book("robin", anx, college.Booked)
	alex, _ := book("Alex", anx, college.Booked)
	book("Sam", anx, college.Waiting)
	book("Kim", walk, college.Booked)
	_, e := book("Jo", walk, college.Booked)
	e.Status = college.Dropped
	db.MustUpdate(t, func(tx college.Tx) error {
		if err := tx.SetEnrolment(e); err != nil {
			return err
		}
		ss, err := tx.Sessions(anx.ID)
		if err != nil {
			return err
		}
		return tx.SetAttendance(ss[0].ID, alex.ID, college.Apologies)
	})
	p := fixture()
	p.Courses[2].Sessions = p.Courses[2].Sessions[:1]
	db.MustImport(t, p, func(college.Tx, college.SessionChange) error { return nil })
}
