package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"collegebot/internal/college"
)

func TestImportProspectusAddsEverything(t *testing.T) {
	db := MustOpenDB(t)
	res := db.MustImport(t, fixture(), nil)
	if want := (college.ImportResult{CoursesAdded: 4, SessionsAdded: 8}); !reflect.DeepEqual(res, want) {
		t.Errorf("result = %+v, want %+v", res, want)
	}
	anx := db.MustCourse(t, "anx1")
	want := fixture().Courses[0].Course
	want.ID = anx.ID
	if anx != want {
		t.Errorf("Course(anx1) = %+v\nwant            %+v", anx, want)
	}
	db.MustUpdate(t, func(tx college.Tx) error {
		topics, err := tx.Topics()
		if got := fmt.Sprint(topics); got != fmt.Sprintf("[{%d Mental health 1} {%d Physical health 2}]", topics[0].ID, topics[1].ID) {
			t.Errorf("Topics = %s", got)
		}
		return err
	})
	sessions := mustSessions(t, db, anx.ID)
	if len(sessions) != 3 || sessions[1].Seq != 2 || !sessions[1].Start.Equal(at(8, 10, 0)) ||
		sessions[1].Venue == nil || sessions[1].Venue.Postcode != "WF1 2DD" || sessions[1].Status != college.Scheduled {
		t.Errorf("ANX1 sessions = %+v", sessions)
	}
	if slp := mustSessions(t, db, db.MustCourse(t, "SLP").ID); slp[0].Venue != nil || slp[0].OnlineURL == "" {
		t.Errorf("online session = %+v, want a link and no venue", slp[0])
	}
	if got := db.String(t, `SELECT group_concat(name || ':' || kind, ', ') FROM (SELECT * FROM partner ORDER BY name)`); got != "Calder NHS Trust:NHS, Calderbrook Harriers:" {
		t.Errorf("partners = %q", got)
	}
}

