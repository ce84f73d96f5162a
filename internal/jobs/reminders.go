package jobs

import (
	"time"

	"collegebot/internal/college"
)

// reminders queues the reminders due for places booked at sessions to come.
func (s *sweep) reminders() error {
	bs, err := s.tx.Bookings(s.now, s.reminderHorizon())
	if err != nil {
		return err
	}
	for _, b := range bs {
		for _, kind := range []college.ReminderKind{college.DayBefore, college.Soon} {
			r, ok, err := s.reminder(b, kind)
			if err == nil && ok {
				err = s.remind(r)
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// reminderHorizon returns the end of the sessions that may have a reminder
// due now: the day-before reminder is for sessions tomorrow, the second
// for those starting within its lead time.
func (s *sweep) reminderHorizon() time.Time {
	y, m, d := s.now.In(s.Loc).Date()
	end := time.Date(y, m, d+2, 0, 0, 0, 0, s.Loc)
	if soon := s.now.Add(time.Duration(s.Profile.Reminders.HoursBefore) * time.Hour); soon.After(end) {
		return soon
	}
	return end
}

// reminder returns a booking's reminder of a kind, and whether it is to go
// now. A session that has started is never reminded, and a place booked
// after a reminder's time gets none: it is skipped, not sent late.
func (s *sweep) reminder(b college.Booking, kind college.ReminderKind) (college.Reminder, bool, error) {
	r := college.Reminder{Booking: b, Kind: kind, Due: college.ReminderDue(b.Session, kind, s.Profile, s.Loc)}
	switch {
	case r.Due.After(s.now) || !b.Session.Start.After(s.now) || b.BookedAt.After(r.Due):
		return r, false, nil
	case kind == college.Soon:
		return r, s.soonInTime(r), nil
	case !s.dayBeforeInTime(b.Session):
		return r, false, nil
	}
	done, err := s.remindedOf(b, r.Due)
	return r, !done, err
}

// soonInTime reports whether a "starts soon" reminder may still go: the
// profile asks for one, and it is no more than soonGrace late, counting
// from the end of the quiet hours that held it.
func (s *sweep) soonInTime(r college.Reminder) bool {
	held := college.QuietUntil(r.Due, s.Profile, s.Loc)
	return s.Profile.Reminders.HoursBefore > 0 && !s.now.After(held.Add(soonGrace))
}

// dayBeforeInTime reports whether a session's day-before reminder may
// still go. It says "tomorrow", so only on the local day before the
// session, and not once the second reminder is due, which covers it.
func (s *sweep) dayBeforeInTime(sess college.Session) bool {
	y, m, d := sess.Start.In(s.Loc).Date()
	ny, nm, nd := s.now.In(s.Loc).Date()
	if !time.Date(y, m, d-1, 0, 0, 0, 0, time.UTC).Equal(time.Date(ny, nm, nd, 0, 0, 0, 0, time.UTC)) {
		return false
	}
	h := s.Profile.Reminders.HoursBefore
	return h == 0 || sess.Start.Sub(s.now) > time.Duration(h)*time.Hour
}

// remindedOf reports whether the student was already sent the day-before
// reminder of a booking's session, since it fell due. It spares the
// Notifier the wording of a message it would not queue again; a reminder
// for a session's old time, sent after the new time's reminder fell due,
// counts, since that one would now be late.
func (s *sweep) remindedOf(b college.Booking, due time.Time) (bool, error) {
	ss, err := s.tx.Reminded(b.Enrolment.StudentID, due)
	for _, r := range ss {
		if r.ID == b.Session.ID {
			return true, err
		}
	}
	return false, err
}

// remind queues one reminder, to go now.
func (s *sweep) remind(r college.Reminder) error {
	what := map[college.ReminderKind]string{college.DayBefore: "reminder (day before)", college.Soon: "reminder (soon)"}
	p := Planned{What: what[r.Kind], StudentID: r.Enrolment.StudentID, When: s.now, Why: s.describe(r.Booking)}
	return s.notify(&s.counts.Reminders, p, false, func(tx college.Tx) error { return s.Notify.Remind(tx, r, s.now) })
}
