package sqlite_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"collegebot/internal/college"
)

// TestBacklogCountsWhatWaits: unsent messages by channel with the longest
// due (a lapsed claim included), unprocessed inbound messages with the
// oldest, open and unacknowledged alerts, and each job's last success.
func TestBacklogCountsWhatWaits(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	s := db.MustStudent(t, "+447700900060")
	tg := message("tg", s.ID, "4242", college.Interactive, start().Add(-time.Minute))
	tg.Channel = college.Telegram
	db.MustUpdate(t, func(tx college.Tx) error {
		return enqueueAll(tx,
			message("a", s.ID, "+447700900061", college.Routine, start().Add(-10*time.Minute)),
			message("b", s.ID, "+447700900062", college.Routine, start().Add(-5*time.Minute)),
			message("later", s.ID, "+447700900063", college.Bulk, start().Add(time.Hour)),
			message("sent", s.ID, "+447700900064", college.Bulk, start().Add(-time.Hour)), tg)
	})
	if _, err := db.Raw(t).Exec(`UPDATE outbox SET status = 'sent', attempts = 1 WHERE purpose = 'sent'`); err != nil {
		t.Fatal(err)
	}
	if got := keys(claim(t, db, college.ClaimFilter{Channel: college.SMS, Limit: 1})); !reflect.DeepEqual(got, []string{"a"}) {
		t.Fatalf("claimed %v, want a", got)
	}
	db.received(t, "SM1", start().Add(-40*time.Second), true)
	db.received(t, "SM2", start().Add(-30*time.Second), false)
	db.received(t, "SM3", start().Add(-10*time.Second), false)
	db.alerts(t)
	db.runs(t)

	b, err := db.Backlog(ctx, "due", "retention")
	if err != nil {
		t.Fatal(err)
	}
	want := college.Backlog{At: start(),
		// a is being sent, under its lease: b is the longest due.
		Outbox: map[college.Channel]college.OutboxDepth{
			college.SMS:      {Pending: 3, OldestDue: start().Add(-5 * time.Minute)},
			college.Telegram: {Pending: 1, OldestDue: start().Add(-time.Minute)},
		},
		InboxPending: 2, InboxOldest: start().Add(-30 * time.Second),
		AlertsOpen: 2, AlertsUnseen: 1,
		LastSuccess: map[string]time.Time{"due": start().Add(-2*time.Minute + 300*time.Millisecond)},
	}
	if !reflect.DeepEqual(b, want) {
		t.Errorf("Backlog =\n%+v\nwant\n%+v", b, want)
	}

	// Its sender died: once the lease lapses a is due again, and oldest.
	db.Advance(3 * time.Minute)
	b, err = db.Backlog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.Outbox[college.SMS]; got.Pending != 3 || !got.OldestDue.Equal(start().Add(-10*time.Minute)) {
		t.Errorf("after the lease lapsed: SMS %+v, want 3 due since %s", got, start().Add(-10*time.Minute))
	}
	if len(b.LastSuccess) != 0 {
		t.Errorf("no job asked about, LastSuccess = %v", b.LastSuccess)
	}
}

func TestBacklogOfAnEmptyDatabase(t *testing.T) {
	db := MustOpenDB(t)
	b, err := db.Backlog(context.Background(), "due")
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Outbox) != 0 || b.InboxPending != 0 || !b.InboxOldest.IsZero() || b.AlertsOpen != 0 || len(b.LastSuccess) != 0 {
		t.Errorf("Backlog of nothing = %+v", b)
	}
	if at, err := db.LastSuccess(context.Background(), "due"); err != nil || !at.IsZero() {
		t.Errorf("LastSuccess of a job never run = %v, %v", at, err)
	}
}

// received stores an inbound message received at a time, processed or not.
func (d *TestDB) received(tb testing.TB, sid string, at time.Time, processed bool) {
	tb.Helper()
	in := college.Inbound{Channel: college.SMS, Address: "+447700900065", ProviderID: sid, Text: "hi", Received: at}
	id, _, err := d.SaveInbound(context.Background(), in, "")
	if err != nil {
		tb.Fatal(err)
	}
	if processed {
		d.MustUpdate(tb, func(tx college.Tx) error { return tx.MarkProcessed(id) })
	}
}

// alerts raises three alerts: one left alone, one acknowledged, one cleared.
func (d *TestDB) alerts(tb testing.TB) {
	tb.Helper()
	now := start()
	for i, change := range []func(*college.Alert){
		func(*college.Alert) {},
		func(a *college.Alert) { a.Acked, a.AckedBy = &now, "Sue" },
		func(a *college.Alert) { a.Acked, a.Cleared, a.ClearedBy = &now, &now, "Sue" },
	} {
		a := d.raise(tb, d.MustStudent(tb, "+44770090007"+string(rune('0'+i))).ID)
		change(&a)
		d.MustUpdate(tb, func(tx college.Tx) error { return tx.SaveAlert(a) })
	}
}

// runs records due's runs: a success, then a failure, then one that never
// finished; and none of retention.
func (d *TestDB) runs(tb testing.TB) {
	tb.Helper()
	ctx := context.Background()
	for i, failure := range []string{"", "database is locked", "-"} {
		begin := start().Add(time.Duration(i-3) * time.Minute)
		id, err := d.StartRun(ctx, "due", begin)
		if err != nil {
			tb.Fatal(err)
		}
		if failure == "-" {
			continue
		}
		if err := d.FinishRun(ctx, id, begin.Add(time.Minute+300*time.Millisecond), nil, failure); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkBacklogDuringABroadcast reads the backlog with 100,000 messages
// waiting, as during a college-wide broadcast: what a scrape costs.
func BenchmarkBacklogDuringABroadcast(b *testing.B) {
	db := MustOpenDB(b)
	_, err := db.Raw(b).Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
		INSERT INTO outbox (purpose, channel, address, kind, priority, body, not_before, created_at)
		SELECT 'b:' || i, CASE WHEN i % 4 = 0 THEN 'telegram' ELSE 'sms' END, '+44' || i, 'news', 3, 'x',
			'2026-03-02 08:00:00', '2026-03-02 08:00:00' FROM n`)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := db.Backlog(context.Background(), "due", "digest", "retention", "alerts"); err != nil {
			b.Fatal(err)
		}
	}
}
