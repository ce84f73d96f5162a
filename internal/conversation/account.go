package conversation

import (
	"collegebot/internal/college"
)

// stop opts the student out of every message on this channel at once.
func (t *turn) stop() error {
	now := t.now
	if err := t.tx.SetOptOut(t.ct.ID, &now); err != nil {
		return err
	}
	t.clear()
	t.d.Choices = nil
	if !t.quiet(Stop) {
		t.say("stop.done", nil)
	}
	return nil
}

// optedOut answers a student who opted out: only START (or YES, as the
// carriers treat it) brings them back; anything else gets no reply, since
// they asked for none.
func (t *turn) optedOut(c Command) error {
	if c.Verb != Start && c.Verb != Yes {
		return nil
	}
	if err := t.tx.SetOptOut(t.ct.ID, nil); err != nil {
		return err
	}
	t.ct.OptedOut = nil
	if !t.quiet(Start) {
		t.say("start.done", nil)
	}
	return nil
}

// news records the student's yes or no to college news, with the time and
// the wording they agreed to.
func (t *turn) news(on bool) {
	if on {
		now := t.now
		t.st.NewsAt, t.st.NewsVersion = &now, t.profile.ConsentVersion
		t.say("news.on", nil)
		return
	}
	t.st.NewsAt, t.st.NewsVersion = nil, ""
	t.say("news.off", nil)
}

// private turns discreet texts on or off.
func (t *turn) private(on bool) {
	t.st.Discreet = on
	if on {
		t.say("private.on", nil)
		return
	}
	t.say("private.off", nil)
}

// confirmDelete erases the student after they confirmed: places they held
// go to the next people waiting, then their personal data goes.
func (t *turn) confirmDelete(yes bool) error {
	t.clear()
	if !yes {
		t.say("delete.kept", nil)
		return nil
	}
	es, err := t.tx.Enrolments(t.st.ID)
	if err != nil {
		return err
	}
	for _, e := range es {
		held := e.Status.HoldsPlace()
		e.Status, e.OfferExpires = college.Dropped, nil
		if err := t.tx.SetEnrolment(e); err != nil {
			return err
		}
		if held {
			if err := t.offerFreed(e.CourseID); err != nil {
				return err
			}
		}
	}
	if err := t.tx.EraseStudent(t.st.ID); err != nil {
		return err
	}
	t.erased = true
	t.say("delete.done", nil)
	return nil
}
