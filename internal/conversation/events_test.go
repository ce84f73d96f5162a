package conversation_test

import (
	"strings"
	"testing"

	"collegebot/internal/college"
)

// These transcripts are a Telegram chat as the engine sees it: events the
// adapter reports, and the replies, whose choices become buttons.

const chat = "5551234" // a Telegram chat id

func tg(text string, ev college.Event) college.Inbound {
	return college.Inbound{Channel: college.Telegram, Address: chat, Text: text, Event: ev}
}

func TestStartWelcomesWithTheShareButton(t *testing.T) {
	h := newHarness(t)
	got := h.sendAs(tg("", college.EventStart))
	if len(got) != 1 || !strings.Contains(got[0], "Share your number") || !strings.Contains(got[0], "1 Share my phone number") {
		t.Fatalf("start got %q", got)
	}
}

func TestPosterLinkOpensTheCourse(t *testing.T) {
	h := newHarness(t)
	got := h.sendAs(tg("INFO GA1", college.EventStart))
	if len(got) != 2 || !strings.HasPrefix(got[0], "Hi from") || !strings.Contains(got[1], "GA1 Walking football.") || !strings.Contains(got[1], "1 Book") {
		t.Fatalf("deep link got %q", got)
	}
	got = h.sendAs(tg("JOIN GA1", ""))
	if len(got) != 1 || !strings.Contains(got[0], "first name") {
		t.Fatalf("Book button got %q", got)
	}
}

func TestBlockedIsSilentAndPassesOffersOn(t *testing.T) {
	h := newHarness(t)
	h.sendAs(tg("", college.EventStart))
	h.fullGA1()
	h.register(jo, "Jo", "MH1")
	h.sendAs(tg("hello", ""))
	h.sendAs(tg("join mh1", ""))
	for _, s := range []string{"Kit", "yes", "yes", "skip", "skip", "skip"} {
		h.sendAs(tg(s, ""))
	}
	h.sendAs(tg("wait ga1", ""))
	h.says(jo, "wait ga1", "number 2")
	h.send(sam, "drop ga1")
	h.send(sam, "yes")
	if got := h.sendAs(tg("", college.EventBlocked)); len(got) != 0 {
		t.Errorf("blocked got a reply: %q", got)
	}
	checkText(t, "offer passed to Jo", strings.Join(h.received(jo), ""), "Good news Jo")
	if got := h.sendAs(tg("courses", "")); len(got) != 0 {
		t.Errorf("a blocked chat got %q", got)
	}
	if got := h.sendAs(tg("", college.EventStart)); len(got) != 1 || !strings.Contains(got[0], "Hi from") {
		t.Errorf("unblocking got %q", got)
	}
}

func TestSharedPhoneJoinsTheSMSRecord(t *testing.T) {
	h := newHarness(t)
	const phone = "+447700900777"
	sms := func(text string) []string {
		return h.sendAs(college.Inbound{Channel: college.SMS, Address: phone, Text: text})
	}
	for _, s := range []string{"join ga1", "Robin", "yes", "yes", "skip", "skip", "skip"} {
		sms(s)
	}
	h.sendAs(tg("", college.EventStart))
	h.sendAs(tg("join mh1", "")) // a booking made in the chat before linking
	h.sendAs(tg("Rob", ""))
	for _, s := range []string{"yes", "yes", "skip", "skip", "skip"} {
		h.sendAs(tg(s, ""))
	}
	got := h.sendAs(college.Inbound{Channel: college.Telegram, Address: chat, Event: college.EventContactNotOwn})
	if len(got) != 1 || !strings.Contains(got[0], "someone else's number") {
		t.Fatalf("someone else's contact got %q", got)
	}
	got = h.sendAs(college.Inbound{Channel: college.Telegram, Address: chat, Event: college.EventContact, Phone: phone})
	if len(got) != 1 || !strings.Contains(got[0], "Thanks Robin. This chat now shows the bookings you made by text") {
		t.Fatalf("own contact got %q", got)
	}
	my := strings.Join(h.sendAs(tg("my", "")), "")
	checkText(t, "MY in the chat", my, "GA1 Walking football", "MH1 Understanding anxiety")
	checkText(t, "MY by SMS", strings.Join(sms("my"), ""), "GA1 Walking football", "MH1 Understanding anxiety")
	got = h.sendAs(college.Inbound{Channel: college.Telegram, Address: chat, Event: college.EventContact, Phone: phone})
	checkText(t, "linking again", strings.Join(got, ""), "already joined")
}

func TestNotTextAndEdits(t *testing.T) {
	h := newHarness(t)
	h.sendAs(tg("", college.EventStart))
	checkText(t, "voice", strings.Join(h.sendAs(tg("", college.EventNotText)), ""), "only read text")
	got := h.sendAs(tg("join ga1", college.EventEdited))
	checkText(t, "edit", strings.Join(got, ""), "edited messages")
	if my := strings.Join(h.sendAs(tg("my", "")), ""); !strings.Contains(my, "no bookings") {
		t.Errorf("an edit booked something: %s", my)
	}
}

// TestButtonForACourseThatFilledUp: a Book button pressed after the last
// place went gets the waiting list, not an error or a booking.
func TestButtonForACourseThatFilledUp(t *testing.T) {
	h := newHarness(t)
	h.sendAs(tg("", college.EventStart))
	for _, s := range []string{"join mh1", "Kit", "yes", "yes", "skip", "skip", "skip"} {
		h.sendAs(tg(s, ""))
	}
	got := strings.Join(h.sendAs(tg("INFO GA1", "")), "")
	checkText(t, "details", got, "2 places left", "1 Book")
	h.fullGA1()
	got = strings.Join(h.sendAs(tg("JOIN GA1", "")), "") // the Book button, pressed late
	checkText(t, "late press", got, "GA1 Walking football is full", "1 Join waiting list")
	got = strings.Join(h.sendAs(tg("WAIT GA1", "")), "")
	checkText(t, "waiting list button", got, "number 1 on the waiting list")
}
