package sqlite

import (
	"errors"
	"fmt"
	"time"

	"collegebot/internal/college"
)

var _ college.OfficeTx = (*tx)(nil)

const broadcastColumns = `b.id, b.audience, b.kind, b.body, b.created_by, b.created_at, b.status,
	b.recipients, b.queued_at, b.stopped_at, b.finished_at, b.notify_channel, b.notify_address,
	coalesce(b.progress_id, 0), coalesce(p.provider_id, '')`

// broadcastFrom joins each broadcast to its progress message.
const broadcastFrom = ` FROM broadcast b LEFT JOIN outbox p ON p.id = b.progress_id`

func scanBroadcast(s scanner) (college.Broadcast, error) {
	var b college.Broadcast
	var aud string
	err := s.Scan(&b.ID, &aud, &b.Kind, &b.Body, &b.CreatedBy, timeCol{&b.Created}, &b.Status,
		&b.Recipients, nullTimeCol{&b.QueuedAt}, nullTimeCol{&b.StoppedAt}, nullTimeCol{&b.FinishedAt},
		&b.NotifyChannel, &b.NotifyAddress, &b.ProgressID, &b.ProgressSent)
	if err != nil {
		return b, err
	}
	if b.Audience, err = college.ParseAudience(aud); err != nil {
		return b, fmt.Errorf("sqlite: reading broadcast %d: %w", b.ID, err)
	}
	return b, nil
}

