package sqlite

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"collegebot/internal/college"
)

// DefaultLease is how long a claim holds a message when ClaimFilter gives no
// lease: a sender that dies holding it is retaken after that.
const DefaultLease = time.Minute

// Enqueue writes a message to the outbox. A key already queued is ignored,
// so a purpose is served once. A zero NotBefore means now.
func (t *tx) Enqueue(o college.Outgoing) error {
	if o.Key == "" || o.Text == "" {
		return fmt.Errorf("sqlite: queuing message %q: a message needs a key and text", o.Key)
	}
	notBefore := t.now
	if !o.NotBefore.IsZero() {
		notBefore = o.NotBefore
	}
	choices, err := jsonValue(o.Choices, "[]")
	if err != nil {
		return err
	}
	_, err = t.exec(`INSERT INTO outbox (purpose, student_id, session_id, channel, address, kind,
		priority, lang, body, choices, segments, not_before, created_at, broadcast_id, edit_of, photo,
		course_id, protect)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (purpose) DO NOTHING`, o.Key, nullID(o.StudentID), nullID(o.SessionID), o.Channel,
		o.Address, o.Kind, o.Priority, o.Lang, o.Text, choices, o.Segments, formatTime(notBefore), t.stamp(),
		nullID(o.BroadcastID), o.Edit, o.Photo, nullID(o.CourseID), o.Protect)
	if err != nil {
		return fmt.Errorf("sqlite: queuing message %q: %w", o.Key, err)
	}
	return nil
}

