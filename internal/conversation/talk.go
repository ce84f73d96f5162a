package conversation

import (
	"errors"
	"strings"

	"collegebot/internal/college"
)

// Alerter tells the college's staff about hand-offs and crisis alerts.
// The staff desk is one; the engine does not know how staff are reached.
type Alerter interface {
	// Handoff alerts staff that a student asked for a person: who they
	// are, how to reach them, what they said last, and how to answer.
	Handoff(tx college.Tx, h college.Handoff) error
	// SetAside alerts staff, as Handoff does, that the bot could not deal
	// with a student's message (the inbox set it aside after its tries).
	SetAside(tx college.Tx, h college.Handoff) error
	// Forward passes on to staff what a student said while their
	// hand-off is open.
	Forward(tx college.Tx, h college.Handoff, in college.Inbound) error
	// Crisis alerts staff at once to a student's message that suggests a
	// risk to life (an alert just raised): who they are, how to reach
	// them, what they said, and how to acknowledge and clear it.
	Crisis(tx college.Tx, a college.Alert) error
	// CrisisAgain passes on a further such message from a student whose
	// alert is still open.
	CrisisAgain(tx college.Tx, a college.Alert, in college.Inbound) error
}

// talk answers a student who asks for a person. A hand-off is opened and
// staff are alerted; if one is open already, the student hears that it
// was passed on, and staff are alerted again only if nobody has answered
// for a while.
func (t *turn) talk() error {
	h, live, err := t.handoff()
	if err != nil {
		return err
	}
	if live {
		return t.talkAgain(h)
	}
	if h, err = t.reopen(h); err != nil {
		return err
	}
	t.sayAgain("talk.asked", t.talkArgs())
	return t.alert(h)
}

// reopen opens a new hand-off for the student, closing first the one they
// had (h, if any) that is open but has gone quiet: staff start afresh.
func (t *turn) reopen(h college.Handoff) (college.Handoff, error) {
	if h.ID != 0 {
		now := t.now
		h.Closed = &now
		if err := t.tx.SaveHandoff(h); err != nil {
			return h, err
		}
	}
	return t.tx.OpenHandoff(t.st.ID)
}

// talkAgain answers TALK while a hand-off is open.
func (t *turn) talkAgain(h college.Handoff) error {
	switch {
	case h.DueRealert(t.now):
		h.Alerted = t.now
		if err := t.tx.SaveHandoff(h); err != nil {
			return err
		}
		if err := t.alert(h); err != nil {
			return err
		}
	case h.Replied != nil:
		if err := t.forward(h); err != nil { // whoever answered sees it
			return err
		}
	}
	t.sayAgain("talk.already", t.talkArgs())
	return nil
}

// passOn forwards to staff a message the engine did not understand, when
// the student has a live hand-off: it is most likely meant for the person
// they are talking to. The hint the engine gave (puzzled, the only reply
// since reply n) is replaced by word that it was passed on. Something
// typed as a staff command is never passed on.
func (t *turn) passOn(n int) error {
	if t.alerter == nil || !t.puzzled || len(t.out) != n+1 || commandLike(t.in.Text) {
		return nil
	}
	h, live, err := t.handoff()
	if err != nil || !live {
		return err
	}
	if err := t.forward(h); err != nil {
		return err
	}
	t.out = t.out[:n]
	t.sayAgain("talk.passed", t.talkArgs())
	return nil
}

// commandLike reports whether a text is written as a staff command.
func commandLike(text string) bool {
	text = strings.TrimSpace(text)
	return strings.HasPrefix(text, "#") || strings.HasPrefix(text, "/")
}

// handoff returns the student's open hand-off, if any, and whether it is
// still live.
func (t *turn) handoff() (college.Handoff, bool, error) {
	h, err := t.tx.OpenHandoffOf(t.st.ID)
	if errors.Is(err, college.ErrNotFound) {
		return college.Handoff{}, false, nil
	}
	return h, err == nil && h.Live(t.now), err
}

func (t *turn) alert(h college.Handoff) error {
	if t.alerter == nil {
		return nil
	}
	return t.alerter.Handoff(t.tx, h)
}

func (t *turn) forward(h college.Handoff) error {
	if t.alerter == nil {
		return nil
	}
	return t.alerter.Forward(t.tx, h, t.in)
}

func (t *turn) talkArgs() map[string]any {
	return map[string]any{"Name": t.st.FirstName, "Hours": t.profile.OfficeHours, "Phone": t.profile.Phone}
}
