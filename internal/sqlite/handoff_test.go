package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"collegebot/internal/college"
)

// inboundFrom stores messages from an address, a minute apart.
func inboundFrom(t *testing.T, db *TestDB, ch college.Channel, addr string, texts ...string) {
	t.Helper()
	for _, s := range texts {
		db.Advance(time.Minute)
		in := college.Inbound{Channel: ch, Address: addr, ProviderID: fmt.Sprintf("%s-%d", addr, db.Int(t, `SELECT count(*) FROM inbox`)), Text: s}
		if _, _, err := db.SaveInbound(context.Background(), in, ""); err != nil {
			t.Fatal(err)
		}
	}
}

func TestHandoffOpenReplyClose(t *testing.T) {
	db := MustOpenDB(t)
	s := db.MustStudent(t, "+447700900040")
	var h college.Handoff
	db.MustUpdate(t, func(tx college.Tx) (err error) {
		h, err = tx.OpenHandoff(s.ID)
		return err
	})
	db.MustUpdate(t, func(tx college.Tx) error {
		if _, err := tx.OpenHandoff(s.ID); !errors.Is(err, college.ErrConflict) {
			t.Errorf("a second open hand-off: %v, want ErrConflict", err)
		}
		return nil
	})
	db.Advance(time.Hour)
	db.MustUpdate(t, func(tx college.Tx) error {
		now := tx.Now()
		h.Replied, h.RepliedBy, h.RepliedByID = &now, "Sue", 7
		return tx.SaveHandoff(h)
	})
	db.MustUpdate(t, func(tx college.Tx) error {
		got, err := tx.OpenHandoffOf(s.ID)
		if err != nil {
			return err
		}
		if got.ID != h.ID || got.RepliedBy != "Sue" || got.RepliedByID != 7 || got.Replied == nil ||
			!got.Replied.Equal(start().Add(time.Hour)) || !got.Alerted.Equal(start()) {
			t.Errorf("stored hand-off %+v, want %d replied by Sue (7) at %v", got, h.ID, start().Add(time.Hour))
		}
		now := tx.Now()
		got.Closed = &now
		return tx.SaveHandoff(got)
	})
	db.MustUpdate(t, func(tx college.Tx) error {
		if _, err := tx.OpenHandoffOf(s.ID); !errors.Is(err, college.ErrNotFound) {
			t.Errorf("open hand-off after closing: %v, want ErrNotFound", err)
		}
		if hs, err := tx.OpenHandoffs(); err != nil || len(hs) != 0 {
			t.Errorf("open hand-offs after closing: %v, %v", hs, err)
		}
		_, err := tx.OpenHandoff(s.ID) // a new one once the last is closed
		return err
	})
}

func TestLastSaidAndLastContact(t *testing.T) {
	db := MustOpenDB(t)
	const phone, chat = "+447700900041", "5550041"
	s := db.MustStudent(t, phone)
	db.MustUpdate(t, func(tx college.Tx) error {
		o, _, err := tx.CreateStudent(college.Telegram, chat, "en")
		if err != nil {
			return err
		}
		return tx.MergeStudent(o.ID, s.ID)
	})
	inboundFrom(t, db, college.SMS, phone, "hello", "join mh1")
	inboundFrom(t, db, college.SMS, "+447700900099", "someone else")
	inboundFrom(t, db, college.Telegram, chat, "what time", "talk")
	db.MustUpdate(t, func(tx college.Tx) error {
		said, err := tx.LastSaid(s.ID, 3)
		if err != nil {
			return err
		}
		want := []string{"join mh1", "what time", "talk"}
		if len(said) != len(want) {
			t.Fatalf("LastSaid = %+v, want %q", said, want)
		}
		for i, w := range want {
			if said[i].Text != w {
				t.Errorf("LastSaid[%d] = %q, want %q", i, said[i].Text, w)
			}
		}
		ct, err := tx.LastContact(s.ID)
		if err != nil || ct.Channel != college.Telegram || ct.Address != chat {
			t.Errorf("LastContact = %+v, %v; want the Telegram chat", ct, err)
		}
		return nil
	})
	inboundFrom(t, db, college.SMS, phone, "ok")
	db.MustUpdate(t, func(tx college.Tx) error {
		ct, err := tx.LastContact(s.ID)
		if err != nil || ct.Channel != college.SMS {
			t.Errorf("LastContact after a text = %+v, %v; want SMS", ct, err)
		}
		return nil
	})
}

func TestEraseStudentClosesHandoffs(t *testing.T) {
	db := MustOpenDB(t)
	s := db.MustStudent(t, "+447700900042")
	inboundFrom(t, db, college.SMS, "+447700900042", "talk")
	var h college.Handoff
	db.MustUpdate(t, func(tx college.Tx) (err error) {
		if h, err = tx.OpenHandoff(s.ID); err != nil {
			return err
		}
		return tx.EraseStudent(s.ID)
	})
	db.MustUpdate(t, func(tx college.Tx) error {
		got, err := tx.Handoff(h.ID)
		if err != nil || got.Closed == nil {
			t.Errorf("hand-off after erasure: %+v, %v; want closed", got, err)
		}
		if said, err := tx.LastSaid(s.ID, 3); err != nil || len(said) != 0 {
			t.Errorf("LastSaid after erasure = %+v, %v; want nothing", said, err)
		}
		if _, err := tx.LastContact(s.ID); !errors.Is(err, college.ErrNotFound) {
			t.Errorf("LastContact after erasure: %v, want ErrNotFound", err)
		}
		return nil
	})
}
