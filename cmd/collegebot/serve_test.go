package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/demo"
)

const publicURL = "https://college.example.org"

// server is `collegebot serve` running in-process on a loopback port, with
// Twilio played by a stub.
type server struct {
	t      *testing.T
	m      *Main
	twilio *stubTwilio
	cfg    Config
}

func startServer(t *testing.T, db string, tw *stubTwilio, env ...string) *server {
	t.Helper()
	cfg, err := configFromEnv(envOf(smsEnv(append([]string{"COLLEGEBOT_DB", db, "COLLEGEBOT_ADDR", "127.0.0.1:0",
		"COLLEGEBOT_PUBLIC_URL", publicURL, "TWILIO_API_URL", tw.URL(), "TWILIO_MPS", "1000"}, env...)...)...))
	if err != nil {
		t.Fatal(err)
	}
	m, err := newMain(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	s := &server{t: t, m: m, twilio: tw, cfg: cfg}
	t.Cleanup(func() { s.stop() })
	return s
}

func (s *server) stop() {
	if s.m != nil {
		if err := s.m.Close(); err != nil {
			s.t.Error(err)
		}
		s.m = nil
	}
}

// text posts an inbound SMS webhook, signed as Twilio signs it for the
// public URL, and returns the response.
func (s *server) text(from, sid, body string) *http.Response {
	s.t.Helper()
	form := inboundForm(from, sid, body)
	return s.post("/sms/twilio", form, sign(testToken, publicURL+"/sms/twilio", form))
}

func (s *server) post(path string, form url.Values, sig string) *http.Response {
	s.t.Helper()
	req, _ := http.NewRequest("POST", "http://"+s.m.Addr()+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if sig != "" {
		req.Header.Set("X-Twilio-Signature", sig)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

func seededDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "collegebot.db")
	cfg, _ := configFromEnv(envOf("COLLEGEBOT_DB", db))
	a, err := openApp(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if err := demo.Seed(context.Background(), a.db, time.Now().In(cfg.Loc), cfg.Loc); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestServeSMSConversation books a course by SMS end to end: signed
// webhooks in, the real engine, and replies out through twilio-go to the
// stub, in order.
func TestServeSMSConversation(t *testing.T) {
	tw := newStubTwilio(t)
	s := startServer(t, seededDB(t), tw)
	const kim = "+447700900555"
	steps := []struct{ send, want string }{
		{"JOIN GA1", "first name"},
		{"Kim", "Is that OK?"},
		{"yes", "16 or over"},
		{"yes", "hear about us"},
		{"a poster at the library", "describes you"},
		{"1", "postcode"},
		{"wf1", "You're booked on GA1"},
		{"my", "GA1 Walking football: next"},
	}
	for i, st := range steps {
		if resp := s.text(kim, "SM"+strings.Repeat("0", 31)+string(rune('a'+i)), st.send); resp.StatusCode != 200 {
			t.Fatalf("%q: status %d", st.send, resp.StatusCode)
		}
		got := tw.waitFor(kim, i+2) // the first message also brings the welcome
		if !strings.Contains(got[i+1], st.want) {
			t.Fatalf("reply to %q is %q, want it to say %q", st.send, got[i+1], st.want)
		}
	}
	if got := tw.bodies(kim); len(got) != len(steps)+1 || !strings.HasPrefix(got[0], "Hi from") {
		t.Errorf("texts %q: want the welcome and one reply a step", got)
	}
	first := tw.Sent()[0]
	if first.From != "+447700900999" || !strings.HasPrefix(first.Callback, publicURL+"/sms/twilio/status?o=") {
		t.Errorf("sent with From %q and StatusCallback %q", first.From, first.Callback)
	}
	s.stop()
	assertBooked(t, s.cfg, kim, "GA1")
}

func assertBooked(t *testing.T, cfg Config, addr, code string) {
	t.Helper()
	a, err := openApp(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	err = a.db.Update(context.Background(), func(tx college.Tx) error {
		ct, err := tx.FindContact(college.SMS, addr)
		if err != nil {
			return err
		}
		c, err := tx.Course(code)
		if err != nil {
			return err
		}
		e, err := tx.Enrolment(ct.StudentID, c.ID)
		if err == nil && e.Status != college.Booked {
			t.Errorf("%s on %s is %s", addr, code, e.Status)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestServeRefusesForgedAndMalformedWebhooks(t *testing.T) {
	tw := newStubTwilio(t)
	s := startServer(t, seededDB(t), tw)
	form := inboundForm("+447700900556", "SM1", "courses")
	for _, tt := range []struct {
		name string
		form url.Values
		sig  string
		want int
	}{
		{"unsigned", form, "", http.StatusForbidden},
		{"signed with another token", form, sign("wrong", publicURL+"/sms/twilio", form), http.StatusForbidden},
		{"signed for another URL", form, sign(testToken, "https://evil.example.org/sms/twilio", form), http.StatusForbidden},
		{"no From", without(form, "From"), sign(testToken, publicURL+"/sms/twilio", without(form, "From")), http.StatusBadRequest},
	} {
		if resp := s.post("/sms/twilio", tt.form, tt.sig); resp.StatusCode != tt.want {
			t.Errorf("%s: status %d, want %d", tt.name, resp.StatusCode, tt.want)
		}
	}
	if resp, err := http.Get("http://" + s.m.Addr() + "/healthz"); err != nil || resp.StatusCode != 200 {
		t.Errorf("healthz: %v %v", resp, err)
	}
	s.stop()
	assertNothingStored(t, s.cfg, "+447700900556")
}

// assertNothingStored checks that no message from addr is in the inbox and
// no student was made for it.
func assertNothingStored(t *testing.T, cfg Config, addr string) {
	t.Helper()
	a, err := openApp(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	pending, err := a.db.PendingInbound(context.Background(), 0)
	if err != nil || len(pending) != 0 {
		t.Errorf("inbox holds %d messages (%v)", len(pending), err)
	}
	err = a.db.Update(context.Background(), func(tx college.Tx) error {
		_, err := tx.FindContact(college.SMS, addr)
		return err
	})
	if !errors.Is(err, college.ErrNotFound) {
		t.Errorf("a refused webhook made a student: %v", err)
	}
}

func without(f url.Values, key string) url.Values {
	g := url.Values{}
	for k, v := range f {
		if k != key {
			g[k] = v
		}
	}
	return g
}
