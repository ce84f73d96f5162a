package providerstub

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Telegram plays the parts of the Bot API that collegebot calls: POST
// /bot<token>/<method>, with a multipart or JSON body, answered with
// {"ok":true,"result":...}. Sends (sendMessage, sendPhoto,
// editMessageText) are recorded and may fail; set-up calls always work.
type Telegram struct {
	stub
	token string
}

// StartTelegram serves a stub Bot API for one bot token on loopback
// (addr "" for any free port).
func StartTelegram(addr, token string, f Faults) (*Telegram, error) {
	t := &Telegram{stub: stub{dice: newDice(f)}, token: token}
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
	case "getMe":
		tgAnswer(w, http.StatusOK, `{"ok":true,"result":{"id":1,"is_bot":true,"first_name":"College","username":"StubCollegeBot"}}`)
	case "getUpdates":
		time.Sleep(50 * time.Millisecond) // a long poll that found nothing
		tgAnswer(w, http.StatusOK, `{"ok":true,"result":[]}`)
	case "getWebhookInfo":
		tgAnswer(w, http.StatusOK, `{"ok":true,"result":{"url":"","pending_update_count":0}}`)
	default:
		tgAnswer(w, http.StatusOK, `{"ok":true,"result":true}`)
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
	m := Sent{To: p["chat_id"], Text: text, Held: f == FailTimeout, Edit: method == "editMessageText"}
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
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			return nil, err
		}
		for k, v := range r.MultipartForm.Value {
			out[k] = v[0]
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
