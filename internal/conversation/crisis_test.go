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

// Transcripts of a student whose message suggests a crisis. The staff
// side is a recording alerter; internal/staff tests the alerts staff get.

// crisisReply is what every student in England is sent, in one segment.
const crisisReply = "Glad you told us. Texts here aren't read all the time. Life at risk: 999. NHS 111, mental health option. " +
	"Samaritans 116 123, free, any time. Text SHOUT to 85258"

// saysCrisis checks that a message gets the crisis reply and nothing else.
func (h *harness) saysCrisis(ch college.Channel, from, text string) {
	h.t.Helper()
	got := h.sendAs(college.Inbound{Channel: ch, Address: from, Text: text})
	if len(got) != 1 || got[0] != crisisReply {
		h.t.Fatalf("%s sends %q: got %q, want only the crisis reply", from, text, got)
	}
}

// openAlert returns the open alert of the student at an address.
func (h *harness) openAlert(ch college.Channel, addr string) (college.Alert, bool) {
	h.t.Helper()
	var a college.Alert
	found := true
	h.job(func(tx college.Tx) error {
		ct, err := tx.FindContact(ch, addr)
		if err != nil {
			return err
		}
		a, err = tx.OpenAlertOf(ct.StudentID)
		if errors.Is(err, college.ErrNotFound) {
			found, err = false, nil
		}
		return err
	})
	return a, found
}

func TestCrisisMidRegistrationKeepsTheQuestion(t *testing.T) {
	h, staff := newStaffHarness(t)
	h.says(sam, "join MH1", "first name")
	h.saysCrisis(college.Terminal, sam, "i want to kill myself")
	a, open := h.openAlert(college.Terminal, sam)
	if !open || a.Text != "i want to kill myself" || a.Rule == "" || a.Match == "" || !a.Signposted ||
		a.Channel != college.Terminal || a.InboxID == 0 {
		t.Fatalf("stored alert %+v (open %v), want the message, its rule and match, signposted", a, open)
	}
	if len(staff.raised) != 1 || staff.raised[0].ID != a.ID {
		t.Errorf("staff alerted of %+v, want alert %d once", staff.raised, a.ID)
	}
	// Registration carries on from the question that was asked.
	h.says(sam, "Sam", "Is that OK?")
	h.says(sam, "yes", "16 or over")
}

func TestCrisisInReplyToAReminder(t *testing.T) {
	h, staff := newStaffHarness(t)
	h.register(sam, "Sam", "MH1")
	r := college.Reminder{Booking: h.booking(sam, "MH1"), Kind: college.DayBefore}
	h.job(func(tx college.Tx) error { return h.eng.Remind(tx, r, h.now) })
	checkText(t, "reminder", strings.Join(h.received(sam), ""), "Reply NO if you can't come")
	h.saysCrisis(college.Terminal, sam, "NO. I want to die")
	if len(staff.raised) != 1 {
		t.Fatalf("staff alerted %d times, want 1", len(staff.raised))
	}
	// No apologies were recorded: a plain NO now records them.
	h.says(sam, "no", "told the facilitator you can't come on Tue 12 Jan 10:00")
}

func TestCrisisAsTheFirstMessageEver(t *testing.T) {
	h, staff := newStaffHarness(t)
	h.saysCrisis(college.Terminal, sam, "I want to kill myself")
	if len(staff.raised) != 1 || staff.raised[0].StudentID != h.student(sam).ID {
		t.Fatalf("staff alerted of %+v, want the new student once", staff.raised)
	}
}

func TestCrisisOnTelegram(t *testing.T) {
	h, staff := newStaffHarness(t)
	const chat = "5550001"
	h.sendAs(college.Inbound{Channel: college.Telegram, Address: chat, Text: "/start", Event: college.EventStart})
	h.saysCrisis(college.Telegram, chat, "honestly i want to die")
	if a, open := h.openAlert(college.Telegram, chat); !open || a.Channel != college.Telegram || len(staff.raised) != 1 {
		t.Fatalf("alert %+v (open %v), staff told %d times; want one open alert from Telegram", a, open, len(staff.raised))
	}
}

