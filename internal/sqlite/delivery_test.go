package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/sqlite"
)

func TestMarkSentRecordsTheProvidersReceipt(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	id := queueOne(t, db, "m", "+447700900060")
	if err := db.MarkSent(ctx, id, college.Receipt{ProviderID: "SM1", Segments: 3}); err != nil {
		t.Fatal(err)
	}
	got := outboxRow(t, db, id)
	if got.Status != "sent" || got.ProviderID != "SM1" || got.Segments != 3 || got.SentAt == nil {
		t.Errorf("after MarkSent: %s", describe(got))
	}
	// No count from the provider keeps ours.
	id = queueOne(t, db, "n", "+447700900060")
	if err := db.MarkSent(ctx, id, college.Receipt{ProviderID: "SM2"}); err != nil {
		t.Fatal(err)
	}
	if got := outboxRow(t, db, id); got.Segments != 1 {
		t.Errorf("segments without a count = %d, want our 1", got.Segments)
	}
}

func TestUpdateDeliveryOnlyMovesForward(t *testing.T) {
	tests := []struct {
		label    string
		statuses []string // callbacks, in the order they arrive
		want     string
	}{
		{"queued is not yet sent", []string{"queued"}, "sending"},
		{"in order", []string{"accepted", "queued", "sending", "sent", "delivered"}, "delivered"},
		{"delivered before sent", []string{"delivered", "sent", "queued"}, "delivered"},
		{"read is delivered", []string{"sent", "read"}, "delivered"},
		{"undelivered is final", []string{"undelivered", "sent", "delivered"}, "undelivered"},
		{"failed is final", []string{"failed", "delivered"}, "failed"},
		{"delivered is final", []string{"delivered", "failed"}, "delivered"},
		{"an unknown word changes nothing", []string{"sent", "exploded"}, "sent"},
		{"case does not matter", []string{"Delivered"}, "delivered"},
	}
	for _, tc := range tests {
		t.Run(tc.label, func(t *testing.T) {
			ctx := context.Background()
			db := MustOpenDB(t)
			id := claimOne(t, db, "m", "+447700900061")
			for _, s := range tc.statuses {
				d := college.Delivery{ProviderID: "SM9", Status: s}
				if err := db.UpdateDelivery(ctx, id, d); err != nil {
					t.Fatalf("UpdateDelivery(%s): %v", s, err)
				}
			}
			if got := outboxRow(t, db, id); got.Status != tc.want || got.ProviderID != "SM9" {
				t.Errorf("after %v: %s; want %s with SM9", tc.statuses, describe(got), tc.want)
			}
		})
	}
}

func TestUpdateDeliveryRecordsSegmentsAndErrorCode(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	id := claimOne(t, db, "m", "+447700900062")
	steps := []college.Delivery{
		{ProviderID: "SM5", Status: "undelivered", Segments: 2, ErrorCode: 30003},
		{ProviderID: "SM5", Status: "sent"},                         // late: changes nothing
		{ProviderID: "SMother", Status: "failed", ErrorCode: 30008}, // after a final status
	}
	for _, d := range steps {
		if err := db.UpdateDelivery(ctx, id, d); err != nil {
			t.Fatal(err)
		}
	}
	got := outboxRow(t, db, id)
	if got.Status != "undelivered" || got.ProviderID != "SM5" || got.Segments != 2 || got.ErrorCode != 30003 {
		t.Errorf("stored %s; want undelivered SM5, 2 segments, code 30003", describe(got))
	}
	if got.SentAt == nil {
		t.Error("sent_at not set by a callback that proves the provider had it")
	}
}

func TestUpdateDeliveryBeforeMarkSent(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	id := claimOne(t, db, "m", "+447700900063")
	if err := db.UpdateDelivery(ctx, id, college.Delivery{ProviderID: "SM7", Status: "delivered", Segments: 2}); err != nil {
		t.Fatal(err)
	}
	// The message is no longer claimable, even once its lease lapses.
	db.Advance(time.Hour)
	if got := claim(t, db, college.ClaimFilter{Channel: college.SMS}); len(got) != 0 {
		t.Errorf("claimed %v after a delivered callback", keys(got))
	}
	if err := db.MarkSent(ctx, id, college.Receipt{ProviderID: "SM7", Segments: 2}); err != nil {
		t.Fatal(err)
	}
	if got := outboxRow(t, db, id); got.Status != "delivered" {
		t.Errorf("MarkSent after delivered: %s", describe(got))
	}
	r, err := db.Receipt(ctx, id)
	if err != nil || r != (college.Receipt{ProviderID: "SM7", Segments: 2}) {
		t.Errorf("Receipt = %+v, %v", r, err)
	}
}

func TestUpdateDeliveryOfNoMessageIsNotFound(t *testing.T) {
	db := MustOpenDB(t)
	err := db.UpdateDelivery(context.Background(), 404, college.Delivery{ProviderID: "SM1", Status: "sent"})
	if !errors.Is(err, college.ErrNotFound) {
		t.Errorf("err = %v, want ErrNotFound", err)
	}
	if _, err := db.Outbox(context.Background(), 404); !errors.Is(err, college.ErrNotFound) {
		t.Errorf("Outbox(404): err = %v, want ErrNotFound", err)
	}
}

