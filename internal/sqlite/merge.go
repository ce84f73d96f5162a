package sqlite

import (
	"fmt"

	"collegebot/internal/college"
)

// MergeStudent joins student from's record into student into's, in the
// caller's transaction: a Telegram chat joining the record its student made
// by SMS. from's contacts, enrolments, attendance, feedback and messages
// (queued, in flight and sent, since they went to addresses that are into's
// now) move to into, and from is then erased: its personal fields, dialogue and
// answers go, leaving an anonymous row. into's last activity becomes the
// later of the two.
//
// Where both are enrolled on a course one row stays: an active one (booked,
// offered or waiting) before a completed one, a completed one before a
// dropped one, into's when they are alike. Both active is ErrConflict: the
// caller must first release one of them, so that its place is passed on.
// Where both have attendance at a session, into's stays, or from's when only
// it says attended; where both were surveyed about a course, into's stays.
// A missing or erased student is ErrNotFound.
func (t *tx) MergeStudent(from, into int64) error {
	if err := t.mergeStudent(from, into); err != nil {
		return fmt.Errorf("sqlite: merging student %d into %d: %w", from, into, err)
	}
	return nil
}

// mergeStudent does what MergeStudent describes, step by step.
func (t *tx) mergeStudent(from, into int64) error {
	if from == into {
		return fmt.Errorf("%w: a student cannot be merged into themself", college.ErrConflict)
	}
	if err := t.mustBeLive(from, into); err != nil {
		return err
	}
	steps := []func(from, into int64) error{
		t.mergeEnrolments, t.mergeAttendance, t.mergeFeedback, t.moveStudentRows,
	}
	for _, step := range steps {
		if err := step(from, into); err != nil {
			return err
		}
	}
	// With its contacts and messages gone to into, erasing from touches
	// nothing of into's: no inbox row or message is tied to from any more.
	return t.EraseStudent(from)
}

// mustBeLive reports ErrNotFound unless every student given exists and is
// not erased.
func (t *tx) mustBeLive(ids ...int64) error {
	for _, id := range ids {
		var live bool
		err := t.queryRow(`SELECT erased_at IS NULL FROM student WHERE id = ?`, id).Scan(&live)
		switch {
		case err != nil:
			return fmt.Errorf("student %d: %w", id, err)
		case !live:
			return fmt.Errorf("student %d is erased: %w", id, college.ErrNotFound)
		}
	}
	return nil
}

// enrolmentRank orders the status of enrolment alias by how much it
// matters to keep: active, then completed, then dropped.
func enrolmentRank(alias string) string {
	return `CASE ` + alias + `.status WHEN 'dropped' THEN 0 WHEN 'completed' THEN 1 ELSE 2 END`
}

// mergeEnrolments deletes the losing row of each course both students are
// enrolled on; moveStudentRows then moves what is left of from's.
func (t *tx) mergeEnrolments(from, into int64) error {
	var clashes int
	err := t.queryRow(`SELECT count(*) FROM enrolment f JOIN enrolment i
		ON i.course_id = f.course_id AND i.student_id = ?2 WHERE f.student_id = ?1
		AND f.status IN ('booked', 'offered', 'waiting') AND i.status IN ('booked', 'offered', 'waiting')`,
		from, into).Scan(&clashes)
	if err != nil {
		return fmt.Errorf("looking for courses both are on: %w", err)
	}
	if clashes > 0 {
		return fmt.Errorf("%w: both are on %d course(s); release one enrolment first", college.ErrConflict, clashes)
	}
	_, err = t.exec(`DELETE FROM enrolment WHERE id IN (
		SELECT CASE WHEN `+enrolmentRank("f")+` > `+enrolmentRank("i")+` THEN i.id ELSE f.id END
		FROM enrolment f JOIN enrolment i ON i.course_id = f.course_id AND i.student_id = ?2
		WHERE f.student_id = ?1)`, from, into)
	if err != nil {
		return fmt.Errorf("settling courses both were on: %w", err)
	}
	return nil
}

// mergeAttendance settles the sessions both students have attendance at,
// keeping into's unless only from's says attended, and deletes from's there.
func (t *tx) mergeAttendance(from, into int64) error {
	_, err := t.exec(`UPDATE attendance SET status = 'attended', recorded_at = f.recorded_at
		FROM attendance f WHERE f.student_id = ?1 AND f.session_id = attendance.session_id
		AND f.status = 'attended' AND attendance.student_id = ?2 AND attendance.status <> 'attended'`,
		from, into)
	if err == nil {
		_, err = t.exec(`DELETE FROM attendance WHERE student_id = ?1 AND session_id IN
			(SELECT session_id FROM attendance WHERE student_id = ?2)`, from, into)
	}
	if err != nil {
		return fmt.Errorf("settling sessions both have attendance at: %w", err)
	}
	return nil
}

// mergeFeedback deletes from's survey of each course into was surveyed
// about too.
func (t *tx) mergeFeedback(from, into int64) error {
	_, err := t.exec(`DELETE FROM feedback WHERE student_id = ?1 AND course_id IN
		(SELECT course_id FROM feedback WHERE student_id = ?2)`, from, into)
	if err != nil {
		return fmt.Errorf("settling courses both were surveyed about: %w", err)
	}
	return nil
}

// moveStudentRows gives into every row of from's that is left to move, and
// the later of their last activities.
func (t *tx) moveStudentRows(from, into int64) error {
	steps := []struct{ what, query string }{
		{"moving contacts", `UPDATE contact SET student_id = ?2 WHERE student_id = ?1`},
		{"moving enrolments", `UPDATE enrolment SET student_id = ?2 WHERE student_id = ?1`},
		{"moving attendance", `UPDATE attendance SET student_id = ?2 WHERE student_id = ?1`},
		{"moving feedback", `UPDATE feedback SET student_id = ?2 WHERE student_id = ?1`},
		{"moving messages", `UPDATE outbox SET student_id = ?2 WHERE student_id = ?1`},
		{"keeping the later activity", `UPDATE student SET last_active =
			max(last_active, (SELECT last_active FROM student WHERE id = ?1)) WHERE id = ?2`},
	}
	for _, s := range steps {
		if _, err := t.exec(s.query, from, into); err != nil {
			return fmt.Errorf("%s: %w", s.what, err)
		}
	}
	return nil
}
