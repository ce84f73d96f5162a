package staff_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
)

// The course rooms, for the session-change, register and alert tests. MH1
// (Understanding anxiety, facilitated by Fay) meets at Calder Library on
// Tuesdays 10:00-12:00 from 12 January 2027, four times, and has four
// places: Ann, Bob, Cat and Dan have them, by SMS, and Eve waits. GA1
// (Walking football, facilitated by Gus) meets on Saturdays; Gil is
// booked on it. Town Hall is a venue with no sessions yet.
//
// The members of staff: Sue (admin) on Telegram; Ray (staff) by SMS; Fay
// (facilitator of MH1) on Telegram and by SMS.
const (
	roomSue    = "7101"
	roomRay    = "+447700900610"
	roomFayTG  = "7103"
	roomFaySMS = "+447700900611"
)

func newRoomRig(t *testing.T) *rig {
	t.Helper()
	r := newRig(t, college.DefaultProfile())
	weekly := func(code, title, who string, capacity int, first time.Time, v college.Venue) college.CourseSpec {
		c := college.CourseSpec{Course: college.Course{Code: code, Title: title, Topic: "Wellbeing",
			Mode: college.InPerson, Capacity: capacity, Facilitators: who}}
		for i := range 4 {
			s := first.AddDate(0, 0, 7*i)
			c.Sessions = append(c.Sessions, college.SessionSpec{Start: s, End: s.Add(2 * time.Hour), Venue: &v})
		}
		return c
	}
	p := college.Prospectus{Courses: []college.CourseSpec{
		weekly("MH1", "Understanding anxiety", "Fay Green (peer trainer), Sam Hill", 4, rigDay(12, 10, 0),
			college.Venue{Name: "Calder Library", Postcode: "WF1 2DD"}),
		weekly("GA1", "Walking football", "Gus Park", 10, rigDay(16, 10, 0),
			college.Venue{Name: "Thornes Park", Postcode: "WF2 8QZ"}),
	}}
	if _, err := r.db.ImportProspectus(context.Background(), p, nil); err != nil {
		t.Fatal(err)
	}
	r.office(func(tx college.OfficeTx) error {
		_, err := tx.AddVenue(college.Venue{Name: "Town Hall", Postcode: "WF1 1AA"})
		return err
	})
	r.addStaff(college.StaffMember{Name: "Sue", Role: college.Admin, TelegramID: roomSue},
		college.StaffMember{Name: "Ray", Role: college.StaffRole, Phone: roomRay},
		college.StaffMember{Name: "Fay Green", Role: college.Facilitator, Phone: roomFaySMS, TelegramID: roomFayTG})
	for i, name := range []string{"Ann", "Bob", "Cat", "Dan", "Eve", "Gil"} {
		code, status := "MH1", college.Booked
		switch name {
		case "Eve":
			status = college.Waiting
		case "Gil":
			code = "GA1"
		}
		r.student(name, college.SMS, fmt.Sprintf("+44770090070%d", i+1), code, status)
	}
	return r
}

func TestMovedSessionTellsStudentsAndRetimesReminders(t *testing.T) {
	r := newRoomRig(t)
	// Monday 10:00: the day-before reminders for Tuesday's MH1/2 are
	// queued, and not sent yet when staff move the session to Thursday.
	if c := r.sweep(rigDay(18, 10, 0)); c.Reminders != 4 {
		t.Fatalf("reminders queued on Monday: %d, want 4", c.Reminders)
	}
	r.now = rigDay(18, 10, 5)
	r.says(college.SMS, roomRay, "#session move MH1/2 2027-01-21 11:00",
		"Moved MH1/2 from Tue 19 Jan 10:00-12:00, Calder Library to Thu 21 Jan 11:00-13:00, Calder Library. 4 students were told.")

	want := "Change to MH1 Understanding anxiety: the session on Tue 19 Jan 10:00 is now Thu 21 Jan 11:00, Calder Library, WF1 2DD. MY shows your bookings."
	for _, who := range []string{"Ann", "Bob", "Cat", "Dan"} {
		if got := r.texts(who); len(got) != 1 || got[0] != want {
			t.Errorf("%s got %q, want only the change", who, got)
		}
	}
	if got := r.texts("Eve"); len(got) != 0 {
		t.Errorf("Eve, waiting, got %q", got)
	}
	if n := r.number(`SELECT count(*) FROM outbox WHERE purpose LIKE 'reminder:%' AND status = 'cancelled'`); n != 4 {
		t.Errorf("cancelled reminders: %d, want 4", n)
	}

	// Tuesday: nothing for the old time. Wednesday: the new time's.
	if c := r.sweep(rigDay(19, 10, 0)); c.Reminders != 0 {
		t.Errorf("reminders queued on Tuesday: %d, want 0", c.Reminders)
	}
	if c := r.sweep(rigDay(20, 10, 0)); c.Reminders != 4 {
		t.Errorf("reminders queued on Wednesday: %d, want 4", c.Reminders)
	}
	got := r.texts("Ann")
	if len(got) != 1 || !strings.HasPrefix(got[0], "Reminder: MH1 Understanding anxiety is tomorrow, Thu 21 Jan 11:00, at Calder Library") {
		t.Errorf("Ann got %q, want Wednesday's reminder of Thursday", got)
	}
}

