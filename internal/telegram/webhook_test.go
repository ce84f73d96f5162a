package telegram_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/sqlite"
	"collegebot/internal/telegram"
)

// answers records the callback ids a handler answered.
type answers struct {
	mu  sync.Mutex
	ids []string
	got chan string
}

func newAnswers() *answers { return &answers{got: make(chan string, 10)} }

func (a *answers) answer(id string) {
	a.mu.Lock()
	a.ids = append(a.ids, id)
	a.mu.Unlock()
	a.got <- id
}

// wait waits for n answers and returns their ids.
func (a *answers) wait(t *testing.T, n int) []string {
	t.Helper()
	var ids []string
	for range n {
		select {
		case id := <-a.got:
			ids = append(ids, id)
		case <-time.After(5 * time.Second):
			t.Fatalf("answered %v, want %d answers", ids, n)
		}
	}
	return ids
}

// newHandler returns a webhook handler, its mux and a count of wakes.
func newHandler(inbox telegram.Inbox, answer func(string)) (*telegram.Handler, *http.ServeMux, *int) {
	wakes := new(int)
	h := &telegram.Handler{Secret: secret, Inbox: inbox, Answer: answer, Wake: func() { *wakes++ }, Log: quiet()}
	mux := http.NewServeMux()
	h.Register(mux)
	return h, mux, wakes
}

// deliver posts an update to the webhook as Telegram does.
func deliver(t testing.TB, h http.Handler, body, secretToken string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "http://10.0.0.7:8080/telegram/webhook", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	if secretToken != "" {
		r.Header.Set("X-Telegram-Bot-Api-Secret-Token", secretToken)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// newOrigin is a forward_origin of a kind go-telegram/bot v1.19.0 does not
// know, which makes its models refuse the whole update.
const newOrigin = `"forward_origin":{"type":"hologram","date":1767225000}`

func TestWebhook(t *testing.T) {
	join := text("JOIN MH1")
	press := callback(message("private", 5551234, `"text":"MH1 is full."`), "WAIT MH1")
	tests := []struct {
		label    string
		body     string
		secret   string
		status   int
		want     *college.Inbound // stored; nil when nothing may be
		answered string           // a callback id answered
	}{
		{label: "text", body: join, secret: secret, status: 200,
			want: &college.Inbound{ProviderID: "7001", Address: "5551234", Text: "JOIN MH1"}},
		{label: "button press", body: press, secret: secret, status: 200,
			want: &college.Inbound{ProviderID: "7001", Address: "5551234", Text: "WAIT MH1"}, answered: "cb7001"},
		{label: "wrong secret", body: join, secret: "not-the-secret", status: 401},
		{label: "secret differing in the last character", body: join, secret: secret[:len(secret)-1] + "X", status: 401},
		{label: "missing secret", body: join, status: 401},
		{label: "malformed JSON", body: `{"update_id":7001,"message":`, secret: secret, status: 400},
		{label: "not an object", body: `[1,2]`, secret: secret, status: 400},
		{label: "no update_id", body: `{"message":{"text":"hi"}}`, secret: secret, status: 400},
		{label: "over 1 MiB", body: `{"update_id":7001,"pad":"` + strings.Repeat("x", 1<<20) + `"}`, secret: secret, status: 413},
		{label: "group message ignored", body: update("message", message("supergroup", -1004001, `"text":"JOIN MH1"`)), secret: secret, status: 200},
		{label: "unknown kind ignored", body: `{"update_id":7001,"new_update_kind":{"x":1}}`, secret: secret, status: 200},
		{label: "unreadable by the models, ignored", body: membership("private", "member", "promoted_to_wizard"), secret: secret, status: 200},
		{label: "text the models cannot read, salvaged", body: update("message", message("private", 5551234, newOrigin+`,"text":"JOIN MH1"`)),
			secret: secret, status: 200, want: &college.Inbound{ProviderID: "7001", Address: "5551234", Text: "JOIN MH1"}},
		{label: "button the models cannot read, salvaged", body: callback(message("private", 5551234, newOrigin+`,"text":"x"`), "JOIN MH1"),
			secret: secret, status: 200, want: &college.Inbound{ProviderID: "7001", Address: "5551234", Text: "JOIN MH1"}, answered: "cb7001"},
		{label: "button in a group: answered, not stored", body: callback(message("group", -4001, `"text":"hi"`), "JOIN MH1"),
			secret: secret, status: 200, answered: "cb7001"},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			inbox, answered := &fakeInbox{}, newAnswers()
			_, mux, wakes := newHandler(inbox, answered.answer)
			w := deliver(t, mux, tt.body, tt.secret)
			if w.Code != tt.status {
				t.Fatalf("status = %d, want %d (%s)", w.Code, tt.status, strings.TrimSpace(w.Body.String()))
			}
			if tt.answered != "" {
				if ids := answered.wait(t, 1); ids[0] != tt.answered {
					t.Errorf("answered %q, want %q", ids[0], tt.answered)
				}
			}
			assertSaved(t, inbox, tt.want, tt.body, *wakes)
		})
	}
}

