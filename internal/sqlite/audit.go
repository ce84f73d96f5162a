package sqlite

import (
	"context"
	"fmt"
	"time"

	"collegebot/internal/college"
)

// outboxRowColumns read an outbox row as scanOutboxRow wants it.
const outboxRowColumns = queuedColumns + `, status, coalesce(provider_id, ''), error, error_code, sent_at`

// scanOutboxRow reads a row of outboxRowColumns.
func scanOutboxRow(s scanner) (OutboxRow, error) {
	var r OutboxRow
	err := s.Scan(&r.ID, &r.Key, &r.StudentID, &r.SessionID, &r.Channel, &r.Address, &r.Kind, &r.Priority,
		&r.Lang, &r.Text, jsonCol{&r.Choices}, &r.Segments, timeCol{&r.NotBefore}, &r.Attempts, timeCol{&r.Created},
		&r.BroadcastID, &r.Edit, &r.Photo, &r.CourseID, &r.Protect, &r.Status, &r.ProviderID, &r.Error,
		&r.ErrorCode, nullTimeCol{&r.SentAt})
	return r, err
}

// OutboxRows returns every outbox message as stored, with what became of
// it, oldest first: what the crash test and the load tool check against
// the providers' own records.
func (db *DB) OutboxRows(ctx context.Context) ([]OutboxRow, error) {
	var out []OutboxRow
	err := db.view(ctx, func(t *tx) (err error) {
		out, err = queryAll(t, scanOutboxRow, `SELECT `+outboxRowColumns+` FROM outbox ORDER BY id`)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: reading the outbox: %w", err)
	}
	return out, nil
}

// OptedOut returns the addresses on a channel that opted out, or that the
// provider said are gone.
func (db *DB) OptedOut(ctx context.Context, ch college.Channel) (map[string]bool, error) {
	out := map[string]bool{}
	err := db.view(ctx, func(t *tx) error {
		addrs, err := queryAll(t, func(s scanner) (a string, err error) { return a, s.Scan(&a) },
			`SELECT address FROM contact WHERE channel = ? AND opted_out IS NOT NULL`, ch)
		for _, a := range addrs {
			out[a] = true
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: reading the %s opt-outs: %w", ch, err)
	}
	return out, nil
}

// InboxRows returns every inbound message, oldest first: what the crash
// test checks the messages it sent against.
func (db *DB) InboxRows(ctx context.Context) ([]Timing, error) {
	return db.Timings(ctx, time.Time{})
}
