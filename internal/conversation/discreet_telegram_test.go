package conversation_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
)

// tg is a student writing from a Telegram chat; it returns the messages
// queued for the chat, as stored (so with Protect), and marks them sent.
func (h *harness) tg(addr, text string) []college.Queued {
	h.t.Helper()
	ctx := context.Background()
	h.seq++
	in := college.Inbound{Channel: college.Telegram, Address: addr, Text: text,
		ProviderID: fmt.Sprintf("tg%d", h.seq), Received: h.now}
	id, _, err := h.db.SaveInbound(ctx, in, "")
	if err != nil {
		h.t.Fatal(err)
	}
	in.ID = id
	if err := h.eng.Handle(ctx, in); err != nil {
		h.t.Fatalf("%s sends %q: %v", addr, text, err)
	}
	return h.claimed(addr)
}

// claimed returns what waits in the outbox for a Telegram chat, and marks
// it sent.
func (h *harness) claimed(addr string) []college.Queued {
	h.t.Helper()
	ctx := context.Background()
	var out []college.Queued
	for {
		qs, err := h.db.Claim(ctx, college.ClaimFilter{Channel: college.Telegram, Address: addr, Limit: 100, Lease: time.Minute})
		if err != nil || len(qs) == 0 {
			if err != nil {
				h.t.Fatal(err)
			}
			return out
		}
		for _, q := range qs {
			if err := h.db.MarkSent(ctx, q.ID, college.Receipt{}); err != nil {
				h.t.Fatal(err)
			}
		}
		out = append(out, qs...)
	}
}

// tgRegister takes a Telegram student through registration on a course
// and returns the booking confirmation.
func (h *harness) tgRegister(addr, name, code string) college.Queued {
	h.t.Helper()
	for _, s := range []string{"join " + code, name, "yes", "yes", "skip", "skip"} {
		h.tg(addr, s)
	}
	return h.tgOne(addr, "skip", "You're booked on "+code)
}

// tgOne sends text and checks the one reply it brings.
func (h *harness) tgOne(addr, text, want string) college.Queued {
	h.t.Helper()
	qs := h.tg(addr, text)
	if len(qs) != 1 {
		h.t.Fatalf("%s sends %q: got %d replies, want 1", addr, text, len(qs))
	}
	checkText(h.t, fmt.Sprintf("%s sends %q", addr, text), qs[0].Text, want)
	return qs[0]
}

// tgRemind runs the day-before reminder of a Telegram student's booking.
func (h *harness) tgRemind(addr, code string) college.Queued {
	h.t.Helper()
	var r college.Reminder
	h.job(func(tx college.Tx) error {
		ct, err := tx.FindContact(college.Telegram, addr)
		if err != nil {
			return err
		}
		if r.Course, err = tx.Course(code); err != nil {
			return err
		}
		if r.Enrolment, err = tx.Enrolment(ct.StudentID, r.Course.ID); err != nil {
			return err
		}
		ss, err := tx.Sessions(r.Course.ID)
		r.Session, r.Kind = ss[0], college.DayBefore
		if err == nil {
			err = h.eng.Remind(tx, r, h.now)
		}
		return err
	})
	qs := h.claimed(addr)
	if len(qs) != 1 {
		h.t.Fatalf("reminder of %s: got %d messages", code, len(qs))
	}
	return qs[0]
}

// TestTelegramProtectsDiscreetMessages: on Telegram, messages about a
// sensitive course and every message to a student who sent PRIVATE go
// with protect_content; they keep the course's code and never its title.
// Messages to others about ordinary courses are not protected.
func TestTelegramProtectsDiscreetMessages(t *testing.T) {
	h := newHarness(t)
	const ann, bea = "5550001", "5550002"
	protected := func(what string, q college.Queued, want bool) {
		t.Helper()
		if q.Protect != want {
			t.Errorf("%s: protect %v, want %v:\n%s", what, q.Protect, want, indent(q.Text))
		}
	}
	protected("ordinary booking", h.tgRegister(ann, "Ann", "GA1"), false)
	q := h.tgOne(ann, "join mh2", "You're booked on MH2.")
	protected("sensitive booking", q, true)
	unnamed(t, "sensitive booking", q.Text, "Hearing voices")
	protected("ordinary reminder", h.tgRemind(ann, "GA1"), false)
	q = h.tgRemind(ann, "MH2")
	protected("sensitive reminder", q, true)
	checkText(t, "sensitive reminder", q.Text, "Reminder: MH2 is tomorrow")
	if q.CourseID == 0 {
		t.Error("the reminder is stored as about no course")
	}
	protected("details asked for", h.tgOne(ann, "info", "MH2 Hearing voices."), true)

	protected("private student's booking", h.tgRegister(bea, "Bea", "MH1"), false)
	protected("PRIVATE", h.tgOne(bea, "private", "won't name your courses"), true)
	q = h.tgOne(bea, "join ga1", "You're booked on GA1.")
	protected("private student's booking", q, true)
	if strings.Contains(q.Text, "Walking") {
		t.Errorf("a private student's message names the course: %s", q.Text)
	}
	protected("private student's reminder", h.tgRemind(bea, "GA1"), true)
	h.tg(bea, "private off")
	protected("after PRIVATE OFF", h.tgOne(bea, "my", "GA1 Walking football"), false)
}
