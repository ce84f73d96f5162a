package telegram_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/telegram"
)

// newSender returns a Sender to the stub, through the real go-telegram/bot.
func newSender(t *testing.T, stub *botStub, hc *http.Client) *telegram.Sender {
	t.Helper()
	cfg := stub.config()
	cfg.HTTPClient = hc
	s, err := telegram.NewSender(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// reply is a queued reply to chat 5551234 with choices.
func reply(choices ...college.Choice) college.Queued {
	return college.Queued{ID: 42, Outgoing: college.Outgoing{Key: "reply:7:1", StudentID: 7, Channel: college.Telegram,
		Address: "5551234", Kind: college.KindReply, Priority: college.Interactive,
		Reply: college.Reply{Text: "Mindful Mondays is full.", Choices: choices}}}
}

func TestSendKeyboards(t *testing.T) {
	short := []college.Choice{{Label: "Yes", Command: "YES"}, {Label: "No", Command: "NO"}}
	long := []college.Choice{{Label: "Join the waiting list", Command: "WAIT MH1"}, {Label: "See other courses", Command: "COURSES"}}
	tests := []struct {
		label   string
		choices []college.Choice
		markup  string // reply_markup as sent; "" for none
	}{
		{"no choices", nil, ""},
		{"short labels share a row", short,
			`{"inline_keyboard":[[{"text":"Yes","callback_data":"YES"},{"text":"No","callback_data":"NO"}]]}`},
		{"long labels one to a row", long,
			`{"inline_keyboard":[[{"text":"Join the waiting list","callback_data":"WAIT MH1"}],[{"text":"See other courses","callback_data":"COURSES"}]]}`},
		{"four short labels", append(short, college.Choice{Label: "Skip", Command: "SKIP"}, college.Choice{Label: "Help", Command: "HELP"}),
			`{"inline_keyboard":[[{"text":"Yes","callback_data":"YES"},{"text":"No","callback_data":"NO"},{"text":"Skip","callback_data":"SKIP"}],[{"text":"Help","callback_data":"HELP"}]]}`},
		{"share contact", []college.Choice{{Label: "Share my phone number", Command: college.ShareContact}},
			`{"keyboard":[[{"text":"Share my phone number","request_contact":true}]],"resize_keyboard":true,"one_time_keyboard":true}`},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			stub := newBotStub(t)
			r, err := newSender(t, stub, nil).Send(context.Background(), reply(tt.choices...))
			if err != nil {
				t.Fatal(err)
			}
			if r.ProviderID != "501" {
				t.Errorf("receipt = %+v, want message id 501", r)
			}
			sent := stub.callsTo("sendMessage")
			if len(sent) != 1 {
				t.Fatalf("stub got %d sendMessage calls, want 1", len(sent))
			}
			p := sent[0].params
			if p["chat_id"] != "5551234" || p["text"] != "Mindful Mondays is full." {
				t.Errorf("sent chat_id %q, text %q", p["chat_id"], p["text"])
			}
			assertJSON(t, p["reply_markup"], tt.markup)
		})
	}
}

// assertJSON compares JSON texts by meaning; "" means absent.
func assertJSON(t *testing.T, got, want string) {
	t.Helper()
	if got == "" || want == "" {
		if got != want {
			t.Errorf("reply_markup = %s, want %q", got, want)
		}
		return
	}
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("reply_markup %s: %v", got, err)
	}
	json.Unmarshal([]byte(want), &w)
	gs, _ := json.Marshal(g)
	ws, _ := json.Marshal(w)
	if string(gs) != string(ws) {
		t.Errorf("reply_markup = %s\nwant            %s", gs, ws)
	}
}

// Refused before any request: a command too long for callback data (never
// cut short, which could change what it does), and an address that is no
// chat id.
func TestSendRefusesWhatTelegramWould(t *testing.T) {
	tests := []struct {
		label string
		q     college.Queued
		kind  error
	}{
		{"callback data over 64 bytes", reply(college.Choice{Label: "Join", Command: "JOIN " + strings.Repeat("X", 60)}), college.ErrRejected},
		{"choice with no command", reply(college.Choice{Label: "Join"}), college.ErrRejected},
		{"address not a chat id", func() college.Queued { q := reply(); q.Address = "+447700900123"; return q }(), college.ErrBadRecipient},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			stub := newBotStub(t)
			_, err := newSender(t, stub, nil).Send(context.Background(), tt.q)
			assertKind(t, err, tt.kind)
			if n := len(stub.callsTo("sendMessage")); n != 0 {
				t.Errorf("stub got %d sendMessage calls, want none", n)
			}
		})
	}
	q := reply(college.Choice{Label: "Join", Command: "JOIN " + strings.Repeat("X", 59)}) // 64 bytes exactly
	if _, err := newSender(t, newBotStub(t), nil).Send(context.Background(), q); err != nil {
		t.Errorf("callback data of 64 bytes: %v", err)
	}
}

