package conversation

import (
	"errors"

	"collegebot/internal/college"
)

// join handles JOIN code (book) and WAIT code (join the waiting list).
func (t *turn) join(c Command) error {
	code := t.resolveCode(c)
	if code == "" {
		code = t.viewing // JOIN alone, just after a course's details
	}
	if code == "" {
		t.say("unknown.no_code", map[string]any{"Verb": "JOIN", "Example": t.exampleCode()})
		return nil
	}
	return t.enrol(code, c.Verb)
}

// enrol books or queues the student on a course once registration and
// eligibility allow. A full course offers the waiting list before asking
// anything, so nobody registers only to hear it is full.
func (t *turn) enrol(code string, action Verb) error {
	c, ok, err := t.course(code)
	if !ok || err != nil {
		return err
	}
	if done, err := t.alreadyOn(c); done || err != nil {
		return err
	}
	next, err := t.nextSession(c)
	if err != nil {
		return err
	}
	if next == nil {
		t.say(t.worded("course.none_left", c, nil, t.courseArgs(c)))
		return nil
	}
	if action == Join {
		if left, err := t.tx.PlacesLeft(c.ID); err != nil || left <= 0 {
			t.offerWaitingList(c)
			return err
		}
	}
	if asked, err := t.nextStep(c, action); asked || err != nil {
		return err
	}
	if action == Wait {
		return t.addToWaitingList(c)
	}
	return t.book(c, *next)
}

// alreadyOn answers a student who is already on the course; an offered
// place is taken.
func (t *turn) alreadyOn(c college.Course) (bool, error) {
	e, err := t.tx.Enrolment(t.st.ID, c.ID)
	if errors.Is(err, college.ErrNotFound) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	switch e.Status {
	case college.Booked:
		t.say(t.worded("join.already", c, nil, t.courseArgs(c)))
	case college.Waiting:
		t.say(t.worded("join.already_waiting", c, nil, withArgs(t.courseArgs(c), "Pos", e.Position)))
	case college.Offered:
		return true, t.takeOffer(e)
	default:
		return false, nil
	}
	return true, nil
}

// book takes a place, or offers the waiting list when the course is full.
// Capacity is checked by the store inside this write transaction, so two
// students replying at once cannot both take the last place.
func (t *turn) book(c college.Course, next college.Session) error {
	_, err := t.tx.Enrol(t.st.ID, c.ID, college.Booked)
	if errors.Is(err, college.ErrCourseFull) {
		t.offerWaitingList(c)
		return nil
	} else if err != nil {
		return err
	}
	t.confirmBooking(c, next)
	return nil
}

// offerWaitingList says the course is full and asks whether to wait: YES,
// or the numbered choice, joins the list.
func (t *turn) offerWaitingList(c college.Course) {
	key, args := t.worded("join.full", c, nil, t.courseArgs(c))
	t.ask(askWait, key, args, college.Choice{Label: t.text("course.wait", nil), Command: "WAIT " + c.Code})
	t.d.Set("course", c.Code)
}

func (t *turn) confirmWait(yes bool) error {
	code := t.d.Get("course")
	t.clear()
	if yes {
		return t.enrol(code, Wait)
	}
	c, ok, err := t.course(code)
	if ok {
		t.say(t.worded("join.not_waiting", c, nil, t.courseArgs(c)))
	}
	return err
}

func (t *turn) confirmBooking(c college.Course, next college.Session) {
	args := withArgs(t.courseArgs(c), "When", t.when(next.Start))
	args["Where"] = t.where(next)
	t.say(t.worded("join.booked", c, &next, args))
}

func (t *turn) addToWaitingList(c college.Course) error {
	e, err := t.tx.Enrol(t.st.ID, c.ID, college.Waiting)
	if err != nil {
		return err
	}
	t.say(t.worded("join.waiting", c, nil, withArgs(t.courseArgs(c), "Pos", e.Position)))
	return nil
}

// course finds a course by code, telling the student when there is none.
func (t *turn) course(code string) (college.Course, bool, error) {
	c, err := t.tx.Course(code)
	if errors.Is(err, college.ErrNotFound) {
		t.say("unknown.course", map[string]any{"Code": code})
		return c, false, nil
	}
	return c, err == nil, err
}

// nextSession returns the course's next session to come, or nil.
func (t *turn) nextSession(c college.Course) (*college.Session, error) {
	ss, err := t.tx.Sessions(c.ID)
	if err != nil {
		return nil, err
	}
	if s, ok := college.NextSession(ss, t.now); ok {
		return &s, nil
	}
	return nil, nil
}
