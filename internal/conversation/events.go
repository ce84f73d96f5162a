package conversation

import (
	"errors"

	"collegebot/internal/college"
)

// event answers what arrived when it is not plain text: Telegram's /start
// and blocks, a shared phone number, an edit, a voice note. It reports
// whether it handled the message.
func (t *turn) event() (bool, error) {
	switch t.in.Event {
	case college.EventStart:
		return true, t.start()
	case college.EventBlocked:
		return true, t.blocked()
	}
	if t.in.Event == college.EventCommand {
		return false, nil // a bot command is text to a student
	}
	if t.ct.OptedOut != nil {
		return t.in.Event != "", nil // nothing more for someone who opted out
	}
	switch t.in.Event {
	case college.EventContact:
		return true, t.link()
	case college.EventContactNotOwn:
		t.sayAgain("link.not_own", nil, t.shareChoice())
	case college.EventNotText:
		t.sayAgain("unknown.not_text", nil)
	case college.EventEdited:
		t.sayAgain("unknown.edited", nil)
	default:
		return false, nil
	}
	return true, nil
}

// start greets a student who opened the chat, opting them back in if they
// had blocked the bot, and follows a poster's link to its course.
func (t *turn) start() error {
	if t.ct.OptedOut != nil {
		if err := t.tx.SetOptOut(t.ct.ID, nil); err != nil {
			return err
		}
		t.ct.OptedOut = nil
	}
	if t.in.Text != "" {
		if t.fresh {
			t.say("welcome.first", nil)
		}
		return t.command(Parse(t.in.Text))
	}
	t.say("welcome.chat", nil, t.shareChoice())
	return nil
}

// blocked records that the student blocked the bot: opted out on that
// channel, offers passed on, and no reply, which could not arrive.
func (t *turn) blocked() error {
	now := t.now
	if err := t.tx.SetOptOut(t.ct.ID, &now); err != nil {
		return err
	}
	t.ct.OptedOut = &now
	t.clear()
	t.d.Choices = nil
	return t.passOffersOn()
}

// link joins this chat to the record the student made by SMS, found by
// the phone number they shared as their own.
func (t *turn) link() error {
	ct, err := t.tx.FindContact(college.SMS, t.in.Phone)
	switch {
	case errors.Is(err, college.ErrNotFound):
		t.say("link.none", nil)
		return nil
	case err != nil:
		return err
	case ct.StudentID == t.st.ID:
		t.say("link.already", nil)
		return nil
	}
	into, err := t.tx.Student(ct.StudentID)
	if err != nil {
		return err
	}
	if err := t.releaseClashes(into.ID); err != nil {
		return err
	}
	if err := t.tx.MergeStudent(t.st.ID, into.ID); err != nil {
		return err
	}
	t.st, t.d = into, college.Dialogue{StudentID: into.ID}
	t.say("link.done", map[string]any{"Name": into.FirstName})
	return nil
}

// releaseClashes gives up this chat's places on courses the student's
// other record is already on, so merging leaves one enrolment a course.
func (t *turn) releaseClashes(into int64) error {
	es, err := t.tx.Enrolments(t.st.ID)
	if err != nil {
		return err
	}
	for _, e := range es {
		if other, err := t.tx.Enrolment(into, e.CourseID); err == nil && other.Status.Active() {
			if err := t.release(e); err != nil {
				return err
			}
		} else if err != nil && !errors.Is(err, college.ErrNotFound) {
			return err
		}
	}
	return nil
}

func (t *turn) shareChoice() college.Choice {
	return college.Choice{Label: t.text("link.button", nil), Command: college.ShareContact}
}
