package outbox

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"

	"collegebot/internal/college"
)

// maxBatch is the most messages a channel claims at once.
const maxBatch = 10

// lane is one channel's loop and what it remembers between batches. Only
// one goroutine uses a lane at a time.
type lane struct {
	d     *Dispatcher
	ch    Channel
	lim   Limiter
	addrs *addressLimits // nil when addresses are not limited
	batch int
	wake  chan struct{}
	// notSent holds the messages waiting for a retry whose last attempt
	// is known not to have reached the provider, so they need no
	// reconciling first. It forgets a message when it is claimed again.
	notSent map[int64]bool
	// lastBeat is when the loop last showed life, in Unix nanoseconds by
	// the dispatcher's clock; 0 while it is not running. Alive reads it
	// from other goroutines.
	lastBeat atomic.Int64
}

// newLane sets up a channel's loop.
func newLane(d *Dispatcher, ch Channel) *lane {
	l := &lane{d: d, ch: ch, lim: ch.Limiter, batch: maxBatch,
		addrs: newAddressLimits(ch.PerAddress, ch.PerAddressBurst),
		wake:  make(chan struct{}, 1), notSent: map[int64]bool{}}
	if l.lim == nil {
		l.lim = newLimiter(ch.SegmentsPerSecond, ch.Burst)
	}
	// About a second's worth at a time: a reply queued behind a batch
	// waits little, and a batch is sent long before its lease ends.
	if ch.SegmentsPerSecond > 0 {
		l.batch = min(maxBatch, max(1, int(ch.SegmentsPerSecond)))
	}
	return l
}

// newLimiter returns a limiter of perSecond segments (0: unlimited) in
// bursts of burst (0: one second's worth).
func newLimiter(perSecond float64, burst int) *rate.Limiter {
	if burst <= 0 {
		burst = max(1, int(math.Ceil(perSecond)))
	}
	if perSecond <= 0 {
		return rate.NewLimiter(rate.Inf, burst)
	}
	return rate.NewLimiter(rate.Limit(perSecond), burst)
}

// run dispatches until ctx ends, idling when nothing is due.
func (l *lane) run(ctx context.Context) {
	defer l.lastBeat.Store(0)
	for ctx.Err() == nil {
		l.beat()
		n, err := l.step(ctx)
		if err != nil && ctx.Err() == nil {
			l.d.log.Error("dispatching", "channel", l.ch.Name, "err", err)
		}
		if n == 0 || err != nil {
			l.idle(ctx)
		}
	}
}

// idle waits for a wake-up, the poll interval or the end of ctx.
func (l *lane) idle(ctx context.Context) {
	t := time.NewTimer(l.d.Poll)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-l.wake:
	case <-t.C:
	}
}

// step claims a batch of due messages and sends it; it returns how many
// messages it claimed.
func (l *lane) step(ctx context.Context) (int, error) {
	qs, err := l.d.q.Claim(ctx, college.ClaimFilter{Channel: l.ch.Name, Limit: l.batch, Lease: l.d.Lease})
	if err != nil {
		return 0, fmt.Errorf("outbox: %w", err)
	}
	return len(qs), l.sendBatch(ctx, qs)
}

// sendBatch sends claimed messages in order. When ctx ends, or the limiter
// fails, the messages not yet tried are handed back.
func (l *lane) sendBatch(ctx context.Context, qs []college.Queued) error {
	gone := map[string]bool{}
	for i, q := range qs {
		l.beat()
		if ctx.Err() != nil {
			l.release(qs[i:])
			return ctx.Err()
		}
		if gone[q.Address] {
			continue // cancelled when its recipient opted out
		}
		if l.deferred(ctx, q) {
			continue
		}
		known := l.notSent[q.ID]
		delete(l.notSent, q.ID)
		if q.Attempts > 1 && !known && l.settled(ctx, q) {
			continue
		}
		if err := l.wait(ctx, q); err != nil {
			l.release(qs[i:])
			return err
		}
		gone[q.Address] = l.send(ctx, q)
	}
	return nil
}

// deferred reports whether q's address may not have another message yet,
// in which case q is handed back until it may: the lane goes on with the
// rest of its batch rather than wait. Claim keeps each conversation in
// order, so nothing to that address overtakes q meanwhile.
func (l *lane) deferred(ctx context.Context, q college.Queued) bool {
	now := l.d.Now()
	wait := l.addrs.delay(q.Address, now)
	if wait <= 0 {
		return false
	}
	if err := l.d.q.Defer(context.WithoutCancel(ctx), q.ID, now.Add(wait)); err != nil {
		// Left claimed, it is retaken when its lease ends.
		l.d.log.Error("deferring a message", "id", q.ID, "err", err)
	}
	return true
}

// wait takes the tokens a message costs from the channel's limiter: one a
// segment, at least one, at most a burst.
func (l *lane) wait(ctx context.Context, q college.Queued) error {
	n := max(1, q.Segments)
	if b := l.lim.Burst(); b > 0 {
		n = min(n, b)
	}
	err := l.lim.WaitN(ctx, n)
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case err != nil:
		return fmt.Errorf("outbox: waiting to send on %s: %w", l.ch.Name, err)
	}
	return nil
}

// send sends one message and records the outcome; it reports whether the
// recipient is gone. Once begun, the send and its record finish even if
// ctx ends: a message the provider took must not be forgotten.
func (l *lane) send(ctx context.Context, q college.Queued) (gone bool) {
	sctx, cancel := l.bounded(ctx)
	began := time.Now()
	r, err := l.ch.Sender.Send(sctx, q)
	took := time.Since(began)
	if _, classified := errors.AsType[*college.SendError](err); err != nil && !classified && sctx.Err() != nil {
		// Our own time-out cut the send short: it may have arrived.
		err = fmt.Errorf("%w: %w", college.ErrUncertain, err)
	}
	cancel()
	result := l.record(context.WithoutCancel(ctx), q, r, err)
	if l.d.Observe != nil {
		l.d.Observe(l.ch.Name, result, took)
	}
	return result == college.SendOptedOut
}

// bounded returns a context for a call to the provider: it outlives ctx's
// cancellation but not the send time-out.
func (l *lane) bounded(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), l.d.SendTimeout)
}

// release hands back messages claimed but not tried.
func (l *lane) release(qs []college.Queued) {
	for _, q := range qs {
		if err := l.d.q.Release(context.Background(), q.ID); err != nil {
			l.d.log.Error("handing back a message", "id", q.ID, "err", err)
		}
	}
}
