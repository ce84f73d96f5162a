package sqlite

import (
	"errors"
	"fmt"
	"time"

	"collegebot/internal/college"
)

// enrolmentSelect reads enrolments (e) with their place on the waiting list:
// the rank by waiting_since, then id, among the course's waiting rows.
const enrolmentSelect = `SELECT e.id, e.student_id, e.course_id, e.status,
	CASE WHEN e.status = 'waiting' THEN (SELECT count(*) FROM enrolment w
		WHERE w.course_id = e.course_id AND w.status = 'waiting'
		AND (w.waiting_since < e.waiting_since OR (w.waiting_since = e.waiting_since AND w.id <= e.id)))
	ELSE 0 END,
	e.offer_expires, e.updated_at FROM enrolment e`

// scanEnrolment reads a row of enrolmentSelect.
func scanEnrolment(s scanner) (college.Enrolment, error) {
	var e college.Enrolment
	err := s.Scan(&e.ID, &e.StudentID, &e.CourseID, &e.Status, &e.Position,
		nullTimeCol{&e.OfferExpires}, timeCol{&e.Updated})
	return e, err
}

// Enrolment returns a student's enrolment on a course.
func (t *tx) Enrolment(studentID, courseID int64) (college.Enrolment, error) {
	e, err := scanEnrolment(t.queryRow(enrolmentSelect+
		` WHERE e.student_id = ? AND e.course_id = ?`, studentID, courseID))
	if err != nil {
		return e, fmt.Errorf("sqlite: reading enrolment of student %d on course %d: %w",
			studentID, courseID, err)
	}
	return e, nil
}

// Enrolments returns a student's active enrolments, oldest first.
func (t *tx) Enrolments(studentID int64) ([]college.Enrolment, error) {
	es, err := queryAll(t, scanEnrolment, enrolmentSelect+` WHERE e.student_id = ?
		AND e.status IN ('booked', 'offered', 'waiting') ORDER BY e.id`, studentID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing enrolments of student %d: %w", studentID, err)
	}
	return es, nil
}

// CourseEnrolments returns a course's enrolments in a status, oldest first:
// by when they joined the list if waiting, else by when they reached it.
func (t *tx) CourseEnrolments(courseID int64, status college.EnrolmentStatus) ([]college.Enrolment, error) {
	es, err := queryAll(t, scanEnrolment, enrolmentSelect+` WHERE e.course_id = ? AND e.status = ?
		ORDER BY coalesce(e.waiting_since, e.updated_at), e.id`, courseID, status)
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing %s enrolments on course %d: %w", status, courseID, err)
	}
	return es, nil
}

// FirstWaiting returns the longest-waiting enrolment on a course's list, or
// ErrNotFound when the list is empty.
func (t *tx) FirstWaiting(courseID int64) (college.Enrolment, error) {
	e, err := scanEnrolment(t.queryRow(enrolmentSelect+` WHERE e.course_id = ?
		AND e.status = 'waiting' ORDER BY e.waiting_since, e.id LIMIT 1`, courseID))
	if err != nil {
		return e, fmt.Errorf("sqlite: reading first waiting on course %d: %w", courseID, err)
	}
	return e, nil
}

// Enrol books or offers a place (ErrCourseFull when none is left) or adds
// the student to the end of the waiting list. A dropped or completed
// enrolment on the course is reused; an active one is ErrConflict.
func (t *tx) Enrol(studentID, courseID int64, status college.EnrolmentStatus) (college.Enrolment, error) {
	err := t.enrol(studentID, courseID, status)
	if err != nil {
		return college.Enrolment{}, fmt.Errorf("sqlite: enrolling student %d on course %d as %s: %w",
			studentID, courseID, status, err)
	}
	return t.Enrolment(studentID, courseID)
}

// enrol writes the enrolment Enrol describes.
func (t *tx) enrol(studentID, courseID int64, status college.EnrolmentStatus) error {
	if !status.Active() {
		return fmt.Errorf("%q is not a way to enrol", status)
	}
	old, err := t.Enrolment(studentID, courseID)
	found := err == nil
	switch {
	case err != nil && !errors.Is(err, college.ErrNotFound):
		return err
	case found && old.Status.Active():
		return fmt.Errorf("%w: already %s", college.ErrConflict, old.Status)
	}
	if status.HoldsPlace() {
		if left, err := t.PlacesLeft(courseID); err != nil {
			return err
		} else if left == 0 {
			return college.ErrCourseFull
		}
	}
	if found {
		return t.setEnrolment(old.ID, status, nil)
	}
	_, err = t.exec(`INSERT INTO enrolment (student_id, course_id, status, waiting_since,
		created_at, updated_at) VALUES (?1, ?2, ?3, CASE WHEN ?3 = 'waiting' THEN ?4 END, ?4, ?4)`,
		studentID, courseID, status, t.stamp())
	return err
}

// SetEnrolment changes an enrolment's status and offer expiry; taking a
// place beyond capacity fails with ErrCourseFull. Joining the waiting list
// puts the student at its end; staying on it keeps their place.
func (t *tx) SetEnrolment(e college.Enrolment) error {
	if err := t.setEnrolment(e.ID, e.Status, e.OfferExpires); err != nil {
		return fmt.Errorf("sqlite: setting enrolment %d to %s: %w", e.ID, e.Status, err)
	}
	return nil
}

// setEnrolment updates one enrolment's status and offer expiry.
func (t *tx) setEnrolment(id int64, status college.EnrolmentStatus, expires *time.Time) error {
	return t.execOne(`UPDATE enrolment SET status = ?1, offer_expires = ?2, updated_at = ?3,
		waiting_since = CASE WHEN ?1 <> 'waiting' THEN NULL
			WHEN status = 'waiting' THEN waiting_since ELSE ?3 END
		WHERE id = ?4`, status, nullTime(expires), t.stamp(), id)
}
