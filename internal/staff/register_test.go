package staff_test

import (
	"fmt"
	"strings"
	"testing"

	"collegebot/internal/college"
)

// apologise records that a student sent apologies for a session of MH1.
func (r *rig) apologise(name string, n int) {
	r.t.Helper()
	r.office(func(tx college.OfficeTx) error {
		c, err := tx.Course("MH1")
		if err != nil {
			return err
		}
		ss, err := tx.Sessions(c.ID)
		if err != nil {
			return err
		}
		return tx.SetAttendance(ss[n-1].ID, r.ids[name], college.Apologies)
	})
}

func TestRegisterBySMSPrintsAndMarksByNumber(t *testing.T) {
	r := newRoomRig(t)
	r.apologise("Bob", 1)
	r.now = rigDay(12, 10, 30) // MH1/1 is under way
	r.says(college.SMS, roomFaySMS, "#register MH1", "MH1/1 Understanding anxiety\n"+
		"Tue 12 Jan 10:00-12:00, Calder Library\n"+
		"1 Ann: booked\n2 Bob: apologies\n3 Cat: booked\n4 Dan: booked\n"+
		"1 of 4 marked.\n"+
		"To mark it, send #register mark MH1/1 attended 1 3 absent 2.")
	// Bob's apologies stand though the register says absent.
	r.says(college.SMS, roomFaySMS, "#register mark MH1/1 attended 1,3 absent 2 4",
		"MH1/1: 2 attended, 1 absent, 1 apologies. 4 of 4 marked.")
	r.says(college.SMS, roomFaySMS, "#register mh1/1", "MH1/1 Understanding anxiety\n"+
		"Tue 12 Jan 10:00-12:00, Calder Library\n"+
		"1 Ann: attended\n2 Bob: apologies\n3 Cat: attended\n4 Dan: absent\n"+
		"4 of 4 marked.\n"+
		"To mark it, send #register mark MH1/1 attended 1 3 absent 2.")

	// Absent without apologies is what brings "we missed you", the day
	// after: Dan gets it, Bob does not.
	if c := r.sweep(rigDay(13, 10, 0)); c.MissedYou != 1 {
		t.Errorf("missed-you check-ins: %d, want 1", c.MissedYou)
	}
	if got := r.texts("Dan"); len(got) != 1 || !strings.HasPrefix(got[0], "We missed you at MH1 Understanding anxiety.") {
		t.Errorf("Dan got %q", got)
	}
	if got := r.texts("Bob"); len(got) != 0 {
		t.Errorf("Bob, who sent apologies, got %q", got)
	}
}

func TestRegisterMarkingMistakesChangeNothing(t *testing.T) {
	r := newRoomRig(t)
	r.now = rigDay(12, 10, 30)
	for _, tt := range []struct{ send, want string }{
		{"#register mark MH1 attended 1", "Name the session to mark as CODE/N: today's is MH1/1."},
		{"#register mark MH1/1 attended 1 5", "The register has no number 5: it runs from 1 to 4."},
		{"#register mark MH1/1 attended 1 absent 1", "Number 1 is marked both attended and absent."},
		{"#register mark MH1/1 1 2", "Start with attended, absent or apologies, then the numbers: attended 1 3 absent 2."},
		{"#register mark MH1/2 attended 1", "MH1/2 has not started yet: only apologies can be recorded."},
		{"#register XX9", "There is no course XX9."},
	} {
		r.says(college.SMS, roomFaySMS, tt.send, tt.want)
	}
	if n := r.number(`SELECT count(*) FROM attendance`); n != 0 {
		t.Errorf("%d marks recorded", n)
	}
	r.says(college.SMS, roomFaySMS, "#register mark MH1/2 apologies 3", "MH1/2: 1 apologies. 1 of 4 marked.")
}

