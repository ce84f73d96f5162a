package outbox_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/outbox"
)

// started returns a sender that reports each send on a channel and then
// waits for hold.
func started() (*sender, chan string) {
	calls := make(chan string, 10)
	s := &sender{hold: make(chan struct{})}
	s.onSend = func(q college.Queued) { calls <- q.Key }
	return s, calls
}

func TestStoppingFinishesTheSendInFlight(t *testing.T) {
	e := newEnv(t)
	first := e.queue(college.Outgoing{Key: "first", Address: "+447700900020", Priority: college.Interactive})
	second := e.queue(college.Outgoing{Key: "second", Address: "+447700900021", Priority: college.Routine})
	s, calls := started()
	d := e.dispatcher(outbox.Channel{Name: college.SMS, Sender: s})
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error)
	go func() { done <- d.Run(ctx) }()

	if got := <-calls; got != "first" {
		t.Fatalf("first send was %s", got)
	}
	cancel()
	close(s.hold) // the provider answers after the stop
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}

	if r := e.row(first); r.Status != "sent" || r.ProviderID != "SM-first" {
		t.Errorf("the send in flight: %s, want sent", describe(r))
	}
	// Claimed in the same batch but never tried: handed back untouched.
	if r := e.row(second); r.Status != "pending" || r.Attempts != 0 {
		t.Errorf("the message not tried: %s, want pending at 0 attempts", describe(r))
	}
	if got := s.sent(); !reflect.DeepEqual(got, []string{"first"}) {
		t.Errorf("sent %v, want [first]", got)
	}
}

func TestWakeSendsWithoutWaitingForThePoll(t *testing.T) {
	e := newEnv(t)
	s, calls := started()
	close(s.hold)
	d := e.dispatcher(outbox.Channel{Name: college.SMS, Sender: s})
	d.Poll = time.Hour // only a wake-up can start the send
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error)
	go func() { done <- d.Run(ctx) }()

	id := e.queue(college.Outgoing{Key: "reply", Address: "+447700900022", Priority: college.Interactive})
	d.Wake()
	d.Wake() // never blocks, even with a wake-up pending
	if got := <-calls; got != "reply" {
		t.Fatalf("sent %s", got)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	if r := e.row(id); r.Status != "sent" {
		t.Errorf("%s, want sent", describe(r))
	}
}

func TestRunRefusesAChannelWithoutASender(t *testing.T) {
	e := newEnv(t)
	tests := map[string][]outbox.Channel{
		"no sender": {{Name: college.SMS}},
		"no name":   {{Sender: &sender{}}},
		"twice":     {{Name: college.SMS, Sender: &sender{}}, {Name: college.SMS, Sender: &sender{}}},
	}
	for label, chs := range tests {
		if err := e.dispatcher(chs...).Run(t.Context()); err == nil {
			t.Errorf("%s: Run returned no error", label)
		}
	}
}
