package sqlite_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"collegebot/internal/college"
)

func TestEnqueueServesAPurposeOnce(t *testing.T) {
	db := MustOpenDB(t)
	s := db.MustStudent(t, "+447700900050")
	first := message("reminder:1:2:day", s.ID, "+447700900050", college.Routine, time.Time{})
	first.Choices = []college.Choice{{Label: "Apologies", Command: "NO"}}
	second := first
	second.Text = "a second wording"
	db.MustUpdate(t, func(tx college.Tx) error { return enqueueAll(tx, first, second) })

	if n := db.Int(t, `SELECT count(*) FROM outbox`); n != 1 {
		t.Fatalf("outbox rows = %d, want 1", n)
	}
	got := claim(t, db, college.ClaimFilter{Channel: college.SMS})
	first.NotBefore = start() // zero means now
	want := []college.Queued{{ID: got[0].ID, Outgoing: first, Attempts: 1, Created: start()}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("claimed %+v\nwant    %+v", got, want)
	}
}

func TestClaimTakesMostUrgentDueFirst(t *testing.T) {
	db := MustOpenDB(t)
	s := db.MustStudent(t, "+447700900051")
	to := "+447700900051"
	db.MustUpdate(t, func(tx college.Tx) error {
		return enqueueAll(tx,
			// Each to its own number: one conversation's order is
			// TestClaimKeepsEachConversationInOrder's business.
			message("bulk", s.ID, to+"1", college.Bulk, start().Add(-time.Hour)),
			message("routine-late", s.ID, to+"2", college.Routine, start()),
			message("routine-early", s.ID, to+"3", college.Routine, start().Add(-time.Minute)),
			message("reply", s.ID, to+"4", college.Interactive, start()),
			message("future", s.ID, to+"5", college.Interactive, start().Add(time.Minute)))
	})
	got := keys(claim(t, db, college.ClaimFilter{Channel: college.SMS, Limit: 2}))
	if want := []string{"reply", "routine-early"}; !reflect.DeepEqual(got, want) {
		t.Errorf("first claim took %v, want %v", got, want)
	}
	got = keys(claim(t, db, college.ClaimFilter{Channel: college.SMS, Limit: 10}))
	if want := []string{"routine-late", "bulk"}; !reflect.DeepEqual(got, want) {
		t.Errorf("second claim took %v, want %v", got, want)
	}
	if n := db.Int(t, `SELECT count(*) FROM outbox WHERE status = 'sending' AND attempts = 1`); n != 4 {
		t.Errorf("rows sending = %d, want 4", n)
	}
	if got := claim(t, db, college.ClaimFilter{Channel: college.SMS, Limit: 10}); len(got) != 0 {
		t.Errorf("third claim took %v, want nothing", keys(got))
	}
	if got := claim(t, db, college.ClaimFilter{Channel: college.Telegram, Limit: 10}); len(got) != 0 {
		t.Errorf("Telegram claim took %v, want nothing", keys(got))
	}
}

func TestClaimFiltersByAddress(t *testing.T) {
	db := MustOpenDB(t)
	db.MustUpdate(t, func(tx college.Tx) error {
		return enqueueAll(tx,
			message("to-a", 0, "a", college.Interactive, start()),
			message("to-b", 0, "b", college.Interactive, start()))
	})
	got := keys(claim(t, db, college.ClaimFilter{Channel: college.SMS, Address: "b", Limit: 10}))
	if !reflect.DeepEqual(got, []string{"to-b"}) {
		t.Errorf("claimed %v, want [to-b]", got)
	}
}

func TestClaimRetakesALapsedLeaseUntilSent(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	db.MustUpdate(t, func(tx college.Tx) error {
		return tx.Enqueue(message("m", 0, "a", college.Interactive, start()))
	})
	f := college.ClaimFilter{Channel: college.SMS, Lease: time.Minute}
	first := claim(t, db, f)
	db.Advance(time.Minute)
	if got := claim(t, db, f); len(got) != 0 {
		t.Fatalf("claim while leased took %v", keys(got))
	}
	db.Advance(time.Second)
	again := claim(t, db, f)
	if len(again) != 1 || again[0].ID != first[0].ID || again[0].Attempts != 2 {
		t.Fatalf("retaken claim = %+v, want message %d at attempt 2", again, first[0].ID)
	}
	if err := db.MarkSent(ctx, again[0].ID, college.Receipt{ProviderID: "SM42"}); err != nil {
		t.Fatal(err)
	}
	db.Advance(time.Hour)
	if got := claim(t, db, f); len(got) != 0 {
		t.Errorf("claim after sending took %v", keys(got))
	}
	row := db.String(t, `SELECT status || ' ' || provider_id || ' ' || sent_at || ' ' || coalesce(lease_until, '-') FROM outbox`)
	if want := "sent SM42 2026-03-02 09:01:01 -"; row != want {
		t.Errorf("stored %q, want %q", row, want)
	}
}

