package sqlite_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"collegebot/internal/college"
)

// A failed try is counted in the inbox row; after the last the message is
// set aside: no longer pending, listed with its tries and error, counted,
// and put back at the end of the inbox by a retry.
func TestInboxSetsAsideAndRetries(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	var ids []int64
	for _, pid := range []string{"a", "b"} {
		id, _, err := db.SaveInbound(ctx, college.Inbound{Channel: college.SMS, Address: "+447700900040",
			ProviderID: pid, Text: "hi " + pid}, "")
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	for want := 1; want <= 3; want++ {
		if n, err := db.FailedAttempt(ctx, ids[0], "boom"); err != nil || n != want {
			t.Fatalf("FailedAttempt = %d, %v; want %d", n, err, want)
		}
	}
	db.MustUpdate(t, func(tx college.Tx) error {
		return tx.(interface{ SetAside(int64, string) error }).SetAside(ids[0], "boom at last")
	})
	if _, err := db.FailedAttempt(ctx, ids[0], "again"); !errors.Is(err, college.ErrNotFound) {
		t.Errorf("FailedAttempt on a message set aside: %v, want ErrNotFound", err)
	}
	if ps, _ := db.PendingInbound(ctx, 0); len(ps) != 1 || ps[0].ID != ids[1] {
		t.Errorf("pending = %+v, want only %d", ps, ids[1])
	}
	ms, err := db.SetAsideMessages(ctx)
	if err != nil || len(ms) != 1 || ms[0].ID != ids[0] || ms[0].Attempts != 3 || ms[0].Error != "boom at last" ||
		ms[0].Text != "hi a" || ms[0].GivenUp.IsZero() {
		t.Fatalf("SetAsideMessages = %+v, %v", ms, err)
	}
	if b, err := db.Backlog(ctx); b.InboxAside != 1 || b.InboxPending != 1 || err != nil {
		t.Errorf("Backlog = %d set aside, %d pending, %v; want 1 and 1", b.InboxAside, b.InboxPending, err)
	}
	id, err := db.RetrySetAside(ctx, ids[0])
	if err != nil || id != ids[1]+1 {
		t.Fatalf("RetrySetAside = %d, %v; want %d", id, err, ids[1]+1)
	}
	if ps, _ := db.PendingInbound(ctx, 0); len(ps) != 2 || ps[1].ID != id || ps[1].Text != "hi a" {
		t.Errorf("pending after a retry = %+v", ps)
	}
	if n, err := db.FailedAttempt(ctx, id, "boom"); n != 1 || err != nil {
		t.Errorf("tries after a retry: FailedAttempt = %d, %v; want them forgotten", n, err)
	}
	if _, err := db.RetrySetAside(ctx, id); !errors.Is(err, college.ErrNotFound) {
		t.Errorf("retrying a message not set aside: %v, want ErrNotFound", err)
	}
}

// A long error is kept short, and never cut through a character.
func TestSetAsideKeepsALongErrorShortAndWhole(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	id, _, err := db.SaveInbound(ctx, college.Inbound{Channel: college.SMS, Address: "+447700900041",
		ProviderID: "long", Text: "hi"}, "")
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("é", 400) // 800 bytes; byte 497 is inside a character
	err = db.Update(ctx, func(tx college.Tx) error {
		return tx.(interface{ SetAside(int64, string) error }).SetAside(id, long)
	})
	if err != nil {
		t.Fatal(err)
	}
	ms, err := db.SetAsideMessages(ctx)
	if err != nil || len(ms) != 1 {
		t.Fatalf("SetAsideMessages = %+v, %v", ms, err)
	}
	if e := ms[0].Error; len(e) > 500 || !utf8.ValidString(e) || !strings.HasSuffix(e, "...") || !strings.HasPrefix(e, "éé") {
		t.Errorf("kept error of %d bytes (valid UTF-8 %v): %q", len(e), utf8.ValidString(e), e)
	}
}
