package sqlite

import (
	"errors"
	"fmt"

	"collegebot/internal/college"
)

var _ college.OfficeTx = (*tx)(nil)

// Session returns a session by id, with its venue.
func (t *tx) Session(id int64) (college.Session, error) {
	s, err := scanSession(t.queryRow(`SELECT `+sessionColumns+` FROM session s
		LEFT JOIN venue v ON v.id = s.venue_id WHERE s.id = ?`, id))
	if err != nil {
		return s, fmt.Errorf("sqlite: reading session %d: %w", id, err)
	}
	return s, nil
}

// MoveSession gives a live session new times and a venue or link, marks
// it moved, and returns it as it now is. A cancelled or missing session is
// ErrNotFound.
func (t *tx) MoveSession(id int64, m college.SessionMove) (college.Session, error) {
	err := t.execOne(`UPDATE session SET starts_at = ?, ends_at = ?, venue_id = ?, online_url = ?,
		status = 'moved' WHERE id = ? AND status <> 'cancelled'`,
		formatTime(m.Start), formatTime(m.End), nullID(m.VenueID), m.OnlineURL, id)
	if err == nil {
		err = t.markChanged(id)
	}
	if err != nil {
		return college.Session{}, fmt.Errorf("sqlite: moving session %d: %w", id, err)
	}
	return t.Session(id)
}

// CancelSession cancels a live session; a cancelled or missing one is
// ErrNotFound.
func (t *tx) CancelSession(id int64) (college.Session, error) {
	err := t.execOne(`UPDATE session SET status = 'cancelled' WHERE id = ? AND status <> 'cancelled'`, id)
	if err == nil {
		err = t.markChanged(id)
	}
	if err != nil {
		return college.Session{}, fmt.Errorf("sqlite: cancelling session %d: %w", id, err)
	}
	return t.Session(id)
}

// markChanged records that sessions were moved or cancelled now, for the
// digest, and cancels their reminders not yet sent, which name the old
// time or place. The due sweep queues reminders for a new time under new
// keys (a reminder's key holds its session's start); a reminder cancelled
// by a change of venue alone is not sent again, since the change notice,
// sent at the same moment, says where.
func (t *tx) markChanged(sessionIDs ...int64) error {
	ids := jsonIDs(sessionIDs)
	_, err := t.exec(`UPDATE session SET changed_at = ? WHERE id IN (SELECT value FROM json_each(?))`, t.stamp(), ids)
	if err != nil {
		return fmt.Errorf("recording the change of sessions %v: %w", sessionIDs, err)
	}
	_, err = t.exec(`UPDATE outbox SET status = 'cancelled' WHERE session_id IN (SELECT value FROM json_each(?))
		AND status = 'pending' AND purpose LIKE 'reminder:%'`, ids)
	if err != nil {
		return fmt.Errorf("cancelling the reminders of sessions %v: %w", sessionIDs, err)
	}
	return nil
}

// CourseCancelled reports whether a course was cancelled.
func (t *tx) CourseCancelled(courseID int64) (bool, error) {
	var status string
	if err := t.queryRow(`SELECT status FROM course WHERE id = ?`, courseID).Scan(&status); err != nil {
		return false, fmt.Errorf("sqlite: reading course %d: %w", courseID, err)
	}
	return status == "cancelled", nil
}

// CancelCourse cancels an open course, its live sessions still to start
// (those that took place stay, with their registers) and its places
// booked, offered and waited for, and returns what it did. A course
// already cancelled is ErrConflict.
func (t *tx) CancelCourse(courseID int64) (college.CourseCancellation, error) {
	cc, err := t.cancelCourse(courseID)
	if err != nil {
		return cc, fmt.Errorf("sqlite: cancelling course %d: %w", courseID, err)
	}
	return cc, nil
}

func (t *tx) cancelCourse(courseID int64) (cc college.CourseCancellation, err error) {
	if cc.Course, err = t.CourseByID(courseID); err != nil {
		return cc, err
	}
	err = t.execOne(`UPDATE course SET status = 'cancelled' WHERE id = ? AND status = 'open'`, courseID)
	if errors.Is(err, college.ErrNotFound) {
		return cc, fmt.Errorf("%w: it is cancelled already", college.ErrConflict)
	} else if err != nil {
		return cc, err
	}
	if err = t.cancelSessionsAhead(&cc); err != nil {
		return cc, err
	}
	cc.Dropped, err = queryAll(t, scanEnrolment, enrolmentSelect+` WHERE e.course_id = ?
		AND e.status IN ('booked', 'offered', 'waiting') ORDER BY e.id`, courseID)
	if err != nil {
		return cc, err
	}
	_, err = t.exec(`UPDATE enrolment SET status = 'dropped', offer_expires = NULL, updated_at = ?
		WHERE course_id = ? AND status IN ('booked', 'offered', 'waiting')`, t.stamp(), courseID)
	return cc, err
}

// cancelSessionsAhead cancels the course's live sessions still to start,
// in a statement or two whatever their number, and lists them as they
// were.
func (t *tx) cancelSessionsAhead(cc *college.CourseCancellation) error {
	ss, err := t.Sessions(cc.Course.ID)
	if err != nil {
		return err
	}
	var ids []int64
	for _, s := range ss {
		if s.Live() && s.Start.After(t.now) {
			cc.Sessions = append(cc.Sessions, s)
			ids = append(ids, s.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	_, err = t.exec(`UPDATE session SET status = 'cancelled' WHERE id IN (SELECT value FROM json_each(?))`, jsonIDs(ids))
	if err != nil {
		return err
	}
	return t.markChanged(ids...)
}

// Venues returns every venue, by name.
func (t *tx) Venues() ([]college.Venue, error) {
	vs, err := queryAll(t, func(s scanner) (college.Venue, error) {
		var v college.Venue
		return v, s.Scan(&v.ID, &v.Name, &v.Address, &v.Postcode, &v.Access)
	}, `SELECT id, name, address, postcode, access FROM venue ORDER BY name COLLATE NOCASE, postcode`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing venues: %w", err)
	}
	return vs, nil
}

// AddVenue stores a new venue; one of the same name and postcode is
// ErrConflict.
func (t *tx) AddVenue(v college.Venue) (college.Venue, error) {
	res, err := t.exec(`INSERT INTO venue (name, address, postcode, access) VALUES (?, ?, ?, ?)`,
		v.Name, v.Address, v.Postcode, v.Access)
	if err == nil {
		v.ID, err = res.LastInsertId()
	}
	if err != nil {
		return v, fmt.Errorf("sqlite: adding venue %s: %w", v.Name, err)
	}
	return v, nil
}
