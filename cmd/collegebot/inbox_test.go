package main

import (
	"context"
	"strings"
	"testing"

	"collegebot/internal/college"
	"collegebot/internal/sqlite"
)

// setAsideIn stores inbound messages in the CLI's database and sets them
// aside after six failed tries, as the inbox worker does; it returns
// their ids.
func setAsideIn(t *testing.T, path string, texts ...string) []int64 {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ids []int64
	for i, text := range texts {
		in := college.Inbound{Channel: college.SMS, Address: "+447700900123", Text: text, ProviderID: "SM" + text}
		id, _, err := db.SaveInbound(ctx, in, "")
		if err != nil {
			t.Fatal(err)
		}
		for range 6 {
			if _, err := db.FailedAttempt(ctx, id, "conversation: handling sms message: boom"); err != nil {
				t.Fatal(err)
			}
		}
		err = db.Update(ctx, func(tx college.Tx) error {
			return tx.(interface{ SetAside(int64, string) error }).SetAside(id, "conversation: handling: boom "+string(rune('a'+i)))
		})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

func pendingIn(t *testing.T, path string) []college.Inbound {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ps, err := db.PendingInbound(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func TestInboxListsAndRetriesMessagesSetAside(t *testing.T) {
	c := newCLI(t)
	if out := c.ok("", "inbox", "list"); !strings.Contains(out, "No messages set aside.") {
		t.Fatalf("inbox list on an empty inbox:\n%s", out)
	}
	ids := setAsideIn(t, c.db, "secret words", "more")
	out := c.ok("", "inbox", "list")
	for _, want := range []string{"tries", "sms", "boom a", "boom b", "  6  "} {
		if !strings.Contains(out, want) {
			t.Errorf("inbox list lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "secret") || strings.Contains(out, "+4477") {
		t.Errorf("inbox list shows a message or a number without --show:\n%s", out)
	}
	if out := c.ok("", "inbox", "list", "--show"); !strings.Contains(out, `"secret words"`) {
		t.Errorf("inbox list --show lacks the message:\n%s", out)
	}

	out = c.ok("", "inbox", "retry", "1")
	if !strings.Contains(out, "Put message 1 back in the inbox as 3") {
		t.Errorf("inbox retry 1:\n%s", out)
	}
	ps := pendingIn(t, c.db)
	if len(ps) != 1 || ps[0].ID != 3 || ps[0].Text != "secret words" {
		t.Fatalf("pending after a retry: %+v, want the message back as 3", ps)
	}
	if out := c.ok("", "inbox", "list"); strings.Contains(out, "boom a") || !strings.Contains(out, "boom b") {
		t.Errorf("inbox list after retrying 1:\n%s", out)
	}
	if _, errs, code := c.run("", "inbox", "retry", "1"); code == 0 || !strings.Contains(errs, "no message 1 is set aside") {
		t.Errorf("retrying a message not set aside: exit %d, %s", code, errs)
	}
	if _, errs, code := c.run("", "inbox", "retry", "2", "--all"); code == 0 || !strings.Contains(errs, "or --all") {
		t.Errorf("retry with an id and --all: exit %d, %s", code, errs)
	}
	c.ok("", "inbox", "retry", "--all")
	if out := c.ok("", "inbox", "list"); !strings.Contains(out, "No messages set aside.") {
		t.Errorf("inbox list after retry --all:\n%s", out)
	}
	if ps := pendingIn(t, c.db); len(ps) != 2 || ps[1].Text != "more" || ids[1] == ps[1].ID {
		t.Errorf("pending after retry --all: %+v", ps)
	}
}
