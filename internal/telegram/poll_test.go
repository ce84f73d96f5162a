package telegram_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"collegebot/internal/telegram"
)

// textUpdate is a private text message with an update_id.
func textUpdate(id int64, s string) string { return renumber(text(s), id) }

// renumber gives an update built by update() another update_id.
func renumber(raw string, id int64) string {
	return `{"update_id":` + strconv.FormatInt(id, 10) + strings.TrimPrefix(raw, `{"update_id":7001`)
}

// poller returns a poller on the stub with short waits.
func poller(stub *botStub, inbox telegram.Inbox) *telegram.Poller {
	return &telegram.Poller{Config: stub.config(), Inbox: inbox, PollTimeout: time.Second, RetryWait: 10 * time.Millisecond}
}

// run runs a poller until stop says so (it is given each getUpdates call
// as it arrives), then stops it and returns Run's error.
func run(t *testing.T, p *telegram.Poller, stub *botStub, stop func(call) bool) error {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case c := <-stub.got:
			if c.method == "getUpdates" && stop(c) {
				cancel()
				return <-done
			}
		case err := <-done:
			cancel()
			return err
		case <-deadline:
			cancel()
			t.Fatal("the poller never made the call awaited")
		}
	}
}

// offsets returns the offset of each getUpdates call ("" for none).
func offsets(stub *botStub) []string {
	var os []string
	for _, c := range stub.callsTo("getUpdates") {
		os = append(os, c.params["offset"])
	}
	return os
}

// offsetIs stops a run at the getUpdates call that asks for offset.
func offsetIs(offset string) func(call) bool {
	return func(c call) bool { return c.params["offset"] == offset }
}

func TestPollStoresThenConfirms(t *testing.T) {
	stub, db := newBotStub(t), openDB(t)
	stub.hold(textUpdate(100, "COURSES"), renumber(callback(message("private", 5551234, `"text":"x"`), "JOIN MH1"), 101))
	answered := newAnswers()
	p := poller(stub, db)
	p.Answer = answered.answer
	if err := run(t, p, stub, offsetIs("102")); err != nil {
		t.Fatal(err)
	}
	if got := offsets(stub); len(got) != 2 || got[0] != "" || got[1] != "102" {
		t.Errorf("getUpdates offsets = %q, want none at first (an empty inbox), then 102", got)
	}
	ins := pending(t, db)
	if len(ins) != 2 || ins[0].ProviderID != "100" || ins[0].Text != "COURSES" || ins[1].ProviderID != "101" || ins[1].Text != "JOIN MH1" {
		t.Fatalf("inbox = %+v, want updates 100 and 101", ins)
	}
	if ids := answered.wait(t, 1); ids[0] != "cb7001" {
		t.Errorf("answered %v, want cb7001", ids)
	}
	c := stub.callsTo("getUpdates")[0]
	if c.params["allowed_updates"] != `["message","edited_message","callback_query","my_chat_member"]` || c.params["timeout"] != "1" {
		t.Errorf("getUpdates params = %v", c.params)
	}
}

// An update that fails to store is not confirmed: the next getUpdates
// asks for it again, and it is stored then.
func TestPollConfirmsOnlyWhatIsStored(t *testing.T) {
	stub := newBotStub(t)
	inbox := &fakeInbox{failOn: "101"}
	stub.hold(textUpdate(100, "a"), textUpdate(101, "b"), textUpdate(102, "c"))
	if err := run(t, poller(stub, inbox), stub, offsetIs("103")); err != nil {
		t.Fatal(err)
	}
	if got := offsets(stub); len(got) != 3 || got[1] != "101" {
		t.Errorf("getUpdates offsets = %q, want none, 101 (after the failure), 103", got)
	}
	if got := inbox.stored(); len(got) != 3 || got[0] != "100" || got[1] != "101" || got[2] != "102" {
		t.Errorf("stored %v, want 100, 101, 102 once each", got)
	}
}

