package conversation_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/conversation"
	"collegebot/internal/sms"
)

// Transcripts of a student asking for a person. The staff side is a
// recording alerter here; internal/staff tests the whole round trip.

// openHandoff returns the student's open hand-off, or false.
func (h *harness) openHandoff(addr string) (college.Handoff, bool) {
	h.t.Helper()
	var ho college.Handoff
	found := true
	h.job(func(tx college.Tx) (err error) {
		ct, err := tx.FindContact(college.Terminal, addr)
		if err != nil {
			return err
		}
		ho, err = tx.OpenHandoffOf(ct.StudentID)
		if errors.Is(err, college.ErrNotFound) {
			found, err = false, nil
		}
		return err
	})
	return ho, found
}

const talkAsked = "we've asked staff to get back to you here in office hours (Mon-Fri 9-5)"

func TestTalkAsksStaffToGetInTouch(t *testing.T) {
	h, staff := newStaffHarness(t)
	h.register(sam, "Sam", "MH1")
	got := h.says(sam, "TALK", "Thanks Sam, "+talkAsked, "aren't read all the time", "call 01924 000 000")
	if n := sms.Count(got).Segments; n != 1 {
		t.Errorf("the answer to TALK is %d segments, want 1", n)
	}
	ho, open := h.openHandoff(sam)
	if !open || len(staff.alerts) != 1 || staff.alerts[0].ID != ho.ID || ho.StudentID != h.student(sam).ID {
		t.Fatalf("open hand-off %+v (%v), staff alerted %+v; want one, alerted once", ho, open, staff.alerts)
	}
	h.says(sam, "talk to someone", "already asked staff", "call 01924 000 000")
	if len(staff.alerts) != 1 || len(staff.forwards) != 0 {
		t.Errorf("a second TALK at once alerted %d times and forwarded %q; want one alert, nothing forwarded",
			len(staff.alerts), staff.forwards)
	}
	h.now = h.now.Add(college.HandoffRealert + time.Minute)
	h.says(sam, "talk", "already asked staff")
	if len(staff.alerts) != 2 {
		t.Errorf("TALK a day later with no answer alerted %d times in all, want 2", len(staff.alerts))
	}
}

func TestWaysOfAskingForAPerson(t *testing.T) {
	for _, s := range []string{"TALK", "talk", "tlak", "person", "Human", "speak to someone", "Talk to someone",
		"call me", "Can I speak to a real person please?", "I want a human", "please ring me back",
		"want to talk to someone"} {
		if c := conversation.Parse(s); c.Verb != conversation.Talk {
			t.Errorf("Parse(%q) = %s, want TALK", s, c.Verb)
		}
	}
	for _, s := range []string{"is it in person?", "taking", "stop", "help", "join mh1", "tell"} {
		if c := conversation.Parse(s); c.Verb == conversation.Talk {
			t.Errorf("Parse(%q) = TALK", s)
		}
	}
}

func TestAskingForAPersonAfterTheHint(t *testing.T) {
	h, staff := newStaffHarness(t)
	h.send(sam, "hello")
	h.says(sam, "what about tuesdays", "Sorry, I didn't get that", "TALK to ask for a person")
	h.says(sam, "a person please", "Thanks, "+talkAsked) // not registered: no name
	if len(staff.alerts) != 1 {
		t.Errorf("staff alerted %d times, want 1", len(staff.alerts))
	}
}

func TestWhileAHandoffIsOpenWhatIsNotUnderstoodGoesToStaff(t *testing.T) {
	h, staff := newStaffHarness(t)
	h.register(sam, "Sam", "MH1")
	h.says(sam, "talk", talkAsked)
	h.says(sam, "Is there parking near the library", "we've passed that on", "aren't read all the time")
	h.says(sam, "yes", "we've passed that on") // nothing else waits for a yes
	h.says(sam, "7", "we've passed that on")   // no list to choose from
	h.says(sam, "my", "MH1 Understanding anxiety")
	h.says(sam, "info mh1", "Understanding anxiety")
	h.says(sam, "#reply 1 hi", "Sorry, I didn't get that")
	want := []string{"Is there parking near the library", "yes", "7"}
	if strings.Join(staff.forwards, "|") != strings.Join(want, "|") {
		t.Errorf("forwarded %q, want %q", staff.forwards, want)
	}
	closeHandoff(h, sam)
	h.says(sam, "thanks for your help", "Sorry, I didn't get that")
	if len(staff.forwards) != len(want) {
		t.Errorf("forwarded %q in all; nothing after closing, want %q", staff.forwards, want)
	}
}

func TestAnOldHandoffStopsForwardingAndTalkOpensANewOne(t *testing.T) {
	h, staff := newStaffHarness(t)
	h.register(sam, "Sam", "MH1")
	h.says(sam, "talk", talkAsked)
	first, _ := h.openHandoff(sam)
	h.now = h.now.Add(college.HandoffTTL + time.Hour)
	h.says(sam, "hello again", "Sorry, I didn't get that")
	h.says(sam, "talk", talkAsked)
	second, open := h.openHandoff(sam)
	if !open || second.ID == first.ID || len(staff.alerts) != 2 || len(staff.forwards) != 0 {
		t.Errorf("after a fortnight: hand-off %d (was %d), %d alerts, forwards %q; want a new one, alerted",
			second.ID, first.ID, len(staff.alerts), staff.forwards)
	}
}

func TestTalkAfterStaffRepliedReachesThem(t *testing.T) {
	h, staff := newStaffHarness(t)
	h.register(sam, "Sam", "MH1")
	h.says(sam, "talk", talkAsked)
	ho, _ := h.openHandoff(sam)
	h.job(func(tx college.Tx) error {
		now := tx.Now()
		ho.Replied, ho.RepliedBy = &now, "Sue"
		return tx.SaveHandoff(ho)
	})
	h.says(sam, "can I talk to you on the phone", "already asked staff")
	if len(staff.forwards) != 1 || len(staff.alerts) != 1 {
		t.Errorf("forwards %q, %d alerts; want the message forwarded to whoever replied", staff.forwards, len(staff.alerts))
	}
}

func TestDeleteMeClosesTheHandoff(t *testing.T) {
	h, _ := newStaffHarness(t)
	h.register(sam, "Sam", "MH1")
	h.says(sam, "talk", talkAsked)
	ho, _ := h.openHandoff(sam)
	h.says(sam, "delete me", "Delete everything?")
	h.says(sam, "yes", "deleted your details")
	h.job(func(tx college.Tx) error {
		got, err := tx.Handoff(ho.ID)
		if err == nil && got.Closed == nil {
			t.Errorf("hand-off %d still open after DELETE ME", ho.ID)
		}
		return err
	})
}

func TestTalkWithNoAlerterStillAnswers(t *testing.T) {
	h := newHarness(t)
	h.send(sam, "hi")
	h.says(sam, "talk", talkAsked)
	if _, open := h.openHandoff(sam); !open {
		t.Error("no hand-off opened")
	}
	h.says(sam, "hello?", "Sorry, I didn't get that") // nothing to forward through
}

// closeHandoff closes the student's hand-off, as #close does.
func closeHandoff(h *harness, addr string) {
	h.t.Helper()
	ho, _ := h.openHandoff(addr)
	h.job(func(tx college.Tx) error {
		now := tx.Now()
		ho.Closed = &now
		return tx.SaveHandoff(ho)
	})
}
