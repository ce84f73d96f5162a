package conversation_test

import (
	"context"
	"testing"
	"time"

	"collegebot/internal/college"
)

// staffChange runs a change to a course's session n as staff make it, and
// tells the students booked; it returns how many were told.
func (h *harness) staffChange(code string, n int, change func(college.OfficeTx, college.Session) (college.Session, error)) int {
	h.t.Helper()
	told := 0
	err := h.db.Office(context.Background(), func(tx college.OfficeTx) error {
		c, err := tx.Course(code)
		if err != nil {
			return err
		}
		ss, err := tx.Sessions(c.ID)
		if err != nil {
			return err
		}
		now, err := change(tx, ss[n-1])
		if err != nil {
			return err
		}
		told, err = h.eng.TellSessionChanged(tx, college.SessionChange{Course: c, Old: ss[n-1], New: now})
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return told
}

// moveTo returns a change that moves a session to a local time, keeping
// its length and venue.
func moveTo(at time.Time) func(college.OfficeTx, college.Session) (college.Session, error) {
	return func(tx college.OfficeTx, s college.Session) (college.Session, error) {
		return tx.MoveSession(s.ID, college.SessionMove{Start: at, End: at.Add(s.End.Sub(s.Start)), VenueID: s.Venue.ID})
	}
}

func cancel(tx college.OfficeTx, s college.Session) (college.Session, error) {
	return tx.CancelSession(s.ID)
}

func TestMovedSessionTellsStudentsBooked(t *testing.T) {
	h := newHarness(t)
	h.register(sam, "Sam", "MH1")
	h.register(alex, "Alex", "MH1")
	h.register(jo, "Jo", "GA1") // on another course: not told
	told := h.staffChange("MH1", 2, moveTo(time.Date(2027, 1, 20, 11, 0, 0, 0, london)))
	if told != 2 {
		t.Errorf("told %d, want 2", told)
	}
	for _, who := range []string{sam, alex} {
		got := h.received(who)
		if len(got) != 1 {
			t.Fatalf("%s got %q, want one notice", who, got)
		}
		checkText(t, "move notice", got[0], "Change to MH1 Understanding anxiety: the session on Tue 19 Jan 10:00 is now Wed 20 Jan 11:00, Calder Library, WF1 2DD.")
	}
	if got := h.received(jo); len(got) != 0 {
		t.Errorf("Jo, not on MH1, got %q", got)
	}
	h.says(sam, "my", "MH1", "Tue 12 Jan 10:00") // the next session is unchanged
}

func TestCancelledSessionIsToldOnceAndOptedOutAreNotCounted(t *testing.T) {
	h := newHarness(t)
	h.register(sam, "Sam", "MH1")
	h.register(alex, "Alex", "MH1")
	h.send(alex, "stop")
	if told := h.staffChange("MH1", 3, cancel); told != 1 {
		t.Errorf("told %d, want 1 (Alex opted out)", told)
	}
	got := h.received(sam)
	if len(got) != 1 {
		t.Fatalf("Sam got %q, want one notice", got)
	}
	checkText(t, "cancel notice", got[0], "Sorry, the MH1 Understanding anxiety session on Tue 26 Jan 10:00 is cancelled.")
	if got := h.received(alex); len(got) != 0 {
		t.Errorf("Alex, who sent STOP, got %q", got)
	}
}

func TestChangeNoticeWaitsOutQuietHours(t *testing.T) {
	h := newHarness(t)
	h.register(sam, "Sam", "MH1")
	h.now = time.Date(2027, 1, 11, 22, 30, 0, 0, london) // Monday night
	h.staffChange("MH1", 3, moveTo(time.Date(2027, 1, 27, 10, 0, 0, 0, london)))
	if got := h.received(sam); len(got) != 0 {
		t.Errorf("at 22:30 Sam got %q, want nothing until 08:00", got)
	}
	h.now = time.Date(2027, 1, 12, 8, 0, 0, 0, london)
	got := h.received(sam)
	if len(got) != 1 {
		t.Fatalf("at 08:00 Sam got %q, want the notice", got)
	}
	checkText(t, "held notice", got[0], "the session on Tue 26 Jan 10:00 is now Wed 27 Jan 10:00")
}

func TestChangeNoticeGoesAtOnceWhenTheSessionIsBeforeMorning(t *testing.T) {
	h := newHarness(t)
	h.register(sam, "Sam", "MH1")
	early := time.Date(2027, 1, 12, 7, 30, 0, 0, london) // before quiet hours end at 08:00
	h.staffChange("MH1", 1, moveTo(early))
	h.received(sam)
	h.now = time.Date(2027, 1, 11, 23, 0, 0, 0, london)
	h.staffChange("MH1", 1, cancel)
	got := h.received(sam)
	if len(got) != 1 {
		t.Fatalf("at 23:00 Sam got %q, want the cancellation at once", got)
	}
	checkText(t, "urgent notice", got[0], "the MH1 Understanding anxiety session on Tue 12 Jan 07:30 is cancelled")
}

func TestCourseCancelledTellsBookedAndWaiting(t *testing.T) {
	h := newHarness(t)
	h.offerToJo() // Alex booked, Jo offered, Kim waiting; Sam left
	h.received(sam)
	told := 0
	err := h.db.Office(context.Background(), func(tx college.OfficeTx) error {
		c, err := tx.Course("GA1")
		if err != nil {
			return err
		}
		cc, err := tx.CancelCourse(c.ID)
		if err == nil {
			told, err = h.eng.TellCourseCancelled(tx, cc)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if told != 3 {
		t.Errorf("told %d, want 3", told)
	}
	for who, want := range map[string]string{
		alex: "Sorry, GA1 Walking football is cancelled: none of its sessions will go ahead",
		jo:   "Sorry, GA1 Walking football is cancelled, so its waiting list is closed.",
		kim:  "Sorry, GA1 Walking football is cancelled, so its waiting list is closed.",
	} {
		got := h.received(who)
		if len(got) != 1 {
			t.Fatalf("%s got %q, want one notice", who, got)
		}
		checkText(t, who, got[0], want)
	}
	if got := h.received(sam); len(got) != 0 {
		t.Errorf("Sam, who left, got %q", got)
	}
	h.says(alex, "my", "You have no bookings.")
}
