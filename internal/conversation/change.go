package conversation

import (
	"fmt"
	"time"

	"collegebot/internal/college"
	"collegebot/messages"
)

// The engine tells students of changes made to what they booked, by an
// import or by staff, as service messages queued in the change's own
// transaction. They wait out quiet hours like any service message, except
// when the session they are about starts before the quiet window ends:
// held to the morning, the notice would come after the student set off.

var _ college.ChangeNotifier = (*Engine)(nil)

// SessionChanged tells everyone booked on a course that one of its sessions
// moved or was cancelled (TellSessionChanged). It is the import's onChange
// hook.
func (e *Engine) SessionChanged(tx college.Tx, ch college.SessionChange) error {
	_, err := e.TellSessionChanged(tx, ch)
	return err
}

// TellSessionChanged tells everyone booked on a course that one of its
// sessions moved or was cancelled, and returns how many it told (students
// who opted out everywhere are not).
func (e *Engine) TellSessionChanged(tx college.Tx, ch college.SessionChange) (int, error) {
	t := e.jobTurn(tx)
	booked, err := tx.CourseEnrolments(ch.Course.ID, college.Booked)
	if err != nil {
		return 0, err
	}
	at := t.noticeAt(ch.Old, ch.New)
	// The venue and the moment of the change are in the key: a session
	// can be moved twice to the same time, to one venue and then another.
	var venue int64
	if ch.New.Venue != nil {
		venue = ch.New.Venue.ID
	}
	key := fmt.Sprintf("change:%d:%s:%d:%d:%d", ch.New.ID, ch.New.Status, ch.New.Start.Unix(), venue, t.now.Unix())
	told := 0
	for _, en := range booked {
		st, ct, ok, err := t.reachable(en.StudentID)
		if err == nil && ok {
			u := t.to(st)
			msg, args := u.changeText(ch)
			msg, args = u.wordedFor(ct.Channel, msg, ch.Course, &ch.New, args)
			err = u.notice(ct, fmt.Sprintf("%s:%d", key, en.StudentID), msg, args, ch.New.ID, at)
			told++
		}
		if err != nil {
			return 0, err
		}
	}
	return told, nil
}

// TellCourseCancelled tells everyone who had a place on a course, an offer
// of one or a place on its waiting list that it is cancelled, and returns
// how many it told.
func (e *Engine) TellCourseCancelled(tx college.Tx, cc college.CourseCancellation) (int, error) {
	t := e.jobTurn(tx)
	at := t.noticeAt(cc.Sessions...)
	told := 0
	for _, en := range cc.Dropped {
		st, ct, ok, err := t.reachable(en.StudentID)
		if err == nil && ok {
			msg := "course_cancelled.waiting"
			if en.Status == college.Booked {
				msg = "course_cancelled.booked"
			}
			key := fmt.Sprintf("course-cancelled:%d:%d", cc.Course.ID, st.ID)
			u := t.to(st)
			msg, args := u.wordedFor(ct.Channel, msg, cc.Course, firstOf(cc.Sessions), u.courseArgs(cc.Course))
			err = u.notice(ct, key, msg, args, 0, at)
			told++
		}
		if err != nil {
			return 0, err
		}
	}
	return told, nil
}

func (t *turn) changeText(ch college.SessionChange) (string, messages.Args) {
	args := t.courseArgs(ch.Course)
	args["Old"], args["When"], args["Where"] = t.when(ch.Old.Start), t.when(ch.New.Start), t.where(ch.New)
	if ch.New.Status == college.Cancelled {
		return "session.cancelled", args
	}
	return "session.moved", args
}

// noticeAt returns when a notice about sessions goes: now, or at the end
// of quiet hours unless one of them starts before then.
func (t *turn) noticeAt(sessions ...college.Session) time.Time {
	if college.UrgentChange(t.now, t.profile, t.loc, sessions...) {
		return t.now
	}
	return college.QuietUntil(t.now, t.profile, t.loc)
}

// notice queues a service message to a student at a time already chosen
// (queue would hold it through quiet hours regardless).
func (t *turn) notice(ct college.Contact, key, msg string, args messages.Args, sessionID int64, at time.Time) error {
	return t.enqueue(ct, key, msg, args, sessionID, at, college.Interactive)
}