func TestMoveToAnotherVenue(t *testing.T) {
	r := newRoomRig(t)
	r.says(college.Telegram, roomSue, "/session move MH1/3 venue town hall",
		"Moved MH1/3 from Tue 26 Jan 10:00-12:00, Calder Library to Tue 26 Jan 10:00-12:00, Town Hall. 4 students were told.")
	if got := r.texts("Bob"); len(got) != 1 || !strings.Contains(got[0], "the session on Tue 26 Jan 10:00 is now Tue 26 Jan 10:00, Town Hall, WF1 1AA.") {
		t.Errorf("Bob got %q", got)
	}
	r.says(college.Telegram, roomSue, "/session move MH1/3 venue Moon Base",
		"There is no venue called Moon Base. The venues are: Calder Library WF1 2DD; Thornes Park WF2 8QZ; Town Hall WF1 1AA. "+
			"(collegebot session move adds one given --venue-address or --venue-postcode.)")
	r.says(college.Telegram, roomSue, "/session move MH1/3 venue Town Hall",
		"MH1/3 already meets then and there.")
	if got := r.texts("Bob"); len(got) != 0 {
		t.Errorf("refused moves told Bob %q", got)
	}
	r.says(college.Telegram, roomSue, "/session move MH1/4 at 14:00",
		"Moved MH1/4 from Tue 2 Feb 10:00-12:00, Calder Library to Tue 2 Feb 14:00-16:00, Calder Library. 4 students were told.")
	r.says(college.Telegram, roomSue, "/session move MH1/4 online https://meet.example.org/mh1",
		"Moved MH1/4 from Tue 2 Feb 14:00-16:00, Calder Library to Tue 2 Feb 14:00-16:00, online. 4 students were told.")
	if got := r.texts("Bob"); len(got) != 2 || !strings.HasSuffix(got[1], "is now Tue 2 Feb 14:00, online (we'll text the link). MY shows your bookings.") {
		t.Errorf("Bob got %q", got)
	}
}

func TestMoveToTheTimeItHasAlreadyChangesNothing(t *testing.T) {
	r := newRoomRig(t)
	r.says(college.SMS, roomRay, "#session move MH1/2 2027-01-19 10:00", "MH1/2 already meets then and there.")
	r.says(college.SMS, roomRay, "#session move MH1/2 10:00", "MH1/2 already meets then and there.")
	if got := r.texts("Ann"); len(got) != 0 {
		t.Errorf("a move to the same time told Ann %q", got)
	}
	if n := r.number(`SELECT count(*) FROM session WHERE status <> 'scheduled'`); n != 0 {
		t.Errorf("%d sessions marked changed", n)
	}
}

func TestCancelledSessionTellsStudentsOnce(t *testing.T) {
	r := newRoomRig(t)
	r.says(college.SMS, roomRay, "#session cancel mh1/4",
		"Cancelled MH1/4, Tue 2 Feb 10:00-12:00, Calder Library. 4 students were told.")
	if got := r.texts("Dan"); len(got) != 1 || got[0] != "Sorry, the MH1 Understanding anxiety session on Tue 2 Feb 10:00 is cancelled. MY shows your bookings." {
		t.Errorf("Dan got %q", got)
	}
	r.says(college.SMS, roomRay, "#session cancel MH1/4", "MH1/4 is cancelled already.")
	r.says(college.SMS, roomRay, "#session list MH1", "MH1 Understanding anxiety: 4 booked, 0 offered, 1 waiting of 4 places\n"+
		"MH1/1 Tue 12 Jan 10:00-12:00, Calder Library\n"+
		"MH1/2 Tue 19 Jan 10:00-12:00, Calder Library\n"+
		"MH1/3 Tue 26 Jan 10:00-12:00, Calder Library\n"+
		"MH1/4 Tue 2 Feb 10:00-12:00, Calder Library (cancelled)")
	if got := r.texts("Dan"); len(got) != 0 {
		t.Errorf("the second cancel told Dan %q", got)
	}
	if s := r.text(`SELECT changed_at FROM session WHERE seq = 4 AND course_id = (SELECT id FROM course WHERE code = 'MH1')`); s != "2027-01-11 10:00:00" {
		t.Errorf("changed_at = %q", s)
	}
}

