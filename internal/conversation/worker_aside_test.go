package conversation_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/conversation"
	"collegebot/internal/sqlite"
)

// setAsideText is what a student is told of a message set aside.
const setAsideText = "Sorry, something went wrong and we could not deal with your last message. Staff have been told and will reply here."

// poison passes messages to the engine, but fails those whose provider
// ids it names, every time, and those of everyone while down is set. It
// counts the tries at each message.
type poison struct {
	next  conversation.Handler
	bad   map[string]bool
	mu    sync.Mutex
	tries map[string]int
	down  bool
	// onFail, when set, is called with the tries so far at each failure.
	onFail func(n int)
}

func (p *poison) Handle(ctx context.Context, in college.Inbound) error {
	p.mu.Lock()
	p.tries[in.ProviderID]++
	n, fail := p.tries[in.ProviderID], p.bad[in.ProviderID] || p.down
	p.mu.Unlock()
	if !fail {
		return p.next.Handle(ctx, in)
	}
	if p.onFail != nil {
		p.onFail(n)
	}
	return errors.New("poison: the engine cannot read this message")
}

func (p *poison) triesAt(id string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.tries[id]
}

// mend makes every message handled from now on.
func (p *poison) mend() {
	p.mu.Lock()
	p.down, p.bad = false, nil
	p.mu.Unlock()
}

// store puts messages in the inbox, as a webhook would.
func (h *harness) store(t *testing.T, ch college.Channel, from, pid, text string) {
	t.Helper()
	in := college.Inbound{Channel: ch, Address: from, Text: text, ProviderID: pid, Received: h.now}
	if _, _, err := h.db.SaveInbound(context.Background(), in, ""); err != nil {
		t.Fatal(err)
	}
}

// results counts what a worker reports, by result.
type results struct {
	mu sync.Mutex
	n  map[string]int
}

func (r *results) observe(_ college.Channel, result string, _ time.Duration) {
	r.mu.Lock()
	r.n[result]++
	r.mu.Unlock()
}

func (r *results) get(result string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.n[result]
}

// fastWorker is a worker through p that rests a millisecond or so.
func fastWorker(h *harness, inbox conversation.Inbox, p *poison, r *results) *conversation.Worker {
	w := h.eng.NewWorker(inbox, nil, slog.New(slog.NewTextHandler(io.Discard, nil))).Through(p)
	w.Rest, w.MaxRest, w.Parallel = time.Millisecond, 4*time.Millisecond, 8
	if r != nil {
		w.Observe = r.observe
	}
	return w
}

// running runs a worker until the test's end or stop is called.
func running(t *testing.T, w *conversation.Worker) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- w.Run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Error(err)
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

// waitFor polls until ok, failing the test after a generous while.
func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !ok(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
	}
}

