package sqlite

import (
	"errors"
	"fmt"

	"collegebot/internal/college"
)

// Dialogue returns the student's live dialogue, or an empty one when there
// is none or it has expired.
func (t *tx) Dialogue(studentID int64) (college.Dialogue, error) {
	d := college.Dialogue{StudentID: studentID}
	err := t.queryRow(`SELECT state, data, choices, expires_at FROM dialogue
		WHERE student_id = ? AND expires_at > ?`, studentID, t.stamp()).
		Scan(&d.State, jsonCol{&d.Data}, jsonCol{&d.Choices}, timeCol{&d.Expires})
	switch {
	case errors.Is(err, college.ErrNotFound):
		return college.Dialogue{StudentID: studentID}, nil
	case err != nil:
		return d, fmt.Errorf("sqlite: reading dialogue of student %d: %w", studentID, err)
	}
	return d, nil
}

// SaveDialogue stores a dialogue, to expire after college.DialogueTTL unless
// it says otherwise; an empty State clears it.
func (t *tx) SaveDialogue(d college.Dialogue) error {
	if d.State == "" {
		if _, err := t.exec(`DELETE FROM dialogue WHERE student_id = ?`, d.StudentID); err != nil {
			return fmt.Errorf("sqlite: clearing dialogue of student %d: %w", d.StudentID, err)
		}
		return nil
	}
	if d.Expires.IsZero() {
		d.Expires = t.now.Add(college.DialogueTTL)
	}
	data, err := jsonValue(d.Data, "{}")
	if err != nil {
		return err
	}
	choices, err := jsonValue(d.Choices, "[]")
	if err != nil {
		return err
	}
	_, err = t.exec(`INSERT INTO dialogue (student_id, state, data, choices, expires_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (student_id) DO UPDATE SET state = excluded.state,
		data = excluded.data, choices = excluded.choices, expires_at = excluded.expires_at`,
		d.StudentID, d.State, data, choices, formatTime(d.Expires))
	if err != nil {
		return fmt.Errorf("sqlite: saving dialogue of student %d: %w", d.StudentID, err)
	}
	return nil
}
