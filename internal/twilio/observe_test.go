package twilio_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"collegebot/internal/college"
)

// TestObserveInbound: Observe hears once what became of each inbound
// request, whatever its answer.
func TestObserveInbound(t *testing.T) {
	url := publicURL + "/sms/twilio"
	join := inboundForm(sidJoin, "JOIN+MH1")
	noFrom := strings.Replace(join, "&From=%2B447700900123", "", 1)
	big := join + "&Pad=" + strings.Repeat("x", 64<<10)
	inbox := &fakeInbox{}
	h, mux, _ := newHandler(inbox, &fakeDeliveries{})
	var heard []string
	h.Observe = func(result string) { heard = append(heard, result) }

	post(t, mux, "/sms/twilio", join, signTwilio(authToken, url, join))
	post(t, mux, "/sms/twilio", join, signTwilio(authToken, url, join)) // Twilio's retry
	post(t, mux, "/sms/twilio", join, signTwilio("not-the-token", url, join))
	post(t, mux, "/sms/twilio", join, "")
	post(t, mux, "/sms/twilio", noFrom, signTwilio(authToken, url, noFrom))
	post(t, mux, "/sms/twilio", big, signTwilio(authToken, url, big))
	inbox.err = errors.New("disk full")
	other := inboundForm(sidStop, "hi")
	post(t, mux, "/sms/twilio", other, signTwilio(authToken, url, other))

	want := []string{college.InboundStored, college.InboundDuplicate, college.InboundForged, college.InboundForged,
		college.InboundMalformed, college.InboundMalformed, college.InboundError}
	if !slices.Equal(heard, want) {
		t.Errorf("Observe heard %v\nwant            %v", heard, want)
	}
}

// TestObserveStatus: ObserveStatus hears the status each callback reports,
// or why it was refused; inbound messages are not counted with them.
func TestObserveStatus(t *testing.T) {
	h, mux, _ := newHandler(&fakeInbox{}, &fakeDeliveries{})
	var heard, inbound []string
	h.ObserveStatus = func(s string) { heard = append(heard, s) }
	h.Observe = func(s string) { inbound = append(inbound, s) }
	for _, c := range []struct{ query, body string }{
		{"?o=42", statusForm("sent", "")},
		{"?o=42", statusForm("delivered", "")},
		{"?o=43", statusForm("undelivered", "&ErrorCode=30003")},
		{"", statusForm("delivered", "")},
	} {
		post(t, mux, "/sms/twilio/status"+c.query, c.body, signTwilio(authToken, publicURL+"/sms/twilio/status"+c.query, c.body))
	}
	post(t, mux, "/sms/twilio/status?o=42", statusForm("delivered", ""), "forged")

	want := []string{"sent", "delivered", "undelivered", college.InboundMalformed, college.InboundForged}
	if !slices.Equal(heard, want) || len(inbound) != 0 {
		t.Errorf("ObserveStatus heard %v, Observe %v\nwant %v, nothing", heard, inbound, want)
	}
}
