package staff_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/jobs"
	"collegebot/internal/sms"
)

// Crisis alerts in the course rooms: Sue (admin, Telegram), Ray (staff,
// SMS) and Fay Green (facilitator, Telegram first), whom Sue gives the
// safeguarding flag. Ann and others are booked on MH1, which meets on
// Tuesdays at 10:00 from 12 January 2027; it is Monday 11 January, 10:00.

const crisisText = "I want to kill myself"

// flagFay gives Fay the safeguarding flag, as Sue does from Telegram.
func (r *rig) flagFay() {
	r.t.Helper()
	q := r.answer(college.Telegram, roomSue, "/staff safeguarding 3 on")
	if !strings.Contains(q.Text, "Fay Green is now told at once of every safeguarding alert") ||
		!strings.Contains(q.Text, "tg:7103, safeguarding") {
		r.t.Fatalf("flagging Fay: %q", q.Text)
	}
}

// crisis has a student send a crisis message by SMS and checks that the
// crisis reply is all they get.
func (r *rig) crisis(name, text string) {
	r.t.Helper()
	r.send(college.SMS, r.phoneOf(name), text)
	got := r.texts(name)
	if len(got) != 1 || !strings.HasPrefix(got[0], "Glad you told us.") || !strings.Contains(got[0], "Samaritans 116 123") {
		r.t.Fatalf("%s got %q, want the crisis reply alone", name, got)
	}
}

// repeats runs the alerts job at a time and returns what it planned.
func (r *rig) repeats(at time.Time, dry bool) []jobs.Planned {
	r.t.Helper()
	r.now = at
	var planned []jobs.Planned
	j := jobs.Alerts{Repeater: r.desk, Loc: r.loc}
	if _, err := j.Run(context.Background(), at, dry, func(p jobs.Planned) { planned = append(planned, p) }); err != nil {
		r.t.Fatal(err)
	}
	return planned
}

// alert returns a stored alert.
func (r *rig) alert(id int64) college.Alert {
	r.t.Helper()
	var a college.Alert
	r.office(func(tx college.OfficeTx) (err error) {
		a, err = tx.Alert(id)
		return err
	})
	return a
}

func TestCrisisAlertsSafeguardingStaffAtOnce(t *testing.T) {
	r := newRoomRig(t)
	r.flagFay()
	r.crisis("Ann", crisisText)
	r.gets(college.Telegram, roomFayTG, "SAFEGUARDING ALERT 1: Ann may be at risk.",
		`Ann wrote: "I want to kill myself"`, "Reach: SMS "+r.phoneOf("Ann"),
		"They were sent the crisis contacts.", "/reply 1 your message", "Seen it? Send /ack 1", "Dealt with? /clear 1 (their reminders pause till then)")
	r.getsNothing(college.Telegram, roomSue) // admins and staff are next in line, not told at once
	r.getsNothing(college.SMS, roomRay)
	if a := r.alert(1); len(a.Told) != 1 || a.Told[0] != 3 || a.StudentID != r.ids["Ann"] || a.Text != crisisText {
		t.Errorf("stored alert %+v, want Ann's message, told Fay (3)", a)
	}
}

func TestCrisisAgainGoesToWhoeverWasTold(t *testing.T) {
	r := newRoomRig(t)
	r.flagFay()
	r.crisis("Ann", crisisText)
	r.got(college.Telegram, roomFayTG)
	r.now = r.now.Add(5 * time.Minute)
	r.crisis("Ann", "i want to die, please help")
	r.gets(college.Telegram, roomFayTG, "SAFEGUARDING ALERT 1", `Ann wrote again: "i want to die, please help"`)
	r.getsNothing(college.Telegram, roomSue)
}

func TestCrisisFromAStudentWhoOptedOutAlertsStaffSayingSo(t *testing.T) {
	r := newRoomRig(t)
	r.flagFay()
	r.send(college.SMS, r.phoneOf("Ann"), "STOP")
	r.texts("Ann")
	r.send(college.SMS, r.phoneOf("Ann"), crisisText)
	if got := r.texts("Ann"); len(got) != 0 {
		t.Errorf("Ann opted out, yet got %q", got)
	}
	r.gets(college.Telegram, roomFayTG, "SAFEGUARDING ALERT 1: Ann may be at risk.",
		"opted out of our texts (STOP), so the bot could NOT send them the crisis contacts",
		"Reach: no way left (they opted out)")
}

