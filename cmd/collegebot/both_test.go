package main

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"collegebot/messages"
)

const tgSecret = "a-webhook-secret-0123456789"

// update posts a Telegram update to the webhook with the given secret.
func (s *server) update(secret, body string) int {
	s.t.Helper()
	req, _ := http.NewRequest("POST", "http://"+s.m.Addr()+"/telegram/webhook", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func tgMessage(id int, fields string) string {
	return fmt.Sprintf(`{"update_id":%d,"message":{"message_id":%d,"date":%d,"chat":{"id":777,"type":"private"},
		"from":{"id":777,"is_bot":false,"first_name":"Robin"},%s}}`, id, id, time.Now().Unix(), fields)
}

// TestServeOneStudentOnBothChannels is Robin, who booked by SMS, opening the
// college's Telegram bot, sharing their number, and booking with a button:
// one record, seen from both.
func TestServeOneStudentOnBothChannels(t *testing.T) {
	tw, tg := newStubTwilio(t), newStubTelegram(t)
	s := startServer(t, seededDB(t), tw, "TELEGRAM_BOT_TOKEN", testBotToken, "TELEGRAM_MODE", "webhook",
		"TELEGRAM_WEBHOOK_SECRET", tgSecret, "TELEGRAM_API_URL", tg.URL())
	cat, _ := messages.Load()
	if tg.count("setWebhook") != 1 || tg.count("setMyCommands") != len(cat.Langs()) { // a menu per language
		t.Fatalf("setWebhook %d, setMyCommands %d: want 1 and %d", tg.count("setWebhook"), tg.count("setMyCommands"), len(cat.Langs()))
	}
	const robin = "+447700900555"
	for i, text := range []string{"JOIN GA1", "Robin", "yes", "yes", "skip", "skip", "skip"} {
		s.text(robin, fmt.Sprintf("SM%032d", i), text)
		tw.waitFor(robin, i+2)
	}
	if code := s.update("wrong-secret-wrong-secret", tgMessage(1, `"text":"/start"`)); code != http.StatusUnauthorized {
		t.Fatalf("wrong secret: %d", code)
	}
	steps := []struct{ update, want string }{
		{tgMessage(1, `"text":"/start"`), "Share your number"},
		{tgMessage(2, `"contact":{"phone_number":"447700900555","first_name":"Robin","user_id":777}`), "This chat now shows the bookings you made by text"},
		{tgMessage(3, `"text":"/my"`), "GA1 Walking football: next"},
		{`{"update_id":4,"callback_query":{"id":"cb4","from":{"id":777,"is_bot":false,"first_name":"Robin"},"chat_instance":"1",
			"data":"JOIN MH1","message":{"message_id":3,"date":1,"chat":{"id":777,"type":"private"},"text":"x"}}}`, "You're booked on MH1"},
	}
	for i, st := range steps {
		if code := s.update(tgSecret, st.update); code != http.StatusOK {
			t.Fatalf("update %d: status %d", i+1, code)
		}
		got := tg.waitFor("777", i+1)
		if text := got[i].Text; !strings.Contains(text, st.want) {
			t.Fatalf("reply to update %d is %q, want it to say %q", i+1, text, st.want)
		}
	}
	if !strings.Contains(tg.sent("777")[0].Markup, "request_contact") {
		t.Errorf("the welcome has no contact button: %s", tg.sent("777")[0].Markup)
	}
	if tg.count("answerCallbackQuery") == 0 {
		t.Error("the button press was not answered")
	}
	s.text(robin, fmt.Sprintf("SM%032d", 99), "my")
	got := tw.waitFor(robin, 9)
	if !strings.Contains(got[8], "GA1 Walking football") || !strings.Contains(got[8], "MH1 Understanding anxiety") {
		t.Errorf("MY by SMS after booking on Telegram: %q", got[8])
	}
}
