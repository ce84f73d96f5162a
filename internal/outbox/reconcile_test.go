package outbox_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/outbox"
)

// timedOut is what a sender reports when the provider never answered.
func timedOut() error {
	return sendErr(college.ErrUncertain, 0, "Post https://api.twilio.com/...: context deadline exceeded")
}

func TestUncertainSendFoundAtTheProviderIsNotResent(t *testing.T) {
	e := newEnv(t)
	id := e.queue(college.Outgoing{Key: "m", Address: "+447700900010", Priority: college.Interactive})
	s := &sender{fails: map[string][]error{"m": {timedOut()}}}
	rec := &reconciler{found: map[string]string{"m": "SMfound"}}
	d := e.dispatcher(outbox.Channel{Name: college.SMS, Sender: s, Reconciler: rec})
	e.flush(d)
	e.advance(time.Hour)
	e.flush(d)

	if r := e.row(id); r.Status != "sent" || r.ProviderID != "SMfound" {
		t.Errorf("%s, want sent as SMfound", describe(r))
	}
	if n := len(s.sent()); n != 1 {
		t.Errorf("sent %d times, want 1", n)
	}
}

func TestUncertainSendNotFoundIsSentOnceMore(t *testing.T) {
	e := newEnv(t)
	id := e.queue(college.Outgoing{Key: "m", Address: "+447700900011", Priority: college.Interactive})
	s := &sender{fails: map[string][]error{"m": {timedOut()}}}
	rec := &reconciler{}
	d := e.dispatcher(outbox.Channel{Name: college.SMS, Sender: s, Reconciler: rec})
	e.flush(d)
	if r := e.row(id); r.Status != "pending" || r.ProviderID != "" {
		t.Fatalf("after a time-out not found: %s, want pending", describe(r))
	}
	e.advance(testBackoff)
	e.flush(d)
	e.advance(time.Hour)
	e.flush(d)

	if r := e.row(id); r.Status != "sent" || r.ProviderID != "SM-m" || r.Attempts != 2 {
		t.Errorf("%s, want sent as SM-m at attempt 2", describe(r))
	}
	if got, want := s.sent(), []string{"m", "m"}; !reflect.DeepEqual(got, want) {
		t.Errorf("sent %v, want %v", got, want)
	}
	// Looked up at once, and again before sending it again.
	if got, want := rec.lookups, []string{"m", "m"}; !reflect.DeepEqual(got, want) {
		t.Errorf("looked up %v, want %v", got, want)
	}
}

func TestUncertainSendWithAStatusCallbackNeedsNoLookup(t *testing.T) {
	e := newEnv(t)
	id := e.queue(college.Outgoing{Key: "m", Address: "+447700900012", Priority: college.Interactive})
	s := &sender{fails: map[string][]error{"m": {timedOut()}}}
	// The provider took the message and its callback came while we waited.
	s.onSend = func(q college.Queued) {
		if err := e.UpdateDelivery(t.Context(), q.ID, college.Delivery{ProviderID: "SMcb", Status: "queued", Segments: 2}); err != nil {
			t.Error(err)
		}
	}
	rec := &reconciler{}
	e.flush(e.dispatcher(outbox.Channel{Name: college.SMS, Sender: s, Reconciler: rec}))

	if r := e.row(id); r.Status != "sent" || r.ProviderID != "SMcb" || r.Segments != 2 {
		t.Errorf("%s, want sent as SMcb", describe(r))
	}
	if len(rec.lookups) != 0 || len(s.sent()) != 1 {
		t.Errorf("looked up %v and sent %v, want neither again", rec.lookups, s.sent())
	}
}