// TestAlertRepeatsUntilAcknowledged: unacknowledged, the alert goes to
// one new person every 30 minutes in office hours, admins then staff,
// and round again; an acknowledgement stops it and tells the others.
func TestAlertRepeatsUntilAcknowledged(t *testing.T) {
	r := newRoomRig(t)
	r.flagFay()
	r.crisis("Ann", crisisText)
	r.got(college.Telegram, roomFayTG)
	if p := r.repeats(rigDay(11, 10, 29), false); len(p) != 0 {
		t.Fatalf("repeated after 29 minutes: %+v", p)
	}
	p := r.repeats(rigDay(11, 10, 30), true)
	if len(p) != 1 || p[0].What != "safeguarding alert 1 (repeat)" || p[0].FirstName != "Ann" ||
		p[0].Why != "sent to Sue (telegram), as nobody has acknowledged it since Mon 11 Jan 10:00" {
		t.Fatalf("dry run planned %+v, want the repeat to Sue", p)
	}
	r.getsNothing(college.Telegram, roomSue) // a dry run sends nothing
	r.repeats(rigDay(11, 10, 30), false)
	r.gets(college.Telegram, roomSue, "Still not acknowledged after 30 minutes.", "SAFEGUARDING ALERT 1: Ann may be at risk.", "/ack 1")
	r.repeats(rigDay(11, 10, 30), false) // the same minute again sends nothing more
	r.getsNothing(college.Telegram, roomSue)
	r.repeats(rigDay(11, 11, 0), false)
	sms1 := r.gets(college.SMS, roomRay, "Still not acknowledged after 1 hour.", "#ack 1")
	if n := sms.Count(sms1.Text).Segments; n > 2 || !sms.IsGSM7(sms1.Text) {
		t.Errorf("the repeat by SMS is %d segments (GSM-7 %v), want at most 2", n, sms.IsGSM7(sms1.Text))
	}
	r.repeats(rigDay(11, 11, 30), false) // everyone has had it: round again
	r.gets(college.Telegram, roomFayTG, "Still not acknowledged after 1 hour 30 minutes.")

	r.now = rigDay(11, 11, 40)
	q := r.answer(college.SMS, roomRay, "#ack 1")
	if !strings.HasPrefix(q.Text, "Acknowledged alert 1 (Ann): it will not repeat.") {
		t.Errorf("Ray's #ack 1 got %q", q.Text)
	}
	r.gets(college.Telegram, roomSue, "Ray has acknowledged alert 1 (Ann): it will not repeat.")
	r.gets(college.Telegram, roomFayTG, "Ray has acknowledged alert 1 (Ann)")
	if p := r.repeats(rigDay(11, 13, 0), false); len(p) != 0 {
		t.Errorf("an acknowledged alert repeated: %+v", p)
	}
	if a := r.alert(1); a.Acked == nil || a.AckedBy != "Ray" || a.Repeats != 3 || a.Cleared != nil {
		t.Errorf("stored alert %+v, want acknowledged by Ray after 3 repeats, not cleared", a)
	}
}

// TestAlertRepeatWaitsForOfficeHours: raised late on a Friday, the alert
// is not repeated in the evening or at the weekend, but first thing on
// Monday.
func TestAlertRepeatWaitsForOfficeHours(t *testing.T) {
	r := newRoomRig(t)
	r.flagFay()
	r.now = rigDay(15, 16, 50)
	r.crisis("Ann", crisisText)
	r.gets(college.Telegram, roomFayTG, "SAFEGUARDING ALERT 1") // told at once, whatever the hour
	for _, at := range []time.Time{rigDay(15, 17, 20), rigDay(15, 23, 0), rigDay(16, 10, 0), rigDay(18, 8, 59)} {
		if p := r.repeats(at, false); len(p) != 0 {
			t.Errorf("repeated at %s, outside office hours", at.Format("Mon 15:04"))
		}
	}
	r.repeats(rigDay(18, 9, 0), false)
	r.gets(college.Telegram, roomSue, "SAFEGUARDING ALERT 1")
}

