package sqlite

import (
	"fmt"
	"time"

	"collegebot/internal/college"
)

// What the scheduled jobs ask of the records: the places booked at
// sessions in a span of time, the courses that just finished, the absences
// just marked, the offers that lapsed, and what was already sent.

// bookingSelect reads booked places: a course (c, with courseFrom's joins),
// one of its sessions (s, with its venue v) and an enrolment on it (e).
const bookingSelect = courseSelect + `, ` + sessionColumns + `,
	e.id, e.student_id, e.course_id, e.status, e.offer_expires, e.updated_at` + courseFrom + `
	JOIN session s ON s.course_id = c.id LEFT JOIN venue v ON v.id = s.venue_id
	JOIN enrolment e ON e.course_id = c.id`

// scanBooking reads a row of bookingSelect. The place was booked when the
// enrolment last changed.
func scanBooking(s scanner) (college.Booking, error) {
	var b college.Booking
	var r sessionRow
	e := &b.Enrolment
	dest := append(courseDest(&b.Course), r.dest()...)
	dest = append(dest, &e.ID, &e.StudentID, &e.CourseID, &e.Status,
		nullTimeCol{&e.OfferExpires}, timeCol{&e.Updated})
	err := s.Scan(dest...)
	b.Session, b.BookedAt = r.session(), e.Updated
	return b, err
}

// Bookings returns the places booked on open courses at live sessions
// starting in [from, to), soonest first: what reminders are about.
func (t *tx) Bookings(from, to time.Time) ([]college.Booking, error) {
	bs, err := queryAll(t, scanBooking, bookingSelect+`
		WHERE s.starts_at >= ? AND s.starts_at < ? AND s.status <> 'cancelled'
		AND c.status = 'open' AND e.status = 'booked'
		ORDER BY s.starts_at, s.id, e.id`, formatTime(from), formatTime(to))
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing bookings at sessions from %s: %w", formatTime(from), err)
	}
	return bs, nil
}

// Finished returns the places booked (or completed) on open courses whose
// last live session ended in [from, to), with that session, in order of its
// end: whom to ask for feedback.
func (t *tx) Finished(from, to time.Time) ([]college.Booking, error) {
	bs, err := queryAll(t, scanBooking, bookingSelect+`
		WHERE s.ends_at >= ? AND s.ends_at < ? AND s.status <> 'cancelled'
		AND c.status = 'open' AND e.status IN ('booked', 'completed')
		AND NOT EXISTS (SELECT 1 FROM session l WHERE l.course_id = s.course_id
			AND l.status <> 'cancelled'
			AND (l.ends_at > s.ends_at OR (l.ends_at = s.ends_at AND l.seq > s.seq)))
		ORDER BY s.ends_at, s.id, e.id`, formatTime(from), formatTime(to))
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing courses finished from %s: %w", formatTime(from), err)
	}
	return bs, nil
}

// Absences returns the places still booked at live sessions that ended in
// [from, to) whose register marked the student absent (apologies are not
// absences), in order of the session's end.
func (t *tx) Absences(from, to time.Time) ([]college.Booking, error) {
	bs, err := queryAll(t, scanBooking, bookingSelect+`
		JOIN attendance a ON a.session_id = s.id AND a.student_id = e.student_id
		WHERE s.ends_at >= ? AND s.ends_at < ? AND s.status <> 'cancelled'
		AND a.status = 'absent' AND e.status = 'booked'
		ORDER BY s.ends_at, s.id, e.id`, formatTime(from), formatTime(to))
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing absences at sessions from %s: %w", formatTime(from), err)
	}
	return bs, nil
}

// ExpiredOffers returns the offers whose hold lapsed by the transaction's
// time, the longest lapsed first.
func (t *tx) ExpiredOffers() ([]college.Enrolment, error) {
	es, err := queryAll(t, scanEnrolment, enrolmentSelect+` WHERE e.status = 'offered'
		AND e.offer_expires <= ? ORDER BY e.offer_expires, e.id`, t.stamp())
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing lapsed offers: %w", err)
	}
	return es, nil
}

// Reminded returns the live sessions, not yet started, for which a
// day-before reminder to the student (a message about the session whose key
// is "reminder:…:day:…") was queued since a time and not cancelled or
// failed, and the student has not already sent apologies for, soonest
// first: what a NO in reply is about.
func (t *tx) Reminded(studentID int64, since time.Time) ([]college.Session, error) {
	ss, err := queryAll(t, scanSession, `SELECT `+sessionColumns+` FROM session s
		LEFT JOIN venue v ON v.id = s.venue_id
		WHERE s.id IN (SELECT o.session_id FROM outbox o WHERE o.student_id = ?1
			AND o.session_id IS NOT NULL AND o.purpose LIKE 'reminder:%:day:%'
			AND o.created_at >= ?2 AND o.status NOT IN ('cancelled', 'failed', 'undelivered'))
		AND s.status <> 'cancelled' AND s.starts_at > ?3
		AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id AND a.student_id = ?1
			AND a.status = 'apologies')
		ORDER BY s.starts_at, s.id`, studentID, formatTime(since), t.stamp())
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing sessions student %d was reminded of: %w", studentID, err)
	}
	return ss, nil
}

// Queued reports whether a message with this key is in the outbox, in any
// status. It is not part of college.Tx: the jobs ask it, when a store
// offers it, so as to count only what they newly queue.
func (t *tx) Queued(key string) (bool, error) {
	var found bool
	err := t.queryRow(`SELECT EXISTS (SELECT 1 FROM outbox WHERE purpose = ?)`, key).Scan(&found)
	if err != nil {
		return false, fmt.Errorf("sqlite: looking for message %q: %w", key, err)
	}
	return found, nil
}
