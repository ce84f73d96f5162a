package conversation

import (
	"context"
	"log/slog"
	"time"

	"collegebot/internal/college"
)

// Inbox is where stored messages wait to be handled.
type Inbox interface {
	// PendingAfter returns up to limit messages not yet handled whose id
	// is over afterID, oldest first.
	PendingAfter(ctx context.Context, afterID int64, limit int) ([]college.Inbound, error)
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
	// not ("failed"), with the time since the webhook took it, and of
	// every message set aside after its last try ("given_up").
	Observe func(ch college.Channel, result string, lag time.Duration)
	// Rest is how long a student's messages wait after the first failed
	// try; each failure after it doubles the rest, up to MaxRest.
	Rest, MaxRest time.Duration
	// Attempts is how many counted failed tries set a message aside
	// (worker_aside.go); 0 never does.
	Attempts int

	engine  Handler
	eng     *Engine // tells the student and staff of a message set aside
	inbox   Inbox
	handled func() // called after replies were queued, to wake the senders
	wake    chan struct{}
	poll    time.Duration
	log     *slog.Logger
	health  health
}

// NewWorker returns a worker for the engine. handled may be nil.
func (e *Engine) NewWorker(inbox Inbox, handled func(), log *slog.Logger) *Worker {
	if handled == nil {
		handled = func() {}
	}
	return &Worker{Parallel: 64, engine: e, eng: e, inbox: inbox, handled: handled, wake: make(chan struct{}, 1),
		poll: time.Second, log: log.With("comp", "inbox"), Rest: DefaultRest, MaxRest: DefaultMaxRest,
		Attempts: DefaultAttempts}
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

// Run handles messages until ctx is done, then waits for those in hand.
// A message whose handling fails is left in the inbox and tried again
// after a rest that doubles with each failure; later messages from the
// same student wait behind it, so no one's conversation is answered out
// of order. After Attempts counted failures it is set aside, and the
// student's later messages go on (worker_aside.go).
//
// There is no batch to finish before the next begins: the worker reads
// only the messages stored since it last looked, and as soon as a
// student's messages are handled their next ones start, so a message
// waits for a free hand, not for a whole batch.
func (w *Worker) Run(ctx context.Context) error {
	p := &pipeline{Worker: w, busy: map[string]bool{}, resting: map[string]time.Time{}, failures: map[string]int{},
		queued: map[string][]college.Inbound{}, done: make(chan finished, max(1, w.Parallel))}
	defer p.wait()
	for ctx.Err() == nil {
		p.fetch(ctx)
		p.launch(ctx)
		p.next(ctx)
	}
	return nil
}

// pipeline is the worker's state while it runs: the messages read and not
// yet in hand, by student in the order they wrote, whose are in hand, and
// who must wait after a failure. The inbox is the record: after a restart
// everything not handled is read again.
type pipeline struct {
	*Worker
	last    int64 // the last inbox id read
	order   []string
	queued  map[string][]college.Inbound
	busy    map[string]bool
	resting map[string]time.Time
	// failures counts the failed tries in a row at each student's first
	// message, to lengthen the rest.
	failures map[string]int
	done     chan finished
}

// finished is one student's messages handled (or set aside), or stopped
// at a failure with the messages left and the failed tries counted in
// the inbox.
type finished struct {
	who      string
	n        int
	left     []college.Inbound
	failed   bool
	attempts int
}

// fetch reads the messages stored since the last it read.
func (p *pipeline) fetch(ctx context.Context) {
	for {
		pending, err := p.inbox.PendingAfter(ctx, p.last, 512)
		if err != nil {
			if ctx.Err() == nil {
				p.log.Error("reading the inbox", "err", err)
			}
			return
		}
		for _, in := range pending {
			p.queue(in)
			p.last = in.ID
		}
		if len(pending) < 512 {
			return
		}
	}
}

// queue adds a message to the end of its sender's queue.
func (p *pipeline) queue(in college.Inbound) {
	who := sender(in)
	if len(p.queued[who]) == 0 {
		p.order = append(p.order, who)
	}
	p.queued[who] = append(p.queued[who], in)
}

// launch starts handling the queued messages of every student not already
// in hand or resting, as many students as there are free hands, those
// who wrote first first.
func (p *pipeline) launch(ctx context.Context) {
	free := max(1, p.Parallel) - len(p.busy)
	now := time.Now()
	kept := p.order[:0]
	for _, who := range p.order {
		if free == 0 || p.busy[who] || now.Before(p.resting[who]) {
			kept = append(kept, who)
			continue
		}
		msgs := p.queued[who]
		delete(p.queued, who)
		delete(p.resting, who)
		p.busy[who] = true
		free--
		go func() {
			f := p.handleInTurn(ctx, msgs)
			f.who = who
			if f.failed || f.n < len(msgs) {
				f.left = msgs[f.n:]
			}
			p.done <- f
		}()
	}
	p.order = kept
}

// next waits for a student's messages to be handled, a new message, the
// poll interval, the end of a student's rest or the end of ctx, and takes
// in whatever has finished.
func (p *pipeline) next(ctx context.Context) {
	wait := p.poll
	for _, until := range p.resting { // only students whose message failed
		if d := time.Until(until); d > 0 { // one past its rest waits for a free hand
			wait = min(wait, d)
		}
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case f := <-p.done:
		p.finish(f)
	case <-p.wake:
	case <-t.C:
	}
	for {
		select {
		case f := <-p.done:
			p.finish(f)
		default:
			return
		}
	}
}

// finish takes in one student's finished messages: those left after a
// failure go back to the front of their queue, to be tried after a rest.
func (p *pipeline) finish(f finished) {
	delete(p.busy, f.who)
	if f.n > 0 || !f.failed {
		delete(p.failures, f.who)
	}
	if f.failed {
		p.failures[f.who]++
		p.resting[f.who] = time.Now().Add(p.rest(max(p.failures[f.who], f.attempts)))
	}
	if len(f.left) > 0 {
		if len(p.queued[f.who]) == 0 {
			p.order = append(p.order, f.who)
		}
		p.queued[f.who] = append(f.left, p.queued[f.who]...)
	}
	if f.n > 0 {
		p.handled()
	}
}

// wait takes in the messages still in hand.
func (p *pipeline) wait() {
	for len(p.busy) > 0 {
		p.finish(<-p.done)
	}
}

// sender names who sent a message: the channel and address.
func sender(in college.Inbound) string { return string(in.Channel) + ":" + in.Address }

// handleInTurn handles one sender's messages in order, stopping at one
// that fails and is not set aside: the later ones wait behind it, so no
// one's conversation is answered out of order. It reports how many it
// handled or set aside, and whether one failed.
func (w *Worker) handleInTurn(ctx context.Context, msgs []college.Inbound) finished {
	for i, in := range msgs {
		if ctx.Err() != nil {
			return finished{n: i}
		}
		err := w.handle(ctx, in)
		w.observe(in, err)
		w.health.note(sender(in), err == nil)
		if err == nil {
			continue
		}
		w.log.Error("handling a message", "channel", in.Channel, "id", in.ID, "err", err)
		if attempts, aside := w.failed(ctx, in, err); !aside {
			return finished{n: i, failed: true, attempts: attempts}
		}
	}
	return finished{n: len(msgs)}
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
	w.report(in, result)
}

// report tells Observe what became of a message.
func (w *Worker) report(in college.Inbound, result string) {
	if w.Observe != nil {
		w.Observe(in.Channel, result, time.Since(in.Received))
	}
}
