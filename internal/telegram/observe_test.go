package telegram_test

import (
	"errors"
	"slices"
	"testing"

	"collegebot/internal/college"
)

// TestObserveWebhook: Observe hears once what became of each request,
// whatever its answer.
func TestObserveWebhook(t *testing.T) {
	inbox := &fakeInbox{}
	h, mux, _ := newHandler(inbox, nil)
	var heard []string
	h.Observe = func(result string) { heard = append(heard, result) }

	deliver(t, mux, text("JOIN MH1"), secret)
	deliver(t, mux, text("JOIN MH1"), secret) // Telegram's retry
	deliver(t, mux, update("message", message("supergroup", -1004001, `"text":"hi"`)), secret)
	deliver(t, mux, text("JOIN MH1"), "not-the-secret")
	deliver(t, mux, `{"update_id":7001,"message":`, secret)
	inbox.err = errors.New("disk full")
	deliver(t, mux, textUpdate(7002, "hi"), secret)

	want := []string{college.InboundStored, college.InboundDuplicate, college.InboundIgnored, college.InboundForged,
		college.InboundMalformed, college.InboundError}
	if !slices.Equal(heard, want) {
		t.Errorf("Observe heard %v\nwant            %v", heard, want)
	}
}

// TestObservePoller: the poller's Observe hears of each update fetched,
// an update stored only at the second try included.
func TestObservePoller(t *testing.T) {
	stub, inbox := newBotStub(t), &fakeInbox{failOn: "102"}
	stub.hold(textUpdate(100, "a"), `{"message":{"text":"no update_id"}}`,
		renumber(update("message", message("group", -4001, `"text":"hi"`)), 101), textUpdate(102, "c"))
	p := poller(stub, inbox)
	var heard []string
	p.Observe = func(result string) { heard = append(heard, result) }
	if err := run(t, p, stub, offsetIs("103")); err != nil {
		t.Fatal(err)
	}
	want := []string{college.InboundStored, college.InboundMalformed, college.InboundIgnored, college.InboundError,
		college.InboundStored}
	if !slices.Equal(heard, want) {
		t.Errorf("Observe heard %v\nwant            %v", heard, want)
	}
}
