package outbox

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"collegebot/internal/college"
)

// record stores the outcome of sending q, which the sender reported as r
// and err, and returns what came of the send (college.Send*):
// SendOptedOut when the recipient is gone.
func (l *lane) record(ctx context.Context, q college.Queued, r college.Receipt, err error) (result string) {
	switch {
	case err == nil:
		l.markSent(ctx, q, r)
		return college.SendSent
	case errors.Is(err, college.ErrRecipientGone):
		l.recipientGone(ctx, q, err)
		return college.SendOptedOut
	case errors.Is(err, college.ErrBadRecipient), errors.Is(err, college.ErrRejected):
		l.fail(ctx, q, reason(err))
		return college.SendFailed
	case errors.Is(err, college.ErrThrottled):
		l.throttled(ctx, q, err)
		return college.SendThrottled
	case errors.Is(err, college.ErrUncertain):
		l.uncertain(ctx, q, err)
		return college.SendUncertain
	}
	// ErrTemporary, and whatever the sender did not classify.
	if !l.retryOrGiveUp(ctx, q, reason(err)) {
		return college.SendFailed
	}
	l.notSent[q.ID] = true
	return college.SendRetry
}

// reason is what is recorded of a failed send: the provider's words when
// the sender classified it, without the wrapping.
func reason(err error) string {
	if se, ok := errors.AsType[*college.SendError](err); ok {
		return se.Error()
	}
	return err.Error()
}

// recipientGone opts the recipient out, which cancels whatever else is
// queued for them, and fails the message with the provider's reason.
func (l *lane) recipientGone(ctx context.Context, q college.Queued, err error) {
	if oerr := l.d.q.OptOut(ctx, l.ch.Name, q.Address, l.d.Now()); oerr != nil {
		l.d.log.Error("opting out a recipient", "id", q.ID, "err", oerr)
	} else {
		l.d.log.Info("recipient gone: opted out", "channel", l.ch.Name, "id", q.ID, "reason", err)
	}
	l.fail(ctx, q, reason(err))
}

// throttled retries when the provider said, or after the back-off. Being
// throttled is the provider pacing us, not a fault of the message: it
// never makes the dispatcher give up.
func (l *lane) throttled(ctx context.Context, q college.Queued, err error) {
	wait := l.d.Backoff(q.Attempts)
	if se, ok := errors.AsType[*college.SendError](err); ok && se.RetryAfter > 0 {
		wait = se.RetryAfter
	}
	l.retry(ctx, q, l.d.Now().Add(wait), reason(err))
	l.notSent[q.ID] = true
}

// uncertain settles a send whose outcome is unknown: sent if the provider
// has it, retried if not. It is not marked as known unsent, so before it is
// sent again the provider is asked once more, in case its list lagged.
func (l *lane) uncertain(ctx context.Context, q college.Queued, err error) {
	r, found, lerr := l.reconcile(ctx, q)
	switch {
	case lerr != nil:
		l.retryOrGiveUp(ctx, q, fmt.Sprintf("%s; looking it up: %v", reason(err), lerr))
	case found:
		l.d.log.Info("reconciled: the provider has it", "channel", l.ch.Name, "id", q.ID)
		l.markSent(ctx, q, r)
	default:
		l.retryOrGiveUp(ctx, q, reason(err))
	}
}

// settled is asked before trying again a message whose last attempt may
// have reached the provider (it timed out, or its sender died). It reports
// whether the message needs no sending now: the provider has it, now
// recorded as sent, or it could not be checked and is retried later.
func (l *lane) settled(ctx context.Context, q college.Queued) bool {
	ctx = context.WithoutCancel(ctx) // what is found is recorded, stopping or not
	r, found, err := l.reconcile(ctx, q)
	switch {
	case err != nil:
		l.retryOrGiveUp(ctx, q, fmt.Sprintf("looking up an earlier attempt: %v", err))
		return true
	case found:
		l.d.log.Info("reconciled: an earlier attempt arrived", "channel", l.ch.Name, "id", q.ID)
		l.markSent(ctx, q, r)
		return true
	}
	return false
}

