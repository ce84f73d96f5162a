package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// stubTelegram plays the Bot API on loopback, as go-telegram/bot sees it:
// POST /bot<token>/<method> with a multipart or JSON body, answered with
// {"ok":true,"result":…}.
type stubTelegram struct {
	t     *testing.T
	srv   *httptest.Server
	mu    sync.Mutex
	calls map[string][]map[string]string // method → the params of each call
}

func newStubTelegram(t *testing.T) *stubTelegram {
	s := &stubTelegram{t: t, calls: map[string][]map[string]string{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *stubTelegram) serve(w http.ResponseWriter, r *http.Request) {
	method := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
	if !strings.HasPrefix(r.URL.Path, "/bot"+testBotToken+"/") {
		http.Error(w, `{"ok":false,"error_code":401,"description":"Unauthorized"}`, http.StatusUnauthorized)
		return
	}
	params := readParams(r)
	s.mu.Lock()
	s.calls[method] = append(s.calls[method], params)
	n := len(s.calls[method])
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	switch method {
	case "sendMessage":
		fmt.Fprintf(w, `{"ok":true,"result":{"message_id":%d,"date":%d,"chat":{"id":%s,"type":"private"},"text":%q}}`,
			n, time.Now().Unix(), params["chat_id"], params["text"])
	case "editMessageText": // a bot's own message comes back as edited
		fmt.Fprintf(w, `{"ok":true,"result":{"message_id":%s,"date":%d,"chat":{"id":%s,"type":"private"},"text":%q}}`,
			params["message_id"], time.Now().Unix(), params["chat_id"], params["text"])
	case "getMe":
		fmt.Fprint(w, `{"ok":true,"result":{"id":1,"is_bot":true,"first_name":"College","username":"CalderbrookCollegeBot"}}`)
	case "getUpdates":
		time.Sleep(50 * time.Millisecond) // a long poll that found nothing
		fmt.Fprint(w, `{"ok":true,"result":[]}`)
	default:
		fmt.Fprint(w, `{"ok":true,"result":true}`)
	}
}

// readParams reads a Bot API call's parameters, multipart or JSON.
func readParams(r *http.Request) map[string]string {
	out := map[string]string{}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		if err := r.ParseMultipartForm(1 << 20); err == nil {
			for k, v := range r.MultipartForm.Value {
				out[k] = v[0]
			}
		}
		return out
	}
	var m map[string]any
	json.NewDecoder(r.Body).Decode(&m)
	for k, v := range m {
		b, _ := json.Marshal(v)
		out[k] = strings.Trim(string(b), `"`)
	}
	return out
}

// sent returns the texts sent to a chat, in order.
func (s *stubTelegram) sent(chat string) []map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []map[string]string
	for _, p := range s.calls["sendMessage"] {
		if p["chat_id"] == chat {
			out = append(out, p)
		}
	}
	return out
}

// waitFor waits until n messages were sent to a chat and returns them.
func (s *stubTelegram) waitFor(chat string, n int) []map[string]string {
	s.t.Helper()
	eventually(s.t, func() bool { return len(s.sent(chat)) >= n },
		func() string { return fmt.Sprintf("chat %s got %v, want %d messages", chat, s.sent(chat), n) })
	return s.sent(chat)
}

func (s *stubTelegram) count(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.calls[method])
}