func TestCrisisAgainWhileTheAlertIsOpen(t *testing.T) {
	h, staff := newStaffHarness(t)
	h.register(sam, "Sam", "MH1")
	h.saysCrisis(college.Terminal, sam, "i want to kill myself")
	first, _ := h.openAlert(college.Terminal, sam)
	h.now = h.now.Add(10 * time.Minute)
	h.saysCrisis(college.Terminal, sam, "i want to kill myself tonight")
	again, _ := h.openAlert(college.Terminal, sam)
	if len(staff.raised) != 1 || again.ID != first.ID || len(staff.again) != 1 || staff.again[0] != "i want to kill myself tonight" {
		t.Errorf("raised %d, open alert %d then %d, passed on %q; want one alert and the second message passed on",
			len(staff.raised), first.ID, again.ID, staff.again)
	}
}

func TestCrisisFromAStudentWhoOptedOut(t *testing.T) {
	h, staff := newStaffHarness(t)
	h.register(sam, "Sam", "MH1")
	h.send(sam, "STOP")
	if got := h.send(sam, "i want to kill myself"); len(got) != 0 {
		t.Fatalf("an opted-out student got %q, want nothing (carriers block it)", got)
	}
	a, open := h.openAlert(college.Terminal, sam)
	if !open || a.Signposted || len(staff.raised) != 1 {
		t.Fatalf("alert %+v (open %v), staff told %d times; want staff told it was not signposted", a, open, len(staff.raised))
	}
}

func TestOrdinaryTalkRaisesNoAlert(t *testing.T) {
	h, staff := newStaffHarness(t)
	h.register(sam, "Sam", "MH1")
	h.says(sam, "info MH1", "Understanding anxiety")
	if _, open := h.openAlert(college.Terminal, sam); open || len(staff.raised) != 0 {
		t.Errorf("ordinary messages raised an alert")
	}
}

// TestCrisisContactsPerNation checks each nation's reply: its own
// numbers, plain SMS, one segment where it fits and two at most.
func TestCrisisContactsPerNation(t *testing.T) {
	want := map[string][]string{
		"england":          {"999", "NHS 111, mental health option", "Samaritans 116 123", "SHOUT to 85258"},
		"wales":            {"999", "NHS 111, press 2", "0800 132 737", "Samaritans 116 123"},
		"scotland":         {"999", "NHS 24 on 111", "Breathing Space 0800 83 85 87", "Samaritans 116 123"},
		"northern_ireland": {"999", "Lifeline 0808 808 8000", "Samaritans 116 123"},
	}
	oneSegment := map[string]bool{"england": true, "wales": true, "northern_ireland": true}
	for _, nation := range college.Nations {
		p := college.DefaultProfile()
		p.Nation = nation
		got := crisisReplyFor(t, p)
		checkText(t, nation, got, append(want[nation], "Glad you told us", "aren't read all the time")...)
		n := sms.Count(got).Segments
		if !sms.IsGSM7(got) || n > 2 || (oneSegment[nation] && n != 1) {
			t.Errorf("%s: %d segments (GSM-7 %v), want %s:\n%s", nation, n, sms.IsGSM7(got), map[bool]string{true: "1", false: "at most 2"}[oneSegment[nation]], got)
		}
	}
	p := college.DefaultProfile()
	p.CrisisContacts = "Life at risk: 999. Our crisis line 0800 000 1111, any time. Samaritans 116 123."
	if got := crisisReplyFor(t, p); !strings.HasSuffix(got, p.CrisisContacts) || sms.Count(got).Segments != 1 {
		t.Errorf("the college's own contacts gave %q", got)
	}
}

