package sqlite

import (
	"database/sql"
	"fmt"
	"time"

	"collegebot/internal/college"
)

// SaveFeedback records a survey asked about a course, or its answers, by
// student and course. A score of 0 or an empty comment leaves the one
// stored: the engine records the question, then the score, then the
// comment, each call with what it knows. A zero Asked means now; the first
// time asked is kept.
func (t *tx) SaveFeedback(f college.Feedback) error {
	if f.Score < 0 || f.Score > 6 {
		return fmt.Errorf("sqlite: saving feedback of student %d: score %d is not 0 to 6", f.StudentID, f.Score)
	}
	asked := f.Asked
	if asked.IsZero() {
		asked = t.now
	}
	_, err := t.exec(`INSERT INTO feedback (student_id, course_id, score, comment, asked_at, answered_at)
		VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?3 <> 0 OR ?4 <> '' THEN ?6 END)
		ON CONFLICT (student_id, course_id) DO UPDATE SET
			score = iif(excluded.score <> 0, excluded.score, score),
			comment = iif(excluded.comment <> '', excluded.comment, comment),
			answered_at = coalesce(answered_at, excluded.answered_at)`,
		f.StudentID, f.CourseID, f.Score, f.Comment, formatTime(asked), t.stamp())
	if err != nil {
		return fmt.Errorf("sqlite: saving feedback of student %d on course %d: %w", f.StudentID, f.CourseID, err)
	}
	return nil
}

// Feedback returns the survey of a student about a course, or ErrNotFound
// when they were never asked.
func (t *tx) Feedback(studentID, courseID int64) (college.Feedback, error) {
	var f college.Feedback
	err := t.queryRow(`SELECT student_id, course_id, score, comment, asked_at FROM feedback
		WHERE student_id = ? AND course_id = ?`, studentID, courseID).
		Scan(&f.StudentID, &f.CourseID, &f.Score, &f.Comment, timeCol{&f.Asked})
	if err != nil {
		return f, fmt.Errorf("sqlite: reading feedback of student %d on course %d: %w", studentID, courseID, err)
	}
	return f, nil
}

// LastSurveyed returns when the student was last asked for feedback; ok is
// false when they never were.
func (t *tx) LastSurveyed(studentID int64) (time.Time, bool, error) {
	var last sql.NullString
	err := t.queryRow(`SELECT max(asked_at) FROM feedback WHERE student_id = ?`, studentID).Scan(&last)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("sqlite: reading when student %d was surveyed: %w", studentID, err)
	}
	if !last.Valid {
		return time.Time{}, false, nil
	}
	at, err := parseTime(last.String)
	return at, err == nil, err
}
