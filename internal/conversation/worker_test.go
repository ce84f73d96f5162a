package conversation_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"collegebot/internal/college"
)

// TestWorkerHandlesWhatWasStoredBeforeIt is the restart case: messages a
// webhook stored before the process died are answered, once each and in
// order, when the worker starts.
func TestWorkerHandlesWhatWasStoredBeforeIt(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	for i, text := range []string{"courses", "2", "3"} {
		in := college.Inbound{Channel: college.Terminal, Address: sam, Text: text, ProviderID: fmt.Sprintf("w%d", i), Received: h.now}
		if _, _, err := h.db.SaveInbound(ctx, in, ""); err != nil {
			t.Fatal(err)
		}
	}
	handled := make(chan struct{}, 10)
	w := h.eng.NewWorker(h.db, func() { handled <- struct{}{} }, slog.New(slog.NewTextHandler(io.Discard, nil)))
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan error)
	go func() { done <- w.Run(ctx) }()
	select {
	case <-handled:
	case <-time.After(10 * time.Second):
		t.Fatal("the worker handled nothing")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	got := h.received(sam)
	if len(got) != 4 {
		t.Fatalf("got %d replies, want the welcome and 3: %q", len(got), got)
	}
	checkText(t, "welcome", got[0], "Hi from")
	checkText(t, "first", got[1], "Our courses by topic:")
	checkText(t, "second", got[2], "Get active:")
	checkText(t, "third", got[3], "GA1 Walking football.")
	if pending, _ := h.db.PendingInbound(context.Background(), 10); len(pending) != 0 {
		t.Errorf("%d messages left in the inbox", len(pending))
	}
}
