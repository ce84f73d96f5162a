package sqlite_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
)

func TestListingsOrderNextSessionAndPlaces(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	anx := db.MustCourse(t, "ANX1")
	for i := range 2 {
		enrol(t, db, db.MustStudent(t, fmt.Sprintf("+4477009001%02d", i)).ID, anx.ID, college.Booked)
	}
	mental := topicID(t, db, "Mental health")

	// OLD has only a past session.
	if got, want := listings(t, db, mental), "ANX1 03 10:00 Calderbrook Library 3 | SLP 04 18:00 online 20"; got != want {
		t.Errorf("listings = %q\nwant       %q", got, want)
	}

	if _, err := db.Raw(t).Exec(`UPDATE session SET status = 'cancelled' WHERE course_id = ? AND seq = 1`, anx.ID); err != nil {
		t.Fatal(err)
	}
	if got, want := listings(t, db, mental), "SLP 04 18:00 online 20 | ANX1 10 10:00 Calderbrook Library 3"; got != want {
		t.Errorf("after cancelling ANX1's first session = %q\nwant %q", got, want)
	}

	// SLP's last session has started; ANX1 still has one to come.
	db.SetNow(at(9, 18, 0))
	if got, want := listings(t, db, mental), "ANX1 17 10:00 Calderbrook Library 3"; got != want {
		t.Errorf("later listings = %q, want %q", got, want)
	}
	db.SetNow(at(15, 10, 0).Add(time.Second))
	if got := listings(t, db, mental); got != "" {
		t.Errorf("listings after the term = %q, want none", got)
	}
}

func TestPlacesLeftNeverBelowZero(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	anx := db.MustCourse(t, "ANX1")
	for i := range 5 {
		enrol(t, db, db.MustStudent(t, fmt.Sprintf("+4477009002%02d", i)).ID, anx.ID, college.Booked)
	}
	p := fixture()
	p.Courses[0].Capacity = 3 // staff cut the places after booking
	db.MustImport(t, p, nil)
	db.MustUpdate(t, func(tx college.Tx) error {
		n, err := tx.PlacesLeft(anx.ID)
		if n != 0 {
			t.Errorf("PlacesLeft = %d, want 0", n)
		}
		return err
	})
}

// topicID returns the id of a topic by name.
func topicID(t *testing.T, db *TestDB, name string) int64 {
	t.Helper()
	return int64(db.Int(t, `SELECT id FROM topic WHERE name = ?`, name))
}

// listings describes a topic's listings: code, next start, venue, places.
func listings(t *testing.T, db *TestDB, topicID int64) string {
	t.Helper()
	var out []string
	db.MustUpdate(t, func(tx college.Tx) error {
		ls, err := tx.Listings(topicID)
		for _, l := range ls {
			where := "online"
			if l.Next.Venue != nil {
				where = l.Next.Venue.Name
			}
			out = append(out, fmt.Sprintf("%s %s %s %d", l.Code, l.Next.Start.Format("02 15:04"), where, l.PlacesLeft))
		}
		return err
	})
	return strings.Join(out, " | ")
}

// A topic is listed while Listings has a course for it, and not after.
func TestListedTopicsAgreeWithListings(t *testing.T) {
	db := MustOpenDB(t)
	db.MustImport(t, fixture(), nil)
	for _, now := range []time.Time{start(), at(9, 18, 0), at(15, 10, 0).Add(time.Second)} {
		db.SetNow(now)
		var listed []string
		db.MustUpdate(t, func(tx college.Tx) error {
			ts, err := tx.ListedTopics()
			for _, tp := range ts {
				listed = append(listed, tp.Name)
			}
			return err
		})
		var want []string
		db.MustUpdate(t, func(tx college.Tx) error {
			ts, err := tx.Topics()
			for _, tp := range ts {
				if ls, _ := tx.Listings(tp.ID); len(ls) > 0 {
					want = append(want, tp.Name)
				}
			}
			return err
		})
		if fmt.Sprint(listed) != fmt.Sprint(want) || (now == start() && len(want) == 0) {
			t.Errorf("at %s: ListedTopics %v, Listings has courses in %v", now, listed, want)
		}
	}
}
