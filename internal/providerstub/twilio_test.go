package providerstub_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/providerstub"
	"collegebot/internal/twilio"
)

// The credentials the tests' stubs and clients share.
const (
	account   = "AC00000000000000000000000000000009"
	authToken = "00aa00aa00aa00aa00aa00aa00aa00aa"
	from      = "+447700900000"
	botToken  = "123456:stub-test-token"
)

// startTwilio serves a stub Twilio for the test.
func startTwilio(t *testing.T, f providerstub.Faults) *providerstub.Twilio {
	t.Helper()
	tw, err := providerstub.StartTwilio("", account, authToken, f)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tw.Close() })
	return tw
}

// twilioSender is collegebot's sender, on the real twilio-go client,
// pointed at the stub; it gives up on a call after timeout.
func twilioSender(t *testing.T, base, token string, timeout time.Duration) *twilio.Sender {
	t.Helper()
	s, err := twilio.NewSender(twilio.SenderConfig{AccountSID: account, AuthToken: token, From: from,
		APIURL: base, Render: func(q college.Queued) string { return q.Text },
		HTTPClient: &http.Client{Timeout: timeout}})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// text is an outbox message to send.
func text(id int64, to, body string) college.Queued {
	return college.Queued{ID: id, Outgoing: college.Outgoing{Key: "k" + to, Address: to, Reply: college.Reply{Text: body}},
		Created: time.Now()}
}

func TestTwilioTakesAMessageAndFindsItAgain(t *testing.T) {
	tw := startTwilio(t, providerstub.Faults{})
	s := twilioSender(t, tw.URL(), authToken, 10*time.Second)
	q := text(1, "+447700900301", "Your session starts at 10:00.")
	r, err := s.Send(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	sent := tw.Sent()
	if len(sent) != 1 || sent[0].ID != r.ProviderID || sent[0].To != q.Address || sent[0].Text != q.Text || sent[0].Held {
		t.Fatalf("the stub holds %+v, the sender was told %q", sent, r.ProviderID)
	}
	if got := tw.SentTo(q.Address); len(got) != 1 || got[0] != q.Text {
		t.Errorf("SentTo = %q", got)
	}
	found, ok, err := s.Lookup(t.Context(), q)
	if err != nil || !ok || found.ProviderID != r.ProviderID {
		t.Errorf("Lookup = %+v, %v, %v; want %s", found, ok, err, r.ProviderID)
	}
	if _, ok, _ := s.Lookup(t.Context(), text(2, q.Address, "Another text")); ok {
		t.Error("Lookup found a text never sent")
	}
	if calls, faults := tw.Calls(); calls != 1 || len(faults) != 0 || tw.Count() != 1 {
		t.Errorf("Calls = %d, %v; Count = %d", calls, faults, tw.Count())
	}
}

func TestTwilioRefusesWrongCredentials(t *testing.T) {
	tw := startTwilio(t, providerstub.Faults{})
	s := twilioSender(t, tw.URL(), strings.Repeat("f", 32), 10*time.Second)
	if _, err := s.Send(t.Context(), text(1, "+447700900302", "Hello")); err == nil {
		t.Fatal("a wrong auth token was accepted")
	}
	if tw.Count() != 0 {
		t.Errorf("the stub took %d messages", tw.Count())
	}
}

// faultErrors are what each fault looks like to collegebot's senders.
var faultErrors = map[providerstub.Fault]error{
	providerstub.Fail500:     college.ErrTemporary,
	providerstub.Fail429:     college.ErrThrottled,
	providerstub.FailGone:    college.ErrRecipientGone,
	providerstub.FailTimeout: college.ErrUncertain,
}

func TestTwilioFaults(t *testing.T) {
	for fault := range faultErrors {
		t.Run(string(fault), func(t *testing.T) {
			tw := startTwilio(t, failing(fault))
			sendFailing(t, tw, twilioSender(t, tw.URL(), authToken, 200*time.Millisecond), fault, text(1, "+447700900303", "Hello"))
		})
	}
}

// record is what both stubs say they took and refused.
type record interface {
	Calls() (int, map[providerstub.Fault]int)
	Sent() []providerstub.Sent
	Refused() []providerstub.Refusal
}

// failing fails every send with fault, holding a time-out's answer a
// minute.
func failing(fault providerstub.Fault) providerstub.Faults {
	return providerstub.Faults{Share: 1, Kinds: []providerstub.Fault{fault}, Hold: time.Minute}
}

// sendFailing sends q through sender to a stub failing it with fault:
// the sender must say what faultErrors says, and the stub's record must
// show one call failed, a time-out accepted and held, anything else
// refused.
func sendFailing(t *testing.T, s record, sender college.Sender, fault providerstub.Fault, q college.Queued) {
	t.Helper()
	if _, err := sender.Send(t.Context(), q); !errors.Is(err, faultErrors[fault]) {
		t.Fatalf("Send: %v, want %v", err, faultErrors[fault])
	}
	calls, faults := s.Calls()
	if calls != 1 || faults[fault] != 1 {
		t.Errorf("Calls = %d, %v; want 1 call failed with %s", calls, faults, fault)
	}
	sent, refused := s.Sent(), s.Refused()
	if fault == providerstub.FailTimeout {
		if len(sent) != 1 || !sent[0].Held || sent[0].To != q.Address || len(refused) != 0 {
			t.Errorf("a time-out: sent %+v, refused %+v; want it accepted and held", sent, refused)
		}
		return
	}
	if len(sent) != 0 || len(refused) != 1 || refused[0].To != q.Address || refused[0].Fault != fault || refused[0].Text != q.Text {
		t.Errorf("sent %+v, refused %+v; want it refused with %s", sent, refused, fault)
	}
}
