package conversation

import (
	"errors"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/safeguard"
)

// Crisis signposting. Every message a student sends is read by the crisis
// check before anything else: before the question they were asked, a
// keyword, a reminder's NO, or the welcome of a first message. One that
// suggests a risk to life gets one reply and nothing more: that we are
// glad they told us, that messages here are not read all the time, and
// the college's crisis contacts. Whatever they were in the middle of is
// left as it was, so they can carry on. Staff are alerted in the same
// transaction, and automated messages to the student pause until staff
// clear the alert.

// crisis answers a message the crisis check finds suggests a risk to
// life, and reports whether it did. A student who opted out (STOP) gets
// no reply, since the carrier would block it, but staff are still told.
func (t *turn) crisis() (bool, error) {
	f := safeguard.Check(t.in.Text)
	if !f.Crisis {
		return false, nil
	}
	signpost := t.ct.OptedOut == nil
	if signpost {
		t.sayAgain("crisis.reply", map[string]any{"Contacts": t.crisisContacts()})
	}
	open, err := t.tx.OpenAlertOf(t.st.ID)
	switch {
	case err == nil:
		return true, t.crisisAgain(open)
	case !errors.Is(err, college.ErrNotFound):
		return true, err
	}
	a, err := t.tx.RaiseAlert(college.Alert{
		StudentID: t.st.ID, InboxID: t.in.ID, Channel: t.in.Channel,
		Rule: f.Rule, Match: f.Match, Text: t.in.Text, Signposted: signpost,
	})
	if err != nil || t.alerter == nil {
		return true, err
	}
	return true, t.alerter.Crisis(t.tx, a)
}

// crisisAgain passes on a further crisis message from a student whose
// alert is still open, to the staff handling it.
func (t *turn) crisisAgain(a college.Alert) error {
	if t.alerter == nil {
		return nil
	}
	return t.alerter.CrisisAgain(t.tx, a, t.in)
}

// crisisContacts returns the crisis contacts the college gives: its own
// from the profile, or its nation's from the catalog.
func (t *turn) crisisContacts() string {
	if t.profile.CrisisContacts != "" {
		return t.profile.CrisisContacts
	}
	return t.text("crisis."+t.profile.CrisisNation(), nil)
}

// reachableSince is reachable for a message that fell due at due: a
// student who had a safeguarding alert open at any moment since then is
// not reached, so what fell due while their messages were paused is
// skipped, not sent late.
func (t *turn) reachableSince(studentID int64, due time.Time) (college.Student, college.Contact, bool, error) {
	if due.After(t.now) {
		due = t.now
	}
	if paused, err := t.tx.Paused(studentID, due, t.now); paused || err != nil {
		return college.Student{}, college.Contact{}, false, err
	}
	st, err := t.tx.Student(studentID)
	if err != nil {
		return st, college.Contact{}, false, err
	}
	cts, err := t.tx.Contacts(studentID)
	for _, ct := range cts {
		if ct.OptedOut == nil {
			return st, ct, true, err
		}
	}
	return st, college.Contact{}, false, err
}
