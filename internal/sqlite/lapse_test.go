package sqlite_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"collegebot/internal/college"
)

// TestLapseClaimsRetakesADeadSendersClaimsAtOnce: a sender died holding
// claims with their lease still running; its successor ends them, and the
// next claim takes the messages back, their attempt counted, leaving the
// other channel's claims and what is settled alone.
func TestLapseClaimsRetakesADeadSendersClaimsAtOnce(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	tg := message("tg", 0, "5000000001", college.Interactive, start())
	tg.Channel = college.Telegram
	db.MustUpdate(t, func(tx college.Tx) error {
		return enqueueAll(tx, message("a", 0, "+447700900061", college.Interactive, start()),
			message("b", 0, "+447700900062", college.Interactive, start()),
			message("done", 0, "+447700900063", college.Interactive, start()), tg)
	})
	lease := college.ClaimFilter{Channel: college.SMS, Limit: 10, Lease: 2 * time.Minute}
	claimed := claim(t, db, lease)
	claim(t, db, college.ClaimFilter{Channel: college.Telegram, Lease: 2 * time.Minute})
	if err := db.MarkSent(ctx, claimed[2].ID, college.Receipt{ProviderID: "SM3"}); err != nil {
		t.Fatal(err)
	}
	db.Advance(time.Second) // the process dies and its successor starts
	if got := claim(t, db, lease); len(got) != 0 {
		t.Fatalf("claimed %v while the dead sender's lease runs", keys(got))
	}

	n, err := db.LapseClaims(ctx, college.SMS)
	if err != nil || n != 2 {
		t.Fatalf("LapseClaims = %d, %v; want the 2 claims still held", n, err)
	}
	again := claim(t, db, lease)
	if got := keys(again); !reflect.DeepEqual(got, []string{"a", "b"}) || again[0].Attempts != 2 || again[1].Attempts != 2 {
		t.Errorf("retaken %v at attempts %d and %d; want [a b] at attempt 2, to be reconciled", got, again[0].Attempts, again[1].Attempts)
	}
	if got := claim(t, db, college.ClaimFilter{Channel: college.Telegram}); len(got) != 0 {
		t.Errorf("the Telegram claim was ended too: retaken %v", keys(got))
	}
	if n, err := db.LapseClaims(ctx, college.SMS); n != 2 || err != nil {
		t.Errorf("LapseClaims again = %d, %v; want the 2 new claims", n, err)
	}
	if s := db.String(t, `SELECT status FROM outbox WHERE purpose = 'done'`); s != "sent" {
		t.Errorf("the message sent is %s", s)
	}
}

func TestSentAsFindsTheMessageRecordedWithAProviderID(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	db.MustUpdate(t, func(tx college.Tx) error {
		return enqueueAll(tx, message("a", 0, "+447700900064", college.Interactive, start()))
	})
	qs := claim(t, db, college.ClaimFilter{Channel: college.SMS})
	if err := db.MarkSent(ctx, qs[0].ID, college.Receipt{ProviderID: "SM64"}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		ch   college.Channel
		id   string
		want int64
	}{{college.SMS, "SM64", qs[0].ID}, {college.SMS, "SM65", 0}, {college.Telegram, "SM64", 0}} {
		if got, err := db.SentAs(ctx, c.ch, c.id); got != c.want || err != nil {
			t.Errorf("SentAs(%s, %s) = %d, %v; want %d", c.ch, c.id, got, err, c.want)
		}
	}
}
