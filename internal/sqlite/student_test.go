package sqlite_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"collegebot/internal/college"
)

func TestStudentRoundTrip(t *testing.T) {
	db := MustOpenDB(t)
	s := db.MustStudent(t, "+447700900020")
	consent := start().Add(-time.Hour)
	s.FirstName, s.ConsentAt, s.ConsentVersion = "Alex", &consent, "2026-09"
	s.Discreet = true
	s.Heard = college.Answer{Asked: true, Value: "poster"}
	s.Describes = college.Answer{Asked: true} // skipped
	s.LastActive = start().Add(time.Minute)
	db.MustUpdate(t, func(tx college.Tx) error { return tx.SaveStudent(s) })

	db.MustUpdate(t, func(tx college.Tx) error {
		got, err := tx.Student(s.ID)
		if !reflect.DeepEqual(got, s) {
			t.Errorf("Student = %+v\nwant      %+v", got, s)
		}
		return err
	})
	if n := db.Int(t, `SELECT count(*) FROM student WHERE describes = '' AND district IS NULL`); n != 1 {
		t.Errorf("skipped and unasked answers not stored as '' and NULL")
	}
}

func TestContactsAreUniquePerChannelAndOptOut(t *testing.T) {
	db := MustOpenDB(t)
	s := db.MustStudent(t, "+447700900021")
	err := db.Update(context.Background(), func(tx college.Tx) error {
		_, _, err := tx.CreateStudent(college.SMS, "+447700900021", "en")
		return err
	})
	if !errors.Is(err, college.ErrConflict) {
		t.Fatalf("second student on one number: err = %v, want ErrConflict", err)
	}
	out := start()
	db.MustUpdate(t, func(tx college.Tx) error {
		c, err := tx.FindContact(college.SMS, "+447700900021")
		if err != nil || c.StudentID != s.ID {
			t.Fatalf("FindContact = %+v, %v; want student %d", c, err, s.ID)
		}
		if _, err := tx.FindContact(college.Telegram, "+447700900021"); !errors.Is(err, college.ErrNotFound) {
			t.Errorf("FindContact on another channel: err = %v, want ErrNotFound", err)
		}
		return tx.SetOptOut(c.ID, &out)
	})
	db.MustUpdate(t, func(tx college.Tx) error {
		cs, err := tx.Contacts(s.ID)
		if len(cs) != 1 || cs[0].OptedOut == nil || !cs[0].OptedOut.Equal(out) {
			t.Errorf("Contacts = %+v, want one opted out at %v", cs, out)
		}
		return err
	})
}

func TestEligibilityAnswerIsReplaced(t *testing.T) {
	db := MustOpenDB(t)
	s := db.MustStudent(t, "+447700900022")
	q := college.AgeQuestion(18)
	db.MustUpdate(t, func(tx college.Tx) error {
		if _, asked, err := tx.Eligibility(s.ID, q); asked || err != nil {
			t.Errorf("before asking: asked %v, err %v", asked, err)
		}
		if err := tx.SetEligibility(s.ID, college.Eligibility{Question: q, Yes: false}); err != nil {
			return err
		}
		return tx.SetEligibility(s.ID, college.Eligibility{Question: q, Yes: true})
	})
	db.MustUpdate(t, func(tx college.Tx) error {
		e, asked, err := tx.Eligibility(s.ID, q)
		if !asked || !e.Yes {
			t.Errorf("Eligibility = %+v, asked %v; want yes", e, asked)
		}
		return err
	})
}

func TestDialogueSaveLoadExpireClear(t *testing.T) {
	db := MustOpenDB(t)
	s := db.MustStudent(t, "+447700900023")
	d := college.Dialogue{StudentID: s.ID, State: "join.name", Choices: []string{"JOIN ANX1", "INFO ANX1"}}
	d.Set("course", "ANX1")
	db.MustUpdate(t, func(tx college.Tx) error { return tx.SaveDialogue(d) })

	want := d
	want.Expires = start().Add(college.DialogueTTL)
	if got := loadDialogue(t, db, s.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("Dialogue = %+v, want %+v", got, want)
	}
	db.Advance(college.DialogueTTL)
	if got := loadDialogue(t, db, s.ID); got.State != "" || got.StudentID != s.ID {
		t.Errorf("expired Dialogue = %+v, want empty", got)
	}

	db.MustUpdate(t, func(tx college.Tx) error { return tx.SaveDialogue(d) })
	db.MustUpdate(t, func(tx college.Tx) error {
		return tx.SaveDialogue(college.Dialogue{StudentID: s.ID})
	})
	if n := db.Int(t, `SELECT count(*) FROM dialogue`); n != 0 {
		t.Errorf("dialogue rows after clearing = %d, want 0", n)
	}
}

// loadDialogue reads a student's dialogue.
func loadDialogue(t *testing.T, db *TestDB, studentID int64) college.Dialogue {
	t.Helper()
	var d college.Dialogue
	db.MustUpdate(t, func(tx college.Tx) (err error) {
		d, err = tx.Dialogue(studentID)
		return err
	})
	return d
}
