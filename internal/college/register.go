package college

import "time"

// RegisterTx reads and marks registers. Marks are recorded with
// Tx.SetAttendance.
type RegisterTx interface {
	// SessionRegister returns a session's register: the students booked
	// on its course by the time it ended, and any other student whose
	// attendance was recorded at it, by first name (an erased student's is
	// empty), each with what was recorded.
	SessionRegister(sessionID int64) (Register, error)
	// CourseAttendance returns, for each student booked on a course or
	// who completed it, how many of its live sessions they attended, by
	// first name.
	CourseAttendance(courseID int64) ([]Attendance, error)
}

// Attendance is how many of a course's sessions a student attended.
type Attendance struct {
	StudentID int64
	FirstName string // empty once erased
	Attended  int
}

// Marked counts the students on a register with something recorded:
// attended, absent or apologies.
func (r Register) Marked() int {
	n := 0
	for _, l := range r.Students {
		if l.Status != "" {
			n++
		}
	}
	return n
}

// Line returns the register's line for a student, and its number from 1.
func (r Register) Line(studentID int64) (RegisterLine, int, bool) {
	for i, l := range r.Students {
		if l.StudentID == studentID {
			return l, i + 1, true
		}
	}
	return RegisterLine{}, 0, false
}

// TodaysSession picks the session a register means when only the course
// is named: today's (local date) live session that started last, or else
// today's next; on another day the one that started last; and before the
// course has begun, its first.
func TodaysSession(sessions []Session, now time.Time, loc *time.Location) (Session, bool) {
	y, m, d := now.In(loc).Date()
	today := func(s Session) bool {
		sy, sm, sd := s.Start.In(loc).Date()
		return sy == y && sm == m && sd == d
	}
	started := func(s Session) bool { return !s.Start.After(now) }
	for _, pick := range []func(Session) bool{
		func(s Session) bool { return today(s) && started(s) },
		func(s Session) bool { return today(s) && !started(s) },
		started,
		func(s Session) bool { return !started(s) },
	} {
		if s, ok := nearest(sessions, now, pick); ok {
			return s, true
		}
	}
	return Session{}, false
}

// nearest returns the live session, among those pick accepts, that
// starts closest to now.
func nearest(sessions []Session, now time.Time, pick func(Session) bool) (Session, bool) {
	var best Session
	found := false
	for _, s := range sessions {
		if s.Live() && pick(s) && (!found || s.Start.Sub(now).Abs() < best.Start.Sub(now).Abs()) {
			best, found = s, true
		}
	}
	return best, found
}

// CourseEnded reports whether every live session of a course has ended
// by now; a course with none has not.
func CourseEnded(sessions []Session, now time.Time) bool {
	live := 0
	for _, s := range sessions {
		if !s.Live() {
			continue
		}
		live++
		if s.End.After(now) {
			return false
		}
	}
	return live > 0
}

// LiveSessions counts the sessions of a course that were not cancelled.
func LiveSessions(sessions []Session) int {
	n := 0
	for _, s := range sessions {
		if s.Live() {
			n++
		}
	}
	return n
}
