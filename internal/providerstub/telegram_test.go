package providerstub_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"

	"collegebot/internal/college"
	"collegebot/internal/providerstub"
	"collegebot/internal/telegram"
)

// startTelegram serves a stub Bot API for the test.
func startTelegram(t *testing.T, f providerstub.Faults) *providerstub.Telegram {
	t.Helper()
	tg, err := providerstub.StartTelegram("", botToken, f)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tg.Close() })
	return tg
}

// telegramSender is collegebot's sender, on the real go-telegram/bot
// client, pointed at the stub; it gives up on a call after timeout.
func telegramSender(t *testing.T, base, token string, timeout time.Duration) *telegram.Sender {
	t.Helper()
	s, err := telegram.NewSender(telegram.Config{Token: token, ServerURL: base,
		HTTPClient: &http.Client{Timeout: timeout}})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestTelegramTakesMessagesAndEdits(t *testing.T) {
	tg := startTelegram(t, providerstub.Faults{})
	s := telegramSender(t, tg.URL(), botToken, 10*time.Second)
	q := text(1, "5000000001", "Pick a course")
	q.Choices = []college.Choice{{Label: "Book", Command: "join MH1"}}
	r, err := s.Send(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	edit := text(2, q.Address, "Booked")
	edit.Edit = r.ProviderID
	if _, err := s.Send(t.Context(), edit); err != nil {
		t.Fatal(err)
	}
	other, err := s.Send(t.Context(), text(3, "5000000002", "Hello"))
	if err != nil {
		t.Fatal(err)
	}
	sent := tg.Sent()
	if len(sent) != 3 || r.ProviderID != "1" || other.ProviderID != "3" || sent[0].ID != "1" || sent[1].ID != "1" || sent[2].ID != "3" {
		t.Fatalf("the stub holds %+v; the sender was told %q and %q", sent, r.ProviderID, other.ProviderID)
	}
	if !sent[1].Edit || sent[1].Text != "Booked" || sent[0].Edit || sent[0].To != q.Address {
		t.Errorf("the stub holds %+v, want a message and its edit", sent)
	}
	if got := tg.SentTo(q.Address); len(got) != 1 || got[0] != q.Text {
		t.Errorf("SentTo = %q, want the message without its edit", got)
	}
}

func TestTelegramRefusesAnotherBotsToken(t *testing.T) {
	tg := startTelegram(t, providerstub.Faults{})
	s := telegramSender(t, tg.URL(), "999:another-bot", 10*time.Second)
	if _, err := s.Send(t.Context(), text(1, "5000000003", "Hello")); err == nil {
		t.Fatal("another bot's token was accepted")
	}
	if tg.Count() != 0 {
		t.Errorf("the stub took %d messages", tg.Count())
	}
}

func TestTelegramFaults(t *testing.T) {
	for fault := range faultErrors {
		t.Run(string(fault), func(t *testing.T) {
			tg := startTelegram(t, failing(fault))
			sendFailing(t, tg, telegramSender(t, tg.URL(), botToken, 200*time.Millisecond), fault, text(1, "5000000004", "Hello"))
		})
	}
}

// TestFaultShare sends many messages through a stub failing a fifth of
// them: with a fixed seed the same calls fail each time.
func TestFaultShare(t *testing.T) {
	const calls = 1000
	f := providerstub.Faults{Share: 0.2, Seed: 7, Hold: time.Nanosecond}
	first := faultsOver(t, f, calls)
	failed := 0
	for _, n := range first {
		failed += n
	}
	// Exact for the seed: a change to the dice shows here.
	want := map[providerstub.Fault]int{providerstub.Fail500: 49, providerstub.Fail429: 49,
		providerstub.FailTimeout: 50, providerstub.FailGone: 47}
	for k, n := range want {
		if first[k] != n {
			t.Errorf("%d calls failed with %s, want %d (all: %v)", first[k], k, n, first)
		}
	}
	if failed < calls*17/100 || failed > calls*23/100 {
		t.Errorf("%d of %d calls failed, want about a fifth", failed, calls)
	}
	again := faultsOver(t, f, calls)
	for k, n := range first {
		if again[k] != n {
			t.Errorf("with the same seed %s failed %d times, then %d", k, n, again[k])
		}
	}
}

// faultsOver makes n sendMessage calls to a stub with faults f over plain
// HTTP and returns how many failed with each fault, checking that each
// call was either accepted or refused.
func faultsOver(t *testing.T, f providerstub.Faults, n int) map[providerstub.Fault]int {
	t.Helper()
	tg := startTelegram(t, f)
	for i := range n {
		body := `{"chat_id":5000000005,"text":"message ` + strconv.Itoa(i) + `"}`
		resp, err := http.Post(tg.URL()+"/bot"+botToken+"/sendMessage", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	calls, faults := tg.Calls()
	if calls != n || tg.Count()+len(tg.Refused()) != n {
		t.Errorf("%d calls counted, %d accepted and %d refused, of %d made", calls, tg.Count(), len(tg.Refused()), n)
	}
	held := 0
	for _, s := range tg.Sent() {
		if s.Held {
			held++
		}
	}
	if held != faults[providerstub.FailTimeout] {
		t.Errorf("%d accepted messages are held, %d calls timed out", held, faults[providerstub.FailTimeout])
	}
	return faults
}

// The stub answers the set-up calls as Telegram does, through the real
// go-telegram/bot client: getMe (sent with an empty body, which is not a
// call cut short), and a webhook that getWebhookInfo reports as set.
func TestTelegramKnowsItsBotAndWebhook(t *testing.T) {
	tg := startTelegram(t, providerstub.Faults{})
	b, err := telegram.NewBot(telegram.Config{Token: botToken, ServerURL: tg.URL()})
	if err != nil {
		t.Fatal(err)
	}
	tg.SetUsername("RiversideCollegeBot")
	if me, err := b.GetMe(t.Context()); err != nil || me.Username != "RiversideCollegeBot" {
		t.Fatalf("GetMe = %+v, %v", me, err)
	}
	const hook = "https://college.example/telegram/webhook"
	if _, err := b.SetWebhook(t.Context(), &tgbot.SetWebhookParams{URL: hook, SecretToken: "s3cret"}); err != nil {
		t.Fatal(err)
	}
	if info, err := b.GetWebhookInfo(t.Context()); err != nil || info.URL != hook {
		t.Fatalf("after setWebhook, GetWebhookInfo = %+v, %v", info, err)
	}
	if _, err := b.DeleteWebhook(t.Context(), &tgbot.DeleteWebhookParams{}); err != nil {
		t.Fatal(err)
	}
	if info, err := b.GetWebhookInfo(t.Context()); err != nil || info.URL != "" {
		t.Fatalf("after deleteWebhook, GetWebhookInfo = %+v, %v", info, err)
	}
	set := tg.Params("setWebhook")
	if len(set) != 1 || set[0]["url"] != hook || set[0]["secret_token"] != "s3cret" || len(tg.Params("getMe")) != 1 {
		t.Errorf("setWebhook calls %v, getMe calls %v", set, tg.Params("getMe"))
	}
	tg.SetWebhook(hook)
	if info, err := b.GetWebhookInfo(t.Context()); err != nil || info.URL != hook {
		t.Errorf("after SetWebhook, GetWebhookInfo = %+v, %v", info, err)
	}
}

// A message's buttons are recorded with it, and OnAccept sees it.
func TestTelegramRecordsMarkup(t *testing.T) {
	tg := startTelegram(t, providerstub.Faults{})
	seen := make(chan providerstub.Sent, 1)
	tg.OnAccept(func(m providerstub.Sent) { seen <- m })
	q := text(1, "5000000007", "Pick a course")
	q.Choices = []college.Choice{{Label: "Book", Command: "join MH1"}}
	if _, err := telegramSender(t, tg.URL(), botToken, 0).Send(t.Context(), q); err != nil {
		t.Fatal(err)
	}
	sent := tg.Sent()
	if len(sent) != 1 || !strings.Contains(sent[0].Markup, "join MH1") {
		t.Fatalf("the stub holds %+v, want the message with its button", sent)
	}
	if m := <-seen; m.ID != sent[0].ID || m.Markup != sent[0].Markup {
		t.Errorf("OnAccept saw %+v", m)
	}
}
