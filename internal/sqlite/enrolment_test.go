package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"collegebot/internal/college"
)

func TestEnrolConcurrentBookingsNeverExceedCapacity(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	course := db.MustCourse(t, "ANX1") // 5 places
	const students = 200
	ids := make([]int64, students)
	for i := range ids {
		ids[i] = db.MustStudent(t, fmt.Sprintf("+447700%06d", i)).ID
	}

	errs := make([]error, students)
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Go(func() {
			errs[i] = db.Update(context.Background(), func(tx college.Tx) error {
				_, err := tx.Enrol(id, course.ID, college.Booked)
				return err
			})
		})
	}
	wg.Wait()

	var booked, full int
	for i, err := range errs {
		switch {
		case err == nil:
			booked++
		case errors.Is(err, college.ErrCourseFull):
			full++
		default:
			t.Errorf("student %d: unexpected error %v", i, err)
		}
	}
	if booked != 5 || full != students-5 {
		t.Errorf("booked %d, full %d; want 5 and %d", booked, full, students-5)
	}
	if n := db.Int(t, `SELECT count(*) FROM enrolment WHERE course_id = ? AND status = 'booked'`, course.ID); n != 5 {
		t.Errorf("stored bookings = %d, want 5", n)
	}
}

func TestWaitingListPositionsAndFirstWaiting(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	course := db.MustCourse(t, "ANX1")
	for i := range 5 {
		enrol(t, db, db.MustStudent(t, fmt.Sprintf("+4477001%05d", i)).ID, course.ID, college.Booked)
	}
	var waiting []college.Enrolment
	for i := range 3 {
		db.Advance(time.Minute)
		s := db.MustStudent(t, fmt.Sprintf("+4477002%05d", i))
		e := enrol(t, db, s.ID, course.ID, college.Waiting)
		if e.Position != i+1 {
			t.Errorf("waiting student %d: Position = %d, want %d", i, e.Position, i+1)
		}
		waiting = append(waiting, e)
	}
	// Equal waiting_since: the earlier row goes first.
	tied := enrol(t, db, db.MustStudent(t, "+447700299999").ID, course.ID, college.Waiting)
	if tied.Position != 4 {
		t.Errorf("tied Position = %d, want 4", tied.Position)
	}

	db.Advance(time.Minute)
	db.MustUpdate(t, func(tx college.Tx) error {
		first, err := tx.FirstWaiting(course.ID)
		if err != nil || first.ID != waiting[0].ID {
			return fmt.Errorf("FirstWaiting = %+v, %v; want enrolment %d", first, err, waiting[0].ID)
		}
		first.Status = college.Dropped
		return tx.SetEnrolment(first)
	})
	got := waitingIDs(t, db, course.ID)
	want := []int64{waiting[1].ID, waiting[2].ID, tied.ID}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("waiting list after drop = %v, want %v", got, want)
	}

	// Rejoining puts the student at the end.
	back := enrol(t, db, waiting[0].StudentID, course.ID, college.Waiting)
	if back.ID != waiting[0].ID || back.Position != 4 {
		t.Errorf("rejoined: id %d position %d; want id %d position 4", back.ID, back.Position, waiting[0].ID)
	}
}

// waitingIDs returns a course's waiting list in order, checking positions.
func waitingIDs(t *testing.T, db *TestDB, courseID int64) []int64 {
	t.Helper()
	var ids []int64
	db.MustUpdate(t, func(tx college.Tx) error {
		es, err := tx.CourseEnrolments(courseID, college.Waiting)
		for i, e := range es {
			if e.Position != i+1 {
				t.Errorf("enrolment %d at %d has Position %d", e.ID, i+1, e.Position)
			}
			ids = append(ids, e.ID)
		}
		return err
	})
	return ids
}

func TestEnrolReusesDroppedEnrolment(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	course := db.MustCourse(t, "SLP")
	s := db.MustStudent(t, "+447700900010")
	first := enrol(t, db, s.ID, course.ID, college.Booked)

	err := db.Update(context.Background(), func(tx college.Tx) error {
		_, err := tx.Enrol(s.ID, course.ID, college.Waiting)
		return err
	})
	if !errors.Is(err, college.ErrConflict) {
		t.Fatalf("enrolling twice: err = %v, want ErrConflict", err)
	}

	db.Advance(time.Hour)
	db.MustUpdate(t, func(tx college.Tx) error {
		first.Status = college.Dropped
		return tx.SetEnrolment(first)
	})
	again := enrol(t, db, s.ID, course.ID, college.Booked)
	if again.ID != first.ID || again.Status != college.Booked || !again.Updated.Equal(start().Add(time.Hour)) {
		t.Errorf("re-enrolled = %+v; want enrolment %d booked at %v", again, first.ID, start().Add(time.Hour))
	}
	if n := db.Int(t, `SELECT count(*) FROM enrolment`); n != 1 {
		t.Errorf("enrolment rows = %d, want 1", n)
	}
}

func TestOfferHoldsAPlaceUntilChanged(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	course := db.MustCourse(t, "ANX1")
	s := db.MustStudent(t, "+447700900011")
	e := enrol(t, db, s.ID, course.ID, college.Waiting)
	expires := start().Add(college.OfferHold)
	db.MustUpdate(t, func(tx college.Tx) error {
		e.Status, e.OfferExpires = college.Offered, &expires
		return tx.SetEnrolment(e)
	})
	db.MustUpdate(t, func(tx college.Tx) error {
		got, err := tx.Enrolment(s.ID, course.ID)
		if err != nil {
			return err
		}
		if got.Status != college.Offered || got.Position != 0 || got.OfferExpires == nil || !got.OfferExpires.Equal(expires) {
			t.Errorf("offered enrolment = %+v, want offered until %v", got, expires)
		}
		left, err := tx.PlacesLeft(course.ID)
		if left != 4 {
			t.Errorf("PlacesLeft = %d, want 4", left)
		}
		return err
	})
	if got := db.String(t, `SELECT waiting_since FROM enrolment WHERE id = ?`, e.ID); got != "" {
		t.Errorf("waiting_since after offer = %q, want NULL", got)
	}
}
