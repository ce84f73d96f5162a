package twilio_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	msgapi "github.com/twilio/twilio-go/rest/api/v2010"

	"collegebot/internal/college"
	"collegebot/internal/twilio"
)

// A create that outlasts the client's time-out may have reached Twilio: the
// outbox must reconcile, not resend.
func TestSendTimeoutIsUncertain(t *testing.T) {
	stub := newStub(t)
	stub.create = func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(time.Minute):
			// Only a client that ignored its time-out is still here:
			// it is told the message went, and the test fails.
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusCreated)
			w.Write([]byte(`{"sid":"SMlate","status":"queued"}`))
		}
	}
	s := newSender(t, stub.URL, ourNumber, &http.Client{Timeout: 100 * time.Millisecond})
	_, err := s.Send(context.Background(), offer())
	assertKind(t, err, college.ErrUncertain)
}

// The caller's deadline bounds the call too: twilio-go itself would ignore it.
func TestSendContextDeadlineIsUncertain(t *testing.T) {
	stub := newStub(t)
	stub.create = func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := newSender(t, stub.URL, ourNumber, nil).Send(ctx, offer())
	assertKind(t, err, college.ErrUncertain)
}

// A connection cut after the request was written leaves the outcome unknown.
func TestSendConnectionCutAfterRequestIsUncertain(t *testing.T) {
	stub := newStub(t)
	stub.create = func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := http.NewResponseController(w).Hijack()
		if err == nil {
			conn.Close()
		}
	}
	_, err := newSender(t, stub.URL, ourNumber, nil).Send(context.Background(), offer())
	assertKind(t, err, college.ErrUncertain)
}

// Nothing listening: the request never left, so sending again is safe.
func TestSendToClosedServerIsTemporary(t *testing.T) {
	stub := newStub(t)
	stub.Close()
	_, err := newSender(t, stub.URL, ourNumber, nil).Send(context.Background(), offer())
	assertKind(t, err, college.ErrTemporary)
}

func TestSendCancelledBeforeSendingIsTemporary(t *testing.T) {
	stub := newStub(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := newSender(t, stub.URL, ourNumber, nil).Send(ctx, offer())
	assertKind(t, err, college.ErrTemporary)
	if len(stub.created) != 0 {
		t.Errorf("stub got %d creates, want none", len(stub.created))
	}
}

// APIURL may carry a path, as a simulator mounted under a prefix would.
func TestSendThroughAPIURLWithPath(t *testing.T) {
	stub := newStub(t)
	prefixed := httptest.NewServer(http.StripPrefix("/twilio", stub.Config.Handler))
	t.Cleanup(prefixed.Close)
	if _, err := newSender(t, prefixed.URL+"/twilio/", ourNumber, nil).Send(context.Background(), offer()); err != nil {
		t.Fatal(err)
	}
	if len(stub.created) != 1 {
		t.Fatalf("stub got %d creates, want 1", len(stub.created))
	}
}

// NewRestClient, doctor's client, goes where the sender goes: to the API
// URL, path prefix and all, following Twilio's page links there too.
func TestNewRestClientGoesToTheAPIURL(t *testing.T) {
	stub := newStub(t)
	for _, sid := range []string{"SMone", "SMtwo", "SMthree"} {
		stub.messages = append(stub.messages, stubMessage{Sid: sid, To: student, From: ourNumber, Body: "Hello",
			Direction: "outbound-api", Created: time.Now()})
	}
	prefixed := httptest.NewServer(http.StripPrefix("/twilio", stub.Config.Handler))
	t.Cleanup(prefixed.Close)
	rc, err := twilio.NewRestClient(accountSID, authToken, prefixed.URL+"/twilio/", nil)
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := rc.Api.ListMessage((&msgapi.ListMessageParams{}).SetTo(student).SetLimit(20))
	if err != nil || len(msgs) != 3 || *msgs[2].Sid != "SMthree" || len(stub.listed) != 2 {
		t.Fatalf("ListMessage = %d messages, %v, in %d requests; want 3 in 2", len(msgs), err, len(stub.listed))
	}
	if _, err := twilio.NewRestClient(accountSID, authToken, "localhost:9000", nil); err == nil {
		t.Error("an API URL without a scheme was taken")
	}
}

func TestNewSenderChecksConfig(t *testing.T) {
	good := twilio.SenderConfig{AccountSID: accountSID, AuthToken: authToken, From: ourNumber, Render: render}
	tests := []struct {
		label  string
		change func(*twilio.SenderConfig)
		says   string
	}{
		{"no account", func(c *twilio.SenderConfig) { c.AccountSID = "" }, "account SID"},
		{"token with a space", func(c *twilio.SenderConfig) { c.AuthToken = "abc def" }, "auth token"},
		{"no From", func(c *twilio.SenderConfig) { c.From = "" }, "From"},
		{"no Render", func(c *twilio.SenderConfig) { c.Render = nil }, "Render"},
		{"API URL without scheme", func(c *twilio.SenderConfig) { c.APIURL = "localhost:9000" }, "API URL"},
		{"status URL not http", func(c *twilio.SenderConfig) { c.StatusURL = "ftp://college.example.org" }, "status URL"},
	}
	if _, err := twilio.NewSender(good); err != nil {
		t.Fatalf("good config: %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			cfg := good
			tt.change(&cfg)
			_, err := twilio.NewSender(cfg)
			if err == nil || !strings.Contains(err.Error(), tt.says) {
				t.Fatalf("err = %v, want one naming %s", err, tt.says)
			}
		})
	}
}
