package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"collegebot/internal/college"
)

// Timing is who sent one inbound message, when it arrived and when it
// was handled: the load tool reads it to measure the time from webhook to
// answer, and the crash test to check each message was handled once.
type Timing struct {
	Channel    college.Channel
	ProviderID string
	Address    string
	Received   time.Time
	Processed  time.Time // zero while it waits
}

// Timings returns the arrival and handling times of every inbound
// message received since a time, oldest first.
func (db *DB) Timings(ctx context.Context, since time.Time) ([]Timing, error) {
	var out []Timing
	err := db.view(ctx, func(t *tx) (err error) {
		out, err = queryAll(t, scanTiming, `SELECT channel, provider_id, address, received_at, processed_at
			FROM inbox WHERE received_at >= ? ORDER BY id`, formatTime(since))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: reading inbox timings: %w", err)
	}
	return out, nil
}

func scanTiming(s scanner) (Timing, error) {
	var tm Timing
	var processed sql.NullString
	if err := s.Scan(&tm.Channel, &tm.ProviderID, &tm.Address, timeCol{&tm.Received}, &processed); err != nil {
		return tm, err
	}
	if processed.Valid {
		p, err := parseTime(processed.String)
		if err != nil {
			return tm, err
		}
		tm.Processed = p
	}
	return tm, nil
}

// Waiting counts the inbound messages not yet handled.
func (db *DB) Waiting(ctx context.Context) (int, error) {
	var n int
	err := db.view(ctx, func(t *tx) error {
		return t.queryRow(`SELECT count(*) FROM inbox WHERE processed_at IS NULL`).Scan(&n)
	})
	if err != nil {
		return 0, fmt.Errorf("sqlite: counting waiting inbound messages: %w", err)
	}
	return n, nil
}

// BroadcastQueued counts the messages of a broadcast in the outbox.
func (db *DB) BroadcastQueued(ctx context.Context, broadcastID int64) (int, error) {
	var n int
	err := db.view(ctx, func(t *tx) error {
		return t.queryRow(`SELECT count(*) FROM outbox WHERE broadcast_id = ?`, broadcastID).Scan(&n)
	})
	if err != nil {
		return 0, fmt.Errorf("sqlite: counting broadcast %d: %w", broadcastID, err)
	}
	return n, nil
}