// assertSaved checks the one update stored and the wake it caused, or
// that nothing was stored.
func assertSaved(t *testing.T, inbox *fakeInbox, want *college.Inbound, payload string, wakes int) {
	t.Helper()
	if want == nil {
		if len(inbox.saved) != 0 || wakes != 0 {
			t.Fatalf("stored %d updates and woke the worker %d times; want nothing", len(inbox.saved), wakes)
		}
		return
	}
	if len(inbox.saved) != 1 {
		t.Fatalf("stored %d updates, want 1", len(inbox.saved))
	}
	assertInbound(t, inbox.saved[0].in, true, want)
	if inbox.saved[0].payload != payload {
		t.Errorf("payload = %q, want the raw update", inbox.saved[0].payload)
	}
	if wakes != 1 {
		t.Errorf("woke the worker %d times, want 1", wakes)
	}
}

func TestWebhookWithNoSecretConfiguredRefusesAll(t *testing.T) {
	inbox := &fakeInbox{}
	h, mux, _ := newHandler(inbox, nil)
	h.Secret = ""
	for _, sent := range []string{"", secret} {
		if w := deliver(t, mux, text("hi"), sent); w.Code != http.StatusUnauthorized {
			t.Errorf("secret %q: status %d, want 401", sent, w.Code)
		}
	}
	if len(inbox.saved) != 0 {
		t.Errorf("stored %d updates, want none", len(inbox.saved))
	}
}

func TestWebhookStoreFailureIs500(t *testing.T) {
	answered := newAnswers()
	_, mux, wakes := newHandler(&fakeInbox{err: errors.New("disk full")}, answered.answer)
	w := deliver(t, mux, callback(message("private", 5551234, `"text":"x"`), "MY"), secret)
	if w.Code != http.StatusInternalServerError || *wakes != 0 {
		t.Fatalf("status %d, wakes %d; want 500 so Telegram delivers it again, and no wake", w.Code, *wakes)
	}
	if len(answered.ids) != 0 {
		t.Errorf("answered %v before the press was stored", answered.ids)
	}
}