func TestSessionChangeOfABareCodeListsTheSessions(t *testing.T) {
	r := newRoomRig(t)
	r.says(college.SMS, roomRay, "#session move MH1 2027-01-21 11:00", "Which session? Name it as MH1/N:\n"+
		"MH1/1 Tue 12 Jan 10:00-12:00, Calder Library\n"+
		"MH1/2 Tue 19 Jan 10:00-12:00, Calder Library\n"+
		"MH1/3 Tue 26 Jan 10:00-12:00, Calder Library\n"+
		"MH1/4 Tue 2 Feb 10:00-12:00, Calder Library")
	r.says(college.SMS, roomRay, "#session move MH1/9 11:00", "MH1 has no session 9:\n"+
		"MH1/1 Tue 12 Jan 10:00-12:00, Calder Library\n"+
		"MH1/2 Tue 19 Jan 10:00-12:00, Calder Library\n"+
		"MH1/3 Tue 26 Jan 10:00-12:00, Calder Library\n"+
		"MH1/4 Tue 2 Feb 10:00-12:00, Calder Library")
	r.says(college.SMS, roomRay, "#session move MH1/1 2027-01-04 10:00", "The new time, Mon 4 Jan 10:00, has passed.")
	if n := r.number(`SELECT count(*) FROM session WHERE status <> 'scheduled'`); n != 0 {
		t.Errorf("%d sessions changed", n)
	}
}

func TestWholeCourseCancelAfterAConfirm(t *testing.T) {
	r := newRoomRig(t)
	q := r.says(college.Telegram, roomSue, "/session cancel MH1",
		"Cancelling MH1 Understanding anxiety cancels its 4 sessions to come and tells everyone on it "+
			"(4 booked, 0 offered, 1 waiting); their places are dropped.\nTo cancel one session instead, name it as MH1/N.")
	if len(q.Choices) != 1 || q.Choices[0].Command != "/session cancel MH1 confirm" {
		t.Fatalf("choices = %+v, want the confirmation", q.Choices)
	}
	if got := r.texts("Ann"); len(got) != 0 || r.text(`SELECT status FROM course WHERE code = 'MH1'`) != "open" {
		t.Fatalf("before the confirm: Ann got %q, course %s", got, r.text(`SELECT status FROM course WHERE code = 'MH1'`))
	}

	r.says(college.Telegram, roomSue, q.Choices[0].Command,
		"Cancelled MH1 Understanding anxiety: 4 sessions to come, 5 places dropped. 5 students were told.")
	booked := "Sorry, MH1 Understanding anxiety is cancelled: none of its sessions will go ahead, and your booking is closed. Text COURSES to see what else is on."
	for who, want := range map[string]string{"Ann": booked, "Dan": booked,
		"Eve": "Sorry, MH1 Understanding anxiety is cancelled, so its waiting list is closed. Text COURSES to see what else is on."} {
		if got := r.texts(who); len(got) != 1 || got[0] != want {
			t.Errorf("%s got %q, want %q", who, got, want)
		}
	}
	if got := r.texts("Gil"); len(got) != 0 {
		t.Errorf("Gil, on GA1, got %q", got)
	}
	if n := r.number(`SELECT count(*) FROM enrolment WHERE status = 'dropped'`); n != 5 {
		t.Errorf("dropped places: %d, want 5", n)
	}
	// Nothing more is sent: no reminders for a cancelled course.
	if c := r.sweep(rigDay(18, 10, 0)); c.Reminders != 0 {
		t.Errorf("reminders after the course was cancelled: %d", c.Reminders)
	}
	r.says(college.SMS, roomRay, "#session cancel MH1 confirm", "MH1 has no sessions to come: there is nothing to cancel.")
}

func TestSessionCommandsAreForStaff(t *testing.T) {
	r := newRoomRig(t)
	// A student's "#session" is the student conversation's to answer (it
	// reads the course code in it), never a staff answer.
	r.send(college.SMS, r.phoneOf("Ann"), "#session cancel MH1/2")
	got := r.texts("Ann")
	if len(got) != 1 || strings.Contains(got[0], "Cancelled") || strings.Contains(got[0], "needs the") ||
		strings.Contains(got[0], "told") {
		t.Errorf("Ann got %q, want one answer from the student conversation", got)
	}
	r.says(college.SMS, roomFaySMS, "#session cancel MH1/2", "Sorry, #session needs the staff role; you are facilitator.")
	if n := r.number(`SELECT count(*) FROM session WHERE status <> 'scheduled'`); n != 0 {
		t.Errorf("%d sessions changed", n)
	}
	if got := r.texts("Bob"); len(got) != 0 {
		t.Errorf("Bob was told %q", got)
	}
}