// reconcile finds out whether the provider has q: first from what a status
// callback recorded, then from the channel's Reconciler, if it has one.
func (l *lane) reconcile(ctx context.Context, q college.Queued) (college.Receipt, bool, error) {
	r, err := l.d.q.Receipt(ctx, q.ID)
	if err != nil {
		return r, false, fmt.Errorf("outbox: %w", err)
	}
	if r.ProviderID != "" || l.ch.Reconciler == nil {
		return r, r.ProviderID != "", nil
	}
	lctx, cancel := l.bounded(ctx)
	r, found, err := l.ch.Reconciler.Lookup(lctx, q)
	cancel()
	if err != nil || !found {
		return r, found, err
	}
	return l.unclaimed(ctx, q, r)
}

// unclaimed reports whether what the provider found for q is not another
// message's. Twilio finds a message by its words, and a student may be
// sent the same words twice in a short while (the topic list, say): found
// recorded as the earlier one's, it means q's attempt never arrived, and
// q, taken as sent, would be lost.
func (l *lane) unclaimed(ctx context.Context, q college.Queued, r college.Receipt) (college.Receipt, bool, error) {
	owner, err := l.d.q.SentAs(ctx, l.ch.Name, r.ProviderID)
	switch {
	case err != nil:
		return college.Receipt{}, false, fmt.Errorf("outbox: %w", err)
	case owner != 0 && owner != q.ID:
		l.d.log.Info("the provider's message with the same words is another's: not found", "channel", l.ch.Name,
			"id", q.ID, "other", owner)
		return college.Receipt{}, false, nil
	}
	return r, true, nil
}

// markSent records that the provider accepted q.
func (l *lane) markSent(ctx context.Context, q college.Queued, r college.Receipt) {
	if err := l.d.q.MarkSent(ctx, q.ID, r); err != nil {
		l.d.log.Error("recording a send", "id", q.ID, "err", err)
		return
	}
	l.d.log.Debug("sent", "channel", l.ch.Name, "id", q.ID, "attempt", q.Attempts, "segments", r.Segments)
}

// fail records that q cannot be sent, and why.
func (l *lane) fail(ctx context.Context, q college.Queued, reason string) {
	if err := l.d.q.MarkFailed(ctx, q.ID, reason); err != nil {
		l.d.log.Error("recording a failure", "id", q.ID, "err", err)
		return
	}
	l.d.log.Warn("failed", "channel", l.ch.Name, "id", q.ID, "attempt", q.Attempts, "reason", reason)
}

// retryOrGiveUp retries q after the back-off, or fails it once it has had
// MaxAttempts attempts; it reports whether it retried.
func (l *lane) retryOrGiveUp(ctx context.Context, q college.Queued, reason string) bool {
	if q.Attempts >= l.d.MaxAttempts {
		l.fail(ctx, q, fmt.Sprintf("gave up after %d attempts: %s", q.Attempts, reason))
		return false
	}
	l.retry(ctx, q, l.d.Now().Add(l.d.Backoff(q.Attempts)), reason)
	return true
}

// retry puts q back in the queue, due at.
func (l *lane) retry(ctx context.Context, q college.Queued, at time.Time, reason string) {
	err := l.d.q.Retry(ctx, q.ID, at, reason)
	switch {
	case errors.Is(err, college.ErrConflict):
		// A status callback, or an erasure, settled it meanwhile.
		l.d.log.Debug("not retried: settled meanwhile", "id", q.ID)
	case err != nil:
		l.d.log.Error("scheduling a retry", "id", q.ID, "err", err)
	default:
		l.d.log.Info("retrying", "channel", l.ch.Name, "id", q.ID, "attempt", q.Attempts,
			"at", at, "reason", reason)
	}
}

// Back-off bounds: 2 s after the first attempt, doubling, at most 5 min.
const (
	firstBackoff = 2 * time.Second
	maxBackoff   = 5 * time.Minute
)

// backoff is the default back-off after attempts tries, give or take a
// quarter, so that messages that failed together do not retry together.
func backoff(attempts int) time.Duration {
	d := maxBackoff
	if attempts < 16 {
		d = min(maxBackoff, firstBackoff<<max(attempts-1, 0))
	}
	return d*3/4 + rand.N(d/2)
}
