package outbox_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/outbox"
	"collegebot/internal/sqlite"
)

// start is when every test's clock begins.
func start() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) }

// testBackoff is the back-off in tests: a fixed minute, so retries are due
// exactly when the test moves the clock on by it.
const testBackoff = time.Minute

// env is a real database in a temporary directory whose clock the test
// moves, shared by the dispatcher.
type env struct {
	*sqlite.DB
	t     testing.TB
	path  string
	clock atomic.Int64 // unix seconds
	raw   *sql.DB
	logs  bytes.Buffer // what the dispatchers logged, at every level
}

// newEnv opens a fresh database at start(). When the test ends it checks
// that no message body was logged.
func newEnv(t testing.TB) *env {
	t.Helper()
	path := filepath.Join(t.TempDir(), "college.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{DB: db, t: t, path: path}
	e.clock.Store(start().Unix())
	db.Now = e.now
	raw, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	e.raw = raw
	t.Cleanup(func() {
		if strings.Contains(e.logs.String(), bodyPrefix) {
			t.Errorf("a message body was logged:\n%s", e.logs.String())
		}
		raw.Close()
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	return e
}

func (e *env) now() time.Time          { return time.Unix(e.clock.Load(), 0).UTC() }
func (e *env) advance(d time.Duration) { e.clock.Add(int64(d / time.Second)) }

// dispatcher returns a dispatcher on the test's clock with the test
// back-off, logging to the test.
func (e *env) dispatcher(channels ...outbox.Channel) *outbox.Dispatcher {
	w := io.MultiWriter(e.t.Output(), &e.logs) // the handler serialises writes
	log := slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
	d := outbox.New(e.DB, log, channels...)
	d.Now = e.now
	d.Backoff = func(int) time.Duration { return testBackoff }
	return d
}

// bodyPrefix begins every message body in the tests.
const bodyPrefix = "the words of "

// queue queues a message and returns its id.
func (e *env) queue(o college.Outgoing) int64 {
	e.t.Helper()
	if o.Channel == "" {
		o.Channel = college.SMS
	}
	if o.Kind == "" {
		o.Kind = college.KindReply
	}
	o.Text = bodyPrefix + o.Key
	err := e.Update(context.Background(), func(tx college.Tx) error { return tx.Enqueue(o) })
	if err != nil {
		e.t.Fatal(err)
	}
	var id int64
	if err := e.raw.QueryRow(`SELECT id FROM outbox WHERE purpose = ?`, o.Key).Scan(&id); err != nil {
		e.t.Fatal(err)
	}
	return id
}

// row reads a message as stored.
func (e *env) row(id int64) sqlite.OutboxRow {
	e.t.Helper()
	r, err := e.Outbox(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return r
}

// flush runs d.Flush and fails the test on an error.
func (e *env) flush(d *outbox.Dispatcher) {
	e.t.Helper()
	if err := d.Flush(context.Background()); err != nil {
		e.t.Fatalf("Flush: %v", err)
	}
}

// describe says what became of a message, for failure messages.
func describe(r sqlite.OutboxRow) string {
	return fmt.Sprintf("%s: %s provider %q attempts %d error %q", r.Key, r.Status, r.ProviderID, r.Attempts, r.Error)
}

// sender is a college.Sender scripted per message: each send of a message
// fails with the next of its errors, then succeeds as SM-<key>.
type sender struct {
	mu     sync.Mutex
	fails  map[string][]error
	calls  []string               // the key sent by every call, in order
	onSend func(q college.Queued) // runs at the start of every call, when set
	hold   chan struct{}          // when set, every send waits for it
	events *[]string              // shared with a limiter, when set
}

// Send implements college.Sender.
func (s *sender) Send(ctx context.Context, q college.Queued) (college.Receipt, error) {
	s.mu.Lock()
	s.calls = append(s.calls, q.Key)
	if s.events != nil {
		*s.events = append(*s.events, "send "+q.Key)
	}
	var err error
	if f := s.fails[q.Key]; len(f) > 0 {
		err, s.fails[q.Key] = f[0], f[1:]
	}
	s.mu.Unlock()
	if s.onSend != nil {
		s.onSend(q)
	}
	if s.hold != nil {
		<-s.hold
	}
	if ctx.Err() != nil {
		return college.Receipt{}, ctx.Err()
	}
	if err != nil {
		return college.Receipt{}, err
	}
	return college.Receipt{ProviderID: "SM-" + q.Key, Segments: q.Segments}, nil
}

// sent returns the keys sent so far, in order.
func (s *sender) sent() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.calls)
}

// reconciler is a college.Reconciler that knows the messages in found, and
// fails each look-up with the next of errs first.
type reconciler struct {
	found   map[string]string // key → provider id
	errs    []error
	lookups []string
}

// Lookup implements college.Reconciler.
func (r *reconciler) Lookup(_ context.Context, q college.Queued) (college.Receipt, bool, error) {
	r.lookups = append(r.lookups, q.Key)
	if len(r.errs) > 0 {
		err := r.errs[0]
		r.errs = r.errs[1:]
		return college.Receipt{}, false, err
	}
	id, ok := r.found[q.Key]
	return college.Receipt{ProviderID: id}, ok, nil
}

// limiter is an outbox.Limiter that lets everything through at once and
// notes what it was asked for.
type limiter struct {
	burst  int
	events *[]string
}

// WaitN implements outbox.Limiter.
func (l *limiter) WaitN(_ context.Context, n int) error {
	*l.events = append(*l.events, fmt.Sprint("wait ", n))
	return nil
}

// Burst implements outbox.Limiter.
func (l *limiter) Burst() int { return l.burst }

// sendErr is a classified send failure.
func sendErr(kind error, code int, msg string) error {
	return &college.SendError{Kind: kind, Code: code, Message: msg}
}
