package conversation

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
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
// Several students' messages are handled at once, so that their changes
// are committed together; one student's are handled one at a time, in
// order.
type Worker struct {
	// Parallel is how many students' messages are handled at once.
	Parallel int
	// Observe, when set, is told of every message handled ("handled") or
	// not ("failed"), with the time since the webhook took it.
	Observe func(ch college.Channel, result string, lag time.Duration)

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
	return &Worker{Parallel: 32, engine: e, inbox: inbox, handled: handled, wake: make(chan struct{}, 1),
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
	pending, err := w.inbox.PendingInbound(ctx, 8*max(1, w.Parallel))
	if err != nil {
		if ctx.Err() == nil {
			w.log.Error("reading the inbox", "err", err)
		}
		return 0
	}
	var n atomic.Int64
	var wg sync.WaitGroup
	slots := make(chan struct{}, max(1, w.Parallel))
	for _, msgs := range byStudent(pending) {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			n.Add(int64(w.handleInTurn(ctx, msgs)))
		})
	}
	wg.Wait()
	return int(n.Load())
}

// byStudent splits messages by who sent them, keeping each sender's in
// the order they arrived.
func byStudent(ins []college.Inbound) [][]college.Inbound {
	at := map[string]int{}
	var out [][]college.Inbound
	for _, in := range ins {
		who := string(in.Channel) + ":" + in.Address
		i, ok := at[who]
		if !ok {
			i = len(out)
			at[who] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], in)
	}
	return out
}

// handleInTurn handles one sender's messages in order, stopping at one
// that fails: the later ones wait behind it, so no one's conversation is
// answered out of order. It returns how many it handled.
func (w *Worker) handleInTurn(ctx context.Context, msgs []college.Inbound) int {
	for i, in := range msgs {
		if ctx.Err() != nil {
			return i
		}
		err := w.engine.Handle(ctx, in)
		w.observe(in, err)
		if err != nil {
			w.log.Error("handling a message", "channel", in.Channel, "id", in.ID, "err", err)
			return i
		}
	}
	return len(msgs)
}

// observe reports a message handled or failed to Observe.
func (w *Worker) observe(in college.Inbound, err error) {
	if w.Observe == nil {
		return
	}
	result := "handled"
	if err != nil {
		result = "failed"
	}
	w.Observe(in.Channel, result, time.Since(in.Received))
}
