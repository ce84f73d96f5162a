package providerstub

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Telegram plays the parts of the Bot API that collegebot calls: POST
// /bot<token>/<method>, with a multipart or JSON body, answered with
// {"ok":true,"result":...}. Sends (sendMessage, sendPhoto,
// editMessageText) are recorded and may fail; other calls always work, and
// are recorded apart (Params). The webhook it reports is the last set.
type Telegram struct {
	stub
	token string
	bot   botState
}

// StartTelegram serves a stub Bot API for one bot token on loopback
// (addr "" for any free port).
func StartTelegram(addr, token string, f Faults) (*Telegram, error) {
	t := &Telegram{stub: stub{dice: newDice(f)}, token: token, bot: botState{username: "StubCollegeBot"}}
	s, err := listen(addr, http.HandlerFunc(t.serve))
	if err != nil {
		return nil, fmt.Errorf("stub telegram: %w", err)
	}
	t.server = s
	return t, nil
}

func (t *Telegram) serve(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.URL.Path, "/bot"+t.token+"/") {
		tgAnswer(w, http.StatusUnauthorized, `{"ok":false,"error_code":401,"description":"Unauthorized"}`)
		return
	}
	method := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
	p, err := readParams(r)
	if err != nil {
		// A call cut short (its sender killed mid-request) is refused,
		// as Telegram refuses it: nothing is sent.
		tgBadRequest(w, "request body unreadable")
		return
	}
	switch method {
	case "sendMessage", "sendPhoto", "editMessageText":
		t.send(w, r, method, p)
	case "getUpdates":
		time.Sleep(50 * time.Millisecond) // a long poll that found nothing
		tgAnswer(w, http.StatusOK, `{"ok":true,"result":[]}`)
	default:
		t.answer(w, method, p)
	}
}

// send takes a message, or fails as the dice say.
func (t *Telegram) send(w http.ResponseWriter, r *http.Request, method string, p map[string]string) {
	text := p["text"]
	if method == "sendPhoto" {
		text = p["caption"]
	}
	switch {
	case p["chat_id"] == "":
		tgBadRequest(w, "chat_id is empty")
		return
	case text == "" && method != "sendPhoto":
		tgBadRequest(w, "message text is empty")
		return
	}
	f, refused := t.roll(p["chat_id"], text, func(f Fault) { tgRefusal(w, f) })
	if refused {
		return
	}
	m := Sent{To: p["chat_id"], Text: text, Held: f == FailTimeout, Edit: method == "editMessageText", Markup: p["reply_markup"]}
	if m.Edit {
		m.ID = p["message_id"] // an edit keeps the id of what it edits
	}
	m = t.accept(r, m, strconv.Itoa)
	chat, _ := json.Marshal(m.To)
	body, _ := json.Marshal(text)
	tgAnswer(w, http.StatusOK, fmt.Sprintf(`{"ok":true,"result":{"message_id":%s,"date":%d,"chat":{"id":%s,"type":"private"},"text":%s}}`,
		m.ID, m.At.Unix(), strings.Trim(string(chat), `"`), body))
}

// tgRefusal answers a send refused with a fault as the Bot API does.
func tgRefusal(w http.ResponseWriter, f Fault) {
	switch f {
	case Fail500:
		tgAnswer(w, http.StatusInternalServerError, `{"ok":false,"error_code":500,"description":"Internal Server Error"}`)
	case Fail429:
		tgAnswer(w, http.StatusTooManyRequests, `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}`)
	case FailGone:
		tgAnswer(w, http.StatusForbidden, `{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}`)
	}
}

// tgAnswer writes a Bot API answer.
func tgAnswer(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	fmt.Fprint(w, body)
}

// tgBadRequest answers a call Telegram would refuse as malformed.
func tgBadRequest(w http.ResponseWriter, why string) {
	b, _ := json.Marshal("Bad Request: " + why)
	tgAnswer(w, http.StatusBadRequest, `{"ok":false,"error_code":400,"description":`+string(b)+`}`)
}

// readParams reads a Bot API call's parameters, multipart or JSON. A body
// that cannot be read whole is an error.
func readParams(r *http.Request) (map[string]string, error) {
	out := map[string]string{}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		// go-telegram/bot sends a call with no parameters (getMe) as an
		// empty body: io.EOF, where a body cut short is io.ErrUnexpectedEOF.
		err := r.ParseMultipartForm(1 << 20)
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, err
		}
		if r.MultipartForm != nil {
			for k, v := range r.MultipartForm.Value {
				out[k] = v[0]
			}
		}
		return out, nil
	}
	if r.Method == http.MethodPost {
		var m map[string]any
		if err := json.NewDecoder(r.Body).Decode(&m); err != nil && err != io.EOF {
			return nil, err
		}
		for k, v := range m {
			b, _ := json.Marshal(v)
			out[k] = strings.Trim(string(b), `"`)
		}
	}
	for k, v := range r.URL.Query() {
		out[k] = v[0]
	}
	return out, nil
}

// botState is what the stub Bot API knows of its bot besides the messages
// it sent: its username, its webhook, and the other calls it was asked.
type botState struct {
	mu       sync.Mutex
	username string
	webhook  string
	params   map[string][]map[string]string // method: the parameters of each call
}

// answer records a call other than a send or a poll and answers it: the
// bot's own details, its webhook, or true.
// https://core.telegram.org/bots/api#available-methods
func (t *Telegram) answer(w http.ResponseWriter, method string, p map[string]string) {
	b := &t.bot
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.params == nil {
		b.params = map[string][]map[string]string{}
	}
	b.params[method] = append(b.params[method], p)
	var result any = true
	switch method {
	case "getMe":
		result = map[string]any{"id": 1, "is_bot": true, "first_name": "College", "username": b.username}
	case "getWebhookInfo":
		result = map[string]any{"url": b.webhook, "has_custom_certificate": false, "pending_update_count": 0}
	case "setWebhook":
		b.webhook = p["url"]
	case "deleteWebhook":
		b.webhook = ""
	}
	out, _ := json.Marshal(map[string]any{"ok": true, "result": result})
	tgAnswer(w, http.StatusOK, string(out))
}

// Params returns the parameters of each call of a Bot API method other
// than a send or getUpdates (setWebhook, answerCallbackQuery...), in order.
func (t *Telegram) Params(method string) []map[string]string {
	t.bot.mu.Lock()
	defer t.bot.mu.Unlock()
	return append([]map[string]string(nil), t.bot.params[method]...)
}

// SetUsername names the bot, as getMe reports it; StubCollegeBot until set.
func (t *Telegram) SetUsername(name string) {
	t.bot.mu.Lock()
	defer t.bot.mu.Unlock()
	t.bot.username = name
}

// SetWebhook sets where the stub says it sends the bot's updates, as a
// setWebhook call does ("" for none, as deleteWebhook leaves it).
func (t *Telegram) SetWebhook(url string) {
	t.bot.mu.Lock()
	defer t.bot.mu.Unlock()
	t.bot.webhook = url
}
