package sqlite

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"collegebot/internal/college"
)

const alertColumns = `id, student_id, coalesce(inbox_id, 0), channel, rule, matched, body, signposted,
	raised_at, alerted_at, told, repeats, acked_at, acked_by, cleared_at, cleared_by`

func scanAlert(s scanner) (college.Alert, error) {
	var a college.Alert
	var told string
	err := s.Scan(&a.ID, &a.StudentID, &a.InboxID, &a.Channel, &a.Rule, &a.Match, &a.Text, &a.Signposted,
		timeCol{&a.Raised}, timeCol{&a.Alerted}, &told, &a.Repeats, nullTimeCol{&a.Acked}, &a.AckedBy,
		nullTimeCol{&a.Cleared}, &a.ClearedBy)
	if err != nil {
		return a, err
	}
	a.Told, err = parseIDs(told)
	return a, err
}

// RaiseAlert records a new alert, raised and alerted now, and cancels the
// messages waiting to go to the student that are not replies: automated
// messages pause while an alert is open.
func (t *tx) RaiseAlert(a college.Alert) (college.Alert, error) {
	a.Raised, a.Alerted = t.now, t.now
	err := t.queryRow(`INSERT INTO alert (student_id, inbox_id, channel, rule, matched, body, signposted,
		raised_at, alerted_at, told) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		a.StudentID, nullID(a.InboxID), a.Channel, a.Rule, a.Match, a.Text, a.Signposted,
		t.stamp(), t.stamp(), formatIDs(a.Told)).Scan(&a.ID)
	if err != nil {
		return a, fmt.Errorf("sqlite: raising an alert for student %d: %w", a.StudentID, err)
	}
	_, err = t.exec(`UPDATE outbox SET status = 'cancelled', error = 'safeguarding pause'
		WHERE student_id = ? AND status = 'pending' AND kind <> 'reply'`, a.StudentID)
	if err != nil {
		return a, fmt.Errorf("sqlite: pausing messages to student %d: %w", a.StudentID, err)
	}
	return a, nil
}

// Alert returns an alert by id.
func (t *tx) Alert(id int64) (college.Alert, error) {
	a, err := scanAlert(t.queryRow(`SELECT `+alertColumns+` FROM alert WHERE id = ?`, id))
	if err != nil {
		return a, fmt.Errorf("sqlite: reading alert %d: %w", id, err)
	}
	return a, nil
}

// OpenAlertOf returns the student's latest alert not cleared.
func (t *tx) OpenAlertOf(studentID int64) (college.Alert, error) {
	a, err := scanAlert(t.queryRow(`SELECT `+alertColumns+` FROM alert
		WHERE student_id = ? AND cleared_at IS NULL ORDER BY raised_at DESC, id DESC LIMIT 1`, studentID))
	if err != nil {
		return a, fmt.Errorf("sqlite: reading the open alert of student %d: %w", studentID, err)
	}
	return a, nil
}

// UnackedAlerts returns the alerts neither acknowledged nor cleared,
// oldest first.
func (t *tx) UnackedAlerts() ([]college.Alert, error) {
	as, err := queryAll(t, scanAlert, `SELECT `+alertColumns+` FROM alert
		WHERE acked_at IS NULL AND cleared_at IS NULL ORDER BY alerted_at, id`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing unacknowledged alerts: %w", err)
	}
	return as, nil
}

// Alerts returns the incident log, newest first; with open, only the
// alerts not cleared.
func (t *tx) Alerts(open bool) ([]college.Alert, error) {
	as, err := queryAll(t, scanAlert, `SELECT `+alertColumns+` FROM alert
		WHERE ?1 = 0 OR cleared_at IS NULL ORDER BY raised_at DESC, id DESC`, open)
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing alerts: %w", err)
	}
	return as, nil
}

// SaveAlert stores who was told, the repeats, acknowledgement and
// clearing.
func (t *tx) SaveAlert(a college.Alert) error {
	err := t.execOne(`UPDATE alert SET alerted_at = ?, told = ?, repeats = ?, acked_at = ?, acked_by = ?,
		cleared_at = ?, cleared_by = ? WHERE id = ?`, formatTime(a.Alerted), formatIDs(a.Told), a.Repeats,
		nullTime(a.Acked), a.AckedBy, nullTime(a.Cleared), a.ClearedBy, a.ID)
	if err != nil {
		return fmt.Errorf("sqlite: saving alert %d: %w", a.ID, err)
	}
	return nil
}

// Paused reports whether the student had an alert not cleared at any
// moment from from to to.
func (t *tx) Paused(studentID int64, from, to time.Time) (bool, error) {
	var paused bool
	err := t.queryRow(`SELECT EXISTS (SELECT 1 FROM alert WHERE student_id = ? AND raised_at <= ?
		AND (cleared_at IS NULL OR cleared_at >= ?))`, studentID, formatTime(to), formatTime(from)).Scan(&paused)
	if err != nil {
		return false, fmt.Errorf("sqlite: checking alerts of student %d: %w", studentID, err)
	}
	return paused, nil
}

// SetSafeguarding turns a member's safeguarding flag on or off.
func (t *tx) SetSafeguarding(staffID int64, on bool) error {
	if err := t.execOne(`UPDATE staff SET safeguarding = ? WHERE id = ?`, on, staffID); err != nil {
		return fmt.Errorf("sqlite: setting the safeguarding flag of staff %d: %w", staffID, err)
	}
	return nil
}

// formatIDs stores ids as "3,1,7".
func formatIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}

// parseIDs reads ids stored by formatIDs.
func parseIDs(s string) ([]int64, error) {
	if s == "" {
		return nil, nil
	}
	var out []int64
	for _, p := range strings.Split(s, ",") {
		id, err := strconv.ParseInt(p, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("sqlite: reading staff ids %q: %w", s, err)
		}
		out = append(out, id)
	}
	return out, nil
}
