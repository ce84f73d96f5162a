package sqlite_test

import (
	"errors"
	"reflect"
	"testing"

	"collegebot/internal/college"
)

// senderReader is the one-query read the engine begins a turn with.
type senderReader interface {
	Sender(ch college.Channel, addr string) (college.Contact, college.Student, college.Dialogue, bool, error)
}

// sent is what Sender returned.
type sent struct {
	c      college.Contact
	s      college.Student
	d      college.Dialogue
	stored bool
}

// readSender calls Sender in a transaction of its own.
func readSender(t *testing.T, db *TestDB, ch college.Channel, addr string) (sent, error) {
	t.Helper()
	var got sent
	var err error
	db.MustUpdate(t, func(tx college.Tx) error {
		got.c, got.s, got.d, got.stored, err = tx.(senderReader).Sender(ch, addr)
		return nil
	})
	return got, err
}

// TestSenderReadsAsTheThreeReads checks that Sender returns what
// FindContact, Student and Dialogue do, through a dialogue's expiry and
// clearing, and says whether a dialogue row is stored.
func TestSenderReadsAsTheThreeReads(t *testing.T) {
	db := MustOpenDB(t)
	s := db.MustStudent(t, "+447700900031")
	now := start()
	s.FirstName, s.ConsentAt, s.ConsentVersion, s.Heard = "Ada", &now, "2026-09", college.Answer{Asked: true}
	d := college.Dialogue{StudentID: s.ID, State: "join.age", Choices: []string{"SKIP"}}
	d.Set("course", "ANX1")
	db.MustUpdate(t, func(tx college.Tx) error {
		if err := tx.SaveStudent(s); err != nil {
			return err
		}
		return tx.SaveDialogue(d)
	})
	check := func(when string, wantStored bool) {
		t.Helper()
		got, err := readSender(t, db, college.SMS, "+447700900031")
		if err != nil {
			t.Fatalf("%s: Sender: %v", when, err)
		}
		var want sent
		db.MustUpdate(t, func(tx college.Tx) (err error) {
			if want.c, err = tx.FindContact(college.SMS, "+447700900031"); err != nil {
				return err
			}
			if want.s, err = tx.Student(want.c.StudentID); err != nil {
				return err
			}
			want.d, err = tx.Dialogue(want.c.StudentID)
			return err
		})
		want.stored = wantStored
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Sender = %+v, want %+v", when, got, want)
		}
	}
	check("live dialogue", true)
	db.Advance(college.DialogueTTL)
	check("expired dialogue", true)
	db.MustUpdate(t, func(tx college.Tx) error { return tx.SaveDialogue(college.Dialogue{StudentID: s.ID}) })
	check("cleared dialogue", false)

	if _, err := readSender(t, db, college.SMS, "+447700900099"); !errors.Is(err, college.ErrNotFound) {
		t.Errorf("Sender of an unknown address: %v, want ErrNotFound", err)
	}
}
