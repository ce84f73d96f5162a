package sqlite

import (
	"context"
	"errors"
	"fmt"
	"time"

	"collegebot/internal/college"
)

// Backlog reads, in one snapshot, what waits in the database: the outbox's
// unsent messages by channel and the oldest due, the inbox's unprocessed
// messages and the oldest, the open safeguarding alerts, and when each of
// jobs last succeeded. It reads counts and times only, never an address or
// a text, and each query walks an index: it is cheap enough for every
// metrics scrape.
func (db *DB) Backlog(ctx context.Context, jobs ...string) (college.Backlog, error) {
	b := college.Backlog{Outbox: map[college.Channel]college.OutboxDepth{}, LastSuccess: map[string]time.Time{}}
	err := db.view(ctx, func(t *tx) error {
		b.At = t.now
		for _, read := range []func(*college.Backlog) error{t.outboxDepth, t.inboxDepth, t.openAlerts} {
			if err := read(&b); err != nil {
				return err
			}
		}
		for _, job := range jobs {
			at, err := t.lastSuccess(job)
			if err != nil {
				return err
			}
			if !at.IsZero() {
				b.LastSuccess[job] = at
			}
		}
		return nil
	})
	if err != nil {
		return college.Backlog{}, fmt.Errorf("sqlite: reading the backlog: %w", err)
	}
	return b, nil
}

// LastSuccess returns when a job last finished without failing, as the
// ledger records it; the zero time if it never did (or retention has
// removed the record).
func (db *DB) LastSuccess(ctx context.Context, job string) (time.Time, error) {
	var at time.Time
	err := db.view(ctx, func(t *tx) (err error) {
		at, err = t.lastSuccess(job)
		return err
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("sqlite: reading the last success of job %s: %w", job, err)
	}
	return at, nil
}

// outboxDepth counts each channel's unsent messages from outbox_due alone
// (grouped in the index's order, so nothing is sorted), and finds the one
// due longest: pending and due, or claimed by a sender whose lease has
// lapsed (it died or hangs).
func (t *tx) outboxDepth(b *college.Backlog) error {
	rows, err := queryAll(t, scanDepth, `SELECT channel, sum(n), min(due) FROM (
			SELECT channel, count(*) AS n,
				min(CASE WHEN status = 'pending' AND not_before <= ?1 THEN not_before END) AS due
			FROM outbox WHERE status IN ('pending', 'sending') GROUP BY status, channel
			UNION ALL
			SELECT channel, 0, min(not_before) FROM outbox
			WHERE status = 'sending' AND lease_until < ?1 GROUP BY channel)
		GROUP BY channel`, t.stamp())
	if err != nil {
		return fmt.Errorf("counting the outbox: %w", err)
	}
	for _, r := range rows {
		b.Outbox[r.ch] = r.depth
	}
	return nil
}

// channelDepth is one row of outboxDepth.
type channelDepth struct {
	ch    college.Channel
	depth college.OutboxDepth
}

// scanDepth reads a row of outboxDepth.
func scanDepth(s scanner) (channelDepth, error) {
	var r channelDepth
	var due *time.Time
	err := s.Scan(&r.ch, &r.depth.Pending, nullTimeCol{&due})
	if due != nil {
		r.depth.OldestDue = *due
	}
	return r, err
}

// inboxDepth counts the unprocessed inbound messages and finds the oldest,
// from inbox_pending: the first by id is the first received; and counts
// those set aside, from inbox_set_aside, which holds only them.
func (t *tx) inboxDepth(b *college.Backlog) error {
	err := t.queryRow(`SELECT (SELECT count(*) FROM inbox WHERE processed_at IS NULL),
		(SELECT count(*) FROM inbox WHERE given_up_at IS NOT NULL)`).Scan(&b.InboxPending, &b.InboxAside)
	if err != nil {
		return fmt.Errorf("counting the inbox: %w", err)
	}
	if b.InboxPending == 0 {
		return nil
	}
	err = t.queryRow(`SELECT received_at FROM inbox WHERE processed_at IS NULL ORDER BY id LIMIT 1`).
		Scan(timeCol{&b.InboxOldest})
	if err != nil {
		return fmt.Errorf("reading the oldest inbound message: %w", err)
	}
	return nil
}

// openAlerts counts the safeguarding alerts not cleared, and of those the
// ones no one has acknowledged. The table holds a handful of rows a term.
func (t *tx) openAlerts(b *college.Backlog) error {
	err := t.queryRow(`SELECT count(*), count(*) FILTER (WHERE acked_at IS NULL)
		FROM alert WHERE cleared_at IS NULL`).Scan(&b.AlertsOpen, &b.AlertsUnseen)
	if err != nil {
		return fmt.Errorf("counting open alerts: %w", err)
	}
	return nil
}

// lastSuccess walks a job's runs newest first, through job_run_job, to the
// first that finished without failing; the zero time when there is none.
func (t *tx) lastSuccess(job string) (time.Time, error) {
	var at *time.Time
	err := t.queryRow(`SELECT finished_at FROM job_run
		WHERE job = ? AND finished_at IS NOT NULL AND error = ''
		ORDER BY started_at DESC LIMIT 1`, job).Scan(nullTimeCol{&at})
	switch {
	case errors.Is(err, college.ErrNotFound):
		return time.Time{}, nil
	case err != nil:
		return time.Time{}, fmt.Errorf("reading job %s's last success: %w", job, err)
	}
	return *at, nil
}
