package outbox_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/outbox"
)

// observed records what a dispatcher's Observe hook was told.
type observed struct {
	mu   sync.Mutex
	seen []string // channel:result
}

func (o *observed) observe(ch college.Channel, result string, took time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if took < 0 {
		result += " (negative time)"
	}
	o.seen = append(o.seen, string(ch)+":"+result)
}

func (o *observed) take() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	seen := o.seen
	o.seen = nil
	return seen
}

// TestObserveEachSend: Observe hears every call to the provider once, with
// what came of it; a retried message is heard at each try.
func TestObserveEachSend(t *testing.T) {
	e := newEnv(t)
	err := e.Update(t.Context(), func(tx college.Tx) error {
		_, _, err := tx.CreateStudent(college.SMS, "+447700900031", "en") // gone
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, key := range []string{"ok", "gone", "bad", "slow", "flaky", "lost"} {
		e.queue(college.Outgoing{Key: key, Address: "+44770090003" + string(rune('0'+i)), Priority: college.Interactive})
	}
	s := &sender{fails: map[string][]error{
		"gone":  {sendErr(college.ErrRecipientGone, 21610, "Attempt to send to unsubscribed recipient")},
		"bad":   {sendErr(college.ErrBadRecipient, 21614, "not a mobile number")},
		"slow":  {&college.SendError{Kind: college.ErrThrottled, Code: 429, Message: "Too Many Requests", RetryAfter: 30 * time.Second}},
		"flaky": {sendErr(college.ErrTemporary, 503, "Service Unavailable"), sendErr(college.ErrTemporary, 503, "Service Unavailable")},
		"lost":  {timedOut()},
	}}
	d := e.dispatcher(outbox.Channel{Name: college.SMS, Sender: s})
	d.MaxAttempts = 2
	var o observed
	d.Observe = o.observe

	e.flush(d)
	want := []string{"sms:sent", "sms:opted_out", "sms:failed", "sms:throttled", "sms:retry", "sms:uncertain"}
	if got := o.take(); !slices.Equal(got, want) {
		t.Errorf("first round heard %v\nwant                  %v", got, want)
	}
	e.advance(testBackoff)
	e.flush(d)
	// slow is due first (30 s); flaky fails its last attempt; lost, not
	// found, is sent again.
	want = []string{"sms:sent", "sms:failed", "sms:sent"}
	if got := o.take(); !slices.Equal(got, want) {
		t.Errorf("second round heard %v\nwant                   %v", got, want)
	}
}

// TestAliveWhileTheLoopsTurn: a dispatcher not running is not alive; a
// running one is while each channel's loop shows life, and not once one
// has been quiet too long.
func TestAliveWhileTheLoopsTurn(t *testing.T) {
	e := newEnv(t)
	s := &sender{}
	d := e.dispatcher(outbox.Channel{Name: college.SMS, Sender: s}, outbox.Channel{Name: college.Telegram, Sender: s})
	d.Poll = time.Hour // a loop turns only when woken
	if err := d.Alive(time.Minute); err == nil || !strings.Contains(err.Error(), "not running") {
		t.Fatalf("before Run: Alive = %v, want not running", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error)
	go func() { done <- d.Run(ctx) }()
	waitAlive(t, d)

	e.advance(2 * time.Minute)
	err := d.Alive(time.Minute)
	if err == nil || !strings.Contains(err.Error(), "shown no life for 2m0s") {
		t.Errorf("after 2 quiet minutes: Alive = %v, want no life for 2m0s", err)
	}
	if d.Alive(3*time.Minute) != nil {
		t.Errorf("quiet for less than within: Alive = %v", d.Alive(3*time.Minute))
	}
	d.Wake()
	waitAlive(t, d)

	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if err := d.Alive(time.Minute); err == nil {
		t.Error("after Run returned: alive")
	}
}

// waitAlive waits for every loop to show life within the last minute.
func waitAlive(t *testing.T, d *outbox.Dispatcher) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for d.Alive(time.Minute) != nil {
		if time.Now().After(deadline) {
			t.Fatalf("never alive: %v", d.Alive(time.Minute))
		}
		time.Sleep(5 * time.Millisecond)
	}
}
