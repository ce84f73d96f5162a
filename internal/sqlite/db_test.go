package sqlite_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/sqlite"
)

func TestOpenMigratesFreshFileAndReopens(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	if has, err := db.HasProspectus(ctx); err != nil || has {
		t.Fatalf("fresh HasProspectus = %v, %v; want false", has, err)
	}
	files, _ := filepath.Glob("migrations/*.sql")
	if got := db.Int(t, `SELECT max(version_id) FROM goose_db_version`); got != len(files) || got == 0 {
		t.Errorf("schema version = %d, want %d, one per migration file", got, len(files))
	}
	if got := db.String(t, `PRAGMA journal_mode`); got != "wal" {
		t.Errorf("journal_mode = %q, want wal", got)
	}
	db.MustImport(t, fixture(), nil)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	again, err := sqlite.Open(ctx, db.Path)
	if err != nil {
		t.Fatalf("reopening: %v", err)
	}
	db.DB = again // closed when the test ends
	st, err := again.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := (sqlite.Stats{Courses: 4, Sessions: 8}); st != want {
		t.Errorf("Stats after reopen = %+v, want %+v", st, want)
	}
}

func TestCapacityTriggerRefusesWritesThatBypassEnrol(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	course := db.MustCourse(t, "ANX1") // 5 places
	raw := db.Raw(t)
	insert := `INSERT INTO enrolment (student_id, course_id, status, waiting_since, created_at, updated_at)
		VALUES (?, ?, ?, '2026-03-02 09:00:00', '2026-03-02 09:00:00', '2026-03-02 09:00:00')`
	for i := range 5 {
		s := db.MustStudent(t, "+4477000000"+string(rune('0'+i)))
		if _, err := raw.Exec(insert, s.ID, course.ID, "booked"); err != nil {
			t.Fatalf("booking %d of 5: %v", i+1, err)
		}
	}
	sixth := db.MustStudent(t, "+447700000099")
	_, err := raw.Exec(insert, sixth.ID, course.ID, "offered")
	if err == nil || !strings.Contains(err.Error(), "course full") {
		t.Fatalf("sixth place: err = %v, want course full", err)
	}
	if _, err := raw.Exec(insert, sixth.ID, course.ID, "waiting"); err != nil {
		t.Fatalf("joining the list: %v", err)
	}
	_, err = raw.Exec(`UPDATE enrolment SET status = 'booked' WHERE student_id = ?`, sixth.ID)
	if err == nil || !strings.Contains(err.Error(), "course full") {
		t.Fatalf("promoting past capacity: err = %v, want course full", err)
	}
	if n := db.Int(t, `SELECT count(*) FROM enrolment WHERE status IN ('booked', 'offered')`); n != 5 {
		t.Errorf("places taken = %d, want 5", n)
	}
}

func TestSetEnrolmentBeyondCapacityIsCourseFull(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	course := db.MustCourse(t, "ANX1")
	for i := range 5 {
		enrol(t, db, db.MustStudent(t, "+44770000010"+string(rune('0'+i))).ID, course.ID, college.Booked)
	}
	w := enrol(t, db, db.MustStudent(t, "+447700000200").ID, course.ID, college.Waiting)
	err := db.Update(context.Background(), func(tx college.Tx) error {
		w.Status = college.Offered
		return tx.SetEnrolment(w)
	})
	if !errors.Is(err, college.ErrCourseFull) {
		t.Fatalf("offering a sixth place: err = %v, want ErrCourseFull", err)
	}
	if got := db.String(t, `SELECT status FROM enrolment WHERE id = ?`, w.ID); got != "waiting" {
		t.Errorf("status after refusal = %q, want waiting", got)
	}
}

func TestUpdateRollsBackWhenFnFails(t *testing.T) {
	db := MustOpenDB(t)
	boom := errors.New("boom")
	err := db.Update(context.Background(), func(tx college.Tx) error {
		if _, _, err := tx.CreateStudent(college.SMS, "+447700900001", "en"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if n := db.Int(t, `SELECT count(*) FROM student`); n != 0 {
		t.Errorf("students after rollback = %d, want 0", n)
	}
}

func TestTxNowIsUTCWholeSeconds(t *testing.T) {
	db := MustOpenDB(t)
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	db.Now = func() time.Time { return time.Date(2026, 7, 1, 10, 30, 15, 999, london) }
	var got time.Time
	db.MustUpdate(t, func(tx college.Tx) error {
		got = tx.Now()
		_, _, err := tx.CreateStudent(college.SMS, "+447700900002", "en")
		return err
	})
	if want := time.Date(2026, 7, 1, 9, 30, 15, 0, time.UTC); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("Now = %v, want %v", got, want)
	}
	if s := db.String(t, `SELECT last_active FROM student`); s != "2026-07-01 09:30:15" {
		t.Errorf("stored last_active = %q", s)
	}
}

func TestViewCannotWrite(t *testing.T) {
	db := MustOpenDB(t)
	err := db.View(context.Background(), func(tx college.Tx) error {
		_, _, err := tx.CreateStudent(college.SMS, "+447700900003", "en")
		return err
	})
	if err == nil {
		t.Fatal("CreateStudent in View succeeded")
	}
	if n := db.Int(t, `SELECT count(*) FROM student`); n != 0 {
		t.Errorf("students = %d, want 0", n)
	}
}

// enrol enrols a student and fails the test on an error.
func enrol(t testing.TB, db *TestDB, studentID, courseID int64, st college.EnrolmentStatus) college.Enrolment {
	t.Helper()
	var e college.Enrolment
	db.MustUpdate(t, func(tx college.Tx) (err error) {
		e, err = tx.Enrol(studentID, courseID, st)
		return err
	})
	return e
}
