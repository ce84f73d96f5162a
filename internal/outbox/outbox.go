// Package outbox delivers the messages queued in the outbox: it claims the
// due ones channel by channel, most urgent first, sends them through the
// channel's sender within its rate limit, and records what happened:
// sent, failed with the reason, or retried later with back-off. A send whose
// outcome is unknown is reconciled with the provider, never blindly repeated.
package outbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"collegebot/internal/college"
)

// Queue is the outbox as the dispatcher uses it; *sqlite.DB is one. Each
// method is its own transaction, so no provider is called inside one.
type Queue interface {
	// Claim takes due messages for sending, most urgent first.
	Claim(ctx context.Context, f college.ClaimFilter) ([]college.Queued, error)
	// MarkSent records that the provider accepted a message.
	MarkSent(ctx context.Context, id int64, r college.Receipt) error
	// MarkFailed records that a message cannot be sent, and why.
	MarkFailed(ctx context.Context, id int64, reason string) error
	// Retry puts a message not yet sent back in the queue, due at.
	Retry(ctx context.Context, id int64, at time.Time, reason string) error
	// Release hands back a claimed message that was never tried.
	Release(ctx context.Context, id int64) error
	// Defer hands back a claimed message that was never tried, to be due
	// again at at (rounded up to the clock's step).
	Defer(ctx context.Context, id int64, at time.Time) error
	// OptOut marks a recipient gone and cancels what is queued for them.
	OptOut(ctx context.Context, ch college.Channel, addr string, at time.Time) error
	// Receipt returns the provider's id for a message, if one is recorded
	// (by a status callback, say); an empty ProviderID when none is.
	Receipt(ctx context.Context, id int64) (college.Receipt, error)
	// SentAs returns the message on a channel recorded with the provider's
	// id, 0 when none is.
	SentAs(ctx context.Context, ch college.Channel, providerID string) (int64, error)
	// LapseClaims ends every claim held on a channel's messages now, so
	// the next Claim retakes them, attempt counted; it returns how many.
	LapseClaims(ctx context.Context, ch college.Channel) (int, error)
}

// Channel is one way out, with its own sender and rate limits: one for the
// channel as a whole and one for each address.
type Channel struct {
	Name       college.Channel
	Sender     college.Sender
	Reconciler college.Reconciler // may be nil: an uncertain send is then retried
	// SegmentsPerSecond is the provider's sending rate over all addresses
	// (a UK long code sends about 10 SMS segments a second; a Telegram bot
	// about 30 messages); 0 means unlimited. Off SMS a message has no
	// segments and counts as one.
	SegmentsPerSecond float64
	// Burst is how many segments may go at once; 0 means one second's worth.
	Burst int
	// Limiter, when set, replaces SegmentsPerSecond and Burst.
	Limiter Limiter
	// PerAddress is how many messages a second one address may get
	// (Telegram: about 1 a second per chat); 0 means unlimited. A message
	// that would have to wait is handed back until its time, and the rest
	// of its batch goes on meanwhile, so one busy chat holds up no other.
	// It runs on the dispatcher's clock, Now.
	PerAddress float64
	// PerAddressBurst is how many messages may go to one address at once;
	// 0 means one second's worth, at least one.
	PerAddressBurst int
}

// Limiter paces a channel's sends; *rate.Limiter is one.
type Limiter interface {
	// WaitN blocks until n tokens are available or ctx ends.
	WaitN(ctx context.Context, n int) error
	// Burst is the most tokens WaitN may ask for at once.
	Burst() int
}

