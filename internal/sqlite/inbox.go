package sqlite

import (
	"context"
	"errors"
	"fmt"

	"collegebot/internal/college"
)

// SaveInbound stores an inbound message with the provider's raw payload,
// its reading of an opt-out word, the event, the shared phone number and
// the language the student's app is set to, before the webhook is acknowledged. A message the provider already
// delivered (same channel and provider id) is not stored again: its id is
// returned with fresh false. A zero Received means now.
func (db *DB) SaveInbound(ctx context.Context, in college.Inbound, payload string) (id int64, fresh bool, err error) {
	if in.ProviderID == "" {
		return 0, false, fmt.Errorf("sqlite: saving inbound %s message: no provider id", in.Channel)
	}
	err = db.update(ctx, func(t *tx) error {
		id, fresh, err = t.saveInbound(in, payload)
		return err
	})
	if err != nil {
		return 0, false, fmt.Errorf("sqlite: saving inbound %s message %s: %w", in.Channel, in.ProviderID, err)
	}
	return id, fresh, nil
}

// saveInbound inserts an inbox row unless its provider id is known.
func (t *tx) saveInbound(in college.Inbound, payload string) (int64, bool, error) {
	received := t.now
	if !in.Received.IsZero() {
		received = in.Received
	}
	var id int64
	err := t.queryRow(`INSERT INTO inbox (channel, provider_id, address, body, payload, opt_out,
		event, phone, received_at, lang) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (channel, provider_id) DO NOTHING RETURNING id`, in.Channel, in.ProviderID,
		in.Address, in.Text, payload, in.OptOut, in.Event, in.Phone, received.UTC().Format(milliLayout), in.Lang).Scan(&id)
	if !errors.Is(err, college.ErrNotFound) {
		return id, err == nil, err
	}
	err = t.queryRow(`SELECT id FROM inbox WHERE channel = ? AND provider_id = ?`,
		in.Channel, in.ProviderID).Scan(&id)
	return id, false, err
}

// PendingInbound returns up to limit inbox messages not yet processed,
// oldest first; a limit of 0 or less returns them all.
func (db *DB) PendingInbound(ctx context.Context, limit int) ([]college.Inbound, error) {
	return db.PendingAfter(ctx, 0, limit)
}

// PendingAfter returns up to limit inbox messages not yet processed whose
// id is over afterID, oldest first; a limit of 0 or less returns them all.
// Ids are given in the order messages are committed (one writer), so a
// reader that has seen up to an id has seen every message before it.
func (db *DB) PendingAfter(ctx context.Context, afterID int64, limit int) ([]college.Inbound, error) {
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	var ins []college.Inbound
	err := db.view(ctx, func(t *tx) (err error) {
		ins, err = queryAll(t, scanInbound, `SELECT id, channel, address, provider_id, body,
			received_at, opt_out, event, phone, lang FROM inbox WHERE processed_at IS NULL
			AND id > ? ORDER BY id LIMIT ?`, afterID, limit)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing pending inbound messages: %w", err)
	}
	return ins, nil
}

// scanInbound reads an inbox row.
func scanInbound(s scanner) (college.Inbound, error) {
	var in college.Inbound
	err := s.Scan(&in.ID, &in.Channel, &in.Address, &in.ProviderID, &in.Text,
		timeCol{&in.Received}, &in.OptOut, &in.Event, &in.Phone, &in.Lang)
	return in, err
}

// MarkProcessed records that an inbox message has been handled, to the
// millisecond, so that the time from arrival to answer can be measured.
func (t *tx) MarkProcessed(inboxID int64) error {
	if err := t.execOne(`UPDATE inbox SET processed_at = ? WHERE id = ?`, t.at.Format(milliLayout), inboxID); err != nil {
		return fmt.Errorf("sqlite: marking inbound message %d processed: %w", inboxID, err)
	}
	return nil
}

// LastProviderID returns the largest numeric provider id in the inbox for a
// channel, or 0 when it has none: Telegram's polling resumes after the
// last update_id stored. Ids that are not numbers count as 0.
//
// It reads every inbox id of the channel (through the UNIQUE index, not the
// table), since the ids are text and sort as text; that is cheap while
// retention keeps the inbox to weeks of messages.
func (db *DB) LastProviderID(ctx context.Context, ch college.Channel) (int64, error) {
	var last int64
	err := db.view(ctx, func(t *tx) error {
		return t.queryRow(`SELECT coalesce(max(CAST(provider_id AS INTEGER)), 0)
			FROM inbox WHERE channel = ?`, ch).Scan(&last)
	})
	if err != nil {
		return 0, fmt.Errorf("sqlite: reading the last %s provider id: %w", ch, err)
	}
	return last, nil
}
