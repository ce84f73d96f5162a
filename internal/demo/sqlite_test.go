package demo

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/sqlite"
)

// seedDB seeds a fresh database as if today were 20 March 2027, just before
// the clocks go forward.
func seedDB(t *testing.T) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return time.Date(2027, time.March, 20, 9, 0, 0, 0, time.UTC) }
	loc := london(t)
	if err := Seed(ctx, db, day(t, "2027-03-20", loc), loc); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestSeedSQLite(t *testing.T) {
	db := seedDB(t)
	err := db.Update(context.Background(), func(tx college.Tx) error {
		full, err := tx.Course(FullCourse)
		if err != nil {
			return err
		}
		booked, err := tx.CourseEnrolments(full.ID, college.Booked)
		if err != nil {
			return err
		}
		waiting, err := tx.CourseEnrolments(full.ID, college.Waiting)
		if err != nil {
			return err
		}
		left, err := tx.PlacesLeft(full.ID)
		if err != nil {
			return err
		}
		if len(booked) != full.Capacity || len(waiting) < 2 || left != 0 {
			t.Errorf("%s: %d booked of %d, %d waiting, %d left; want it full with a waiting list",
				FullCourse, len(booked), full.Capacity, len(waiting), left)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestSeedSQLiteListsEveryTopic(t *testing.T) {
	db := seedDB(t)
	err := db.Update(context.Background(), func(tx college.Tx) error {
		topics, err := tx.Topics()
		if err != nil {
			return err
		}
		if len(topics) != 4 {
			t.Errorf("%d topics stored, want 4", len(topics))
		}
		for _, topic := range topics {
			list, err := tx.Listings(topic.ID)
			if err != nil {
				return err
			}
			if len(list) < 3 {
				t.Errorf("topic %q lists %d courses, want at least 3", topic.Name, len(list))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestSeedSQLiteTwice(t *testing.T) {
	db := seedDB(t)
	ctx := context.Background()
	loc := london(t)
	if err := Seed(ctx, db, day(t, "2027-03-20", loc), loc); err != nil {
		t.Fatalf("second seed: %v", err)
	}
	res, err := db.ImportProspectus(ctx, Prospectus(day(t, "2027-03-20", loc), loc), nil)
	if err != nil || res.Changed() {
		t.Errorf("re-importing the same demo prospectus: %+v, %v; want no change", res, err)
	}
}

// TestSeedRegistersStudents checks the demo's students are registered with
// the profile's consent wording, some optional answers given and some
// skipped, and that everyone booked on a course with a condition said yes
// to it.
func TestSeedRegistersStudents(t *testing.T) {
	db := seedDB(t)
	skipped, answered, n := false, false, 0
	err := db.Update(context.Background(), func(tx college.Tx) error {
		for i := 100; i < 200; i++ {
			ct, err := tx.FindContact(college.Terminal, "+447700900"+strconv.Itoa(i))
			if errors.Is(err, college.ErrNotFound) {
				continue
			} else if err != nil {
				return err
			}
			st, err := tx.Student(ct.StudentID)
			if err != nil {
				return err
			}
			n++
			if !st.Registered() || st.ConsentVersion != college.DefaultProfile().ConsentVersion {
				t.Errorf("student %q is not registered with the profile's consent", st.FirstName)
			}
			skipped = skipped || (st.Heard.Asked && st.Heard.Value == "")
			answered = answered || st.Heard.Value != ""
		}
		return checkConditions(t, tx)
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 8 || !skipped || !answered {
		t.Errorf("%d students, some skipped %v, some answered %v", n, skipped, answered)
	}
}

func checkConditions(t *testing.T, tx college.Tx) error {
	for _, code := range []string{WomenOnlyCourse, AdultsOnlyCourse} {
		c, err := tx.Course(code)
		if err != nil {
			return err
		}
		q := college.CohortQuestion(c.Cohort)
		if c.Cohort == "" {
			q = college.AgeQuestion(c.MinAge)
		}
		booked, err := tx.CourseEnrolments(c.ID, college.Booked)
		if err != nil {
			return err
		}
		if len(booked) == 0 {
			t.Errorf("nobody booked on %s", code)
		}
		for _, e := range booked {
			if el, asked, err := tx.Eligibility(e.StudentID, q); err != nil || !asked || !el.Yes {
				t.Errorf("student %d booked on %s without a yes to %s (%v)", e.StudentID, code, q, err)
			}
		}
	}
	return nil
}
