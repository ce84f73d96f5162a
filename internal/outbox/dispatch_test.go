package outbox_test

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/outbox"
)

func TestInteractiveRepliesGoBeforeBulk(t *testing.T) {
	e := newEnv(t)
	bulk := e.queue(college.Outgoing{Key: "broadcast", Address: "+447700900001",
		Priority: college.Bulk, NotBefore: start().Add(-time.Hour)})
	reply := e.queue(college.Outgoing{Key: "reply", Address: "+447700900002", Priority: college.Interactive})
	s := &sender{}
	e.flush(e.dispatcher(outbox.Channel{Name: college.SMS, Sender: s}))

	if got, want := s.sent(), []string{"reply", "broadcast"}; !reflect.DeepEqual(got, want) {
		t.Errorf("sent %v, want %v", got, want)
	}
	for _, id := range []int64{bulk, reply} {
		if r := e.row(id); r.Status != "sent" || r.ProviderID != "SM-"+r.Key {
			t.Errorf("%s", describe(r))
		}
	}
}

func TestEachSendWaitsForItsSegments(t *testing.T) {
	e := newEnv(t)
	for i, segs := range []int{0, 1, 3, 15} {
		e.queue(college.Outgoing{Key: string(rune('a' + i)), Address: "+447700900003",
			Priority: college.Routine, Segments: segs, NotBefore: start().Add(time.Duration(i) * time.Second)})
		e.advance(time.Second)
	}
	var events []string
	s := &sender{events: &events}
	e.flush(e.dispatcher(outbox.Channel{Name: college.SMS, Sender: s,
		Limiter: &limiter{burst: 10, events: &events}}))

	// At least a token a message; never more than a burst at once.
	want := []string{"wait 1", "send a", "wait 1", "send b", "wait 3", "send c", "wait 10", "send d"}
	if !reflect.DeepEqual(events, want) {
		t.Errorf("events %v\nwant   %v", events, want)
	}
}

