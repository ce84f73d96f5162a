package sqlite

import (
	"context"
	"fmt"
	"time"

	"collegebot/internal/college"
)

// SessionFigures returns the sessions starting in [from, to), cancelled
// ones included, in order of start, each with its course's places booked,
// offered and waited for, and the apologies sent for it: the staff's weekly
// digest.
func (db *DB) SessionFigures(ctx context.Context, from, to time.Time) ([]college.SessionFigures, error) {
	fs, err := db.figures(ctx, "starts_at", from, to)
	if err != nil {
		return nil, fmt.Errorf("sqlite: counting places at sessions from %s: %w", formatTime(from), err)
	}
	return fs, nil
}

// figures reads the sessions whose column (starts_at or changed_at) falls
// in [from, to), in order of start, with their course's numbers.
func (db *DB) figures(ctx context.Context, column string, from, to time.Time) ([]college.SessionFigures, error) {
	var fs []college.SessionFigures
	err := db.view(ctx, func(t *tx) (err error) {
		fs, err = queryAll(t, scanFigures, figuresSelect+` s.`+column+` >= ? AND s.`+column+` < ?
			ORDER BY s.starts_at, c.code, s.seq`, formatTime(from), formatTime(to))
		return err
	})
	return fs, err
}

// figuresSelect reads sessions with their course's numbers, for scanFigures.
const figuresSelect = courseSelect + `, ` + sessionColumns + `,
	(SELECT count(*) FROM enrolment e WHERE e.course_id = c.id AND e.status = 'booked'),
	(SELECT count(*) FROM enrolment e WHERE e.course_id = c.id AND e.status = 'offered'),
	(SELECT count(*) FROM enrolment e WHERE e.course_id = c.id AND e.status = 'waiting'),
	(SELECT count(*) FROM attendance a WHERE a.session_id = s.id AND a.status = 'apologies')` +
	courseFrom + ` JOIN session s ON s.course_id = c.id LEFT JOIN venue v ON v.id = s.venue_id
	WHERE`

// scanFigures reads a row of courseSelect, sessionColumns and four counts.
func scanFigures(s scanner) (college.SessionFigures, error) {
	var f college.SessionFigures
	var r sessionRow
	dest := append(courseDest(&f.Course), r.dest()...)
	err := s.Scan(append(dest, &f.Booked, &f.Offered, &f.Waiting, &f.Apologies)...)
	f.Session = r.session()
	return f, err
}

// Registers returns the live sessions starting in [from, to), in order of
// start, each with the students booked on its course (by first name) and
// what the register or their apologies recorded for them: the
// facilitators' registers. Erased students (no name) come last, as in
// SessionRegister. A session nobody booked has no students.
func (db *DB) Registers(ctx context.Context, from, to time.Time) ([]college.Register, error) {
	var rows []registerRow
	err := db.view(ctx, func(t *tx) (err error) {
		rows, err = queryAll(t, scanRegisterRow, courseSelect+`, `+sessionColumns+`,
			coalesce(st.id, 0), coalesce(st.first_name, ''), coalesce(a.status, '')`+
			courseFrom+` JOIN session s ON s.course_id = c.id LEFT JOIN venue v ON v.id = s.venue_id
			LEFT JOIN enrolment e ON e.course_id = c.id AND e.status = 'booked'
			LEFT JOIN student st ON st.id = e.student_id
			LEFT JOIN attendance a ON a.session_id = s.id AND a.student_id = st.id
			WHERE s.starts_at >= ? AND s.starts_at < ? AND s.status <> 'cancelled'
			ORDER BY s.starts_at, c.code, s.id, `+byFirstName,
			formatTime(from), formatTime(to))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: reading registers from %s: %w", formatTime(from), err)
	}
	return groupRegisters(rows), nil
}

// registerRow is a session with one of the students booked, or none.
type registerRow struct {
	course  college.Course
	session college.Session
	line    college.RegisterLine
}

// scanRegisterRow reads a row of courseSelect, sessionColumns and a student.
func scanRegisterRow(s scanner) (registerRow, error) {
	var rr registerRow
	var r sessionRow
	dest := append(courseDest(&rr.course), r.dest()...)
	err := s.Scan(append(dest, registerLineDest(&rr.line)...)...)
	rr.session = r.session()
	return rr, err
}

// groupRegisters gathers rows, in session order, into one register a session.
func groupRegisters(rows []registerRow) []college.Register {
	var regs []college.Register
	for _, r := range rows {
		if len(regs) == 0 || regs[len(regs)-1].Session.ID != r.session.ID {
			regs = append(regs, college.Register{Course: r.course, Session: r.session})
		}
		if r.line.StudentID != 0 {
			last := &regs[len(regs)-1]
			last.Students = append(last.Students, r.line)
		}
	}
	return regs
}

// ChangedSessions returns the sessions staff or an import moved or
// cancelled in [from, to), in order of when they meet, with their course's
// numbers: the digest's list of changes.
func (db *DB) ChangedSessions(ctx context.Context, from, to time.Time) ([]college.SessionFigures, error) {
	fs, err := db.figures(ctx, "changed_at", from, to)
	if err != nil {
		return nil, fmt.Errorf("sqlite: reading sessions changed from %s: %w", formatTime(from), err)
	}
	return fs, nil
}