func TestWhoMayAcknowledgeAndClear(t *testing.T) {
	r := newRoomRig(t)
	r.crisis("Ann", crisisText) // nobody flagged: Sue, the admin, is told
	r.gets(college.Telegram, roomSue, "SAFEGUARDING ALERT 1")
	r.says(college.Telegram, roomFayTG, "/ack 1", "Only staff with the safeguarding flag, admins and staff can ack alerts.")
	r.says(college.SMS, roomRay, "#ack 9", "There is no alert 9. #alerts lists the open ones.")
	r.says(college.SMS, roomRay, "#alerts", "Open safeguarding alerts:\n1 Ann, Mon 11 Jan 10:00, NOT acknowledged\n"+
		"#ack ID to acknowledge, #clear ID when dealt with.")
	r.answer(college.SMS, roomRay, "#ack 1")
	r.gets(college.Telegram, roomSue, "Ray has acknowledged alert 1 (Ann)")
	r.says(college.Telegram, roomSue, "/ack 1", "Alert 1 was already acknowledged by Ray at Mon 11 Jan 10:00.")
	r.says(college.Telegram, roomSue, "/clear 1",
		"Cleared alert 1 (Ann). Their reminders and news start again; what fell due meanwhile was not sent.")
	r.gets(college.SMS, roomRay, "Sue has cleared alert 1 (Ann).")
	r.says(college.SMS, roomRay, "#alerts", "No safeguarding alerts are open.")
}

// TestAutomationPausesUntilCleared: while Ann's alert is open she gets no
// reminder, no broadcast and no waiting-list offer; what fell due then is
// not sent late; after #clear, the next reminder comes.
func TestAutomationPausesUntilCleared(t *testing.T) {
	r := newRoomRig(t)
	r.flagFay()
	r.now = rigDay(11, 9, 30)
	r.crisis("Ann", crisisText)
	r.crisis("Eve", "i want to die") // Eve is waiting for a place on MH1
	if c := r.sweep(rigDay(11, 10, 1)); c.Reminders != 3 {
		t.Errorf("the day-before sweep queued %d reminders, want 3 (Bob, Cat, Dan)", c.Reminders)
	}
	for _, name := range []string{"Ann", "Eve"} {
		if got := r.texts(name); len(got) != 0 {
			t.Errorf("%s, whose messages are paused, got %q", name, got)
		}
	}
	r.office(func(tx college.OfficeTx) error {
		b, err := tx.AddBroadcast(college.Broadcast{Audience: college.Audience{Scope: college.ScopeCourse, Name: "MH1"},
			Kind: college.KindService, Body: "Bring a pen", CreatedBy: "Sue"})
		if err != nil {
			return err
		}
		n, err := tx.QueueBroadcast(b, college.BroadcastMessage{Text: "Bring a pen", Segments: 1})
		if err == nil && n != 3 {
			t.Errorf("the broadcast went to %d, want 3 (Ann left out)", n)
		}
		return err
	})
	if got := r.texts("Ann"); len(got) != 0 {
		t.Errorf("Ann got the broadcast: %q", got)
	}
	r.send(college.SMS, r.phoneOf("Bob"), "drop MH1")
	r.send(college.SMS, r.phoneOf("Bob"), "yes")
	if got := r.texts("Eve"); len(got) != 0 || r.text(`SELECT status FROM enrolment WHERE student_id = ?`, r.ids["Eve"]) != "waiting" {
		t.Errorf("Eve, paused, got %q and is %s; want no offer, still waiting",
			got, r.text(`SELECT status FROM enrolment WHERE student_id = ?`, r.ids["Eve"]))
	}

	r.now = rigDay(11, 11, 0)
	r.got(college.Telegram, roomFayTG)
	r.answer(college.Telegram, roomFayTG, "/clear 1")
	if c := r.sweep(rigDay(11, 11, 1)); c.Reminders != 0 || len(r.texts("Ann")) != 0 {
		t.Errorf("after #clear the sweep queued %d reminders; the one due while paused must not go late", c.Reminders)
	}
	r.sweep(rigDay(18, 10, 1))
	if got := r.texts("Ann"); len(got) != 1 || !strings.Contains(got[0], "Tue 19 Jan") {
		t.Errorf("after #clear Ann got %q, want the next week's reminder", got)
	}
}

// TestNobodyFlaggedAlertsTheAdmins: with no member flagged, admins are
// told, and the log says to flag someone.
func TestNobodyFlaggedAlertsTheAdmins(t *testing.T) {
	r := newHandoffRig(t, handoffTeam()...)
	r.registered(annPhone, "Ann")
	r.send(college.SMS, annPhone, crisisText)
	r.gets(college.SMS, annPhone, "Glad you told us.")
	r.gets(college.Telegram, sueChat, "SAFEGUARDING ALERT 1: Ann may be at risk.", "Reach: SMS "+annPhone)
	r.getsNothing(college.SMS, bobPhone)
	r.getsNothing(college.Telegram, fayChat)
	if !strings.Contains(r.log.String(), "nobody has the safeguarding flag") {
		t.Errorf("no warning logged:\n%s", r.log.String())
	}
}
