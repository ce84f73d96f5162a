package sqlite

import (
	"fmt"

	"collegebot/internal/college"
)

// byFirstName orders the students (st) of a register by first name, erased
// students (no name) last.
const byFirstName = `st.first_name = '', st.first_name COLLATE NOCASE, st.id`

// scanRegisterLine reads a student's id, first name and register mark.
func scanRegisterLine(s scanner) (college.RegisterLine, error) {
	var l college.RegisterLine
	return l, s.Scan(registerLineDest(&l)...)
}

// registerLineDest is where a row's student, name and mark are read into.
func registerLineDest(l *college.RegisterLine) []any {
	return []any{&l.StudentID, &l.FirstName, &l.Status}
}

// SessionRegister returns a session's register: the students booked on
// its course (or who completed it) by the time the session ended, and
// anyone whose attendance was recorded at it, with what was recorded, by
// first name; erased students (no name) come last.
func (t *tx) SessionRegister(sessionID int64) (college.Register, error) {
	var r college.Register
	var err error
	if r.Session, err = t.Session(sessionID); err == nil {
		r.Course, err = t.CourseByID(r.Session.CourseID)
	}
	if err == nil {
		r.Students, err = queryAll(t, scanRegisterLine, `SELECT st.id, st.first_name,
			coalesce(a.status, '') FROM student st
			LEFT JOIN attendance a ON a.session_id = ?1 AND a.student_id = st.id
			WHERE st.id IN (SELECT e.student_id FROM enrolment e WHERE e.course_id = ?2
				AND e.status IN ('booked', 'completed') AND e.updated_at <= ?3
				UNION SELECT student_id FROM attendance WHERE session_id = ?1)
			ORDER BY `+byFirstName, sessionID, r.Course.ID, formatTime(r.Session.End))
	}
	if err != nil {
		return r, fmt.Errorf("sqlite: reading the register of session %d: %w", sessionID, err)
	}
	return r, nil
}

// CourseAttendance returns, for each student booked on a course or who
// completed it, how many of its live sessions they attended, by first name.
func (t *tx) CourseAttendance(courseID int64) ([]college.Attendance, error) {
	as, err := queryAll(t, func(s scanner) (college.Attendance, error) {
		var a college.Attendance
		return a, s.Scan(&a.StudentID, &a.FirstName, &a.Attended)
	}, `SELECT st.id, st.first_name, (SELECT count(*) FROM attendance a
			JOIN session s ON s.id = a.session_id
			WHERE a.student_id = st.id AND s.course_id = ?1 AND s.status <> 'cancelled'
			AND a.status = 'attended')
		FROM enrolment e JOIN student st ON st.id = e.student_id
		WHERE e.course_id = ?1 AND e.status IN ('booked', 'completed')
		ORDER BY `+byFirstName, courseID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: counting attendance on course %d: %w", courseID, err)
	}
	return as, nil
}