// AddBroadcast stores a draft and returns it with its id.
func (t *tx) AddBroadcast(b college.Broadcast) (college.Broadcast, error) {
	b.Created, b.Status = t.now, college.BroadcastDraft
	res, err := t.exec(`INSERT INTO broadcast (audience, kind, body, created_by, created_at, status, recipients)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, b.Audience.String(), b.Kind, b.Body, b.CreatedBy, t.stamp(),
		b.Status, b.Recipients)
	if err != nil {
		return b, fmt.Errorf("sqlite: adding broadcast: %w", err)
	}
	if b.ID, err = res.LastInsertId(); err != nil {
		return b, err
	}
	return b, t.addBroadcastTexts(b)
}

// Broadcast returns a broadcast by id.
func (t *tx) Broadcast(id int64) (college.Broadcast, error) {
	b, err := scanBroadcast(t.queryRow(`SELECT `+broadcastColumns+broadcastFrom+` WHERE b.id = ?`, id))
	bs := []college.Broadcast{b}
	if err == nil {
		err = t.withTexts(bs)
	}
	if err != nil {
		return b, fmt.Errorf("sqlite: reading broadcast %d: %w", id, err)
	}
	return bs[0], nil
}

// Broadcasts returns the most recent broadcasts, newest first.
func (t *tx) Broadcasts(limit int) ([]college.Broadcast, error) {
	bs, err := queryAll(t, scanBroadcast, `SELECT `+broadcastColumns+broadcastFrom+`
		ORDER BY b.id DESC LIMIT ?`, limit)
	if err == nil {
		err = t.withTexts(bs)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing broadcasts: %w", err)
	}
	return bs, nil
}

// RunningBroadcasts returns the queued or stopped broadcasts not yet
// marked finished, oldest first.
func (t *tx) RunningBroadcasts() ([]college.Broadcast, error) {
	bs, err := queryAll(t, scanBroadcast, `SELECT `+broadcastColumns+broadcastFrom+`
		WHERE b.status IN ('queued', 'stopped') AND b.finished_at IS NULL ORDER BY b.id`)
	if err == nil {
		err = t.withTexts(bs)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing running broadcasts: %w", err)
	}
	return bs, nil
}

// DiscardBroadcast drops a draft; anything else is ErrConflict.
func (t *tx) DiscardBroadcast(id int64) error {
	err := t.setBroadcast(id, `UPDATE broadcast SET status = 'discarded' WHERE id = ?1 AND status = 'draft'`)
	if err != nil {
		return fmt.Errorf("sqlite: discarding broadcast %d: %w", id, err)
	}
	return nil
}

// FinishBroadcast records that nothing of a broadcast is left to send.
func (t *tx) FinishBroadcast(id int64) error {
	if err := t.execOne(`UPDATE broadcast SET finished_at = ? WHERE id = ?`, t.stamp(), id); err != nil {
		return fmt.Errorf("sqlite: finishing broadcast %d: %w", id, err)
	}
	return nil
}

// SetBroadcastProgress remembers the outbox message, by its key, that
// tells staff how a broadcast goes.
func (t *tx) SetBroadcastProgress(id int64, key string) error {
	err := t.execOne(`UPDATE broadcast SET progress_id = (SELECT id FROM outbox WHERE purpose = ?)
		WHERE id = ?`, key, id)
	if err != nil {
		return fmt.Errorf("sqlite: setting progress message of broadcast %d: %w", id, err)
	}
	return nil
}

// StopBroadcast cancels the messages of a queued broadcast still waiting
// in the queue, and returns how many. Those being sent or sent stay; one
// that comes back to the queue is cancelled then (a trigger does it).
func (t *tx) StopBroadcast(id int64) (int, error) {
	err := t.setBroadcast(id, `UPDATE broadcast SET status = 'stopped', stopped_at = ?2
		WHERE id = ?1 AND status = 'queued'`, t.stamp())
	if err != nil {
		return 0, fmt.Errorf("sqlite: stopping broadcast %d: %w", id, err)
	}
	res, err := t.exec(`UPDATE outbox SET status = 'cancelled', error = 'broadcast stopped'
		WHERE broadcast_id = ? AND status = 'pending'`, id)
	if err != nil {
		return 0, fmt.Errorf("sqlite: stopping broadcast %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// setBroadcast runs an update of broadcast ?1 in a status; when it changes
// nothing it reports ErrConflict if the broadcast exists, else ErrNotFound.
func (t *tx) setBroadcast(id int64, query string, args ...any) error {
	err := t.execOne(query, append([]any{id}, args...)...)
	if !errors.Is(err, college.ErrNotFound) {
		return err
	}
	var one int
	if t.queryRow(`SELECT 1 FROM broadcast WHERE id = ?`, id).Scan(&one) == nil {
		return college.ErrConflict
	}
	return err
}

// BroadcastProgress counts a broadcast's messages by how they went.
func (t *tx) BroadcastProgress(id int64) (college.Progress, error) {
	var p college.Progress
	var first, queued *time.Time
	err := t.queryRow(`SELECT count(*),
			coalesce(sum(o.status IN ('sent', 'delivered')), 0),
			coalesce(sum(o.status IN ('failed', 'undelivered')), 0),
			coalesce(sum(o.status = 'cancelled'), 0),
			coalesce(sum(o.status IN ('pending', 'sending')), 0),
			min(o.not_before), b.queued_at
		FROM broadcast b LEFT JOIN outbox o ON o.broadcast_id = b.id WHERE b.id = ? GROUP BY b.id`, id).
		Scan(&p.Total, &p.Sent, &p.Failed, &p.Cancelled, &p.Pending, nullTimeCol{&first}, nullTimeCol{&queued})
	if err != nil {
		return p, fmt.Errorf("sqlite: counting broadcast %d: %w", id, err)
	}
	for _, at := range []*time.Time{queued, first} {
		if at != nil && at.After(p.Start) {
			p.Start = *at
		}
	}
	return p, nil
}

// SMSSegmentsSince sums the segments of the texts sent since a time.
func (t *tx) SMSSegmentsSince(since time.Time) (int, error) {
	var n int
	err := t.queryRow(`SELECT coalesce(sum(segments), 0) FROM outbox WHERE channel = 'sms'
		AND status IN ('sent', 'delivered', 'undelivered') AND sent_at >= ?`, formatTime(since)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("sqlite: counting SMS segments since %s: %w", formatTime(since), err)
	}
	return n, nil
}
