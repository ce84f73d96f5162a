package conversation

import (
	"fmt"

	"collegebot/internal/college"
	"collegebot/messages"
)

// SessionChanged tells everyone booked on a course that one of its sessions
// moved or was cancelled, as a service message queued in tx, the import's
// own transaction. It is the import's onChange hook.
func (e *Engine) SessionChanged(tx college.Tx, ch college.SessionChange) error {
	t := e.jobTurn(tx)
	booked, err := tx.CourseEnrolments(ch.Course.ID, college.Booked)
	if err != nil {
		return err
	}
	key := fmt.Sprintf("change:%d:%s:%d", ch.New.ID, ch.New.Status, ch.New.Start.Unix())
	for _, en := range booked {
		st, ct, ok, err := t.reachable(en.StudentID)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		msg, args := t.changeText(ch, st)
		err = t.queue(st, ct, fmt.Sprintf("%s:%d", key, en.StudentID), msg, args, ch.New.ID, t.now, college.Interactive)
		if err != nil {
			return err
		}
	}
	return nil
}

func (t *turn) changeText(ch college.SessionChange, st college.Student) (string, messages.Args) {
	args := courseArgsFor(ch.Course, st)
	args["Old"], args["When"], args["Where"] = t.when(ch.Old.Start), t.when(ch.New.Start), t.where(ch.New)
	if ch.New.Status == college.Cancelled {
		return "session.cancelled", args
	}
	return "session.moved", args
}