// setAside returns the messages set aside.
func (h *harness) setAside(t *testing.T) []sqlite.SetAside {
	t.Helper()
	ms, err := h.db.SetAsideMessages(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// pending returns how many messages wait in the inbox.
func (h *harness) pending(t *testing.T) int {
	t.Helper()
	ps, err := h.db.PendingInbound(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	return len(ps)
}

func count(texts []string, want string) int {
	n := 0
	for _, s := range texts {
		if s == want {
			n++
		}
	}
	return n
}

// A message the engine can never handle is tried six times, then set aside
// with its tries and error; the student hears once that it could not be
// dealt with, staff are alerted once, and the student's next message is
// answered. A restart sends nothing again.
func TestWorkerSetsAsideAMessageThatAlwaysFails(t *testing.T) {
	h, staff := newStaffHarness(t)
	h.store(t, college.Terminal, sam, "s1", "courses")
	h.store(t, college.Terminal, sam, "s2", "??")
	h.store(t, college.Terminal, alex, "a1", "courses")
	h.store(t, college.Terminal, sam, "s3", "2")
	p := &poison{next: h.eng, bad: map[string]bool{"s2": true}, tries: map[string]int{}}
	r := &results{n: map[string]int{}}
	stop := running(t, fastWorker(h, h.db, p, r))
	waitFor(t, "the inbox to empty", func() bool { return h.pending(t) == 0 })
	stop()

	aside := h.setAside(t)
	if len(aside) != 1 || aside[0].Attempts != conversation.DefaultAttempts || aside[0].Text != "??" ||
		!strings.Contains(aside[0].Error, "poison") || aside[0].GivenUp.IsZero() {
		t.Fatalf("set aside %+v, want s2 after %d tries with its error", aside, conversation.DefaultAttempts)
	}
	if n := p.triesAt("s2"); n != conversation.DefaultAttempts {
		t.Errorf("tried the bad message %d times, want %d", n, conversation.DefaultAttempts)
	}
	got := h.received(sam)
	if count(got, setAsideText) != 1 || len(got) != 4 {
		t.Fatalf("sam got %q, want the welcome, the topics, word of the message set aside once and the next reply", got)
	}
	checkText(t, "the message after", got[3], "Get active:")
	if len(staff.asides) != 1 || len(staff.alerts) != 0 {
		t.Errorf("staff alerted %d times of a message set aside (%d hand-offs), want once (none)", len(staff.asides), len(staff.alerts))
	}
	if r.get("given_up") != 1 || r.get("failed") != conversation.DefaultAttempts {
		t.Errorf("observed %v, want 1 given_up and %d failed", r.n, conversation.DefaultAttempts)
	}

	h.store(t, college.Terminal, jo, "j1", "courses")
	stop = running(t, fastWorker(h, h.db, p, nil))
	waitFor(t, "jo's message", func() bool { return h.pending(t) == 0 })
	stop()
	if got := h.received(sam); len(got) != 0 || len(staff.asides) != 1 || p.triesAt("s2") != conversation.DefaultAttempts {
		t.Errorf("after a restart sam got %q more and staff %d alerts; want nothing sent again", got, len(staff.asides))
	}
}

// Tries are counted in the inbox, so a restart does not start them again.
func TestWorkerCountsTriesAcrossARestart(t *testing.T) {
	h, _ := newStaffHarness(t)
	h.store(t, college.Terminal, sam, "s1", "??")
	ctx, cancel := context.WithCancel(context.Background())
	p := &poison{next: h.eng, bad: map[string]bool{"s1": true}, tries: map[string]int{}}
	// The third try fails as the server stops: it is not counted.
	p.onFail = func(n int) {
		if n == 3 {
			cancel()
		}
	}
	if err := fastWorker(h, h.db, p, nil).Run(ctx); err != nil {
		t.Fatal(err)
	}
	if aside := h.setAside(t); len(aside) != 0 || p.triesAt("s1") != 3 {
		t.Fatalf("after 3 tries: set aside %+v, tried %d times", aside, p.triesAt("s1"))
	}
	p.onFail = nil
	stop := running(t, fastWorker(h, h.db, p, nil))
	waitFor(t, "the message set aside", func() bool { return h.pending(t) == 0 })
	stop()
	if n := p.triesAt("s1"); n != 7 {
		t.Errorf("tried %d times in all, want 2 counted before the restart, 1 not, and 4 after", n)
	}
	if aside := h.setAside(t); len(aside) != 1 || aside[0].Attempts != conversation.DefaultAttempts {
		t.Errorf("set aside %+v, want one after %d tries", aside, conversation.DefaultAttempts)
	}
}

// A message that reads as a crisis is answered with the crisis contacts
// when set aside, and staff get a safeguarding alert.
func TestWorkerSetsAsideACrisisAsACrisis(t *testing.T) {
	h, staff := newStaffHarness(t)
	h.store(t, college.Terminal, sam, "s1", "i want to kill myself")
	p := &poison{next: h.eng, bad: map[string]bool{"s1": true}, tries: map[string]int{}}
	stop := running(t, fastWorker(h, h.db, p, nil))
	waitFor(t, "the message set aside", func() bool { return h.pending(t) == 0 })
	stop()
	if got := h.received(sam); len(got) != 1 || !strings.HasPrefix(got[0], "Glad you told us.") {
		t.Errorf("sam got %q, want the crisis reply alone", got)
	}
	if len(staff.raised) != 1 || len(h.setAside(t)) != 1 {
		t.Errorf("%d safeguarding alerts, %d set aside; want 1 of each", len(staff.raised), len(h.setAside(t)))
	}
}

// failingInbox is the inbox of a database that cannot be written: a
// failed try cannot be counted.
type failingInbox struct{ *sqlite.DB }

func (failingInbox) FailedAttempt(context.Context, int64, string) (int, error) {
	return 0, errors.New("disk I/O error")
}

// Nothing is set aside when the failure cannot be recorded, nor when every
// student's messages fail at once: then the fault is the database's, and
// the messages are answered when it is back.
func TestWorkerSetsNothingAsideWhenTheDatabaseFails(t *testing.T) {
	h, staff := newStaffHarness(t)
	h.store(t, college.Terminal, sam, "s1", "??")
	p := &poison{next: h.eng, bad: map[string]bool{"s1": true}, tries: map[string]int{}}
	stop := running(t, fastWorker(h, failingInbox{h.db}, p, nil))
	waitFor(t, "many tries", func() bool { return p.triesAt("s1") >= 3*conversation.DefaultAttempts })
	stop()
	if h.pending(t) != 1 || len(h.setAside(t)) != 0 {
		t.Fatalf("%d pending, %d set aside; want the message left in the inbox", h.pending(t), len(h.setAside(t)))
	}

	const students = 10
	p = &poison{next: h.eng, bad: map[string]bool{}, tries: map[string]int{}, down: true}
	for i := range students {
		h.store(t, college.Terminal, fmt.Sprintf("+4477009001%02d", i), fmt.Sprintf("d%d", i), "courses")
	}
	stop = running(t, fastWorker(h, h.db, p, nil))
	waitFor(t, "every message to fail many times", func() bool {
		for i := range students {
			if p.triesAt(fmt.Sprintf("d%d", i)) < 3*conversation.DefaultAttempts {
				return false
			}
		}
		return true
	})
	p.mend()
	waitFor(t, "the inbox to empty", func() bool { return h.pending(t) == 0 })
	stop()
	if aside := h.setAside(t); len(aside) != 0 || len(staff.alerts)+len(staff.asides) != 0 {
		t.Errorf("set aside %+v and %d staff alerts after an outage; want none", aside, len(staff.alerts))
	}
	for i := range students {
		if got := h.received(fmt.Sprintf("+4477009001%02d", i)); len(got) != 2 || count(got, setAsideText) != 0 {
			t.Errorf("student %d got %q, want the welcome and the topics", i, got)
		}
	}
}
