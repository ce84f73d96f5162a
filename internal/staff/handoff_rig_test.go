package staff_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/conversation"
	"collegebot/internal/sqlite"
	"collegebot/internal/staff"
	"collegebot/messages"
)

// handoffRig is the bot as it runs: a desk in front of the conversation
// engine, which alerts staff through the desk, on a real SQLite file.
// Messages go in through the inbox and come out of the outbox.
type handoffRig struct {
	t    *testing.T
	db   *sqlite.DB
	cat  *messages.Catalog
	desk *staff.Desk
	log  bytes.Buffer
	now  time.Time
	seq  int
}

// Who is where in the hand-off tests.
const (
	annPhone = "+447700900123" // a student, by SMS
	kimPhone = "+447700900124" // another student
	sueChat  = "9001"          // Sue, admin, on Telegram
	bobPhone = "+447700900500" // Bob, staff, by SMS
	fayChat  = "9003"          // Fay, facilitator, on Telegram
)

func newHandoffRig(t *testing.T, members ...college.StaffMember) *handoffRig {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, t.TempDir()+"/college.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	r := &handoffRig{t: t, db: db, now: time.Date(2027, 1, 11, 10, 0, 0, 0, time.UTC)}
	db.Now = func() time.Time { return r.now }
	if r.cat, err = messages.Load(); err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation("Europe/London")
	eng, err := conversation.New(db, r.cat, college.DefaultProfile(), loc)
	if err != nil {
		t.Fatal(err)
	}
	r.desk = staff.New(db, eng, college.DefaultProfile(), loc, slog.New(slog.NewTextHandler(&r.log, nil)),
		staff.Channels(college.Telegram, college.SMS))
	eng.SetAlerter(r.desk)
	r.office(func(tx college.OfficeTx) error {
		for _, m := range members {
			if _, err := tx.AddStaff(m); err != nil {
				return err
			}
		}
		return nil
	})
	return r
}

// handoffTeam is an admin on Telegram, staff by SMS and a facilitator.
func handoffTeam() []college.StaffMember {
	return []college.StaffMember{
		{Name: "Sue", Role: college.Admin, TelegramID: sueChat},
		{Name: "Bob", Role: college.StaffRole, Phone: bobPhone},
		{Name: "Fay", Role: college.Facilitator, TelegramID: fayChat},
	}
}

func (r *handoffRig) office(fn func(college.OfficeTx) error) {
	r.t.Helper()
	if err := r.db.Office(context.Background(), fn); err != nil {
		r.t.Fatal(err)
	}
}

// send delivers a message as the channel's adapter would: a Telegram
// text starting with / is a bot command.
func (r *handoffRig) send(ch college.Channel, addr, text string) {
	r.t.Helper()
	r.seq++
	in := college.Inbound{Channel: ch, Address: addr, Text: text, ProviderID: fmt.Sprintf("p%d", r.seq), Received: r.now}
	if ch == college.Telegram && strings.HasPrefix(text, "/") {
		in.Event = college.EventCommand
	}
	id, _, err := r.db.SaveInbound(context.Background(), in, "")
	if err != nil {
		r.t.Fatal(err)
	}
	in.ID = id
	if err := r.desk.Handle(context.Background(), in); err != nil {
		r.t.Fatalf("%s sends %q: %v", addr, text, err)
	}
}

// got returns the messages waiting for an address, in order, and marks
// them sent (the outbox hands out one at a time per address).
func (r *handoffRig) got(ch college.Channel, addr string) []college.Queued {
	r.t.Helper()
	ctx := context.Background()
	var out []college.Queued
	for {
		qs, err := r.db.Claim(ctx, college.ClaimFilter{Channel: ch, Address: addr, Limit: 100, Lease: time.Minute})
		if err != nil {
			r.t.Fatal(err)
		}
		if len(qs) == 0 {
			return out
		}
		for _, q := range qs {
			if err := r.db.MarkSent(ctx, q.ID, college.Receipt{}); err != nil {
				r.t.Fatal(err)
			}
		}
		out = append(out, qs...)
	}
}

// gets checks that an address got exactly one message holding every one
// of want, and returns it.
func (r *handoffRig) gets(ch college.Channel, addr string, want ...string) college.Queued {
	r.t.Helper()
	qs := r.got(ch, addr)
	if len(qs) != 1 {
		r.t.Fatalf("%s %s got %d messages, want 1: %q", ch, addr, len(qs), handoffTexts(qs))
	}
	for _, w := range want {
		if !strings.Contains(qs[0].Text, w) {
			r.t.Errorf("%s %s got\n%s\nwhich lacks %q", ch, addr, qs[0].Text, w)
		}
	}
	return qs[0]
}

// getsNothing checks that nothing waits for an address.
func (r *handoffRig) getsNothing(ch college.Channel, addr string) {
	r.t.Helper()
	if qs := r.got(ch, addr); len(qs) != 0 {
		r.t.Errorf("%s %s got %q, want nothing", ch, addr, handoffTexts(qs))
	}
}

func handoffTexts(qs []college.Queued) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.Text
	}
	return out
}

// registered names the student at an SMS number, as registration does.
func (r *handoffRig) registered(addr, name string) {
	r.t.Helper()
	r.send(college.SMS, addr, "hi")
	r.got(college.SMS, addr)
	r.office(func(tx college.OfficeTx) error {
		ct, err := tx.FindContact(college.SMS, addr)
		if err != nil {
			return err
		}
		st, err := tx.Student(ct.StudentID)
		if err != nil {
			return err
		}
		now := tx.Now()
		st.FirstName, st.ConsentAt = name, &now
		return tx.SaveStudent(st)
	})
}

// handoff returns a stored hand-off.
func (r *handoffRig) handoff(id int64) college.Handoff {
	r.t.Helper()
	var h college.Handoff
	r.office(func(tx college.OfficeTx) (err error) {
		h, err = tx.Handoff(id)
		return err
	})
	return h
}
