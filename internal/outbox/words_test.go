package outbox_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/outbox"
)

// byWords is a provider that, like Twilio, carries no key of ours: a
// message it took is found again only by its address and words, newest
// first.
type byWords struct {
	mu   sync.Mutex
	took []college.Queued // each with its provider id as Key
}

// Send implements college.Sender.
func (p *byWords) Send(_ context.Context, q college.Queued) (college.Receipt, error) {
	return college.Receipt{ProviderID: p.take(q)}, nil
}

// take records q as taken and returns its provider id.
func (p *byWords) take(q college.Queued) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	q.Key = fmt.Sprintf("SM%d", len(p.took)+1)
	p.took = append(p.took, q)
	return q.Key
}

// Lookup implements college.Reconciler.
func (p *byWords) Lookup(_ context.Context, q college.Queued) (college.Receipt, bool, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, m := range slices.Backward(p.took) {
		if m.Address == q.Address && m.Text == q.Text {
			return college.Receipt{ProviderID: m.Key}, true, nil
		}
	}
	return college.Receipt{}, false, nil
}

// sameWords queues a message of the same words to the same number.
func (e *env) sameWords(key string) int64 {
	e.t.Helper()
	o := college.Outgoing{Key: key, Channel: college.SMS, Address: "+447700900040", Kind: college.KindReply,
		Priority: college.Interactive, Reply: college.Reply{Text: bodyPrefix + "the topic list"}}
	if err := e.Update(context.Background(), func(tx college.Tx) error { return tx.Enqueue(o) }); err != nil {
		e.t.Fatal(err)
	}
	var id int64
	if err := e.raw.QueryRow(`SELECT id FROM outbox WHERE purpose = ?`, key).Scan(&id); err != nil {
		e.t.Fatal(err)
	}
	return id
}

// TestALostAttemptIsNotTakenForAnEarlierMessageWithTheSameWords: a student
// was sent the topic list, then asked for it again; the dispatcher died
// with the second in hand. Looked up by its words, the first is found, but
// it is already the first's: the second is sent, not taken as sent and
// lost. Had its attempt arrived, it would be the newer, and is taken.
func TestALostAttemptIsNotTakenForAnEarlierMessageWithTheSameWords(t *testing.T) {
	for _, arrived := range []bool{false, true} {
		t.Run(fmt.Sprint("arrived=", arrived), func(t *testing.T) {
			e := newEnv(t)
			p := &byWords{}
			d := e.dispatcher(outbox.Channel{Name: college.SMS, Sender: p, Reconciler: p})
			first := e.sameWords("first")
			e.flush(d)
			second := e.sameWords("second")
			qs, err := e.Claim(context.Background(), college.ClaimFilter{Channel: college.SMS, Lease: time.Minute})
			if err != nil || len(qs) != 1 {
				t.Fatalf("Claim = %v, %v", qs, err)
			}
			if arrived {
				p.take(qs[0]) // and the dispatcher died before recording it
			}
			e.advance(2 * time.Minute)
			e.flush(d)

			if r := e.row(first); r.Status != "sent" || r.ProviderID != "SM1" {
				t.Errorf("%s, want sent as SM1", describe(r))
			}
			if r := e.row(second); r.Status != "sent" || r.ProviderID != "SM2" {
				t.Errorf("%s, want sent as SM2, its own", describe(r))
			}
			if n := len(p.took); n != 2 {
				t.Errorf("the provider took %d messages, want 2: each once", n)
			}
		})
	}
}