func TestOptOutCancelsWhatIsQueuedForTheRecipient(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	gone, other := "+447700900064", "+447700900065"
	db.MustStudent(t, gone)
	sending := claimOne(t, db, "sending", gone)
	pending := queueOne(t, db, "pending", gone)
	sent := queueOne(t, db, "sent", gone)
	if err := db.MarkSent(ctx, sent, college.Receipt{ProviderID: "SM1"}); err != nil {
		t.Fatal(err)
	}
	elsewhere := queueOne(t, db, "elsewhere", other)

	if err := db.OptOut(ctx, college.SMS, gone, time.Time{}); err != nil {
		t.Fatal(err)
	}
	want := map[int64]string{sending: "cancelled opted out", pending: "cancelled opted out",
		sent: "sent ", elsewhere: "pending "}
	for id, w := range want {
		if got := outboxRow(t, db, id); got.Status+" "+got.Error != w {
			t.Errorf("message %s: %s, want %s", got.Key, describe(got), w)
		}
	}
	if got := db.String(t, `SELECT opted_out FROM contact WHERE address = ?`, gone); got != "2026-03-02 09:00:00" {
		t.Errorf("contact opted_out = %q", got)
	}
	// A second report keeps the first time; an unknown address is no error.
	db.Advance(time.Hour)
	if err := db.OptOut(ctx, college.SMS, gone, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := db.OptOut(ctx, college.Telegram, "12345", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if got := db.String(t, `SELECT opted_out FROM contact WHERE address = ?`, gone); got != "2026-03-02 09:00:00" {
		t.Errorf("contact opted_out after a repeat = %q", got)
	}
}

func TestReleaseHandsBackAnUntriedClaim(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	id := claimOne(t, db, "m", "+447700900066")
	if err := db.Release(ctx, id); err != nil {
		t.Fatal(err)
	}
	if got := outboxRow(t, db, id); got.Status != "pending" || got.Attempts != 0 {
		t.Errorf("released: %s, want pending at 0 attempts", describe(got))
	}
	again := claim(t, db, college.ClaimFilter{Channel: college.SMS})
	if len(again) != 1 || again[0].ID != id || again[0].Attempts != 1 {
		t.Fatalf("claim after release = %+v", again)
	}
	// A message sent meanwhile is left alone.
	if err := db.MarkSent(ctx, id, college.Receipt{ProviderID: "SM1"}); err != nil {
		t.Fatal(err)
	}
	if err := db.Release(ctx, id); err != nil {
		t.Fatal(err)
	}
	if got := outboxRow(t, db, id); got.Status != "sent" || got.Attempts != 1 {
		t.Errorf("release of a sent message: %s", describe(got))
	}
}

func TestDeferHandsBackAClaimUntilLater(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	const addr = "+447700900067"
	id := claimOne(t, db, "m", addr)
	// Rounded up to the second: rounded down it would be due at once.
	if err := db.Defer(ctx, id, start().Add(1500*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	got := outboxRow(t, db, id)
	if got.Status != "pending" || got.Attempts != 0 || !got.NotBefore.Equal(start().Add(2*time.Second)) {
		t.Errorf("deferred: %s due %v, want pending at 0 attempts due at +2s", describe(got), got.NotBefore)
	}
	db.Advance(time.Second)
	if again := claim(t, db, college.ClaimFilter{Channel: college.SMS}); len(again) != 0 {
		t.Fatalf("claimed %v before its time", keys(again))
	}
	db.Advance(time.Second)
	again := claim(t, db, college.ClaimFilter{Channel: college.SMS})
	if len(again) != 1 || again[0].ID != id || again[0].Attempts != 1 {
		t.Fatalf("claim when due = %+v", again)
	}
	// Never earlier than the message's own time; a message not being
	// sent is left alone.
	if err := db.Defer(ctx, id, start()); err != nil {
		t.Fatal(err)
	}
	if got := outboxRow(t, db, id); !got.NotBefore.Equal(start().Add(2 * time.Second)) {
		t.Errorf("deferred to an earlier time: due %v", got.NotBefore)
	}
	if err := db.Defer(ctx, id, start().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got := outboxRow(t, db, id); got.Status != "pending" || !got.NotBefore.Equal(start().Add(2*time.Second)) {
		t.Errorf("deferring a pending message: %s due %v", describe(got), got.NotBefore)
	}
}

// queueOne queues a message to an SMS address and returns its id.
func queueOne(t *testing.T, db *TestDB, key, addr string) int64 {
	t.Helper()
	db.MustUpdate(t, func(tx college.Tx) error {
		return tx.Enqueue(message(key, 0, addr, college.Interactive, start()))
	})
	return int64(db.Int(t, `SELECT id FROM outbox WHERE purpose = ?`, key))
}

// claimOne queues a message and claims it, as a sender would.
func claimOne(t *testing.T, db *TestDB, key, addr string) int64 {
	t.Helper()
	id := queueOne(t, db, key, addr)
	got := claim(t, db, college.ClaimFilter{Channel: college.SMS, Address: addr})
	if len(got) != 1 || got[0].ID != id {
		t.Fatalf("claimed %+v, want message %d", got, id)
	}
	return id
}

// outboxRow reads a message as stored.
func outboxRow(t *testing.T, db *TestDB, id int64) sqlite.OutboxRow {
	t.Helper()
	r, err := db.Outbox(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// describe says what became of a message, for failure messages.
func describe(r sqlite.OutboxRow) string {
	return fmt.Sprintf("%s %q provider %q segments %d code %d attempts %d error %q",
		r.Key, r.Status, r.ProviderID, r.Segments, r.ErrorCode, r.Attempts, r.Error)
}