// A crash after storing and before the next getUpdates confirmed the
// updates: the restarted poller resumes after the last update_id stored,
// losing none and storing none twice.
func TestPollResumesAfterACrash(t *testing.T) {
	stub, db := newBotStub(t), openDB(t)
	stub.hold(textUpdate(100, "a"), textUpdate(101, "b"))
	first := poller(stub, db)
	ctx, crash := context.WithCancel(context.Background())
	stored := 0
	first.Wake = func() {
		if stored++; stored == 2 {
			crash() // stops before asking for offset 102
		}
	}
	if err := first.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if got := offsets(stub); len(got) != 1 || got[0] != "" {
		t.Fatalf("before the crash, getUpdates offsets = %q; want one call with none", got)
	}
	stub.hold(textUpdate(102, "c"))
	wakes := 0
	second := poller(stub, db)
	second.Wake = func() { wakes++ }
	if err := run(t, second, stub, offsetIs("103")); err != nil {
		t.Fatal(err)
	}
	if wakes != 1 {
		t.Errorf("the restarted poller woke the worker %d times, want 1: only 102 is new", wakes)
	}
	if got := offsets(stub); len(got) != 3 || got[1] != "102" {
		t.Errorf("getUpdates offsets = %q, want the restart to ask for 102", got)
	}
	var ids []string
	for _, in := range pending(t, db) {
		ids = append(ids, in.ProviderID)
	}
	if len(ids) != 3 || ids[0] != "100" || ids[1] != "101" || ids[2] != "102" {
		t.Errorf("inbox holds %v, want 100, 101 and 102 once each", ids)
	}
}

// A 429 is waited out for its retry_after; Telegram refusing the token
// stops polling with an error.
func TestPollThrottledThenRefused(t *testing.T) {
	stub := newBotStub(t)
	var calls atomic.Int32
	stub.answerWith("getUpdates", func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			apiError(w, http.StatusTooManyRequests, "Too Many Requests: retry after 1", 1)
			return
		}
		apiError(w, http.StatusUnauthorized, "Unauthorized", 0)
	})
	start := time.Now()
	err := poller(stub, &fakeInbox{}).Run(context.Background())
	if err == nil {
		t.Fatal("Run returned nil after a 401, want an error")
	}
	if waited := time.Since(start); waited < time.Second {
		t.Errorf("retried after %v, want the 1 s retry_after honoured", waited)
	}
}

// A batch holding an update go-telegram/bot's models cannot read is not
// stuck on it: the other updates are stored and all are confirmed.
func TestPollSkipsAnUpdateTheModelsCannotRead(t *testing.T) {
	stub, inbox := newBotStub(t), &fakeInbox{}
	odd := renumber(membership("private", "member", "promoted_to_wizard"), 101)
	stub.hold(textUpdate(100, "a"), odd, textUpdate(102, "c"))
	if err := run(t, poller(stub, inbox), stub, offsetIs("103")); err != nil {
		t.Fatal(err)
	}
	if got := inbox.stored(); len(got) != 2 || got[0] != "100" || got[1] != "102" {
		t.Errorf("stored %v, want 100 and 102", got)
	}
}

// Polling a server that is down is retried, and the failures logged
// without the token, which net/http puts in its errors' URLs.
func TestPollFailuresLogNoToken(t *testing.T) {
	stub := newBotStub(t)
	stub.Close()
	var logs syncBuffer
	p := poller(stub, &fakeInbox{})
	p.Log = slog.New(slog.NewTextHandler(&logs, nil))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	// Stopped once it has failed and tried again, or after a long while.
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if strings.Count(logs.String(), "polling failed") >= 2 {
			break
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run = %v, want nil when stopped", err)
	}
	out := logs.String()
	if strings.Count(out, "polling failed") < 2 {
		t.Errorf("want repeated retries logged:\n%s", out)
	}
	if _, key, _ := strings.Cut(token, ":"); strings.Contains(out, key) {
		t.Errorf("logs show the token:\n%s", out)
	}
}

// syncBuffer is a bytes.Buffer safe for a logger on another goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestPollerNeedsTokenAndInbox(t *testing.T) {
	if err := (&telegram.Poller{Inbox: &fakeInbox{}}).Run(context.Background()); err == nil {
		t.Error("Run with no token returned nil")
	}
	if err := (&telegram.Poller{Config: telegram.Config{Token: token}}).Run(context.Background()); err == nil {
		t.Error("Run with no inbox returned nil")
	}
}
