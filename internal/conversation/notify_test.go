package conversation_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
)

// booking returns a student's booked place at a course's first session.
func (h *harness) booking(addr, code string) college.Booking {
	h.t.Helper()
	var b college.Booking
	err := h.db.Update(context.Background(), func(tx college.Tx) error {
		ct, err := tx.FindContact(college.Terminal, addr)
		if err != nil {
			return err
		}
		if b.Course, err = tx.Course(code); err != nil {
			return err
		}
		if b.Enrolment, err = tx.Enrolment(ct.StudentID, b.Course.ID); err != nil {
			return err
		}
		ss, err := tx.Sessions(b.Course.ID)
		b.Session = ss[0]
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return b
}

// job runs fn as a scheduled job would, in its own transaction.
func (h *harness) job(fn func(tx college.Tx) error) {
	h.t.Helper()
	if err := h.db.Update(context.Background(), fn); err != nil {
		h.t.Fatal(err)
	}
}

func TestDayBeforeReminderAndApologies(t *testing.T) {
	h := newHarness(t)
	h.register(sam, "Sam", "MH1")
	r := college.Reminder{Booking: h.booking(sam, "MH1"), Kind: college.DayBefore}
	for range 2 { // a job that runs twice sends once
		h.job(func(tx college.Tx) error { return h.eng.Remind(tx, r, h.now) })
	}
	got := h.received(sam)
	if len(got) != 1 {
		t.Fatalf("got %q, want one reminder", got)
	}
	checkText(t, "reminder", got[0], "Reminder: MH1 Understanding anxiety is tomorrow, Tue 12 Jan 10:00, at Calder Library, 1 Bridge St, Wakefield, WF1 2DD. Reply NO if you can't come.")
	h.says(sam, "no", "told the facilitator you can't come on Tue 12 Jan 10:00")
	h.says(sam, "no", "Nothing is waiting") // apologies given once
}

func TestSoonReminderHasNoActions(t *testing.T) {
	h := newHarness(t)
	h.register(sam, "Sam", "MH2")
	r := college.Reminder{Booking: h.booking(sam, "MH2"), Kind: college.Soon}
	h.job(func(tx college.Tx) error { return h.eng.Remind(tx, r, h.now) })
	got := h.received(sam)
	if len(got) != 1 || got[0] != "Your online session starts at 18:00 today: https://meet.example.org/MH2" {
		t.Fatalf("got %q", got) // MH2 is sensitive: named by no title or code (the link is as stored)
	}
}

func TestOfferCascadeOfThree(t *testing.T) {
	h := newHarness(t)
	h.offerToJo()
	const lee = "+447700900005"
	h.register(lee, "Lee", "MH1")
	h.says(lee, "wait ga1", "number 2")
	for _, who := range []string{jo, kim} {
		h.now = h.now.Add(25 * time.Hour)
		h.job(func(tx college.Tx) error {
			es, err := tx.ExpiredOffers()
			if err != nil || len(es) != 1 {
				t.Fatalf("expired offers %v, %v; want one", es, err)
			}
			return h.eng.ExpireOffer(tx, es[0])
		})
		checkText(t, who+" lapsed", strings.Join(h.received(who), ""), "has now passed on")
	}
	checkText(t, "offer to Lee", strings.Join(h.received(lee), ""), "Good news Lee")
	h.says(lee, "yes", "You're booked on GA1")
}

func TestFeedbackOnceWithAComment(t *testing.T) {
	h := newHarness(t)
	h.register(sam, "Sam", "MH1")
	b := h.booking(sam, "MH1")
	h.job(func(tx college.Tx) error { return h.eng.AskFeedback(tx, b, h.now) })
	got := h.received(sam)
	if len(got) != 1 {
		t.Fatalf("got %q", got)
	}
	checkText(t, "survey", got[0], "Overall, how was your experience of the course?", "1 Very good", "6 Don't know")
	h.says(sam, "9", "number from 1 to 6")
	h.says(sam, "2", "anything you'd like to tell us")
	h.says(sam, "Lovely people, more please", "Your answers help")
	id := h.student(sam).ID
	h.job(func(tx college.Tx) error {
		f, err := tx.Feedback(id, b.Course.ID)
		if err == nil && (f.Score != 2 || f.Comment != "Lovely people, more please") {
			t.Errorf("stored %+v", f)
		}
		return err
	})
}

func TestMissedYou(t *testing.T) {
	h := newHarness(t)
	h.register(sam, "Sam", "MH1")
	b := h.booking(sam, "MH1")
	h.job(func(tx college.Tx) error { return h.eng.MissedYou(tx, b, h.now) })
	got := strings.Join(h.received(sam), "")
	checkText(t, "missed you", got, "We missed you at MH1 Understanding anxiety", "still yours", "reply DROP MH1")
}

// TestOfferAtNightWaitsForMorning: a place freed at 23:00 is offered when
// quiet hours end, and the hold runs from then.
func TestOfferAtNightWaitsForMorning(t *testing.T) {
	h := newHarness(t)
	h.fillGA1()
	h.now = time.Date(2027, 1, 11, 23, 0, 0, 0, london)
	h.send(sam, "drop ga1")
	h.send(sam, "yes")
	if got := h.received(jo); len(got) != 0 {
		t.Fatalf("offer sent at night: %q", got)
	}
	h.says(jo, "my", "place offered") // replies still go at once
	h.now = time.Date(2027, 1, 12, 8, 0, 0, 0, london)
	checkText(t, "offer in the morning", strings.Join(h.received(jo), ""), "Good news Jo", "Reply YES by Wed 13 Jan 08:00")
}
