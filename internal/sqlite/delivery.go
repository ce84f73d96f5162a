package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"collegebot/internal/college"
)

// UpdateDelivery records a provider's later word on outbox message outboxID
// (Twilio's status callback). Callbacks arrive out of order, so the status
// only moves forward: pending or sending, then sent, then delivered,
// undelivered or failed, which are final. Words below sent (accepted,
// queued, sending) and words not known change no status. The provider id
// fills in when none is recorded, the segment count and error code when
// given. An unknown message is ErrNotFound.
func (db *DB) UpdateDelivery(ctx context.Context, outboxID int64, d college.Delivery) error {
	err := db.update(ctx, func(t *tx) error {
		var status string
		if err := t.queryRow(`SELECT status FROM outbox WHERE id = ?`, outboxID).Scan(&status); err != nil {
			return err
		}
		return t.recordDelivery(outboxID, status, d)
	})
	if err != nil {
		return fmt.Errorf("sqlite: recording delivery %q of message %d: %w", d.Status, outboxID, err)
	}
	return nil
}

// recordDelivery applies d to a message whose status is now status.
func (t *tx) recordDelivery(id int64, status string, d college.Delivery) error {
	next, to := status, deliveryStatus(d.Status)
	if statusRank(to) > statusRank(status) {
		next = to
	}
	// An error code belongs to the status it came with: a late "failed"
	// after "delivered" leaves no code on a delivered message.
	code := 0
	if to != "" && to == next {
		code = d.ErrorCode
	}
	return t.execOne(`UPDATE outbox SET status = ?1,
		provider_id = coalesce(nullif(provider_id, ''), nullif(?2, '')),
		segments = CASE WHEN ?3 > 0 THEN ?3 ELSE segments END,
		error_code = CASE WHEN ?4 > 0 THEN ?4 ELSE error_code END,
		sent_at = CASE WHEN ?5 THEN coalesce(sent_at, ?6) ELSE sent_at END,
		lease_until = CASE WHEN ?5 THEN NULL ELSE lease_until END
		WHERE id = ?7`, next, d.ProviderID, d.Segments, code,
		statusRank(next) > 0, t.stamp(), id)
}

// deliveryStatus maps a provider's status word onto the outbox status it
// moves a message to, or "" for none.
func deliveryStatus(word string) string {
	switch strings.ToLower(word) {
	case "sent":
		return "sent"
	case "delivered", "read":
		return "delivered"
	case "undelivered":
		return "undelivered"
	case "failed":
		return "failed"
	}
	return "" // accepted, queued, sending, scheduled: still on its way
}

// statusRank orders outbox statuses as a message moves through them; a
// message only ever moves to a higher rank.
func statusRank(status string) int {
	switch status {
	case "":
		return -1
	case "sent":
		return 1
	case "delivered", "undelivered", "failed":
		return 2
	}
	// pending, sending, and cancelled: a provider's word on a cancelled
	// message means it went out after all.
	return 0
}

// OptOut records that the recipient at addr on a channel is gone (opted out
// at the provider, or blocked the bot): the contact, if there is one, is
// marked opted out at at (now, if zero), and every message still pending or
// being sent to that address is cancelled.
func (db *DB) OptOut(ctx context.Context, ch college.Channel, addr string, at time.Time) error {
	err := db.update(ctx, func(t *tx) error {
		if at.IsZero() {
			at = t.now
		}
		_, err := t.exec(`UPDATE contact SET opted_out = coalesce(opted_out, ?)
			WHERE channel = ? AND address = ?`, formatTime(at), ch, addr)
		if err != nil {
			return err
		}
		return t.cancelQueuedTo(ch, addr)
	})
	if err != nil {
		return fmt.Errorf("sqlite: opting out a %s recipient: %w", ch, err)
	}
	return nil
}

// OutboxRow is one outbox message as stored, with what became of it.
type OutboxRow struct {
	college.Queued
	Status     string // pending, sending, sent, delivered, undelivered, failed or cancelled
	ProviderID string // the provider's id for the message, once known
	Error      string // why the last attempt failed, or why it was cancelled
	ErrorCode  int    // the provider's error code from a status callback
	SentAt     *time.Time
}

// Outbox returns outbox message id as stored; an unknown id is ErrNotFound.
func (db *DB) Outbox(ctx context.Context, id int64) (OutboxRow, error) {
	var r OutboxRow
	err := db.view(ctx, func(t *tx) error {
		return t.queryRow(`SELECT `+queuedColumns+`, status, coalesce(provider_id, ''),
			error, error_code, sent_at FROM outbox WHERE id = ?`, id).Scan(&r.ID, &r.Key,
			&r.StudentID, &r.SessionID, &r.Channel, &r.Address, &r.Kind, &r.Priority, &r.Lang, &r.Text,
			jsonCol{&r.Choices}, &r.Segments, timeCol{&r.NotBefore}, &r.Attempts, timeCol{&r.Created},
			&r.BroadcastID, &r.Edit, &r.Photo, &r.CourseID, &r.Protect, &r.Status, &r.ProviderID, &r.Error, &r.ErrorCode, nullTimeCol{&r.SentAt})
	})
	if err != nil {
		return OutboxRow{}, fmt.Errorf("sqlite: reading message %d: %w", id, err)
	}
	return r, nil
}

// Receipt returns what is recorded of the provider accepting message id,
// by MarkSent or a status callback: an empty ProviderID when nothing is.
// The dispatcher asks before sending again a message whose last attempt
// may have reached the provider.
func (db *DB) Receipt(ctx context.Context, id int64) (college.Receipt, error) {
	r, err := db.Outbox(ctx, id)
	if err != nil || r.ProviderID == "" {
		return college.Receipt{}, err
	}
	return college.Receipt{ProviderID: r.ProviderID, Segments: r.Segments}, nil
}

// cancelQueuedTo cancels every message waiting to go to an address that
// opted out.
func (t *tx) cancelQueuedTo(ch college.Channel, addr string) error {
	_, err := t.exec(`UPDATE outbox SET status = 'cancelled', error = 'opted out',
		lease_until = NULL WHERE channel = ? AND address = ? AND status IN ('pending', 'sending')`,
		ch, addr)
	return err
}