// Claim takes the messages due on a channel for sending, most urgent first:
// those pending whose time has come, and those whose earlier claim lapsed
// because the sender died. Each is marked sending, leased and counted as an
// attempt, all in one transaction, so no two senders take the same message.
func (db *DB) Claim(ctx context.Context, f college.ClaimFilter) ([]college.Queued, error) {
	if f.Limit <= 0 {
		f.Limit = 1
	}
	if f.Lease <= 0 {
		f.Lease = DefaultLease
	}
	var qs []college.Queued
	err := db.update(ctx, func(t *tx) (err error) {
		// Two searches, each read in order from outbox_due and stopped at
		// the limit: one OR over both would sort every pending message of
		// the channel at each claim, thousands during a broadcast.
		qs, err = queryAll(t, scanQueued, `UPDATE outbox SET status = 'sending', lease_until = ?1,
			attempts = attempts + 1 WHERE id IN (SELECT id FROM (
				SELECT * FROM (SELECT id, priority, not_before FROM outbox o
					WHERE status = 'pending' AND channel = ?2 AND (?3 = '' OR address = ?3)
					AND not_before <= ?4 AND `+inTurn+` ORDER BY priority, not_before, id LIMIT ?5)
				UNION ALL
				SELECT * FROM (SELECT id, priority, not_before FROM outbox o
					WHERE status = 'sending' AND channel = ?2 AND (?3 = '' OR address = ?3)
					AND lease_until < ?4 AND `+inTurn+` ORDER BY priority, not_before, id LIMIT ?5))
				ORDER BY priority, not_before, id LIMIT ?5)
			RETURNING `+queuedColumns, formatTime(t.now.Add(f.Lease)), f.Channel, f.Address,
			t.stamp(), f.Limit)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: claiming %s messages: %w", f.Channel, err)
	}
	// RETURNING gives rows in no particular order.
	slices.SortFunc(qs, func(a, b college.Queued) int {
		return cmp.Or(cmp.Compare(a.Priority, b.Priority),
			a.NotBefore.Compare(b.NotBefore), cmp.Compare(a.ID, b.ID))
	})
	return qs, nil
}

// inTurn keeps a conversation in order: a message waits while an earlier
// one to the same address, as urgent or more, is being sent or is due (or
// was tried and waits to be retried), so a retried reply is not overtaken
// by the one after it. A message scheduled for later (a reminder, or an
// offer held to the end of quiet hours) holds nothing up, and neither
// does a bulk message hold up a reply. ?4 is now.
const inTurn = `NOT EXISTS (SELECT 1 FROM outbox e WHERE e.channel = o.channel
	AND e.address = o.address AND e.id < o.id AND e.priority <= o.priority
	AND (e.status = 'sending' OR (e.status = 'pending' AND (e.attempts > 0 OR e.not_before <= ?4))))`

// queuedColumns reads an outbox row as scanQueued wants it.
const queuedColumns = `id, purpose, coalesce(student_id, 0), coalesce(session_id, 0), channel,
	address, kind, priority, lang, body, choices, segments, not_before, attempts, created_at,
	coalesce(broadcast_id, 0), edit_of, photo, coalesce(course_id, 0), protect`

// scanQueued reads a row of queuedColumns.
func scanQueued(s scanner) (college.Queued, error) {
	var q college.Queued
	err := s.Scan(&q.ID, &q.Key, &q.StudentID, &q.SessionID, &q.Channel, &q.Address, &q.Kind, &q.Priority,
		&q.Lang, &q.Text, jsonCol{&q.Choices}, &q.Segments, timeCol{&q.NotBefore}, &q.Attempts, timeCol{&q.Created},
		&q.BroadcastID, &q.Edit, &q.Photo, &q.CourseID, &q.Protect)
	return q, err
}

// LastAbout returns the course the latest message sent (or now due) to a
// student was about, 0 when it was about none or there is none. A message
// that was cancelled or never reached them does not count.
func (t *tx) LastAbout(studentID int64) (int64, error) {
	var id int64
	err := t.queryRow(`SELECT coalesce(course_id, 0) FROM outbox
		WHERE student_id = ? AND not_before <= ? AND status NOT IN ('cancelled', 'failed', 'undelivered')
		ORDER BY coalesce(sent_at, not_before) DESC, id DESC LIMIT 1`, studentID, t.stamp()).Scan(&id)
	if err != nil && !errors.Is(err, college.ErrNotFound) {
		return 0, fmt.Errorf("sqlite: finding what student %d was last sent: %w", studentID, err)
	}
	return id, nil
}

// finalStatuses are the outbox statuses a message never leaves: the
// provider's last word on it.
const finalStatuses = `('delivered', 'undelivered', 'failed')`

// MarkSent records that the provider accepted a message: its id for the
// message and, when it counted them, the segments it will charge for. A
// message whose final status a callback already gave keeps it.
func (db *DB) MarkSent(ctx context.Context, id int64, r college.Receipt) error {
	return db.updateOutbox(ctx, "marking sent", id, func(t *tx) error {
		return t.execOne(`UPDATE outbox
			SET status = CASE WHEN status IN `+finalStatuses+` THEN status ELSE 'sent' END,
			provider_id = coalesce(nullif(?1, ''), provider_id),
			segments = CASE WHEN ?2 > 0 THEN ?2 ELSE segments END,
			sent_at = coalesce(sent_at, ?3), lease_until = NULL, error = ''
			WHERE id = ?4`, r.ProviderID, r.Segments, t.stamp(), id)
	})
}

// MarkFailed records that a message cannot be sent, and why. A message the
// provider already called delivered or undelivered keeps that status.
func (db *DB) MarkFailed(ctx context.Context, id int64, reason string) error {
	return db.updateOutbox(ctx, "marking failed", id, func(t *tx) error {
		return t.execOne(`UPDATE outbox
			SET status = CASE WHEN status IN ('delivered', 'undelivered') THEN status ELSE 'failed' END,
			error = ?, lease_until = NULL WHERE id = ?`, reason, id)
	})
}

// Retry puts a message that is not yet sent back in the queue, due at, with
// the reason it failed this time. A message whose text was erased meanwhile
// is cancelled instead; one already sent is ErrConflict.
func (db *DB) Retry(ctx context.Context, id int64, at time.Time, reason string) error {
	return db.updateOutbox(ctx, "retrying", id, func(t *tx) error {
		return t.execOne(`UPDATE outbox
			SET status = CASE WHEN body = '' THEN 'cancelled' ELSE 'pending' END,
			not_before = ?, error = ?, lease_until = NULL
			WHERE id = ? AND status IN ('pending', 'sending', 'failed')`, formatTime(at), reason, id)
	})
}

// Release puts a message that was claimed but never tried back in the
// queue as it was before the claim, attempt uncounted: a dispatcher that
// stops hands back what it will not send. A message no longer being sent
// (cancelled meanwhile, say) is left as it is; one whose text was erased
// meanwhile is cancelled.
func (db *DB) Release(ctx context.Context, id int64) error {
	if err := db.handBack(ctx, id, nil); err != nil {
		return fmt.Errorf("sqlite: releasing message %d: %w", id, err)
	}
	return nil
}

// Defer is Release with a new time: the message is due again at at, or at
// its own time if that is later, attempt uncounted. A dispatcher defers a
// message whose recipient may not have another yet (Telegram allows one a
// second per chat), to send the rest of its batch meanwhile. Times are
// stored in whole seconds, so at is rounded up to one: rounded down, the
// message would be due, and claimed again, before its time.
func (db *DB) Defer(ctx context.Context, id int64, at time.Time) error {
	if t := at.Truncate(time.Second); t.Before(at) {
		at = t.Add(time.Second)
	}
	if err := db.handBack(ctx, id, &at); err != nil {
		return fmt.Errorf("sqlite: deferring message %d: %w", id, err)
	}
	return nil
}

// LapseClaims ends at once every claim held on a channel's messages, and
// returns how many there were: a dispatcher that knows it is the only one
// (LockSending) calls it as it starts, since any claim it finds was left by
// a process that died, perhaps with the send in flight. The next Claim
// takes those messages back as it would after their lease, attempt
// counted, so the dispatcher first asks the provider whether the earlier
// attempt arrived.
func (db *DB) LapseClaims(ctx context.Context, ch college.Channel) (int, error) {
	var n int
	err := db.update(ctx, func(t *tx) (err error) {
		// A second before now: Claim retakes a lease that ended before
		// its own now, and times are stored in whole seconds.
		n, err = t.changed("lapsing claims", `UPDATE outbox SET lease_until = ?1
			WHERE status = 'sending' AND channel = ?2 AND lease_until > ?1`,
			formatTime(t.now.Add(-time.Second)), ch)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("sqlite: ending the claims on %s messages: %w", ch, err)
	}
	return n, nil
}

// SentAs returns the message on a channel recorded with the provider's id
// for it, 0 when none is. Before the dispatcher takes a message the
// provider found by its words (Twilio has no key of ours) as a lost
// attempt's, it asks whether it is another message's with the same words.
func (db *DB) SentAs(ctx context.Context, ch college.Channel, providerID string) (int64, error) {
	var id int64
	err := db.view(ctx, func(t *tx) error {
		// Without an index: it runs only to settle a send of unknown
		// outcome.
		err := t.queryRow(`SELECT id FROM outbox WHERE channel = ? AND provider_id = ? ORDER BY id LIMIT 1`,
			ch, providerID).Scan(&id)
		if errors.Is(err, college.ErrNotFound) {
			return nil
		}
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("sqlite: finding the %s message sent as %s: %w", ch, providerID, err)
	}
	return id, nil
}

// handBack puts a message that is being sent back to pending, due at when
// at is not nil, and uncounts the attempt its claim counted.
func (db *DB) handBack(ctx context.Context, id int64, at *time.Time) error {
	return db.update(ctx, func(t *tx) error {
		_, err := t.exec(`UPDATE outbox
			SET status = CASE WHEN body = '' THEN 'cancelled' ELSE 'pending' END,
			attempts = max(attempts - 1, 0), lease_until = NULL,
			not_before = max(not_before, coalesce(?1, not_before))
			WHERE id = ?2 AND status = 'sending'`, nullTime(at), id)
		return err
	})
}

// updateOutbox runs fn, an update of outbox row id, in a transaction. When
// fn finds no row to change it reports ErrConflict if the row exists.
func (db *DB) updateOutbox(ctx context.Context, what string, id int64, fn func(*tx) error) error {
	err := db.update(ctx, func(t *tx) error {
		err := fn(t)
		if !errors.Is(err, college.ErrNotFound) {
			return err
		}
		var one int
		if t.queryRow(`SELECT 1 FROM outbox WHERE id = ?`, id).Scan(&one) == nil {
			return college.ErrConflict
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: %s message %d: %w", what, id, err)
	}
	return nil
}
