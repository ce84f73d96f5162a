package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"collegebot/internal/college"
)

// Messages the inbox worker could not handle: each counted failure is
// recorded in the message's inbox row, and after the last the message is
// set aside (given up) until an operator puts it back.

// maxErrorLen is the most of a failure's error kept in the inbox.
const maxErrorLen = 500

// SetAside is an inbound message the worker gave up on.
type SetAside struct {
	ID       int64
	Channel  college.Channel
	Received time.Time
	GivenUp  time.Time
	Attempts int
	Error    string
	Text     string // the message; shown only when asked for
}

// FailedAttempt counts one failed try at handling an inbox message not yet
// processed, with its error, and returns the tries counted so far.
func (db *DB) FailedAttempt(ctx context.Context, inboxID int64, reason string) (int, error) {
	var n int
	err := db.update(ctx, func(t *tx) error {
		return t.queryRow(`UPDATE inbox SET attempts = attempts + 1, error = ?
			WHERE id = ? AND processed_at IS NULL RETURNING attempts`, clipError(reason), inboxID).Scan(&n)
	})
	if err != nil {
		return 0, fmt.Errorf("sqlite: counting a failed try at inbound message %d: %w", inboxID, err)
	}
	return n, nil
}

// SetAside gives up on an inbox message not yet processed: it is recorded
// as set aside now, with the error, and is no longer pending.
func (t *tx) SetAside(inboxID int64, reason string) error {
	err := t.execOne(`UPDATE inbox SET processed_at = ?1, given_up_at = ?1, error = ?2
		WHERE id = ?3 AND processed_at IS NULL`, t.at.Format(milliLayout), clipError(reason), inboxID)
	if err != nil {
		return fmt.Errorf("sqlite: setting inbound message %d aside: %w", inboxID, err)
	}
	return nil
}

// SetAsideMessages returns the messages set aside, oldest first.
func (db *DB) SetAsideMessages(ctx context.Context) ([]SetAside, error) {
	var out []SetAside
	err := db.view(ctx, func(t *tx) (err error) {
		out, err = queryAll(t, func(s scanner) (SetAside, error) {
			var m SetAside
			return m, s.Scan(&m.ID, &m.Channel, timeCol{&m.Received}, timeCol{&m.GivenUp}, &m.Attempts, &m.Error, &m.Text)
		}, `SELECT id, channel, received_at, given_up_at, attempts, error, body FROM inbox
			WHERE given_up_at IS NOT NULL ORDER BY id`)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing the inbound messages set aside: %w", err)
	}
	return out, nil
}

// RetrySetAside puts a message set aside back in the inbox, with its tries
// forgotten, and returns its new id. It takes the next id, after every
// message stored so far, since a running worker reads only messages newer
// than those it has seen: it is handled within a second, after the
// student's messages that went ahead of it. ErrNotFound if no message
// with that id is set aside.
func (db *DB) RetrySetAside(ctx context.Context, inboxID int64) (int64, error) {
	var id int64
	err := db.update(ctx, func(t *tx) error {
		return t.queryRow(`UPDATE inbox SET id = (SELECT max(id) + 1 FROM inbox), processed_at = NULL,
			given_up_at = NULL, attempts = 0, error = '' WHERE id = ? AND given_up_at IS NOT NULL
			RETURNING id`, inboxID).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("sqlite: putting inbound message %d back: %w", inboxID, err)
	}
	return id, nil
}

// clipError shortens an error to what the inbox keeps.
func clipError(s string) string {
	if len(s) <= maxErrorLen {
		return s
	}
	// Not through the middle of a character.
	return strings.ToValidUTF8(s[:maxErrorLen-3], "") + "..."
}
