package main

import (
	"collegebot/internal/twilio"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"
)

// stubTwilio plays Twilio's Messages API on loopback, as twilio-go sees it.
// fail, when set, may answer a create call with an error instead.
type stubTwilio struct {
	t    *testing.T
	srv  *httptest.Server
	mu   sync.Mutex
	sent []url.Values
	fail func(n int) (status int, body string)
}

func newStubTwilio(t *testing.T) *stubTwilio {
	s := &stubTwilio{t: t}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /2010-04-01/Accounts/{sid}/Messages.json", s.create)
	mux.HandleFunc("GET /2010-04-01/Accounts/{sid}/Messages.json", s.list)
	s.srv = httptest.NewServer(mux)
	t.Cleanup(s.srv.Close)
	return s
}

func (s *stubTwilio) create(w http.ResponseWriter, r *http.Request) {
	if u, p, ok := r.BasicAuth(); !ok || u != testSID || p != testToken {
		http.Error(w, `{"code":20003,"message":"Authenticate","status":401}`, http.StatusUnauthorized)
		return
	}
	r.ParseForm()
	s.mu.Lock()
	defer s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if s.fail != nil {
		if status, body := s.fail(len(s.sent)); status != 0 {
			w.WriteHeader(status)
			fmt.Fprint(w, body)
			return
		}
	}
	s.sent = append(s.sent, r.PostForm)
	w.WriteHeader(http.StatusCreated)
	json.NewEncoder(w).Encode(map[string]any{
		"sid": fmt.Sprintf("SM%032d", len(s.sent)), "status": "queued", "num_segments": "1",
		"to": r.PostForm.Get("To"), "from": r.PostForm.Get("From"), "body": r.PostForm.Get("Body"),
	})
}

func (s *stubTwilio) list(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"messages": []any{}, "next_page_uri": nil, "page": 0, "page_size": 50})
}

// bodies returns the texts sent to a number, in order.
func (s *stubTwilio) bodies(to string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, f := range s.sent {
		if f.Get("To") == to {
			out = append(out, f.Get("Body"))
		}
	}
	return out
}

// waitFor waits until n texts were sent to a number and returns them.
func (s *stubTwilio) waitFor(to string, n int) []string {
	s.t.Helper()
	eventually(s.t, func() bool { return len(s.bodies(to)) >= n },
		func() string { return fmt.Sprintf("%s got %q, want %d texts", to, s.bodies(to), n) })
	return s.bodies(to)
}

// eventually waits, a while at most, for cond; else it fails saying why.
func eventually(t *testing.T, cond func() bool, why func() string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal(why())
}

// sign signs a webhook as Twilio does; internal/twilio's tests check the
// algorithm against Twilio's own vectors.
func sign(token, u string, form url.Values) string { return twilio.Sign(token, u, form) }

// inboundForm is an inbound SMS webhook as Twilio posts it.
func inboundForm(from, sid, body string) url.Values {
	return url.Values{
		"ToCountry": {"GB"}, "ToState": {""}, "SmsMessageSid": {sid}, "NumMedia": {"0"},
		"ToCity": {""}, "FromZip": {""}, "SmsSid": {sid}, "FromState": {""}, "SmsStatus": {"received"},
		"FromCity": {""}, "Body": {body}, "FromCountry": {"GB"}, "To": {"+447700900999"},
		"ToZip": {""}, "NumSegments": {"1"}, "MessageSid": {sid}, "AccountSid": {testSID},
		"From": {from}, "ApiVersion": {"2010-04-01"},
	}
}