// Dispatcher sends the outbox's messages, one loop per channel. Its fields
// may be changed after New and before Run or Flush.
type Dispatcher struct {
	// MaxAttempts is how many attempts a message gets before a temporary
	// failure fails it for good.
	MaxAttempts int
	// Lease is how long a claim holds a message: longer than a batch takes
	// to send, so that only a dispatcher that died loses its claim.
	Lease time.Duration
	// Sole says no other dispatcher sends from the queue while this one
	// runs (collegebot serve holds a lock to be sure), so a claim still
	// held when Run starts was left by one that died: Run ends those
	// claims at once rather than leave their messages, and every later
	// message to the same addresses, waiting out the lease. They are then
	// sent as after a lapsed lease: a look-up first, in case the dead
	// dispatcher's attempt arrived.
	Sole bool
	// SendTimeout bounds one call to a provider, also while stopping.
	SendTimeout time.Duration
	// Poll is how long an idle channel waits for a Wake before looking again.
	Poll time.Duration
	// Now is the clock that retries are scheduled by; tests set it to the
	// database's.
	Now func() time.Time
	// Backoff returns how long to wait before trying again a message that
	// has had attempts tries.
	Backoff func(attempts int) time.Duration
	// Observe, when set, is told of each call to a provider to send a
	// message: the channel, what came of it (college.SendSent,
	// SendFailed, SendRetry, SendThrottled, SendUncertain, SendOptedOut)
	// and how long the call took. It runs on the channel's loop and must
	// not block.
	Observe func(ch college.Channel, result string, took time.Duration)

	q       Queue
	log     *slog.Logger
	lanes   []*lane
	running atomic.Bool // while Run runs
}

// New returns a dispatcher that sends q's messages on channels, with the
// defaults: 5 attempts, a 2-minute lease, a 30-second send time-out, a
// 1-second poll and exponential back-off from 2 seconds to 5 minutes.
func New(q Queue, log *slog.Logger, channels ...Channel) *Dispatcher {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	d := &Dispatcher{
		MaxAttempts: 5,
		Lease:       2 * time.Minute,
		SendTimeout: 30 * time.Second,
		Poll:        time.Second,
		Now:         time.Now,
		Backoff:     backoff,
		q:           q,
		log:         log.With("comp", "outbox"),
	}
	for _, ch := range channels {
		d.lanes = append(d.lanes, newLane(d, ch))
	}
	return d
}

// Wake tells every channel that messages may be due, so an idle one looks
// at once rather than at its next poll. It never blocks.
func (d *Dispatcher) Wake() {
	for _, l := range d.lanes {
		select {
		case l.wake <- struct{}{}:
		default: // a wake-up is already pending
		}
	}
}

// Run sends messages until ctx ends. It then claims no more, finishes and
// records the sends in flight, hands back what it claimed but did not try,
// and returns nil. It returns an error only for a channel badly set up.
func (d *Dispatcher) Run(ctx context.Context) error {
	if err := d.check(); err != nil {
		return err
	}
	if d.Sole {
		d.lapseClaims(ctx)
	}
	d.running.Store(true)
	defer d.running.Store(false)
	var wg sync.WaitGroup
	for _, l := range d.lanes {
		wg.Go(func() { l.run(ctx) })
	}
	wg.Wait()
	<-ctx.Done() // with no channel, wait all the same
	return nil
}

// lapseClaims ends the claims a dead dispatcher left on each channel. One
// that cannot be ended is left to its lease.
func (d *Dispatcher) lapseClaims(ctx context.Context) {
	for _, l := range d.lanes {
		n, err := d.q.LapseClaims(ctx, l.ch.Name)
		switch {
		case err != nil:
			d.log.Error("ending the claims of an earlier run: they wait out their lease", "channel", l.ch.Name, "err", err)
		case n > 0:
			d.log.Info("took back the messages an earlier run claimed", "channel", l.ch.Name, "messages", n)
		}
	}
}

// Flush sends every message due now on every channel, in turn, and returns
// once none is due: for commands that send and exit, and for tests. It must
// not run alongside Run. A failed message is retried at once only if
// Backoff returns 0; one held back by its address's rate (PerAddress) is
// left for its time.
func (d *Dispatcher) Flush(ctx context.Context) error {
	if err := d.check(); err != nil {
		return err
	}
	for _, l := range d.lanes {
		for {
			n, err := l.step(ctx)
			if err != nil {
				return err
			}
			if n == 0 {
				break
			}
		}
	}
	return nil
}

// check reports a channel that cannot be dispatched.
func (d *Dispatcher) check() error {
	seen := map[college.Channel]bool{}
	for _, l := range d.lanes {
		switch {
		case l.ch.Name == "":
			return errors.New("outbox: a channel has no name")
		case l.ch.Sender == nil:
			return fmt.Errorf("outbox: channel %s has no sender", l.ch.Name)
		case seen[l.ch.Name]:
			return fmt.Errorf("outbox: channel %s is given twice", l.ch.Name)
		}
		seen[l.ch.Name] = true
	}
	return nil
}
