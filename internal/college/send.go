package college

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Send failures are one of these kinds, which say what the outbox does
// next. Senders wrap them in a *SendError; callers branch with errors.Is.
var (
	// ErrRecipientGone: the recipient opted out or blocked us (Twilio
	// 21610, Telegram 403). Mark the contact opted out; never retry.
	ErrRecipientGone = errors.New("recipient gone")
	// ErrBadRecipient: the address cannot receive this message (Twilio
	// 21211 invalid number, 21614 not a mobile). Fail with the reason.
	ErrBadRecipient = errors.New("bad recipient")
	// ErrThrottled: the provider asked us to slow down (HTTP 429). Retry
	// after SendError.RetryAfter, or with back-off.
	ErrThrottled = errors.New("throttled")
	// ErrTemporary: a network error or a 5xx. Retry with back-off.
	ErrTemporary = errors.New("temporary failure")
	// ErrUncertain: the request may have reached the provider but no answer
	// came (a time-out). Reconcile before sending again.
	ErrUncertain = errors.New("outcome unknown")
	// ErrRejected: any other permanent refusal. Fail with the reason.
	ErrRejected = errors.New("rejected")
)

// SendError is a classified send failure.
type SendError struct {
	Kind       error         // one of the Err* kinds above
	Code       int           // the provider's error code, if any
	Message    string        // the provider's words, for the record
	RetryAfter time.Duration // for ErrThrottled, when the provider said
}

func (e *SendError) Error() string {
	if e.Code != 0 {
		return fmt.Sprintf("%v: %d %s", e.Kind, e.Code, e.Message)
	}
	return fmt.Sprintf("%v: %s", e.Kind, e.Message)
}

// Unwrap lets errors.Is find the kind.
func (e *SendError) Unwrap() error { return e.Kind }

// Receipt is what a provider says when it accepts a message.
type Receipt struct {
	ProviderID string // Twilio's Message SID, Telegram's message id
	Segments   int    // what the provider counted, when it says
}

// Sender delivers claimed outbox messages on one channel.
type Sender interface {
	Send(ctx context.Context, q Queued) (Receipt, error)
}

// Reconciler finds out whether a message whose send ended in ErrUncertain
// reached the provider after all, so it is not sent twice.
type Reconciler interface {
	Lookup(ctx context.Context, q Queued) (r Receipt, found bool, err error)
}

// Delivery is a provider's later word on a message it accepted: Twilio's
// status callback. Statuses only move forward (queued, sent, then
// delivered, undelivered or failed), since callbacks arrive out of order.
type Delivery struct {
	ProviderID string
	Status     string // the provider's status word, e.g. "delivered"
	Segments   int    // NumSegments, when given
	ErrorCode  int    // ErrorCode, when given
}
