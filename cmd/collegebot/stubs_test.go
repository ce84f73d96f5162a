package main

import (
	"fmt"
	"net/url"
	"testing"
	"time"

	"collegebot/internal/providerstub"
	"collegebot/internal/twilio"
)

// stubTwilio is internal/providerstub's Twilio for the test account, as
// twilio-go sees it, closed when the test ends.
type stubTwilio struct {
	*providerstub.Twilio
	t *testing.T
}

// newStubTwilio starts a stub Twilio that takes every message.
func newStubTwilio(t *testing.T) *stubTwilio { return startStubTwilio(t, providerstub.Faults{}) }

// startStubTwilio starts a stub Twilio that fails sends as f says.
func startStubTwilio(t *testing.T, f providerstub.Faults) *stubTwilio {
	t.Helper()
	tw, err := providerstub.StartTwilio("", testSID, testToken, f)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tw.Close() })
	return &stubTwilio{Twilio: tw, t: t}
}

// bodies returns the texts sent to a number, in order.
func (s *stubTwilio) bodies(to string) []string { return s.SentTo(to) }

// waitFor waits until n texts were sent to a number and returns them.
func (s *stubTwilio) waitFor(to string, n int) []string {
	s.t.Helper()
	eventually(s.t, func() bool { return len(s.bodies(to)) >= n },
		func() string { return fmt.Sprintf("%s got %q, want %d texts", to, s.bodies(to), n) })
	return s.bodies(to)
}

// stubTelegram is internal/providerstub's Bot API for the test bot, as
// go-telegram/bot sees it, closed when the test ends.
type stubTelegram struct {
	*providerstub.Telegram
	t *testing.T
}

func newStubTelegram(t *testing.T) *stubTelegram {
	t.Helper()
	tg, err := providerstub.StartTelegram("", testBotToken, providerstub.Faults{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tg.Close() })
	tg.SetUsername("CalderbrookCollegeBot")
	return &stubTelegram{Telegram: tg, t: t}
}

// sent returns the messages sent to a chat, edits left out, in order.
func (s *stubTelegram) sent(chat string) []providerstub.Sent {
	var out []providerstub.Sent
	for _, m := range s.Sent() {
		if m.To == chat && !m.Edit {
			out = append(out, m)
		}
	}
	return out
}

// waitFor waits until n messages were sent to a chat and returns them.
func (s *stubTelegram) waitFor(chat string, n int) []providerstub.Sent {
	s.t.Helper()
	eventually(s.t, func() bool { return len(s.sent(chat)) >= n },
		func() string { return fmt.Sprintf("chat %s got %+v, want %d messages", chat, s.sent(chat), n) })
	return s.sent(chat)
}

// count returns how many times a Bot API method other than a send was called.
func (s *stubTelegram) count(method string) int { return len(s.Params(method)) }

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
