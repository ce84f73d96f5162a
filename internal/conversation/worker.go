package conversation

import (
	"context"
	"log/slog"
	"time"

	"collegebot/internal/college"
)

// Inbox is where stored messages wait to be handled.
type Inbox interface {
	PendingInbound(ctx context.Context, limit int) ([]college.Inbound, error)
}

// Handler answers one inbound message; the engine is one, and a staff
// desk that passes students' messages on to it is another.
type Handler interface {
	Handle(ctx context.Context, in college.Inbound) error
}

// Worker handles the inbox: every message a webhook stored, in the order
// it arrived. Messages stored before a crash are handled when it starts.
type Worker struct {
	engine  Handler
	inbox   Inbox
	handled func() // called after replies were queued, to wake the senders
	wake    chan struct{}
	poll    time.Duration
	log     *slog.Logger
}

// NewWorker returns a worker for the engine. handled may be nil.
func (e *Engine) NewWorker(inbox Inbox, handled func(), log *slog.Logger) *Worker {
	if handled == nil {
		handled = func() {}
	}
	return &Worker{engine: e, inbox: inbox, handled: handled, wake: make(chan struct{}, 1),
		poll: time.Second, log: log.With("comp", "inbox")}
}

// Through makes the worker hand messages to h, which must pass students'
// messages on to the engine, instead of to the engine itself.
func (w *Worker) Through(h Handler) *Worker {
	w.engine = h
	return w
}

// Wake tells the worker a message is waiting. It never blocks.
func (w *Worker) Wake() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Run handles messages until ctx is done. A message whose handling fails
// is left in the inbox and tried again; later messages from the same
// student wait behind it, so no one's conversation is answered out of
// order.
func (w *Worker) Run(ctx context.Context) error {
	for {
		if n := w.drain(ctx); n > 0 {
			w.handled()
			continue
		}
		select {
		case <-ctx.Done():
			return nil
		case <-w.wake:
		case <-time.After(w.poll):
		}
	}
}

// drain handles one batch and reports how many messages it handled.
func (w *Worker) drain(ctx context.Context) int {
	pending, err := w.inbox.PendingInbound(ctx, 100)
	if err != nil {
		if ctx.Err() == nil {
			w.log.Error("reading the inbox", "err", err)
		}
		return 0
	}
	blocked := map[string]bool{}
	n := 0
	for _, in := range pending {
		who := string(in.Channel) + ":" + in.Address
		if blocked[who] || ctx.Err() != nil {
			continue
		}
		if err := w.engine.Handle(ctx, in); err != nil {
			w.log.Error("handling a message", "channel", in.Channel, "id", in.ID, "err", err)
			blocked[who] = true
			continue
		}
		n++
	}
	return n
}
