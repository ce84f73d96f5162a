package conversation_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/conversation"
	"collegebot/internal/sqlite"
)

// staffLog records what the engine asked to tell staff: hand-offs, those
// opened for a message set aside, what was forwarded to them, and crisis
// alerts.
type staffLog struct {
	alerts   []college.Handoff
	asides   []college.Handoff
	forwards []string
	raised   []college.Alert
	again    []string
}

func (l *staffLog) Handoff(_ college.Tx, h college.Handoff) error {
	l.alerts = append(l.alerts, h)
	return nil
}

func (l *staffLog) SetAside(_ college.Tx, h college.Handoff) error {
	l.asides = append(l.asides, h)
	return nil
}

func (l *staffLog) Forward(_ college.Tx, _ college.Handoff, in college.Inbound) error {
	l.forwards = append(l.forwards, in.Text)
	return nil
}

func (l *staffLog) Crisis(_ college.Tx, a college.Alert) error {
	l.raised = append(l.raised, a)
	return nil
}

func (l *staffLog) CrisisAgain(_ college.Tx, _ college.Alert, in college.Inbound) error {
	l.again = append(l.again, in.Text)
	return nil
}

// newStaffHarness is a harness whose engine tells staffLog what it would
// tell staff.
func newStaffHarness(t *testing.T) (*harness, *staffLog) {
	log := &staffLog{}
	return newHarness(t, conversation.Alerts(log)), log
}

// student returns what is stored about the student at an address.
func (h *harness) student(addr string) college.Student {
	h.t.Helper()
	var st college.Student
	err := h.db.Update(context.Background(), func(tx college.Tx) error {
		ct, err := tx.FindContact(college.Terminal, addr)
		if err != nil {
			return err
		}
		st, err = tx.Student(ct.StudentID)
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return st
}

// restart closes the database and opens it again with a new engine, as
// after a crash or a deploy.
func (h *harness) restart(t *testing.T) *harness {
	t.Helper()
	if err := h.db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(context.Background(), h.path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	n := &harness{t: t, db: db, path: h.path, cat: h.cat, now: h.now, seq: h.seq}
	db.Now = func() time.Time { return n.now }
	if n.eng, err = conversation.New(db, h.cat, college.DefaultProfile(), london); err != nil {
		t.Fatal(err)
	}
	return n
}

// addCourses adds n courses to a third topic, enough to need paging.
func (h *harness) addCourses(t *testing.T, n int) {
	t.Helper()
	p := fixture()
	lib := &college.Venue{Name: "Calder Library", Address: "1 Bridge St, Wakefield", Postcode: "WF1 2DD"}
	for i := range n {
		first := time.Date(2027, 1, 12+i, 10, 0, 0, 0, london)
		p.Courses = append(p.Courses, college.CourseSpec{
			Course: college.Course{Code: fmt.Sprintf("SK%d", i+1), Title: fmt.Sprintf("Skills course number %d", i+1),
				Topic: "Skills and hobbies", Mode: college.InPerson, Capacity: 10},
			Sessions: []college.SessionSpec{{Start: first, End: first.Add(time.Hour), Venue: lib}},
		})
	}
	if _, err := h.db.ImportProspectus(context.Background(), p, nil); err != nil {
		t.Fatal(err)
	}
}

// optedOut reports whether the student's terminal contact has opted out.
func (h *harness) optedOut(addr string) bool {
	h.t.Helper()
	var out bool
	err := h.db.Update(context.Background(), func(tx college.Tx) error {
		ct, err := tx.FindContact(college.Terminal, addr)
		out = ct.OptedOut != nil
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return out
}

const kim = "+447700900004"

// fullGA1 books Sam and Alex on GA1, which has two places.
func (h *harness) fullGA1() {
	h.t.Helper()
	h.register(sam, "Sam", "GA1")
	h.register(alex, "Alex", "GA1")
}

// fillGA1 is fullGA1 with Jo, registered through MH1, on GA1's waiting
// list.
func (h *harness) fillGA1() {
	h.t.Helper()
	h.fullGA1()
	h.register(jo, "Jo", "MH1")
	h.says(jo, "wait ga1", "number 1")
}

// offerToJo is fillGA1 with Kim waiting behind Jo, then Sam leaving: Jo
// is offered the place, and has read the offer.
func (h *harness) offerToJo() {
	h.t.Helper()
	h.fillGA1()
	h.register(kim, "Kim", "MH1")
	h.says(kim, "wait ga1", "number 2")
	h.send(sam, "drop ga1")
	h.send(sam, "yes")
	checkText(h.t, "offer to Jo", strings.Join(h.received(jo), ""), "Good news Jo")
}

// offerPlace puts a student on a course's waiting list and offers them a
// place, as the waiting list does when a place frees.
func (h *harness) offerPlace(addr, code string) {
	h.t.Helper()
	err := h.db.Update(context.Background(), func(tx college.Tx) error {
		ct, err := tx.FindContact(college.Terminal, addr)
		if err != nil {
			return err
		}
		c, err := tx.Course(code)
		if err != nil {
			return err
		}
		e, err := tx.Enrol(ct.StudentID, c.ID, college.Waiting)
		if err != nil {
			return err
		}
		exp := tx.Now().Add(college.OfferHold)
		e.Status, e.OfferExpires = college.Offered, &exp
		return tx.SetEnrolment(e)
	})
	if err != nil {
		h.t.Fatal(err)
	}
}