func TestSendFailures(t *testing.T) {
	tests := []struct {
		label  string
		answer http.HandlerFunc
		kind   error
		code   int
		retry  time.Duration
	}{
		{"too many requests", refuse(429, "Too Many Requests: retry after 7", 7), college.ErrThrottled, 429, 7 * time.Second},
		{"blocked", refuse(403, "Forbidden: bot was blocked by the user", 0), college.ErrRecipientGone, 403, 0},
		{"deactivated", refuse(403, "Forbidden: user is deactivated", 0), college.ErrRecipientGone, 403, 0},
		{"never started", refuse(403, "Forbidden: bot can't initiate conversation with a user", 0), college.ErrRecipientGone, 403, 0},
		{"other 403", refuse(403, "Forbidden: bot can't send messages to bots", 0), college.ErrRejected, 403, 0},
		{"chat not found", refuse(400, "Bad Request: chat not found", 0), college.ErrBadRecipient, 400, 0},
		{"message too long", refuse(400, "Bad Request: message is too long", 0), college.ErrRejected, 400, 0},
		{"bad token", refuse(401, "Unauthorized", 0), college.ErrRejected, 401, 0},
		{"internal error", refuse(500, "Internal Server Error", 0), college.ErrTemporary, 500, 0},
		{"bad gateway, not JSON", func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "<html><body>502 Bad Gateway</body></html>", http.StatusBadGateway)
		}, college.ErrTemporary, 502, 0},
		{"accepted, answer garbled", func(w http.ResponseWriter, _ *http.Request) {
			w.Write([]byte(`{"ok":true,"result":{"message_id":5`))
		}, college.ErrUncertain, 200, 0},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			stub := newBotStub(t)
			stub.answerWith("sendMessage", tt.answer)
			_, err := newSender(t, stub, nil).Send(context.Background(), reply())
			se := assertKind(t, err, tt.kind)
			if se.Code != tt.code || se.RetryAfter != tt.retry {
				t.Errorf("code %d, retry after %v; want %d, %v", se.Code, se.RetryAfter, tt.code, tt.retry)
			}
		})
	}
}

// refuse answers a call with the Bot API's error JSON.
func refuse(code int, description string, retryAfter int) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) { apiError(w, code, description, retryAfter) }
}

// A send that outlasts the time-out may have reached Telegram: the outbox
// may send it again, and that is the one way a student gets it twice.
func TestSendTimeoutIsUncertain(t *testing.T) {
	stub := newBotStub(t)
	stub.answerWith("sendMessage", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	start := time.Now()
	_, err := newSender(t, stub, &http.Client{Timeout: 100 * time.Millisecond}).Send(context.Background(), reply())
	assertKind(t, err, college.ErrUncertain)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Send took %v despite a 100ms time-out", d)
	}
}

// Nothing listening, or cancelled before sending: the request never left,
// so sending again is safe.
func TestSendNeverSentIsTemporary(t *testing.T) {
	stub := newBotStub(t)
	s := newSender(t, stub, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.Send(ctx, reply())
	assertKind(t, err, college.ErrTemporary)
	stub.Close()
	_, err = s.Send(context.Background(), reply())
	assertKind(t, err, college.ErrTemporary)
	if _, key, _ := strings.Cut(token, ":"); strings.Contains(err.Error(), key) {
		t.Errorf("the error shows the token: %v", err)
	}
}

// assertKind checks that err is a *college.SendError of a kind.
func assertKind(t *testing.T, err error, kind error) *college.SendError {
	t.Helper()
	if !errors.Is(err, kind) {
		t.Fatalf("err = %v, want %v", err, kind)
	}
	se, ok := errors.AsType[*college.SendError](err)
	if !ok {
		t.Fatalf("err = %v, not a *college.SendError", err)
	}
	return se
}

func TestSendEditsInPlace(t *testing.T) {
	stub := newBotStub(t)
	q := reply()
	q.Edit, q.Text = "777", "312 / 1,240 sent"
	r, err := newSender(t, stub, nil).Send(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	edits := stub.callsTo("editMessageText")
	if len(edits) != 1 || len(stub.callsTo("sendMessage")) != 0 {
		t.Fatalf("got %d edits and %d sends, want one edit", len(edits), len(stub.callsTo("sendMessage")))
	}
	if p := edits[0].params; p["message_id"] != "777" || p["chat_id"] != "5551234" || p["text"] != q.Text {
		t.Errorf("edit params = %v", p)
	}
	if r.ProviderID != "777" {
		t.Errorf("receipt = %+v, want the edited message's id", r)
	}
}

func TestSendEditThatChangesNothingIsDone(t *testing.T) {
	stub := newBotStub(t)
	stub.answerWith("editMessageText", refuse(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same", 0))
	q := reply()
	q.Edit = "777"
	if r, err := newSender(t, stub, nil).Send(context.Background(), q); err != nil || r.ProviderID != "777" {
		t.Errorf("Send = %+v, %v; want done", r, err)
	}
}

func TestSendRefusesABadEditID(t *testing.T) {
	stub := newBotStub(t)
	q := reply()
	q.Edit = "seven"
	_, err := newSender(t, stub, nil).Send(context.Background(), q)
	assertKind(t, err, college.ErrRejected)
	if n := len(stub.callsTo("editMessageText")); n != 0 {
		t.Errorf("stub got %d edits", n)
	}
}

func TestSendPhotoWithCaption(t *testing.T) {
	stub := newBotStub(t)
	q := reply()
	q.Photo = []byte("\x89PNG\r\n\x1a\nnot really")
	q.Text = strings.Repeat("a", 1100)
	if _, err := newSender(t, stub, nil).Send(context.Background(), q); err != nil {
		t.Fatal(err)
	}
	sent := stub.callsTo("sendPhoto")
	if len(sent) != 1 {
		t.Fatalf("stub got %d sendPhoto calls", len(sent))
	}
	if got := string(sent[0].files["photo"]); got != string(q.Photo) {
		t.Errorf("uploaded %q, want the picture", got)
	}
	if c := sent[0].params["caption"]; len([]rune(c)) != 1024 || !strings.HasSuffix(c, "...") {
		t.Errorf("caption of %d characters, want 1024 ending in ...", len([]rune(c)))
	}
}
