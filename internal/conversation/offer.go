package conversation

import (
	"errors"
	"fmt"

	"collegebot/internal/college"
	"collegebot/messages"
)

// offers returns the student's places offered from a waiting list.
func (t *turn) offers() ([]college.Enrolment, error) {
	es, err := t.tx.Enrolments(t.st.ID)
	var out []college.Enrolment
	for _, e := range es {
		if e.Status == college.Offered {
			out = append(out, e)
		}
	}
	return out, err
}

// yes answers a YES that no question was waiting for: it takes a place
// offered from a waiting list.
func (t *turn) yes() error {
	os, err := t.offers()
	switch {
	case err != nil:
		return err
	case len(os) == 1:
		return t.takeOffer(os[0])
	case len(os) > 1:
		return t.whichOffer(os)
	}
	t.say("yes.nothing", nil)
	return nil
}

// no answers a NO that no question was waiting for: it passes on an offer.
func (t *turn) no() error {
	os, err := t.offers()
	if err != nil {
		return err
	}
	if len(os) != 1 {
		t.say("yes.nothing", nil)
		return nil
	}
	e := os[0]
	e.Status, e.OfferExpires = college.Dropped, nil
	if err := t.tx.SetEnrolment(e); err != nil {
		return err
	}
	t.say("offer.declined", nil)
	return t.offerFreed(e.CourseID)
}

func (t *turn) whichOffer(os []college.Enrolment) error {
	var cs []college.Choice
	for _, e := range os {
		c, err := t.tx.CourseByID(e.CourseID)
		if err != nil {
			return err
		}
		cs = append(cs, college.Choice{Label: c.Code + " " + c.Title, Command: "JOIN " + c.Code})
	}
	t.say("offer.which", nil, cs...)
	return nil
}

// takeOffer books the place an offer held, unless the offer has lapsed.
func (t *turn) takeOffer(e college.Enrolment) error {
	c, err := t.tx.CourseByID(e.CourseID)
	if err != nil {
		return err
	}
	next, err := t.nextSession(c)
	if err != nil {
		return err
	}
	if next == nil || (e.OfferExpires != nil && !t.now.Before(*e.OfferExpires)) {
		t.say("offer.expired", nil)
		return nil
	}
	e.Status, e.OfferExpires = college.Booked, nil
	if err := t.tx.SetEnrolment(e); err != nil {
		return err
	}
	t.confirmBooking(c, *next)
	return nil
}

// offerFreed offers each free place on a course to the next person
// waiting, and texts them. An offer holds the place until it lapses.
func (t *turn) offerFreed(courseID int64) error {
	c, err := t.tx.CourseByID(courseID)
	if err != nil {
		return err
	}
	next, err := t.nextSession(c)
	if err != nil || next == nil {
		return err
	}
	for {
		left, err := t.tx.PlacesLeft(courseID)
		if err != nil || left <= 0 {
			return err
		}
		e, err := t.tx.FirstWaiting(courseID)
		if errors.Is(err, college.ErrNotFound) {
			return nil
		} else if err != nil {
			return err
		}
		if err := t.offer(c, e, *next); err != nil {
			return err
		}
	}
}

func (t *turn) offer(c college.Course, e college.Enrolment, next college.Session) error {
	exp := college.OfferExpiry(t.now, t.hold, &next)
	e.Status, e.OfferExpires = college.Offered, &exp
	if err := t.tx.SetEnrolment(e); err != nil {
		return err
	}
	return t.notify(e.StudentID, fmt.Sprintf("offer:%d:%d", e.ID, t.now.Unix()), func(st college.Student) (string, messages.Args) {
		args := withArgs(courseArgs(c), "Name", st.FirstName)
		args["When"], args["Expires"] = t.when(next.Start), t.when(exp)
		if c.Sensitive || st.Discreet {
			return "offer.made_discreet", args
		}
		return "offer.made", args
	})
}

// notify queues a service message to another student, on the first of
// their channels that has not opted out.
func (t *turn) notify(studentID int64, key string, msg func(college.Student) (string, messages.Args)) error {
	st, err := t.tx.Student(studentID)
	if err != nil {
		return err
	}
	cts, err := t.tx.Contacts(studentID)
	if err != nil {
		return err
	}
	for _, ct := range cts {
		if ct.OptedOut != nil {
			continue
		}
		k, args := msg(st)
		args["College"] = t.profile.Name
		r := college.Reply{Text: t.cat.Text(st.Lang, k, args)}
		o := t.outgoing(key, ct.Channel, ct.Address, r)
		o.StudentID, o.Kind, o.Lang = st.ID, college.KindService, st.Lang
		return t.tx.Enqueue(o)
	}
	return nil
}