func TestUncertainSendIsNeverResentWithoutALookup(t *testing.T) {
	e := newEnv(t)
	id := e.queue(college.Outgoing{Key: "m", Address: "+447700900013", Priority: college.Interactive})
	s := &sender{fails: map[string][]error{"m": {timedOut()}}}
	rec := &reconciler{errs: []error{errors.New("503 from the list API")}, found: map[string]string{}}
	d := e.dispatcher(outbox.Channel{Name: college.SMS, Sender: s, Reconciler: rec})
	e.flush(d)
	if r := e.row(id); r.Status != "pending" {
		t.Fatalf("after a failed look-up: %s, want pending", describe(r))
	}
	// Meanwhile the provider's list catches up: it had the message.
	rec.found["m"] = "SMlate"
	e.advance(testBackoff)
	e.flush(d)

	if r := e.row(id); r.Status != "sent" || r.ProviderID != "SMlate" {
		t.Errorf("%s, want sent as SMlate", describe(r))
	}
	if n := len(s.sent()); n != 1 {
		t.Errorf("sent %d times, want 1", n)
	}
}

func TestUncertainSendWithoutAReconcilerIsRetried(t *testing.T) {
	e := newEnv(t)
	id := e.queue(college.Outgoing{Key: "m", Channel: college.Telegram, Address: "12345", Priority: college.Interactive})
	s := &sender{fails: map[string][]error{"m": {timedOut()}}}
	d := e.dispatcher(outbox.Channel{Name: college.Telegram, Sender: s})
	e.flush(d)
	e.advance(testBackoff)
	e.flush(d)
	if r := e.row(id); r.Status != "sent" || len(s.sent()) != 2 {
		t.Errorf("%s after %d sends, want sent after 2", describe(r), len(s.sent()))
	}
}

func TestCrashedClaimIsRetakenAndSentOnce(t *testing.T) {
	tests := []struct {
		label     string
		found     map[string]string // what the provider has
		wantSends int
		wantID    string
	}{
		{"the crash came before the send", nil, 1, "SM-m"},
		{"the crash came after the send", map[string]string{"m": "SMbefore"}, 0, "SMbefore"},
	}
	for _, tc := range tests {
		t.Run(tc.label, func(t *testing.T) {
			e := newEnv(t)
			id := e.queue(college.Outgoing{Key: "m", Address: "+447700900014", Priority: college.Interactive})
			// A dispatcher claimed it, then died.
			if _, err := e.Claim(t.Context(), college.ClaimFilter{Channel: college.SMS, Lease: 2 * time.Minute}); err != nil {
				t.Fatal(err)
			}
			s, rec := &sender{}, &reconciler{found: tc.found}
			d := e.dispatcher(outbox.Channel{Name: college.SMS, Sender: s, Reconciler: rec})
			e.flush(d)
			if n := len(s.sent()); n != 0 {
				t.Fatalf("sent %d while the lease held", n)
			}
			e.advance(2*time.Minute + time.Second)
			e.flush(d)
			e.advance(time.Hour)
			e.flush(d)

			if r := e.row(id); r.Status != "sent" || r.ProviderID != tc.wantID || r.Attempts != 2 {
				t.Errorf("%s, want sent as %s at attempt 2", describe(r), tc.wantID)
			}
			if n := len(s.sent()); n != tc.wantSends {
				t.Errorf("sent %d times, want %d", n, tc.wantSends)
			}
		})
	}
}

// stallingSender never hears back from its provider: each send lasts until
// its context ends, and the error it returns says nothing of the outcome.
type stallingSender struct{ calls int }

func (s *stallingSender) Send(ctx context.Context, _ college.Queued) (college.Receipt, error) {
	s.calls++
	<-ctx.Done()
	return college.Receipt{}, ctx.Err()
}

func TestOurOwnSendTimeoutIsReconciled(t *testing.T) {
	e := newEnv(t)
	id := e.queue(college.Outgoing{Key: "m", Address: "+447700900015", Priority: college.Interactive})
	s := &stallingSender{}
	rec := &reconciler{found: map[string]string{"m": "SMslow"}}
	d := e.dispatcher(outbox.Channel{Name: college.SMS, Sender: s, Reconciler: rec})
	d.SendTimeout = time.Millisecond
	e.flush(d)

	if r := e.row(id); r.Status != "sent" || r.ProviderID != "SMslow" {
		t.Errorf("%s, want sent as SMslow", describe(r))
	}
	if s.calls != 1 || len(rec.lookups) != 1 {
		t.Errorf("%d sends and %d look-ups, want 1 of each", s.calls, len(rec.lookups))
	}
}
