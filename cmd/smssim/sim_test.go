package main

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/twilio"
)

// The account the simulator plays, and collegebot's public URL.
const (
	testAccount, testToken = "AC0123456789abcdef0123456789abcdef", "12345678901234567890123456789012"
	publicURL              = "https://college.example"
)

// screen is the simulator's output, each write passed to the test.
type screen chan string

func (s screen) Write(p []byte) (int, error) {
	s <- string(p)
	return len(p), nil
}

// collegebot stands in for collegebot serve: it takes Twilio's webhooks
// when they are signed for the public URL, and keeps their forms.
type collegebot struct {
	mu    sync.Mutex
	posts map[string][]map[string]string // path: each form
}

func (c *collegebot) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	if !twilio.Valid(testToken, publicURL+r.URL.RequestURI(), r.PostForm, r.Header.Get("X-Twilio-Signature")) {
		http.Error(w, "forged", http.StatusForbidden)
		return
	}
	form := map[string]string{}
	for k := range r.PostForm {
		form[k] = r.PostForm.Get(k)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.posts[r.URL.Path] = append(c.posts[r.URL.Path], form)
}

func (c *collegebot) got(path string) []map[string]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]map[string]string(nil), c.posts[path]...)
}

// A text collegebot sends through twilio-go is shown and reported
// delivered; what the student types arrives as a signed inbound text.
func TestSimulator(t *testing.T) {
	cb := &collegebot{posts: map[string][]map[string]string{}}
	serve := httptest.NewServer(cb)
	t.Cleanup(serve.Close)
	shown := make(screen, 16)
	c := &sim{listen: "127.0.0.1:0", serve: serve.URL, public: publicURL, as: "+447700900123",
		college: "+447700900999", token: testToken, account: testAccount, out: shown}
	tw, err := c.start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tw.Close() })
	s, err := twilio.NewSender(twilio.SenderConfig{AccountSID: testAccount, AuthToken: testToken, From: c.college,
		APIURL: tw.URL(), StatusURL: publicURL, Render: func(q college.Queued) string { return q.Text }})
	if err != nil {
		t.Fatal(err)
	}
	q := college.Queued{ID: 9, Outgoing: college.Outgoing{Address: c.as, Reply: college.Reply{Text: "Our courses"}}}
	r, err := s.Send(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.text("stop"); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(15 * time.Second)
	for len(cb.got("/sms/twilio/status")) < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	statuses := cb.got("/sms/twilio/status")
	if len(statuses) != 2 || statuses[1]["MessageStatus"] != "delivered" || statuses[1]["MessageSid"] != r.ProviderID {
		t.Errorf("status callbacks %v, want sent and delivered for %s", statuses, r.ProviderID)
	}
	select {
	case got := <-shown:
		if got != "\nOur courses\n\n" {
			t.Errorf("the screen shows %q, not the text", got)
		}
	case <-time.After(15 * time.Second):
		t.Error("the text was never shown")
	}
	in := cb.got("/sms/twilio")
	if len(in) != 1 || in[0]["From"] != c.as || in[0]["To"] != c.college || in[0]["Body"] != "stop" || in[0]["OptOutType"] != "STOP" {
		t.Errorf("inbound texts %v, want the student's STOP", in)
	}
}
