package conversation

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/safeguard"
)

// A message whose handling always fails (a poison message) must not hold
// up its student for ever. Each failed try that counts is recorded in the
// message's inbox row, so a crash or restart does not start the count
// again, and after Attempts of them the message is set aside: recorded as
// given up, no longer pending, the student told once that it could not be
// dealt with, and staff alerted, all in one transaction. If nothing can
// be written (the database itself is failing) nothing is counted and
// nothing is set aside: the message waits and is tried again.
//
// A try counts only when the messages of other students are being handled
// fine (health): when every message fails, the fault is not the
// message's, and a burst of good messages must not be set aside because
// the database was down for a while. The first failures of an outage may
// count, but not six in a row.

// The defaults: six tries over about a minute (rests of 2, 4, 8, 16 and
// 30 seconds). A student expects a reply within a minute or so; by then a
// fault that is not passing is better told than left silent, and staff
// can answer by hand. Outages do not count, so the limit need not outlast
// them.
const (
	DefaultRest     = 2 * time.Second
	DefaultMaxRest  = 30 * time.Second
	DefaultAttempts = 6
)

// Strikes is an inbox that counts failed tries durably; *sqlite.DB is
// one. A worker whose inbox is not one never sets a message aside.
type Strikes interface {
	// FailedAttempt counts a failed try at a pending message, with its
	// error, and returns the tries counted so far.
	FailedAttempt(ctx context.Context, inboxID int64, reason string) (int, error)
}

// setAsider is the store transaction that sets a message aside;
// *sqlite.tx is one.
type setAsider interface {
	SetAside(inboxID int64, reason string) error
}

// rest is how long a student waits after n failed tries in a row.
func (w *Worker) rest(n int) time.Duration {
	d := max(w.Rest, time.Millisecond)
	for i := 1; i < n && d < w.MaxRest; i++ {
		d *= 2
	}
	if w.MaxRest > 0 {
		d = min(d, w.MaxRest)
	}
	return d
}

// handle hands a message to the handler; a panic while handling it is a
// failure of that message, counted like any other, so a message that
// crashes the handler cannot crash the server again at every restart.
func (w *Worker) handle(ctx context.Context, in college.Inbound) (err error) {
	defer func() {
		if p := recover(); p != nil {
			w.log.Error("handling a message panicked", "channel", in.Channel, "id", in.ID, "stack", string(debug.Stack()))
			err = fmt.Errorf("conversation: handling %s message %d panicked: %v", in.Channel, in.ID, p)
		}
	}()
	return w.engine.Handle(ctx, in)
}

// failed counts a failed try at a message, unless other students' messages
// are failing too or nothing can be written, and sets the message aside
// after the last. It returns the tries counted and whether the message was
// set aside.
func (w *Worker) failed(ctx context.Context, in college.Inbound, err error) (int, bool) {
	strikes, ok := w.inbox.(Strikes)
	if !ok || w.Attempts <= 0 || ctx.Err() != nil || !w.health.fine(sender(in)) {
		return 0, false
	}
	n, rerr := strikes.FailedAttempt(ctx, in.ID, err.Error())
	if rerr != nil {
		w.log.Error("counting a failed try", "channel", in.Channel, "id", in.ID, "err", rerr)
		return 0, false
	}
	if n < w.Attempts {
		return n, false
	}
	return n, w.setAside(ctx, in, n, err)
}

// setAside gives up on a message: recorded, the student and staff told.
// If telling them fails, it is set aside untold, and the error logged,
// unless it may be a crisis: that stays pending until staff can be told.
func (w *Worker) setAside(ctx context.Context, in college.Inbound, n int, cause error) bool {
	err := w.eng.giveUp(ctx, in, cause.Error(), true)
	if err != nil && ctx.Err() == nil {
		w.log.Error("telling of a message set aside", "channel", in.Channel, "id", in.ID, "err", err)
		if safeguard.Check(in.Text).Crisis {
			w.log.Error("a message that may be a crisis failed and staff could not be told: it stays in the inbox",
				"channel", in.Channel, "id", in.ID)
			return false
		}
		err = w.eng.giveUp(ctx, in, cause.Error(), false)
	}
	if err != nil {
		w.log.Error("setting a message aside", "channel", in.Channel, "id", in.ID, "err", err)
		return false
	}
	w.log.Warn("set a message aside after its last try: see collegebot inbox list",
		"channel", in.Channel, "id", in.ID, "attempts", n)
	w.report(in, "given_up")
	return true
}

// health remembers how the last few messages handled ended, and whose
// they were.
type health struct {
	mu   sync.Mutex
	last [healthWindow]outcome
	next int
}

// healthWindow is how many recent messages health weighs.
const healthWindow = 8

type outcome struct {
	who string
	ok  bool
}

// note records how a message ended.
func (h *health) note(who string, ok bool) {
	h.mu.Lock()
	h.last[h.next] = outcome{who: who, ok: ok}
	h.next = (h.next + 1) % healthWindow
	h.mu.Unlock()
}

// fine reports whether none of the recent messages of anyone but who
// failed: a failure of who's message is then its own. With no one else
// writing, it is fine.
func (h *health) fine(who string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, o := range h.last {
		if o.who != "" && o.who != who && !o.ok {
			return false
		}
	}
	return true
}
