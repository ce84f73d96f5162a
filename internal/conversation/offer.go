package conversation

import (
	"fmt"

	"collegebot/internal/college"
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
		return t.whichOffer(os, "offer.which", "JOIN ")
	}
	t.say("yes.nothing", nil)
	t.puzzled = true
	return nil
}

// no answers a NO that no question was waiting for: it passes on an
// offer, the one named ("NO GA1") if the student has several.
func (t *turn) no(c Command) error {
	os, err := t.offers()
	if err != nil {
		return err
	}
	if code := t.resolveCode(c); code != "" {
		os = t.offersOn(os, code)
	}
	switch {
	case len(os) == 1:
		return t.decline(os[0])
	case len(os) > 1:
		return t.whichOffer(os, "offer.which_no", "NO ")
	}
	if done, err := t.apologies(); done || err != nil {
		return err
	}
	t.say("yes.nothing", nil)
	t.puzzled = true
	return nil
}

func (t *turn) offersOn(os []college.Enrolment, code string) []college.Enrolment {
	c, err := t.tx.Course(code)
	for _, e := range os {
		if err == nil && e.CourseID == c.ID {
			return []college.Enrolment{e}
		}
	}
	return nil
}

// decline passes an offered place to the next person waiting.
func (t *turn) decline(e college.Enrolment) error {
	c, err := t.tx.CourseByID(e.CourseID)
	if err != nil {
		return err
	}
	if err := t.release(e); err != nil {
		return err
	}
	t.say(t.worded("offer.declined", c, nil, t.courseArgs(c)))
	return nil
}

func (t *turn) whichOffer(os []college.Enrolment, key, verb string) error {
	var cs []college.Choice
	for _, e := range os {
		c, err := t.tx.CourseByID(e.CourseID)
		if err != nil {
			return err
		}
		cs = append(cs, college.Choice{Label: t.label(c), Command: verb + c.Code})
	}
	t.say(key, nil, cs...)
	return nil
}

// takeOffer books the place an offer held. An offer that has lapsed is
// released to the next person instead, and the student told.
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
		args := withArgs(t.courseArgs(c), "Expires", t.when(t.now))
		if e.OfferExpires != nil {
			args["Expires"] = t.when(*e.OfferExpires)
		}
		if err := t.release(e); err != nil {
			return err
		}
		t.say(t.worded("offer.expired", c, nil, args))
		return nil
	}
	e.Status, e.OfferExpires = college.Booked, nil
	if err := t.tx.SetEnrolment(e); err != nil {
		return err
	}
	t.confirmBooking(c, *next)
	return nil
}

// release drops an enrolment and, if it held a place, offers the place to
// the next person waiting.
func (t *turn) release(e college.Enrolment) error {
	held := e.Status.HoldsPlace()
	e.Status, e.OfferExpires = college.Dropped, nil
	if err := t.tx.SetEnrolment(e); err != nil {
		return err
	}
	if !held {
		return nil
	}
	return t.offerFreed(e.CourseID)
}

// offerFreed offers each free place on a course to the people waiting
// longest who can still be reached, and texts them. An offer holds the
// place until it lapses.
func (t *turn) offerFreed(courseID int64) error {
	c, err := t.tx.CourseByID(courseID)
	if err != nil {
		return err
	}
	next, err := t.nextSession(c)
	if err != nil || next == nil {
		return err
	}
	waiting, err := t.tx.CourseEnrolments(courseID, college.Waiting)
	if err != nil {
		return err
	}
	for _, e := range waiting {
		left, err := t.tx.PlacesLeft(courseID)
		if err != nil || left <= 0 {
			return err
		}
		if err := t.offer(c, e, *next); err != nil {
			return err
		}
	}
	return nil
}

// offer holds a place for a waiting student and texts them, unless they
// cannot be reached (opted out everywhere), when they stay waiting.
func (t *turn) offer(c college.Course, e college.Enrolment, next college.Session) error {
	st, ct, ok, err := t.reachable(e.StudentID)
	if !ok || err != nil {
		return err
	}
	// The hold runs from when the offer can be sent, after quiet hours.
	exp := college.OfferExpiry(college.QuietUntil(t.now, t.profile, t.loc), t.hold, &next)
	e.Status, e.OfferExpires = college.Offered, &exp
	if err := t.tx.SetEnrolment(e); err != nil {
		return err
	}
	u := t.to(st) // dates in the language of the student offered the place
	args := withArgs(u.courseArgs(c), "Name", st.FirstName)
	args["When"], args["Expires"] = u.when(next.Start), u.when(exp)
	msg, args := u.wordedFor(ct.Channel, "offer.made", c, &next, args)
	return u.queue(ct, fmt.Sprintf("offer:%d:%d", e.ID, t.now.Unix()), msg, args, 0, t.now, college.Interactive)
}

// reachable returns a student and the first of their contacts that has
// not opted out, for an automated message due now. A student with a
// safeguarding alert open is not reached: automated messages to them
// pause until staff clear it (reachableSince).
func (t *turn) reachable(studentID int64) (college.Student, college.Contact, bool, error) {
	return t.reachableSince(studentID, t.now)
}