func TestRetryRequeuesAndFailedStops(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	db.MustUpdate(t, func(tx college.Tx) error {
		return enqueueAll(tx, message("m", 0, "a", college.Routine, start()), message("n", 0, "b", college.Routine, start()))
	})
	got := claim(t, db, college.ClaimFilter{Channel: college.SMS, Limit: 2})
	m, n := got[0].ID, got[1].ID
	if err := db.Retry(ctx, m, start().Add(5*time.Minute), "429 throttled"); err != nil {
		t.Fatal(err)
	}
	if err := db.MarkFailed(ctx, n, "21610 unsubscribed"); err != nil {
		t.Fatal(err)
	}
	if got := claim(t, db, college.ClaimFilter{Channel: college.SMS}); len(got) != 0 {
		t.Fatalf("claim before retry time took %v", keys(got))
	}
	db.Advance(5 * time.Minute)
	if got := claim(t, db, college.ClaimFilter{Channel: college.SMS, Limit: 5}); len(got) != 1 || got[0].ID != m {
		t.Fatalf("claim at retry time = %+v, want message %d only", got, m)
	}
	if s := db.String(t, `SELECT status || ': ' || error FROM outbox WHERE id = ?`, n); s != "failed: 21610 unsubscribed" {
		t.Errorf("failed row = %q", s)
	}
	if err := db.MarkSent(ctx, m, college.Receipt{ProviderID: "SM1"}); err != nil {
		t.Fatal(err)
	}
	if err := db.Retry(ctx, m, start(), "late"); !errors.Is(err, college.ErrConflict) {
		t.Errorf("Retry of a sent message: err = %v, want ErrConflict", err)
	}
	if err := db.MarkSent(ctx, 999, college.Receipt{ProviderID: "SM9"}); !errors.Is(err, college.ErrNotFound) {
		t.Errorf("MarkSent of no message: err = %v, want ErrNotFound", err)
	}
}

func TestRetryCancelsAMessageErasedInFlight(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	s := db.MustStudent(t, "+447700900052")
	db.MustUpdate(t, func(tx college.Tx) error {
		return tx.Enqueue(message("m", s.ID, "+447700900052", college.Interactive, start()))
	})
	q := claim(t, db, college.ClaimFilter{Channel: college.SMS})
	db.MustUpdate(t, func(tx college.Tx) error { return tx.EraseStudent(s.ID) })
	if err := db.Retry(ctx, q[0].ID, start(), "timeout"); err != nil {
		t.Fatal(err)
	}
	if got := db.String(t, `SELECT status FROM outbox`); got != "cancelled" {
		t.Errorf("status = %q, want cancelled", got)
	}
}

// claim claims messages and fails the test on an error.
func claim(t *testing.T, db *TestDB, f college.ClaimFilter) []college.Queued {
	t.Helper()
	qs, err := db.Claim(context.Background(), f)
	if err != nil {
		t.Fatalf("Claim: %v", err)
	}
	return qs
}

// keys returns the keys of queued messages.
func keys(qs []college.Queued) []string {
	var ks []string
	for _, q := range qs {
		ks = append(ks, q.Key)
	}
	return ks
}

// TestClaimKeepsEachConversationInOrder: a reply waiting to be retried
// holds back the next reply to the same number, but not a reply to someone
// else, and a bulk message does not hold back a reply.
func TestClaimKeepsEachConversationInOrder(t *testing.T) {
	db := MustOpenDB(t)
	a := db.MustStudent(t, "+447700900061")
	b := db.MustStudent(t, "+447700900062")
	later := start().Add(time.Minute)
	db.MustUpdate(t, func(tx college.Tx) error {
		return enqueueAll(tx, message("reply:a:1", a.ID, "+447700900061", college.Interactive, time.Time{}))
	})
	first := claim(t, db, college.ClaimFilter{Channel: college.SMS, Limit: 10})
	if err := db.Retry(context.Background(), first[0].ID, later, "429 throttled"); err != nil {
		t.Fatal(err)
	}
	db.MustUpdate(t, func(tx college.Tx) error {
		return enqueueAll(tx,
			message("bulk:a", a.ID, "+447700900061", college.Bulk, time.Time{}),
			message("reply:a:2", a.ID, "+447700900061", college.Interactive, time.Time{}),
			message("reply:b:1", b.ID, "+447700900062", college.Interactive, time.Time{}))
	})
	got := keys(claim(t, db, college.ClaimFilter{Channel: college.SMS, Limit: 10}))
	if want := []string{"reply:b:1"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("claimed %q, want %q: what follows reply:a:1 waits for its retry", got, want)
	}
	db.Now = func() time.Time { return later }
	if got := keys(claim(t, db, college.ClaimFilter{Channel: college.SMS, Limit: 10})); !reflect.DeepEqual(got, []string{"reply:a:1"}) {
		t.Fatalf("then claimed %q, want reply:a:1 alone", got)
	}
}

// TestClaimIsNotHeldUpByWhatIsScheduled: a reminder queued for tomorrow, or
// an offer held to the end of quiet hours, does not hold up tonight's reply
// to the same number; nor does a bulk message queued before it.
func TestClaimIsNotHeldUpByWhatIsScheduled(t *testing.T) {
	db := MustOpenDB(t)
	a := db.MustStudent(t, "+447700900063")
	db.MustUpdate(t, func(tx college.Tx) error {
		return enqueueAll(tx,
			message("news:a", a.ID, "+447700900063", college.Bulk, time.Time{}),
			message("reminder:a", a.ID, "+447700900063", college.Interactive, start().Add(12*time.Hour)),
			message("reply:a", a.ID, "+447700900063", college.Interactive, time.Time{}))
	})
	if got := keys(claim(t, db, college.ClaimFilter{Channel: college.SMS, Limit: 10})); !reflect.DeepEqual(got, []string{"reply:a", "news:a"}) {
		t.Fatalf("claimed %q, want the reply, then the bulk message queued before it", got)
	}
}