func TestImportProspectusTwiceWritesNothing(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	conn, err := db.Raw(t).Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	version := func() (v int) {
		if err := conn.QueryRowContext(context.Background(), `PRAGMA data_version`).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	before := version()
	if res := db.MustImport(t, fixture(), failOnChange(t)); res.Changed() {
		t.Errorf("re-import result = %+v, want zero", res)
	}
	if after := version(); after != before {
		t.Errorf("data_version %d -> %d: the re-import wrote to the file", before, after)
	}
}

func TestImportProspectusUpdatesMovesAndCancels(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	p := fixture()
	anx, slp, walk := &p.Courses[0], &p.Courses[1], &p.Courses[2]
	anx.Sessions[1] = meeting(8, 11, library()) // an hour later
	anx.Sessions = anx.Sessions[:2]             // third row dropped
	slp.Sessions[1].OnlineURL = "https://meet.example/sleep2"
	slp.Sessions = append(slp.Sessions, meeting(16, 18, nil))
	walk.Capacity = 12

	var changes []string
	res := db.MustImport(t, p, func(tx college.Tx, c college.SessionChange) error {
		changes = append(changes, fmt.Sprintf("%s#%d %s->%s %s->%s", c.Course.Code, c.Old.Seq,
			c.Old.Start.Format("02 15:04"), c.New.Start.Format("02 15:04"), c.Old.Status, c.New.Status))
		return tx.Enqueue(message(fmt.Sprintf("change:%d", c.New.ID), 0, "staff", college.Routine, time.Time{}))
	})
	want := college.ImportResult{CoursesUpdated: 1, SessionsAdded: 1, SessionsUpdated: 2, SessionsCancelled: 1}
	if !reflect.DeepEqual(res, want) {
		t.Errorf("result = %+v, want %+v", res, want)
	}
	wantChanges := []string{
		"ANX1#2 10 10:00->10 11:00 scheduled->moved",
		"ANX1#3 17 10:00->17 10:00 scheduled->cancelled",
		"SLP#2 11 18:00->11 18:00 scheduled->scheduled",
	}
	if !reflect.DeepEqual(changes, wantChanges) {
		t.Errorf("changes:\n%q\nwant\n%q", changes, wantChanges)
	}
	if n := db.Int(t, `SELECT count(*) FROM outbox WHERE purpose LIKE 'change:%'`); n != 3 {
		t.Errorf("messages queued by onChange = %d, want 3", n)
	}
	if c := db.MustCourse(t, "WALK"); c.Capacity != 12 {
		t.Errorf("WALK capacity = %d, want 12", c.Capacity)
	}
	if res := db.MustImport(t, p, failOnChange(t)); res.Changed() {
		t.Errorf("importing the update again = %+v, want zero", res)
	}
}

func TestImportProspectusRollsBackWhenOnChangeFails(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	p := fixture()
	p.Courses[0].Sessions[0] = meeting(1, 15, library())
	p.Courses = append(p.Courses, college.CourseSpec{Course: college.Course{Code: "NEW", Title: "New",
		Topic: "Arts", Mode: college.Online, Capacity: 3}})
	boom := errors.New("boom")
	_, err := db.ImportProspectus(ctx, p, func(college.Tx, college.SessionChange) error { return boom })
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if got := db.String(t, `SELECT starts_at FROM session WHERE seq = 1 AND course_id =
		(SELECT id FROM course WHERE code = 'ANX1')`); got != "2026-03-03 10:00:00" {
		t.Errorf("session start after failed import = %q, want unchanged", got)
	}
	if n := db.Int(t, `SELECT count(*) FROM topic`); n != 2 {
		t.Errorf("topics after failed import = %d, want 2", n)
	}
}

// failOnChange is an onChange that fails the test when called.
func failOnChange(t *testing.T) func(college.Tx, college.SessionChange) error {
	return func(_ college.Tx, c college.SessionChange) error {
		t.Errorf("onChange called for %+v", c)
		return nil
	}
}

// mustSessions returns a course's sessions.
func mustSessions(t *testing.T, db *TestDB, courseID int64) []college.Session {
	t.Helper()
	var ss []college.Session
	db.MustUpdate(t, func(tx college.Tx) (err error) {
		ss, err = tx.Sessions(courseID)
		return err
	})
	return ss
}

func TestImportProspectusMatchesTopicsInAnyCase(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	p := fixture()
	p.Courses[1].Topic = " mental HEALTH "
	p.Courses = append(p.Courses,
		college.CourseSpec{Course: college.Course{Code: "ART1", Title: "Drawing", Topic: "Skills",
			Mode: college.Online, Capacity: 8}, Sessions: []college.SessionSpec{meeting(3, 10, nil)}},
		college.CourseSpec{Course: college.Course{Code: "ART2", Title: "Painting", Topic: "skills ",
			Mode: college.Online, Capacity: 8}, Sessions: []college.SessionSpec{meeting(4, 10, nil)}})
	res := db.MustImport(t, p, failOnChange(t))
	if want := (college.ImportResult{CoursesAdded: 2, SessionsAdded: 2}); !reflect.DeepEqual(res, want) {
		t.Errorf("result = %+v, want %+v", res, want)
	}
	if got := db.String(t, `SELECT group_concat(name, '|') FROM (SELECT name FROM topic ORDER BY position)`); got != "Mental health|Physical health|Skills" {
		t.Errorf("topics = %q", got)
	}
	if a, b := db.MustCourse(t, "ART1"), db.MustCourse(t, "ART2"); a.Topic != "Skills" || b.Topic != "Skills" {
		t.Errorf("ART1 topic %q, ART2 topic %q, want both Skills", a.Topic, b.Topic)
	}
	if res := db.MustImport(t, p, failOnChange(t)); res.Changed() {
		t.Errorf("importing again = %+v, want zero", res)
	}
}

func TestImportProspectusWarnsOfCapacityBelowPlacesTaken(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	anx, walk := db.MustCourse(t, "ANX1"), db.MustCourse(t, "WALK")
	for i := range 5 {
		enrol(t, db, db.MustStudent(t, fmt.Sprintf("+4477009001%02d", i)).ID, anx.ID, college.Booked)
	}
	for i, st := range []college.EnrolmentStatus{college.Booked, college.Booked, college.Booked, college.Waiting} {
		e := enrol(t, db, db.MustStudent(t, fmt.Sprintf("+4477009002%02d", i)).ID, walk.ID, st)
		if st == college.Waiting {
			db.MustUpdate(t, func(tx college.Tx) error {
				e.Status = college.Offered
				return tx.SetEnrolment(e)
			})
		}
	}
	p := fixture()
	p.Courses[0].Capacity = 3 // ANX1: 5 booked
	p.Courses[2].Capacity = 2 // WALK: 3 booked, 1 offered
	p.Courses[1].Capacity = 1 // SLP: nobody booked
	res := db.MustImport(t, p, failOnChange(t))
	want := college.ImportResult{CoursesUpdated: 3, Warnings: []string{
		"course ANX1: capacity 3 is below the 5 places already booked; nobody loses a place, but no one new can book until fewer than 3 are booked",
		"course WALK: capacity 2 is below the 4 places already booked or offered; nobody loses a place, but no one new can book until fewer than 2 are booked or offered",
	}}
	if !reflect.DeepEqual(res, want) {
		t.Errorf("result = %+v\nwant     %+v", res, want)
	}
	if n := db.Int(t, `SELECT count(*) FROM enrolment WHERE course_id = ? AND status = 'booked'`, anx.ID); n != 5 {
		t.Errorf("ANX1 bookings after import = %d, want all 5 kept", n)
	}
	late := db.MustStudent(t, "+447700900999")
	err := db.Update(context.Background(), func(tx college.Tx) error {
		_, err := tx.Enrol(late.ID, anx.ID, college.Booked)
		return err
	})
	if !errors.Is(err, college.ErrCourseFull) {
		t.Errorf("a new booking on ANX1: err = %v, want ErrCourseFull", err)
	}
	if res := db.MustImport(t, p, failOnChange(t)); res.Changed() || res.Warnings != nil {
		t.Errorf("importing again = %+v, want zero", res)
	}
}
