package conversation

// stop opts the student out of every message on this channel at once. A
// place offered to them is passed on, since they can no longer hear of it.
func (t *turn) stop() error {
	now := t.now
	if err := t.tx.SetOptOut(t.ct.ID, &now); err != nil {
		return err
	}
	t.ct.OptedOut = &now
	if err := t.passOffersOn(); err != nil {
		return err
	}
	t.clear()
	t.d.Choices = nil
	if !t.quiet(Stop) {
		t.say("stop.done", nil)
	}
	return nil
}

func (t *turn) passOffersOn() error {
	os, err := t.offers()
	for _, e := range os {
		if err := t.release(e); err != nil {
			return err
		}
	}
	return err
}

// optedOut answers a student who opted out: only START (or YES, as the
// carriers treat it) brings them back; anything else gets no reply, since
// they asked for none. DELETE ME is still done: it cannot be confirmed by
// text, but the student's wish to be forgotten must not be lost.
func (t *turn) optedOut(c Command) error {
	if c.Verb == Delete {
		return t.erase()
	}
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
		t.say("discreet.private_on", nil)
		return
	}
	t.say("private.off", nil)
}

// confirmDelete erases the student after they confirmed.
func (t *turn) confirmDelete(yes bool) error {
	t.clear()
	if !yes {
		t.say("delete.kept", nil)
		return nil
	}
	if err := t.erase(); err != nil {
		return err
	}
	if t.ct.OptedOut == nil {
		t.say("delete.done", nil)
	}
	return nil
}

// erase gives the places the student held to the next people waiting,
// then erases their personal data.
func (t *turn) erase() error {
	es, err := t.tx.Enrolments(t.st.ID)
	if err != nil {
		return err
	}
	for _, e := range es {
		if err := t.release(e); err != nil {
			return err
		}
	}
	if err := t.tx.EraseStudent(t.st.ID); err != nil {
		return err
	}
	t.erased = true
	return nil
}
