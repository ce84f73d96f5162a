package twilio_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/twilio"
)

const serviceSID = "MG0123456789abcdef0123456789abcdef"

// newSender returns a Sender from a number or service to the stub Twilio.
func newSender(t *testing.T, stubURL, from string, hc *http.Client) *twilio.Sender {
	t.Helper()
	s, err := twilio.NewSender(twilio.SenderConfig{AccountSID: accountSID, AuthToken: authToken, From: from,
		APIURL: stubURL, StatusURL: publicURL + "/", Render: render, HTTPClient: hc})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// offer is a queued reply with two choices.
func offer() college.Queued {
	return college.Queued{ID: 42, Outgoing: college.Outgoing{Key: "reply:7:1", StudentID: 7, Channel: college.SMS,
		Address: student, Kind: college.KindReply, Priority: college.Interactive,
		Reply: college.Reply{Text: "Mindful Mondays is full.", Choices: []college.Choice{
			{Label: "Waiting list", Command: "WAIT MH1"}, {Label: "Courses", Command: "COURSES"}}},
		Segments: 1, NotBefore: time.Now().Add(-time.Minute)}, Created: time.Now().Add(-time.Minute)}
}

func TestSendFromNumber(t *testing.T) {
	stub := newStub(t)
	r, err := newSender(t, stub.URL, ourNumber, nil).Send(context.Background(), offer())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(r.ProviderID, "SM") || r.Segments != 1 {
		t.Errorf("receipt = %+v, want an SM sid and 1 segment", r)
	}
	want := map[string]string{"To": student, "From": ourNumber, "MessagingServiceSid": "",
		"Body":           "Mindful Mondays is full.\n1 Waiting list  2 Courses",
		"StatusCallback": "https://college.example.org/sms/twilio/status?o=42"}
	assertForm(t, stub, want)
}

func TestSendThroughMessagingService(t *testing.T) {
	stub := newStub(t)
	r, err := newSender(t, stub.URL, serviceSID, nil).Send(context.Background(), offer())
	if err != nil {
		t.Fatal(err)
	}
	if r.ProviderID == "" || r.Segments != 0 {
		t.Errorf("receipt = %+v, want a sid and no segments counted yet", r)
	}
	assertForm(t, stub, map[string]string{"To": student, "From": "", "MessagingServiceSid": serviceSID})
}

// assertForm checks the fields of the one message the stub was asked to create.
func assertForm(t *testing.T, stub *twilioStub, want map[string]string) {
	t.Helper()
	if len(stub.created) != 1 {
		t.Fatalf("stub got %d creates, want 1", len(stub.created))
	}
	for k, v := range want {
		if got := stub.created[0].Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
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
		{"unsubscribed", refuse(400, 21610, "Attempt to send to unsubscribed recipient", ""), college.ErrRecipientGone, 21610, 0},
		{"invalid number", refuse(400, 21211, "Invalid 'To' Phone Number: +44770090", ""), college.ErrBadRecipient, 21211, 0},
		{"not a mobile", refuse(400, 21614, "'To' number is not a valid mobile number", ""), college.ErrBadRecipient, 21614, 0},
		{"unreachable by SMS", refuse(400, 21612, "The 'To' phone number is not currently reachable via SMS", ""), college.ErrBadRecipient, 21612, 0},
		{"too many requests", refuse(429, 20429, "Too Many Requests", "7"), college.ErrThrottled, 20429, 7 * time.Second},
		{"429 with no Retry-After", refuse(429, 20429, "Too Many Requests", ""), college.ErrThrottled, 20429, 0},
		{"queue full", refuse(400, 21611, "This 'From' number has exceeded the maximum number of queued messages", ""), college.ErrThrottled, 21611, 0},
		{"internal error", refuse(500, 20500, "An internal server error has occurred", ""), college.ErrTemporary, 20500, 0},
		{"bad gateway, not JSON", func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "<html><body>502 Bad Gateway</body></html>", http.StatusBadGateway)
		}, college.ErrTemporary, 0, 0},
		{"429 not JSON", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Retry-After", "3")
			http.Error(w, "slow down", http.StatusTooManyRequests)
		}, college.ErrThrottled, 0, 3 * time.Second},
		{"other refusal", refuse(400, 21606, "The 'From' phone number provided is not a valid message-capable Twilio phone number", ""), college.ErrRejected, 21606, 0},
		{"accepted, answer garbled", func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusCreated)
			w.Write([]byte(`{"sid": "SM0123`))
		}, college.ErrUncertain, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			stub := newStub(t)
			stub.create = tt.answer
			_, err := newSender(t, stub.URL, ourNumber, nil).Send(context.Background(), offer())
			se := assertKind(t, err, tt.kind)
			if se.Code != tt.code || se.RetryAfter != tt.retry {
				t.Errorf("code %d, retry after %v; want %d, %v", se.Code, se.RetryAfter, tt.code, tt.retry)
			}
		})
	}
}

// refuse answers a create with Twilio's error JSON, and a Retry-After
// header when given.
func refuse(status, code int, message, retryAfter string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		twilioError(w, status, code, message)
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
