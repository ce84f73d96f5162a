package sqlite_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"collegebot/internal/college"
)

func TestFeedbackIsAskedThenAnsweredInParts(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	st := db.MustStudent(t, "+447700900400").ID
	anx, slp := db.MustCourse(t, "ANX1").ID, db.MustCourse(t, "SLP").ID
	read := func(course int64) (f college.Feedback, err error) {
		err = db.Update(context.Background(), func(tx college.Tx) (err error) {
			f, err = tx.Feedback(st, course)
			return err
		})
		return f, err
	}
	if _, err := read(anx); !errors.Is(err, college.ErrNotFound) {
		t.Fatalf("Feedback before asking: %v, want ErrNotFound", err)
	}
	if last, ok := lastSurveyed(t, db, st); ok {
		t.Fatalf("LastSurveyed before asking = %v", last)
	}

	asked := start()
	steps := []struct {
		at   time.Duration
		save college.Feedback
	}{
		{0, college.Feedback{StudentID: st, CourseID: anx}},                              // asked, at the tx's time
		{time.Hour, college.Feedback{StudentID: st, CourseID: anx, Score: 2}},            // scored
		{2 * time.Hour, college.Feedback{StudentID: st, CourseID: anx, Comment: "Kind"}}, // commented
		{3 * time.Hour, college.Feedback{StudentID: st, CourseID: anx, Asked: asked.Add(3 * time.Hour)}},
	}
	for _, s := range steps {
		db.SetNow(asked.Add(s.at))
		db.MustUpdate(t, func(tx college.Tx) error { return tx.SaveFeedback(s.save) })
	}
	f, err := read(anx)
	want := college.Feedback{StudentID: st, CourseID: anx, Score: 2, Comment: "Kind", Asked: asked}
	if err != nil || f != want {
		t.Errorf("Feedback = %+v, %v\nwant       %+v", f, err, want)
	}
	if s := db.String(t, `SELECT answered_at FROM feedback WHERE course_id = ?`, anx); s != "2026-03-02 10:00:00" {
		t.Errorf("answered_at = %s, want when the score came", s)
	}

	db.SetNow(asked.Add(24 * time.Hour))
	db.MustUpdate(t, func(tx college.Tx) error { return tx.SaveFeedback(college.Feedback{StudentID: st, CourseID: slp}) })
	if last, ok := lastSurveyed(t, db, st); !ok || !last.Equal(asked.Add(24*time.Hour)) {
		t.Errorf("LastSurveyed = %v, %v; want the second survey's time", last, ok)
	}
	if n := db.Int(t, `SELECT count(*) FROM feedback WHERE answered_at IS NULL`); n != 1 {
		t.Errorf("unanswered surveys = %d, want 1", n)
	}
}

func TestSaveFeedbackRefuses(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	st := db.MustStudent(t, "+447700900401").ID
	anx := db.MustCourse(t, "ANX1").ID
	for _, tt := range []struct {
		name string
		f    college.Feedback
		want error
	}{
		{"score 7", college.Feedback{StudentID: st, CourseID: anx, Score: 7}, nil},
		{"no such course", college.Feedback{StudentID: st, CourseID: 9999}, college.ErrNotFound},
	} {
		err := db.Update(context.Background(), func(tx college.Tx) error { return tx.SaveFeedback(tt.f) })
		if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestSetAttendanceUpserts(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	st := db.MustStudent(t, "+447700900402").ID
	ss := sessionIDs(t, db)
	session := ss["ANX1#1"]
	status := func() string {
		return db.String(t, `SELECT status FROM attendance WHERE session_id = ? AND student_id = ?`, session, st)
	}
	for _, step := range []struct{ set, want string }{
		{college.Apologies, "apologies"},
		{college.Absent, "apologies"},  // absent with apologies is not a missed session
		{college.Attended, "attended"}, // came after all
		{college.Absent, "absent"},
		{college.Apologies, "apologies"},
	} {
		db.MustUpdate(t, func(tx college.Tx) error { return tx.SetAttendance(session, st, step.set) })
		if got := status(); got != step.want {
			t.Errorf("after %s: %s, want %s", step.set, got, step.want)
		}
	}
	if n := db.Int(t, `SELECT count(*) FROM attendance`); n != 1 {
		t.Errorf("attendance rows = %d, want 1", n)
	}
	err := db.Update(context.Background(), func(tx college.Tx) error { return tx.SetAttendance(session, st, "late") })
	if err == nil {
		t.Error("SetAttendance accepted status late")
	}
	err = db.Update(context.Background(), func(tx college.Tx) error { return tx.SetAttendance(9999, st, college.Absent) })
	if !errors.Is(err, college.ErrNotFound) {
		t.Errorf("SetAttendance at no session: %v, want ErrNotFound", err)
	}
}

func TestMergeAndEraseKeepFeedbackScores(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	into := db.MustStudent(t, "+447700900403").ID
	from := mustChatStudent(t, db, "5550400").ID
	anx, slp := db.MustCourse(t, "ANX1").ID, db.MustCourse(t, "SLP").ID
	db.MustUpdate(t, func(tx college.Tx) error {
		return cmpErr(
			tx.SaveFeedback(college.Feedback{StudentID: into, CourseID: anx, Score: 1, Comment: "into's"}),
			tx.SaveFeedback(college.Feedback{StudentID: from, CourseID: anx, Score: 5, Comment: "from's"}),
			tx.SaveFeedback(college.Feedback{StudentID: from, CourseID: slp, Score: 3, Comment: "Call me on 07700 900404"}))
	})
	db.MustUpdate(t, func(tx college.Tx) error { return tx.MergeStudent(from, into) })
	if n := db.Int(t, `SELECT count(*) FROM feedback WHERE student_id = ?`, from); n != 0 {
		t.Errorf("surveys left with the merged record: %d", n)
	}
	if s := db.String(t, `SELECT group_concat(score || ':' || comment, ' / ') FROM
		(SELECT * FROM feedback WHERE student_id = ? ORDER BY course_id)`, into); s != "1:into's / 3:Call me on 07700 900404" {
		t.Errorf("into's surveys after merging: %s", s)
	}

	db.MustUpdate(t, func(tx college.Tx) error { return tx.EraseStudent(into) })
	if s := db.String(t, `SELECT group_concat(score || ':' || comment, ' / ') FROM
		(SELECT * FROM feedback WHERE student_id = ? ORDER BY course_id)`, into); s != "1: / 3:" {
		t.Errorf("surveys after erasing: %s, want scores without comments", s)
	}
}

// lastSurveyed returns when a student was last surveyed.
func lastSurveyed(t *testing.T, db *TestDB, studentID int64) (last time.Time, ok bool) {
	t.Helper()
	db.MustUpdate(t, func(tx college.Tx) (err error) {
		last, ok, err = tx.LastSurveyed(studentID)
		return err
	})
	return last, ok
}