func TestRecipientGoneOptsOutAndCancelsTheRest(t *testing.T) {
	e := newEnv(t)
	gone, other := "+447700900004", "+447700900005"
	err := e.Update(t.Context(), func(tx college.Tx) error {
		_, _, err := tx.CreateStudent(college.SMS, gone, "en")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	first := e.queue(college.Outgoing{Key: "first", Address: gone, Priority: college.Interactive})
	second := e.queue(college.Outgoing{Key: "second", Address: gone, Priority: college.Interactive})
	later := e.queue(college.Outgoing{Key: "later", Address: gone, Priority: college.Routine,
		NotBefore: start().Add(24 * time.Hour)})
	elsewhere := e.queue(college.Outgoing{Key: "elsewhere", Address: other, Priority: college.Routine})
	s := &sender{fails: map[string][]error{
		"first": {fmt.Errorf("twilio: sending outbox message 1: %w",
			sendErr(college.ErrRecipientGone, 21610, "Attempt to send to unsubscribed recipient"))}}}
	e.flush(e.dispatcher(outbox.Channel{Name: college.SMS, Sender: s}))

	if got, want := s.sent(), []string{"first", "elsewhere"}; !reflect.DeepEqual(got, want) {
		t.Errorf("sent %v, want %v", got, want)
	}
	r := e.row(first)
	if r.Status != "failed" || r.Error != "recipient gone: 21610 Attempt to send to unsubscribed recipient" {
		t.Errorf("the failed send: %s", describe(r))
	}
	for _, id := range []int64{second, later} {
		if r := e.row(id); r.Status != "cancelled" || r.Error != "opted out" {
			t.Errorf("another message to the same recipient: %s", describe(r))
		}
	}
	if r := e.row(elsewhere); r.Status != "sent" {
		t.Errorf("a message to someone else: %s", describe(r))
	}
	var optedOut string
	if err := e.raw.QueryRow(`SELECT coalesce(opted_out, '') FROM contact WHERE address = ?`, gone).Scan(&optedOut); err != nil {
		t.Fatal(err)
	}
	if optedOut != "2026-03-02 09:00:00" {
		t.Errorf("contact opted out at %q, want now", optedOut)
	}
}

func TestBadRecipientFailsWithoutRetry(t *testing.T) {
	e := newEnv(t)
	id := e.queue(college.Outgoing{Key: "m", Address: "+447700900006", Priority: college.Interactive})
	s := &sender{fails: map[string][]error{"m": {sendErr(college.ErrBadRecipient, 21614, "not a mobile number")}}}
	d := e.dispatcher(outbox.Channel{Name: college.SMS, Sender: s})
	e.flush(d)
	e.advance(time.Hour)
	e.flush(d)

	if r := e.row(id); r.Status != "failed" || r.Error != "bad recipient: 21614 not a mobile number" || r.Attempts != 1 {
		t.Errorf("%s", describe(r))
	}
	if n := len(s.sent()); n != 1 {
		t.Errorf("sent %d times, want 1", n)
	}
}

func TestThrottledRetriesWhenTheProviderSays(t *testing.T) {
	e := newEnv(t)
	id := e.queue(college.Outgoing{Key: "m", Address: "+447700900007", Priority: college.Interactive})
	throttled := &college.SendError{Kind: college.ErrThrottled, Code: 429, Message: "Too Many Requests",
		RetryAfter: 30 * time.Second}
	s := &sender{fails: map[string][]error{"m": {throttled}}}
	rec := &reconciler{}
	d := e.dispatcher(outbox.Channel{Name: college.SMS, Sender: s, Reconciler: rec})
	e.flush(d)

	r := e.row(id)
	if r.Status != "pending" || !r.NotBefore.Equal(start().Add(30*time.Second)) {
		t.Fatalf("after a 429: %s due %v, want pending due at +30s", describe(r), r.NotBefore)
	}
	e.advance(29 * time.Second)
	e.flush(d)
	if n := len(s.sent()); n != 1 {
		t.Fatalf("sent %d times before retry-after passed", n)
	}
	e.advance(time.Second)
	e.flush(d)
	if r := e.row(id); r.Status != "sent" || r.ProviderID != "SM-m" || r.Attempts != 2 {
		t.Errorf("after the retry: %s", describe(r))
	}
	// A 429 proves the provider did not take the message: no look-up.
	if len(rec.lookups) != 0 {
		t.Errorf("looked up %v after a 429", rec.lookups)
	}
}

func TestTemporaryFailuresBackOffThenGiveUp(t *testing.T) {
	e := newEnv(t)
	id := e.queue(college.Outgoing{Key: "m", Address: "+447700900008", Priority: college.Interactive})
	var fails []error
	for range 6 {
		fails = append(fails, sendErr(college.ErrTemporary, 500, "Internal Server Error"))
	}
	s := &sender{fails: map[string][]error{"m": fails}}
	d := e.dispatcher(outbox.Channel{Name: college.SMS, Sender: s})
	var asked []int
	d.Backoff = func(attempts int) time.Duration { asked = append(asked, attempts); return testBackoff }
	for range 8 {
		e.flush(d)
		e.advance(testBackoff)
	}
	r := e.row(id)
	if want := "gave up after 5 attempts: temporary failure: 500 Internal Server Error"; r.Status != "failed" || r.Error != want {
		t.Errorf("%s, want failed %q", describe(r), want)
	}
	if n := len(s.sent()); n != 5 {
		t.Errorf("sent %d times, want 5", n)
	}
	if want := []int{1, 2, 3, 4}; !reflect.DeepEqual(asked, want) {
		t.Errorf("back-off asked after attempts %v, want %v", asked, want)
	}
}

func TestUnclassifiedErrorIsTemporary(t *testing.T) {
	e := newEnv(t)
	id := e.queue(college.Outgoing{Key: "m", Address: "+447700900009", Priority: college.Interactive})
	s := &sender{fails: map[string][]error{"m": {errString("connection reset by peer")}}}
	d := e.dispatcher(outbox.Channel{Name: college.SMS, Sender: s})
	e.flush(d)
	if r := e.row(id); r.Status != "pending" || r.Error != "connection reset by peer" {
		t.Fatalf("%s, want pending", describe(r))
	}
	e.advance(testBackoff)
	e.flush(d)
	if r := e.row(id); r.Status != "sent" {
		t.Errorf("%s, want sent", describe(r))
	}
}

// errString is an error the sender did not classify.
type errString string

func (e errString) Error() string { return string(e) }
