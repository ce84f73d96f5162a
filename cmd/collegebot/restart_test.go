package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/providerstub"
)

// TestRestartAnswersWhatWasStored is a crash after Twilio's webhook was
// stored and answered but before it was handled: the next start handles it
// and the student gets their reply once.
func TestRestartAnswersWhatWasStored(t *testing.T) {
	db := seededDB(t)
	cfg, _ := configFromEnv(envOf("COLLEGEBOT_DB", db))
	a, err := openApp(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	in := college.Inbound{Channel: college.SMS, Address: "+447700900601", ProviderID: "SM" + strings.Repeat("1", 32),
		Text: "courses", Received: time.Now()}
	if _, _, err := a.db.SaveInbound(context.Background(), in, ""); err != nil {
		t.Fatal(err)
	}
	a.Close()

	tw := newStubTwilio(t)
	s := startServer(t, db, tw)
	tw.waitFor(in.Address, 2)
	s.stop() // waits for the sends in flight
	if got := tw.bodies(in.Address); len(got) != 2 || !strings.Contains(got[1], "Our courses by topic:") {
		t.Errorf("after the restart the student got %q, want the welcome and the topics once", got)
	}
}

// TestRestartSendsAQueuedReplyOnce is a stop while Twilio was failing: the
// reply stayed queued, and the next start sends it, once.
func TestRestartSendsAQueuedReplyOnce(t *testing.T) {
	db := seededDB(t)
	down := startStubTwilio(t, providerstub.Faults{Share: 1, Kinds: []providerstub.Fault{providerstub.Fail500}})
	s := startServer(t, db, down)
	const kim = "+447700900602"
	if resp := s.text(kim, "SM"+strings.Repeat("2", 32), "help"); resp.StatusCode != 200 {
		t.Fatalf("webhook status %d", resp.StatusCode)
	}
	waitOutbox(t, s, kim)
	s.stop()

	up := newStubTwilio(t)
	s = startServer(t, db, up)
	up.waitFor(kim, 2)
	s.stop()
	if got := up.bodies(kim); len(got) != 2 || !strings.Contains(got[1], "01924 000 000") {
		t.Errorf("after the restart the student got %q, want the welcome and the help once", got)
	}
	if n := len(down.bodies(kim)); n != 0 {
		t.Errorf("the failing Twilio recorded %d sends", n)
	}
}

// waitOutbox waits until the engine has handled the inbox.
func waitOutbox(t *testing.T, s *server, addr string) {
	t.Helper()
	eventually(t, func() bool {
		pending, err := s.m.db.PendingInbound(context.Background(), 0)
		return err == nil && len(pending) == 0
	}, func() string { return "the inbox was not handled" })
}

// TestRestartAnswersAStoredTelegramUpdate is the crash between storing a
// Telegram update and handling it: the next start answers it once.
func TestRestartAnswersAStoredTelegramUpdate(t *testing.T) {
	db := seededDB(t)
	cfg, _ := configFromEnv(envOf("COLLEGEBOT_DB", db))
	a, err := openApp(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	in := college.Inbound{Channel: college.Telegram, Address: "888", ProviderID: "4242", Text: "COURSES", Received: time.Now()}
	if _, _, err := a.db.SaveInbound(context.Background(), in, ""); err != nil {
		t.Fatal(err)
	}
	a.Close()

	tw, tg := newStubTwilio(t), newStubTelegram(t)
	s := startServer(t, db, tw, "TELEGRAM_BOT_TOKEN", testBotToken, "TELEGRAM_API_URL", tg.URL())
	tg.waitFor("888", 2)
	s.stop()
	got := tg.sent("888")
	if len(got) != 2 || !strings.Contains(got[1].Text, "Our courses by topic:") || !strings.Contains(got[1].Markup, "TOPIC") {
		t.Errorf("after the restart the chat got %v, want the welcome and the topics as buttons, once", got)
	}
	if tg.count("deleteWebhook") != 1 {
		t.Errorf("polling mode did not clear the webhook")
	}
}
