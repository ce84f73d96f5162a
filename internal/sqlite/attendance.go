package sqlite

import (
	"fmt"

	"collegebot/internal/college"
)

// SetAttendance records a student's attendance at a session: Attended,
// Absent or Apologies, replacing what was recorded, except that a register
// marking absent someone who sent apologies keeps the apologies (absent
// with apologies is not a missed session). A missing session or student is
// ErrNotFound.
func (t *tx) SetAttendance(sessionID, studentID int64, status string) error {
	switch status {
	case college.Attended, college.Absent, college.Apologies:
	default:
		return fmt.Errorf("sqlite: recording attendance of student %d: %q is not a status", studentID, status)
	}
	_, err := t.exec(`INSERT INTO attendance (session_id, student_id, status, recorded_at)
		VALUES (?1, ?2, ?3, ?4) ON CONFLICT (session_id, student_id) DO UPDATE
		SET status = excluded.status, recorded_at = excluded.recorded_at
		WHERE status <> excluded.status AND NOT (status = 'apologies' AND excluded.status = 'absent')`,
		sessionID, studentID, status, t.stamp())
	if err != nil {
		return fmt.Errorf("sqlite: recording student %d %s at session %d: %w", studentID, status, sessionID, err)
	}
	return nil
}