// A repeat of an update_id (Telegram's retry) is answered alike and stored
// once in the real SQLite inbox; the press is answered both times, since
// the first answer may be what failed.
func TestWebhookDuplicateStoredOnceInSQLite(t *testing.T) {
	db, answered := openDB(t), newAnswers()
	_, mux, wakes := newHandler(db, answered.answer)
	press := callback(message("private", 5551234, `"text":"MH1 is full."`), "WAIT MH1")
	for i := range 2 {
		if w := deliver(t, mux, press, secret); w.Code != http.StatusOK {
			t.Fatalf("delivery %d: status %d", i+1, w.Code)
		}
	}
	ins := pending(t, db)
	if len(ins) != 1 || ins[0].ProviderID != "7001" || ins[0].Text != "WAIT MH1" || ins[0].Address != "5551234" || ins[0].Channel != college.Telegram {
		t.Fatalf("inbox = %+v, want the one press", ins)
	}
	if *wakes != 1 {
		t.Errorf("woke the worker %d times, want 1 (the repeat is not fresh)", *wakes)
	}
	if ids := answered.wait(t, 2); ids[0] != "cb7001" || ids[1] != "cb7001" {
		t.Errorf("answered %v, want cb7001 twice", ids)
	}
}

// Through the real go-telegram/bot client, a press stored by the webhook
// is answered with answerCallbackQuery on the stub Bot API.
func TestWebhookAnswersThroughTheBotAPI(t *testing.T) {
	stub := newBotStub(t)
	b, err := telegram.NewBot(stub.config())
	if err != nil {
		t.Fatal(err)
	}
	inbox := &fakeInbox{}
	_, mux, _ := newHandler(inbox, telegram.Answerer(b, quiet()))
	if w := deliver(t, mux, callback(message("private", 5551234, `"text":"x"`), "JOIN MH1"), secret); w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	select {
	case c := <-stub.got:
		if c.method != "answerCallbackQuery" || c.params["callback_query_id"] != "cb7001" {
			t.Errorf("stub got %s %v, want answerCallbackQuery for cb7001", c.method, c.params)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the press was never answered")
	}
	if len(inbox.saved) != 1 {
		t.Errorf("stored %d updates, want 1", len(inbox.saved))
	}
}

// Every update in the corpus, replayed through the webhook into SQLite
// with its own update_id, is answered 200 and stored or ignored as the
// corpus table says.
func TestWebhookReplaysCorpus(t *testing.T) {
	db := openDB(t)
	_, mux, _ := newHandler(db, nil)
	cases, stored := corpusCases(), 0
	for i, name := range corpusFiles(t) {
		raw := withUpdateID(t, readCorpus(t, name), int64(9000+i))
		if w := deliver(t, mux, string(raw), secret); w.Code != http.StatusOK {
			t.Errorf("%s: status %d, want 200", name, w.Code)
		}
		if cases[name].want != nil {
			stored++
		}
	}
	if ins := pending(t, db); len(ins) != stored {
		t.Errorf("stored %d updates, want %d", len(ins), stored)
	}
}

// withUpdateID rewrites an update's update_id: Telegram's examples all use
// 10000, and the inbox stores an update_id once.
func withUpdateID(t testing.TB, raw []byte, id int64) []byte {
	t.Helper()
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		t.Fatal(err)
	}
	fields["update_id"] = json.RawMessage(itoa(id))
	out, err := json.Marshal(fields)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Logs name updates by id: never what a student wrote, nor the secret.
func TestWebhookLogsNoTextOrSecret(t *testing.T) {
	var logs bytes.Buffer
	h, mux, _ := newHandler(&fakeInbox{}, nil)
	h.Log = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	deliver(t, mux, text("my private worries"), secret)
	deliver(t, mux, text("my private worries"), "forged")
	deliver(t, mux, `{"update_id":1,"message":{"text":"my private worries"`, secret)
	if !strings.Contains(logs.String(), "update=7001") || !strings.Contains(logs.String(), "comp=telegram") {
		t.Errorf("logs do not name the update and component:\n%s", logs.String())
	}
	for _, leak := range []string{"private", secret} {
		if strings.Contains(logs.String(), leak) {
			t.Errorf("logs contain %q:\n%s", leak, logs.String())
		}
	}
}

// *sqlite.DB is the Inbox the server wires in; fakeInbox plays it here.
var (
	_ telegram.Inbox = (*sqlite.DB)(nil)
	_ telegram.Inbox = (*fakeInbox)(nil)
)
