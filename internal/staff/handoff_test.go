package staff_test

import (
	"strings"
	"testing"

	"collegebot/internal/college"
	"collegebot/internal/sms"
)

// Who is where in the hand-off tests.
const (
	annPhone = "+447700900123" // a student, by SMS
	kimPhone = "+447700900124" // another student
	sueChat  = "9001"          // Sue, admin, on Telegram
	bobPhone = "+447700900500" // Bob, staff, by SMS
	fayChat  = "9003"          // Fay, facilitator, on Telegram
)

// newHandoffRig is a college with no courses yet and these members of
// staff; students arrive by messaging it.
func newHandoffRig(t *testing.T, members ...college.StaffMember) *rig {
	t.Helper()
	r := newRig(t, college.DefaultProfile())
	r.addStaff(members...)
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

// registered names the student at an SMS number, as registration does.
func (r *rig) registered(addr, name string) {
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
func (r *rig) handoff(id int64) college.Handoff {
	r.t.Helper()
	var h college.Handoff
	r.office(func(tx college.OfficeTx) (err error) {
		h, err = tx.Handoff(id)
		return err
	})
	return h
}

// The hand-off round trip: a student asks for a person, staff are
// alerted, one of them answers through the bot, the student's answer goes
// back to them, and closing the hand-off ends it.
func TestHandoffRoundTrip(t *testing.T) {
	r := newHandoffRig(t, handoffTeam()...)
	r.registered(annPhone, "Ann")
	r.send(college.SMS, annPhone, "Is the anxiety course on Tuesdays?")
	r.gets(college.SMS, annPhone, "Sorry, I didn't get that")
	r.send(college.SMS, annPhone, "TALK")
	r.gets(college.SMS, annPhone, "Thanks Ann, we've asked staff to get back to you here in office hours (Mon-Fri 9-5)",
		"call 01924 000 000")

	seen := []string{"Ann asked to talk to a person (ref 1).", "Reach: SMS " + annPhone,
		`"hi"`, `"Is the anxiety course on Tuesdays?"`, `"TALK"`}
	r.gets(college.Telegram, sueChat, append(seen, "Answer: /reply 1 your message", "/close 1")...)
	alert := r.gets(college.SMS, bobPhone, append(seen, "Answer: #reply 1 your message", "#close 1")...)
	if n := sms.Count(alert.Text); !sms.IsGSM7(alert.Text) || n.Segments > 2 {
		t.Errorf("Bob's alert is %d segments (GSM-7 %v):\n%s", n.Segments, sms.IsGSM7(alert.Text), alert.Text)
	}
	r.getsNothing(college.Telegram, fayChat) // facilitators are not alerted

	r.send(college.Telegram, sueChat, "/reply 1 Hi Ann, it\u2019s Sue \u2014 yes, Tuesdays 10am")
	r.gets(college.Telegram, sueChat, "Sent to Ann.")
	q := r.gets(college.SMS, annPhone)
	if want := "Calderbrook Recovery College: Hi Ann, it's Sue - yes, Tuesdays 10am"; q.Text != want ||
		q.Kind != college.KindReply || q.Priority != college.Interactive || q.Segments != 1 {
		t.Errorf("Ann got %q (%s, priority %d, %d segments), want %q, an interactive reply of 1 segment",
			q.Text, q.Kind, q.Priority, q.Segments, want)
	}
	if h := r.handoff(1); h.Replied == nil || h.RepliedBy != "Sue" || h.Closed != nil {
		t.Errorf("stored hand-off %+v, want replied by Sue, open", h)
	}

	r.send(college.SMS, annPhone, "Great, can my friend come too?")
	r.gets(college.SMS, annPhone, "we've passed that on")
	r.gets(college.Telegram, sueChat, "Ann (ref 1): Great, can my friend come too?")
	r.getsNothing(college.SMS, bobPhone) // the answer goes to whoever replied

	r.send(college.SMS, bobPhone, "#close 1")
	r.gets(college.SMS, bobPhone, "Closed hand-off 1 (Ann)")
	r.send(college.SMS, annPhone, "thanks!")
	r.gets(college.SMS, annPhone, "Sorry, I didn't get that")
	r.getsNothing(college.Telegram, sueChat)
	r.send(college.Telegram, sueChat, "/reply 1 one more thing")
	r.gets(college.Telegram, sueChat, "Hand-off 1 is closed")
	r.getsNothing(college.SMS, annPhone)
}

func TestForwardedToEveryoneUntilSomeoneReplies(t *testing.T) {
	r := newHandoffRig(t, handoffTeam()...)
	r.send(college.Telegram, "5550001", "hello")
	r.got(college.Telegram, "5550001")
	r.send(college.Telegram, "5550001", "talk to someone")
	r.gets(college.Telegram, "5550001", "Thanks, we've asked staff")
	r.gets(college.Telegram, sueChat, "A new student asked to talk to a person (ref 1).", "Reach: Telegram")
	r.gets(college.SMS, bobPhone, "A new student asked", "Reach: Telegram")
	r.send(college.Telegram, "5550001", "it's about my son")
	r.gets(college.Telegram, "5550001", "we've passed that on")
	r.gets(college.Telegram, sueChat, "A new student (ref 1): it's about my son")
	r.gets(college.SMS, bobPhone, "A new student (ref 1): it's about my son")
	r.getsNothing(college.Telegram, fayChat)
	r.send(college.SMS, bobPhone, "#reply 1 Hello, this is Bob. How can we help?")
	r.gets(college.SMS, bobPhone, "Sent to a new student.")
	r.gets(college.Telegram, "5550001", "Calderbrook Recovery College: Hello, this is Bob.")
}

func TestReplyRefusals(t *testing.T) {
	r := newHandoffRig(t, handoffTeam()...)
	r.registered(annPhone, "Ann")
	r.registered(kimPhone, "Kim")
	r.send(college.SMS, annPhone, "talk")
	r.got(college.SMS, annPhone)
	r.got(college.Telegram, sueChat)
	r.got(college.SMS, bobPhone)
	for _, tt := range []struct{ send, want string }{
		{"#reply 99 hello", "There is no hand-off 99"},
		{"#reply", "Send #reply REF message"},
		{"#reply 1", "What should it say? Send #reply 1 your message."},
		{"#close x", "Send #close REF"},
	} {
		r.send(college.SMS, bobPhone, tt.send)
		r.gets(college.SMS, bobPhone, tt.want)
	}
	r.send(college.Telegram, fayChat, "/reply 1 hi")
	r.gets(college.Telegram, fayChat, "needs the staff role")

	// A student who tries a staff command gets the student's hint, and
	// nobody else hears of it.
	r.send(college.SMS, kimPhone, "#reply 1 hi")
	r.gets(college.SMS, kimPhone, "Sorry, I didn't get that")
	r.getsNothing(college.SMS, annPhone)
	r.getsNothing(college.Telegram, sueChat)
	r.getsNothing(college.SMS, bobPhone)
	if h := r.handoff(1); h.Replied != nil {
		t.Errorf("hand-off replied to by a refused command: %+v", h)
	}
	if !strings.Contains(r.log.String(), "staff command from someone not on the staff list") {
		t.Errorf("the student's attempt was not logged:\n%s", r.log.String())
	}
}

// A reply too long for one SMS (Twilio takes at most 1,600 characters)
// is refused, not queued to fail; on Telegram it goes.
func TestReplyTooLongForATextIsRefused(t *testing.T) {
	r := newHandoffRig(t, handoffTeam()...)
	r.registered(annPhone, "Ann")
	r.send(college.SMS, annPhone, "talk")
	r.got(college.SMS, annPhone)
	r.got(college.SMS, bobPhone)
	r.got(college.Telegram, sueChat)
	r.send(college.Telegram, sueChat, "/reply 1 "+strings.Repeat("a", 1600))
	r.gets(college.Telegram, sueChat, "That is 1,630 characters with the college's name; a text can be at most 1,600, so nothing was sent.")
	r.getsNothing(college.SMS, annPhone)
	if h := r.handoff(1); h.Replied != nil {
		t.Errorf("hand-off marked replied by a refused reply: %+v", h)
	}
	r.send(college.Telegram, sueChat, "/reply 1 "+strings.Repeat("a", 1570))
	r.gets(college.Telegram, sueChat, "Sent to Ann.")
}

func TestNoReplyToAStudentWhoOptedOutOrLeft(t *testing.T) {
	r := newHandoffRig(t, handoffTeam()...)
	r.registered(annPhone, "Ann")
	r.registered(kimPhone, "Kim")
	r.send(college.SMS, annPhone, "talk")
	r.send(college.SMS, kimPhone, "talk")
	r.send(college.SMS, annPhone, "STOP")
	r.send(college.SMS, kimPhone, "delete me")
	r.send(college.SMS, kimPhone, "yes")
	r.got(college.SMS, annPhone)
	r.got(college.SMS, kimPhone)
	r.got(college.SMS, bobPhone)

	r.send(college.SMS, bobPhone, "#reply 1 hi Ann")
	r.gets(college.SMS, bobPhone, "Ann has opted out of our messages (STOP), so nothing was sent.")
	r.send(college.SMS, bobPhone, "#reply 2 hi Kim")
	r.gets(college.SMS, bobPhone, "asked us to delete their details")
	r.getsNothing(college.SMS, annPhone)
	r.getsNothing(college.SMS, kimPhone)
	if h := r.handoff(2); h.Closed == nil {
		t.Errorf("the deleted student's hand-off is open: %+v", h)
	}
}

func TestHandoffWithNoStaffStillAnswersAndWarns(t *testing.T) {
	r := newHandoffRig(t, college.StaffMember{Name: "Fay", Role: college.Facilitator, TelegramID: fayChat})
	r.registered(annPhone, "Ann")
	r.send(college.SMS, annPhone, "talk")
	r.gets(college.SMS, annPhone, "Thanks Ann, we've asked staff")
	r.getsNothing(college.Telegram, fayChat)
	if !strings.Contains(r.log.String(), "no staff to tell about a hand-off") {
		t.Errorf("no warning logged:\n%s", r.log.String())
	}
}

func TestHandoffsListsTheOpenOnes(t *testing.T) {
	r := newHandoffRig(t, handoffTeam()...)
	r.send(college.SMS, bobPhone, "#handoffs")
	r.gets(college.SMS, bobPhone, "No one is waiting for a person.")
	r.registered(annPhone, "Ann")
	r.registered(kimPhone, "Kim")
	r.send(college.SMS, annPhone, "talk")
	r.send(college.SMS, kimPhone, "can someone call me")
	r.got(college.SMS, bobPhone)
	r.send(college.SMS, bobPhone, "#reply 2 Will do")
	r.got(college.SMS, bobPhone)
	r.send(college.SMS, bobPhone, "#handoffs")
	r.gets(college.SMS, bobPhone, "1 Ann, since Mon 11 Jan 10:00, not answered yet",
		"2 Kim, since Mon 11 Jan 10:00, answered by Bob", "#reply REF")
}

// A name that starts with a letter beyond ASCII reaches staff on Telegram
// whole (it was once cut in the middle of its first letter).
func TestHandoffKeepsANameThatStartsBeyondASCII(t *testing.T) {
	r := newHandoffRig(t, handoffTeam()...)
	r.send(college.Telegram, "5550002", "hi")
	r.got(college.Telegram, "5550002")
	r.office(func(tx college.OfficeTx) error {
		ct, err := tx.FindContact(college.Telegram, "5550002")
		if err != nil {
			return err
		}
		st, err := tx.Student(ct.StudentID)
		if err != nil {
			return err
		}
		now := tx.Now()
		st.FirstName, st.ConsentAt = "Łucja", &now
		return tx.SaveStudent(st)
	})
	r.send(college.Telegram, "5550002", "talk")
	r.got(college.Telegram, "5550002")
	r.gets(college.Telegram, sueChat, "Łucja asked to talk to a person (ref 1).")
}

// A message the bot could not deal with (set aside by the inbox after its
// tries) reaches staff as a hand-off saying so, with the message quoted.
func TestSetAsideAlertsStaff(t *testing.T) {
	r := newHandoffRig(t, handoffTeam()...)
	r.registered(annPhone, "Ann")
	r.send(college.SMS, annPhone, "Is the anxiety course on Tuesdays?")
	r.got(college.SMS, annPhone)
	err := r.db.Update(t.Context(), func(tx college.Tx) error {
		ct, err := tx.FindContact(college.SMS, annPhone)
		if err != nil {
			return err
		}
		h, err := tx.OpenHandoff(ct.StudentID)
		if err != nil {
			return err
		}
		return r.desk.SetAside(tx, h)
	})
	if err != nil {
		t.Fatal(err)
	}
	head := "The bot could not deal with a message from Ann (ref 1). They were told staff will reply."
	r.gets(college.Telegram, sueChat, head, "Reach: SMS "+annPhone, `"Is the anxiety course on Tuesdays?"`, "/reply 1")
	alert := r.gets(college.SMS, bobPhone, head, "#reply 1")
	if n := sms.Count(alert.Text); !sms.IsGSM7(alert.Text) || n.Segments > 3 {
		t.Errorf("Bob's alert is %d segments (GSM-7 %v):\n%s", n.Segments, sms.IsGSM7(alert.Text), alert.Text)
	}
	r.getsNothing(college.Telegram, fayChat)
}
