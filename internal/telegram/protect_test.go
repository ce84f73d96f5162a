package telegram_test

import (
	"context"
	"testing"
	"time"

	"collegebot/internal/college"
)

// TestSendProtectsContent: a message for a student who asked for discreet
// texts, or about a sensitive course, goes with protect_content, so
// Telegram stops it being forwarded or saved; others go without it.
func TestSendProtectsContent(t *testing.T) {
	tests := []struct {
		label   string
		protect bool
		photo   bool
		method  string
		want    string // protect_content as sent; "" for absent
	}{
		{"protected text", true, false, "sendMessage", "true"},
		{"ordinary text", false, false, "sendMessage", ""},
		{"protected picture", true, true, "sendPhoto", "true"},
		{"ordinary picture", false, true, "sendPhoto", ""},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			stub := newBotStub(t)
			q := reply()
			q.Protect = tt.protect
			if tt.photo {
				q.Photo = []byte("\x89PNG\r\n\x1a\nnot really")
			}
			if _, err := newSender(t, stub, nil).Send(context.Background(), q); err != nil {
				t.Fatal(err)
			}
			sent := stub.callsTo(tt.method)
			if len(sent) != 1 {
				t.Fatalf("stub got %d %s calls, want 1", len(sent), tt.method)
			}
			if got := sent[0].params["protect_content"]; got != tt.want {
				t.Errorf("protect_content = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestProtectSurvivesTheOutbox: what the engine asks for is stored, claimed
// and sent as asked, and a Telegram message to a student who sent PRIVATE
// is protected whoever queued it (a staff reply, a broadcast).
func TestProtectSurvivesTheOutbox(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	err := db.Update(ctx, func(tx college.Tx) error {
		st, _, err := tx.CreateStudent(college.Telegram, "5551234", "en")
		if err != nil {
			return err
		}
		other, _, err := tx.CreateStudent(college.Telegram, "5559876", "en")
		if err != nil {
			return err
		}
		st.Discreet = true
		if err := tx.SaveStudent(st); err != nil {
			return err
		}
		queue := func(key string, studentID int64, addr string, protect bool) error {
			return tx.Enqueue(college.Outgoing{Key: key, StudentID: studentID, Channel: college.Telegram,
				Address: addr, Kind: college.KindReply, Reply: college.Reply{Text: "Your session is tomorrow."},
				Protect: protect})
		}
		if err := queue("asked", other.ID, "5559876", true); err != nil {
			return err
		}
		if err := queue("private", st.ID, "5551234", false); err != nil {
			return err
		}
		return queue("plain", other.ID, "5559876", false)
	})
	if err != nil {
		t.Fatal(err)
	}
	stub := newBotStub(t)
	s := newSender(t, stub, nil)
	want := map[string]string{"asked": "true", "private": "true", "plain": ""}
	sent := 0
	for { // a chat's messages are claimed one after another
		qs, err := db.Claim(ctx, college.ClaimFilter{Channel: college.Telegram, Limit: 10, Lease: time.Minute})
		if err != nil {
			t.Fatal(err)
		}
		if len(qs) == 0 {
			break
		}
		for _, q := range qs {
			r, err := s.Send(ctx, q)
			if err == nil {
				err = db.MarkSent(ctx, q.ID, r)
			}
			if err != nil {
				t.Fatal(err)
			}
			calls := stub.callsTo("sendMessage")
			if got := calls[len(calls)-1].params["protect_content"]; got != want[q.Key] {
				t.Errorf("%s: protect_content = %q, want %q", q.Key, got, want[q.Key])
			}
			sent++
		}
	}
	if sent != 3 {
		t.Errorf("sent %d messages, want 3", sent)
	}
}
