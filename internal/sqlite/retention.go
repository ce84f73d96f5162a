package sqlite

import (
	"context"
	"errors"
	"fmt"
	"time"

	"collegebot/internal/college"
)

// Ledger rows are kept a year; those of runs that did nothing and failed
// at nothing (most of the minutely sweep's) only a month.
const (
	runsKept     = 1  // years
	idleRunsKept = 30 // days
)

// errPreview rolls back a retention sweep that only counts.
var errPreview = errors.New("preview")

// Retain applies the college's retention settings at the database's clock,
// in one transaction. Sent messages queued before bodiesBefore lose their
// text, choices, address and error; processed inbound messages received
// before it are deleted, except each channel's newest, which is blanked
// (Telegram's polling resumes after it). Students last active before
// inactiveBefore who have no place or waiting-list entry on a course with a
// session to come give up their enrolments and are erased, as EraseStudent
// erases. Old ledger rows go.
func (db *DB) Retain(ctx context.Context, bodiesBefore, inactiveBefore time.Time) (college.Retained, error) {
	return db.retain(ctx, bodiesBefore, inactiveBefore, true)
}

// RetainPreview counts what Retain would change, and changes nothing.
func (db *DB) RetainPreview(ctx context.Context, bodiesBefore, inactiveBefore time.Time) (college.Retained, error) {
	return db.retain(ctx, bodiesBefore, inactiveBefore, false)
}

// retain runs the sweep, and commits it when commit is set.
func (db *DB) retain(ctx context.Context, bodiesBefore, inactiveBefore time.Time, commit bool) (college.Retained, error) {
	var r college.Retained
	err := db.update(ctx, func(t *tx) error {
		if err := t.retain(bodiesBefore, inactiveBefore, &r); err != nil {
			return err
		}
		if !commit {
			return errPreview
		}
		return nil
	})
	if err != nil && !errors.Is(err, errPreview) {
		return college.Retained{}, fmt.Errorf("sqlite: applying retention: %w", err)
	}
	return r, nil
}

// retain runs each step of the sweep, counting into r.
func (t *tx) retain(bodiesBefore, inactiveBefore time.Time, r *college.Retained) error {
	if err := t.eraseInactive(inactiveBefore, r); err != nil {
		return err
	}
	var err error
	if r.OutboxBlanked, err = t.blankOutbox(bodiesBefore); err != nil {
		return err
	}
	if r.InboxDeleted, r.InboxBlanked, err = t.trimInbox(bodiesBefore); err != nil {
		return err
	}
	r.RunsDeleted, err = t.trimRuns()
	return err
}

// eraseInactive erases the students last active before a time who hold no
// place, offer or waiting-list entry on a course with a live session to come,
// dropping their enrolments first so no list offers them a place.
func (t *tx) eraseInactive(before time.Time, r *college.Retained) error {
	ids, err := queryAll(t, scanStudentID, `SELECT id FROM student s
		WHERE erased_at IS NULL AND last_active < ?1 AND NOT EXISTS (
			SELECT 1 FROM enrolment e JOIN session se ON se.course_id = e.course_id
			WHERE e.student_id = s.id AND e.status IN ('booked', 'offered', 'waiting')
			AND se.status <> 'cancelled' AND se.starts_at > ?2)
		ORDER BY id`, formatTime(before), t.stamp())
	if err != nil {
		return fmt.Errorf("finding inactive students: %w", err)
	}
	for _, id := range ids {
		res, err := t.exec(`UPDATE enrolment SET status = 'dropped', offer_expires = NULL,
			updated_at = ? WHERE student_id = ? AND status IN ('booked', 'offered', 'waiting')`,
			t.stamp(), id)
		if err != nil {
			return fmt.Errorf("dropping enrolments of student %d: %w", id, err)
		}
		n, _ := res.RowsAffected()
		r.EnrolmentsDropped += int(n)
		if err := t.EraseStudent(id); err != nil {
			return err
		}
	}
	r.StudentsErased = len(ids)
	return nil
}

// scanStudentID reads a row holding a student id.
func scanStudentID(s scanner) (int64, error) {
	var id int64
	err := s.Scan(&id)
	return id, err
}

// blankOutbox blanks the messages queued before a time that are no longer
// waiting to be sent. The error goes too: a provider's words can quote the
// number.
func (t *tx) blankOutbox(before time.Time) (int, error) {
	return t.changed("blanking old outbound messages", `UPDATE outbox
		SET body = '', choices = '[]', address = '', error = ''
		WHERE created_at < ? AND status NOT IN ('pending', 'sending')
		AND (body <> '' OR choices <> '[]' OR address <> '' OR error <> '')`, formatTime(before))
}

// keepInbox selects each channel's newest inbox row: the one with the
// largest numeric provider id, which LastProviderID reads, else the last
// stored.
const keepInbox = `SELECT (SELECT k.id FROM inbox k WHERE k.channel = c.channel
	ORDER BY CAST(k.provider_id AS INTEGER) DESC, k.id DESC LIMIT 1)
	FROM (SELECT DISTINCT channel FROM inbox) c`

// trimInbox deletes the processed inbound messages received before a time,
// except each channel's newest, which it blanks.
func (t *tx) trimInbox(before time.Time) (deleted, blanked int, err error) {
	deleted, err = t.changed("deleting old inbound messages", `DELETE FROM inbox
		WHERE received_at < ? AND processed_at IS NOT NULL AND id NOT IN (`+keepInbox+`)`,
		formatTime(before))
	if err != nil {
		return 0, 0, err
	}
	blanked, err = t.changed("blanking old inbound messages", `UPDATE inbox
		SET body = '', payload = '', phone = '', address = ''
		WHERE received_at < ? AND processed_at IS NOT NULL
		AND (body <> '' OR payload <> '' OR phone <> '' OR address <> '')`, formatTime(before))
	return deleted, blanked, err
}

// trimRuns deletes ledger rows a year old, and those of idle runs a month old.
func (t *tx) trimRuns() (int, error) {
	return t.changed("deleting old job runs", `DELETE FROM job_run WHERE started_at < ?
		OR (started_at < ? AND finished_at IS NOT NULL AND error = ''
			AND NOT EXISTS (SELECT 1 FROM json_each(counts) WHERE value <> 0))`,
		formatTime(t.now.AddDate(-runsKept, 0, 0)), formatTime(t.now.AddDate(0, 0, -idleRunsKept)))
}

// changed runs a statement and returns how many rows it changed.
func (t *tx) changed(what, query string, args ...any) (int, error) {
	res, err := t.exec(query, args...)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", what, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("%s: %w", what, err)
	}
	return int(n), nil
}