// crisisReplyFor is the crisis reply of a college with profile p.
func crisisReplyFor(t *testing.T, p college.Profile) string {
	h := newEmptyHarness(t)
	eng, err := conversation.New(h.db, h.cat, p, london)
	if err != nil {
		t.Fatal(err)
	}
	h.eng = eng
	got := h.send(sam, "I want to kill myself")
	if len(got) != 1 {
		t.Fatalf("%s: got %q, want the crisis reply alone", p.CrisisNation(), got)
	}
	return got[0]
}

func TestProfileRefusesCrisisContactsThatCannotWork(t *testing.T) {
	for contacts, says := range map[string]string{
		"Call us \u2014 any time 0800 000 1111":    "plain letters",
		"Please talk to someone you trust.":        "no number",
		strings.Repeat("Samaritans 116 123. ", 13): "two texts",
	} {
		p := college.DefaultProfile()
		p.CrisisContacts = contacts
		if err := p.Validate(); err == nil || !strings.Contains(err.Error(), says) {
			t.Errorf("crisis_contacts %q: %v, want an error saying %q", contacts, err, says)
		}
	}
	p := college.DefaultProfile()
	p.Nation = "cornwall"
	if err := p.Validate(); err == nil || !strings.Contains(err.Error(), "england, wales, scotland, northern_ireland") {
		t.Errorf("nation cornwall: %v", err)
	}
	if _, err := conversation.New(nil, nil, p, london); err == nil {
		t.Error("an engine started on a profile with an unknown nation")
	}
}

// TestRemindersPauseWhileAnAlertIsOpen: a reminder due while the alert is
// open is not queued, nor sent late once it is cleared; one that falls
// due after is.
func TestRemindersPauseWhileAnAlertIsOpen(t *testing.T) {
	h, _ := newStaffHarness(t)
	h.register(sam, "Sam", "MH1")
	h.saysCrisis(college.Terminal, sam, "i want to kill myself")
	r := college.Reminder{Booking: h.booking(sam, "MH1"), Kind: college.DayBefore, Due: h.now}
	h.job(func(tx college.Tx) error { return h.eng.Remind(tx, r, h.now) })
	if got := h.received(sam); len(got) != 0 {
		t.Fatalf("a paused student got %q", got)
	}
	h.now = h.now.Add(time.Hour)
	a, _ := h.openAlert(college.Terminal, sam)
	h.job(func(tx college.Tx) error {
		now := tx.Now()
		a.Cleared, a.ClearedBy = &now, "Sue"
		return tx.SaveAlert(a)
	})
	h.now = h.now.Add(time.Minute)
	h.job(func(tx college.Tx) error { return h.eng.Remind(tx, r, h.now) })
	if got := h.received(sam); len(got) != 0 {
		t.Fatalf("a reminder that fell due while paused was sent late: %q", got)
	}
	r.Due = h.now
	h.job(func(tx college.Tx) error { return h.eng.Remind(tx, r, h.now) })
	checkText(t, "reminder after clearing", strings.Join(h.received(sam), ""), "Reply NO if you can't come")
}

func TestCrisisInAnEditOrACaption(t *testing.T) {
	h, log := newStaffHarness(t)
	for _, ev := range []college.Event{college.EventEdited, college.EventNotText} {
		got := h.sendAs(college.Inbound{Channel: college.Telegram, Address: "9001", Event: ev, Text: "i want to end my life"})
		if len(got) != 1 || got[0] != crisisReply {
			t.Errorf("%s with crisis words: got %q, want only the crisis reply", ev, got)
		}
	}
	if len(log.raised) != 1 || len(log.again) != 1 {
		t.Errorf("raised %d alerts and passed on %d, want one alert and one message passed on", len(log.raised), len(log.again))
	}
	got := h.sendAs(college.Inbound{Channel: college.Telegram, Address: "9002", Event: college.EventEdited, Text: "JOIN MH1"})
	if len(got) != 1 || got[0] == crisisReply {
		t.Errorf("an ordinary edit: got %q, want the edit hint", got)
	}
}
