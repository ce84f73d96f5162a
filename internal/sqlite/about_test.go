package sqlite_test

import (
	"testing"
	"time"

	"collegebot/internal/college"
)

// lastAbout returns what LastAbout says of a student now.
func lastAbout(t *testing.T, db *TestDB, studentID int64) int64 {
	t.Helper()
	var id int64
	db.MustUpdate(t, func(tx college.Tx) (err error) {
		id, err = tx.LastAbout(studentID)
		return err
	})
	return id
}

// TestLastAboutIsTheLatestMessageSent: INFO on its own answers the latest
// message a student was sent, counting neither one still to come nor one
// cancelled, and a message about no course answers nothing.
func TestLastAboutIsTheLatestMessageSent(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	c := db.MustCourse(t, "ANX1")
	s := db.MustStudent(t, "+447700900060")
	if got := lastAbout(t, db, s.ID); got != 0 {
		t.Fatalf("nothing sent: LastAbout = %d, want 0", got)
	}
	about := func(key string, due time.Time) college.Outgoing {
		o := message(key, s.ID, "+447700900060", college.Routine, due)
		o.CourseID = c.ID
		return o
	}
	db.MustUpdate(t, func(tx college.Tx) error {
		return enqueueAll(tx, about("reminder", start().Add(-time.Minute)), about("tomorrow", start().Add(24*time.Hour)))
	})
	if got := lastAbout(t, db, s.ID); got != c.ID {
		t.Errorf("after a reminder: LastAbout = %d, want %d", got, c.ID)
	}
	db.MustUpdate(t, func(tx college.Tx) error {
		return enqueueAll(tx, message("help", s.ID, "+447700900060", college.Interactive, start()))
	})
	if got := lastAbout(t, db, s.ID); got != 0 {
		t.Errorf("after a reply about no course: LastAbout = %d, want 0", got)
	}
	db.MustUpdate(t, func(tx college.Tx) error { return enqueueAll(tx, about("offer", start())) })
	if _, err := db.Raw(t).Exec(`UPDATE outbox SET status = 'cancelled' WHERE purpose = 'offer'`); err != nil {
		t.Fatal(err)
	}
	if got := lastAbout(t, db, s.ID); got != 0 {
		t.Errorf("a cancelled message counts: LastAbout = %d, want 0", got)
	}
}