func TestRegisterOnTelegramHasAButtonPerStudentPerMark(t *testing.T) {
	r := newRoomRig(t)
	r.apologise("Bob", 1)
	r.now = rigDay(12, 11, 0)
	q := r.answer(college.Telegram, roomFayTG, "/register MH1")
	var labels []string
	for _, c := range q.Choices {
		labels = append(labels, c.Label)
		if len(c.Command) > 64 || !strings.HasPrefix(c.Command, "/register mark ") {
			t.Errorf("button %q carries %q", c.Label, c.Command)
		}
	}
	want := "1 Ann: here|1 Ann: absent|2 Bob: here|2 Bob: absent|3 Cat: here|3 Cat: absent|4 Dan: here|4 Dan: absent"
	if got := strings.Join(labels, "|"); got != want {
		t.Fatalf("buttons:\n got %s\nwant %s", got, want)
	}
	if strings.Contains(q.Text, "To mark it") {
		t.Errorf("Telegram's register says how to mark by text:\n%s", q.Text)
	}
	r.says(college.Telegram, roomFayTG, q.Choices[0].Command, "MH1/1: 1 Ann attended. 2 of 4 marked.")
	r.says(college.Telegram, roomFayTG, q.Choices[3].Command, "MH1/1: 2 Bob apologies. 2 of 4 marked.")
	r.says(college.Telegram, roomFayTG, q.Choices[7].Command, "MH1/1: 4 Dan absent. 3 of 4 marked.")
	r.says(college.Telegram, roomFayTG, q.Choices[6].Command, "MH1/1: 4 Dan attended. 3 of 4 marked.")
	got := r.text(`SELECT group_concat(status, ',') FROM (SELECT a.status FROM attendance a
		JOIN student s ON s.id = a.student_id ORDER BY s.first_name)`)
	if got != "attended,apologies,attended" {
		t.Errorf("recorded: %s", got)
	}
}

func TestFacilitatorSeesOnlyTheirOwnCourses(t *testing.T) {
	r := newRoomRig(t)
	r.now = rigDay(16, 11, 0)
	refused := "Sorry, GA1 is not one of your courses: you can see the registers of the courses you facilitate."
	r.says(college.SMS, roomFaySMS, "#register GA1", refused)
	var sessionID int64
	r.office(func(tx college.OfficeTx) error {
		c, _ := tx.Course("GA1")
		ss, err := tx.Sessions(c.ID)
		sessionID = ss[0].ID
		return err
	})
	// A button's command typed by hand is checked just the same.
	r.says(college.Telegram, roomFayTG, fmt.Sprintf("/register mark %d %d x", sessionID, r.ids["Gil"]), refused)
	if n := r.number(`SELECT count(*) FROM attendance`); n != 0 {
		t.Errorf("%d marks recorded", n)
	}
	q := r.answer(college.SMS, roomRay, "#register GA1")
	if !strings.HasPrefix(q.Text, "GA1/1 Walking football\nSat 16 Jan 10:00-12:00, Thornes Park\n1 Gil: booked\n") {
		t.Errorf("staff see every register; Ray got:\n%s", q.Text)
	}
}

func TestRegisterCountsWhoCompletedOnceTheCourseEnds(t *testing.T) {
	r := newRoomRig(t)
	for _, day := range []int{12, 19, 26} {
		r.now = rigDay(day, 11, 0)
		n := (day-12)/7 + 1
		marks := map[int]string{1: "attended 1 2 3 absent 4", 2: "attended 1 2 absent 3 4", 3: "attended 1 absent 2 3 4"}[n]
		r.answer(college.SMS, roomRay, fmt.Sprintf("#register mark MH1/%d %s", n, marks))
	}
	r.now = rigDay(27, 9, 0)
	r.answer(college.SMS, roomRay, "#session cancel MH1/4")
	q := r.answer(college.SMS, roomRay, "#register MH1")
	if !strings.Contains(q.Text, "\n4 of 4 marked.\nCourse ended: 2 of 4 completed (attended at least 2 of 3 sessions).") {
		t.Errorf("register after the course:\n%s", q.Text)
	}
}
