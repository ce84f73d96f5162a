package sqlite

import (
	"fmt"

	"collegebot/internal/college"
)

const handoffColumns = `id, student_id, opened_at, coalesce(alerted_at, opened_at), replied_at,
	replied_by, coalesce(replied_by_id, 0), closed_at`

func scanHandoff(s scanner) (college.Handoff, error) {
	var h college.Handoff
	err := s.Scan(&h.ID, &h.StudentID, timeCol{&h.Opened}, timeCol{&h.Alerted},
		nullTimeCol{&h.Replied}, &h.RepliedBy, &h.RepliedByID, nullTimeCol{&h.Closed})
	return h, err
}

// OpenHandoff opens a hand-off for a student, alerted now; one already
// open is ErrConflict.
func (t *tx) OpenHandoff(studentID int64) (college.Handoff, error) {
	h := college.Handoff{StudentID: studentID, Opened: t.now, Alerted: t.now}
	err := t.queryRow(`INSERT INTO handoff (student_id, opened_at, alerted_at) VALUES (?, ?, ?)
		RETURNING id`, studentID, t.stamp(), t.stamp()).Scan(&h.ID)
	if err != nil {
		return h, fmt.Errorf("sqlite: opening a hand-off for student %d: %w", studentID, err)
	}
	return h, nil
}

// Handoff returns a hand-off by id.
func (t *tx) Handoff(id int64) (college.Handoff, error) {
	h, err := scanHandoff(t.queryRow(`SELECT `+handoffColumns+` FROM handoff WHERE id = ?`, id))
	if err != nil {
		return h, fmt.Errorf("sqlite: reading hand-off %d: %w", id, err)
	}
	return h, nil
}

// OpenHandoffOf returns the student's open hand-off, or ErrNotFound.
func (t *tx) OpenHandoffOf(studentID int64) (college.Handoff, error) {
	h, err := scanHandoff(t.queryRow(`SELECT `+handoffColumns+` FROM handoff
		WHERE student_id = ? AND closed_at IS NULL`, studentID))
	if err != nil {
		return h, fmt.Errorf("sqlite: reading the open hand-off of student %d: %w", studentID, err)
	}
	return h, nil
}

// OpenHandoffs returns every open hand-off, oldest first.
func (t *tx) OpenHandoffs() ([]college.Handoff, error) {
	hs, err := queryAll(t, scanHandoff, `SELECT `+handoffColumns+` FROM handoff
		WHERE closed_at IS NULL ORDER BY opened_at, id`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing open hand-offs: %w", err)
	}
	return hs, nil
}

// SaveHandoff stores a hand-off's alert, reply and closing.
func (t *tx) SaveHandoff(h college.Handoff) error {
	err := t.execOne(`UPDATE handoff SET alerted_at = ?, replied_at = ?, replied_by = ?,
		replied_by_id = ?, closed_at = ? WHERE id = ?`, formatTime(h.Alerted), nullTime(h.Replied),
		h.RepliedBy, nullID(h.RepliedByID), nullTime(h.Closed), h.ID)
	if err != nil {
		return fmt.Errorf("sqlite: saving hand-off %d: %w", h.ID, err)
	}
	return nil
}

// LastSaid returns up to n of the student's latest texts, oldest first.
// The inbox knows a message's student only by its address, so it is read
// through the student's contacts (each an index look-up on the inbox).
func (t *tx) LastSaid(studentID int64, n int) ([]college.Said, error) {
	ss, err := queryAll(t, func(s scanner) (college.Said, error) {
		var m college.Said
		var id int64
		return m, s.Scan(&id, &m.Channel, &m.Text, timeCol{&m.Received})
	}, `SELECT id, channel, body, received_at FROM (
		SELECT i.id, i.channel, i.body, i.received_at FROM inbox i
		JOIN contact c ON c.channel = i.channel AND c.address = i.address
		WHERE c.student_id = ? AND i.body <> '' AND i.event IN ('', 'command')
		ORDER BY i.id DESC LIMIT ?) ORDER BY id`, studentID, n)
	if err != nil {
		return nil, fmt.Errorf("sqlite: reading what student %d said: %w", studentID, err)
	}
	return ss, nil
}

// LastContact returns the contact the student last wrote from, or their
// first contact when the inbox holds nothing from them.
func (t *tx) LastContact(studentID int64) (college.Contact, error) {
	c, err := scanContact(t.queryRow(`SELECT `+contactColumns+` FROM contact c
		WHERE student_id = ? ORDER BY `+lastWroteFromFirst+` LIMIT 1`, studentID))
	if err != nil {
		return c, fmt.Errorf("sqlite: finding the last contact of student %d: %w", studentID, err)
	}
	return c, nil
}
