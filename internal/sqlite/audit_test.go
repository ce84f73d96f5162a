package sqlite_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"collegebot/internal/college"
)

func TestOutboxRowsAndOptedOutShowWhatBecameOfEachMessage(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	gone := "+447700900072"
	db.MustStudent(t, gone)
	db.MustUpdate(t, func(tx college.Tx) error {
		return enqueueAll(tx, message("sent", 0, "+447700900071", college.Interactive, start()),
			message("failed", 0, gone, college.Interactive, start()),
			message("cancelled", 0, gone, college.Routine, start().Add(time.Hour)))
	})
	qs := claim(t, db, college.ClaimFilter{Channel: college.SMS, Limit: 10})
	if err := db.MarkSent(ctx, qs[0].ID, college.Receipt{ProviderID: "SM1"}); err != nil {
		t.Fatal(err)
	}
	if err := db.MarkFailed(ctx, qs[1].ID, "21610 unsubscribed"); err != nil {
		t.Fatal(err)
	}
	if err := db.OptOut(ctx, college.SMS, gone, start()); err != nil {
		t.Fatal(err)
	}

	rows, err := db.OutboxRows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, r.Key+" "+r.Status+" "+r.ProviderID+" "+r.Error)
	}
	want := []string{"sent sent SM1 ", "failed failed  21610 unsubscribed", "cancelled cancelled  opted out"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows %q\nwant %q", got, want)
	}
	out, err := db.OptedOut(ctx, college.SMS)
	if err != nil || !reflect.DeepEqual(out, map[string]bool{gone: true}) {
		t.Errorf("OptedOut = %v, %v; want only %s", out, err, gone)
	}
}

func TestInboxRowsShowWhoWroteAndWhetherItWasHandled(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	var ids []int64
	for _, in := range []college.Inbound{
		{Channel: college.SMS, Address: "+447700900073", ProviderID: "SM73", Text: "courses", Received: start()},
		{Channel: college.Telegram, Address: "5000000073", ProviderID: "73", Text: "my", Received: start()},
	} {
		id, _, err := db.SaveInbound(ctx, in, "")
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	db.Advance(time.Second)
	db.MustUpdate(t, func(tx college.Tx) error { return tx.MarkProcessed(ids[0]) })

	rows, err := db.InboxRows(ctx)
	if err != nil || len(rows) != 2 {
		t.Fatalf("InboxRows = %+v, %v", rows, err)
	}
	if r := rows[0]; r.Channel != college.SMS || r.ProviderID != "SM73" || r.Address != "+447700900073" ||
		!r.Received.Equal(start()) || !r.Processed.Equal(start().Add(time.Second)) {
		t.Errorf("the handled message reads %+v", r)
	}
	if r := rows[1]; r.Channel != college.Telegram || r.Address != "5000000073" || !r.Processed.IsZero() {
		t.Errorf("the waiting message reads %+v", r)
	}
}
