package outbox_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/outbox"
)

// deadRun leaves the state a dispatcher killed mid-batch leaves: two
// messages claimed for two minutes, the first of which reached the
// provider (rec knows it), and a reply queued afterwards to the second's
// number, which waits its turn behind it. It returns their ids.
func deadRun(t *testing.T, e *env, rec *reconciler) (arrived, lost, next int64) {
	t.Helper()
	arrived = e.queue(college.Outgoing{Key: "arrived", Address: "+447700900030", Priority: college.Interactive})
	lost = e.queue(college.Outgoing{Key: "lost", Address: "+447700900031", Priority: college.Interactive})
	qs, err := e.Claim(context.Background(), college.ClaimFilter{Channel: college.SMS, Limit: 10, Lease: 2 * time.Minute})
	if err != nil || len(qs) != 2 {
		t.Fatalf("Claim = %d messages, %v", len(qs), err)
	}
	rec.found = map[string]string{"arrived": "SMearlier"}
	next = e.queue(college.Outgoing{Key: "next", Address: "+447700900031", Priority: college.Interactive})
	return arrived, lost, next
}

// runUntil runs d until the sender has made want calls, then stops it.
func runUntil(t *testing.T, d *outbox.Dispatcher, calls <-chan string, want int) []string {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error)
	go func() { done <- d.Run(ctx) }()
	var got []string
	deadline := time.After(30 * time.Second)
	for len(got) < want {
		select {
		case k := <-calls:
			got = append(got, k)
		case <-deadline:
			t.Errorf("only %v were sent", got)
			want = 0
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	return got
}

func TestSoleDispatcherTakesBackADeadRunsClaimsAtOnce(t *testing.T) {
	e := newEnv(t)
	rec := &reconciler{}
	arrived, lost, next := deadRun(t, e, rec)
	s, calls := started()
	close(s.hold)
	d := e.dispatcher(outbox.Channel{Name: college.SMS, Sender: s, Reconciler: rec})
	d.Sole = true

	// The clock stands still: nothing waits for the lease to run out.
	if got := runUntil(t, d, calls, 2); !reflect.DeepEqual(got, []string{"lost", "next"}) {
		t.Errorf("sent %v, want [lost next]: what arrived is not sent again", got)
	}
	if r := e.row(arrived); r.Status != "sent" || r.ProviderID != "SMearlier" {
		t.Errorf("%s, want sent as the earlier attempt", describe(r))
	}
	if r := e.row(lost); r.Status != "sent" || r.ProviderID != "SM-lost" || r.Attempts != 2 {
		t.Errorf("%s, want sent at attempt 2", describe(r))
	}
	if r := e.row(next); r.Status != "sent" {
		t.Errorf("%s, want sent after the message before it", describe(r))
	}
	if got := rec.lookups; !reflect.DeepEqual(got, []string{"arrived", "lost"}) {
		t.Errorf("looked up %v, want both claimed messages", got)
	}
}

func TestADispatcherNotAloneLeavesClaimsToTheirLease(t *testing.T) {
	e := newEnv(t)
	rec := &reconciler{}
	arrived, lost, next := deadRun(t, e, rec)
	other := e.queue(college.Outgoing{Key: "other", Address: "+447700900032", Priority: college.Interactive})
	s, calls := started()
	close(s.hold)
	d := e.dispatcher(outbox.Channel{Name: college.SMS, Sender: s, Reconciler: rec})

	if got := runUntil(t, d, calls, 1); !reflect.DeepEqual(got, []string{"other"}) {
		t.Errorf("sent %v, want only [other]", got)
	}
	for _, id := range []int64{arrived, lost} {
		if r := e.row(id); r.Status != "sending" || r.Attempts != 1 {
			t.Errorf("%s, want still claimed: another dispatcher may hold it", describe(r))
		}
	}
	if r := e.row(next); r.Status != "pending" {
		t.Errorf("%s, want waiting its turn", describe(r))
	}
	if r := e.row(other); r.Status != "sent" {
		t.Errorf("%s, want sent", describe(r))
	}
}
