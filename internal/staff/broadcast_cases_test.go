package staff_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/staff"
)

// By SMS the member who sent it gets one text when it has finished, and
// no more.
func TestBroadcastFinishedTextBySMS(t *testing.T) {
	r := newCastRig(t)
	r.send(college.SMS, raySMS, "#broadcast course:MH1 service Bring a pen on Tuesday.")
	r.skip(college.SMS, raySMS)
	r.send(college.SMS, raySMS, "#broadcast send 1")
	r.skip(college.SMS, raySMS)
	r.progress()
	r.readsNothing(college.SMS, raySMS)
	for _, ch := range []college.Channel{college.SMS, college.Telegram} {
		r.skip(ch, "")
	}
	r.progress()
	r.reads(college.SMS, raySMS, "Broadcast 1, service to course:MH1, finished: 5 / 5 sent.")
	r.progress()
	r.readsNothing(college.SMS, raySMS)
}

// Nothing bulk goes in quiet hours: a broadcast sent at 22:30 starts at
// 08:00 the next morning.
func TestBroadcastWaitsOutQuietHours(t *testing.T) {
	r := newCastRig(t)
	r.now = time.Date(2027, 1, 11, 22, 30, 0, 0, time.UTC)
	r.send(college.SMS, raySMS, "#broadcast course:MH1 service Bring a pen on Tuesday.")
	r.skip(college.SMS, raySMS)
	r.send(college.SMS, raySMS, "#broadcast send 1")
	r.reads(college.SMS, raySMS, "Broadcast 1 is queued for 5 students and starts Tue 08:00, after quiet hours. "+
		"I will text you when it has finished. To stop it send #broadcast stop 1.")
	if n := r.number(`SELECT count(*) FROM outbox WHERE broadcast_id = 1 AND not_before = '2027-01-12 08:00:00'`); n != 5 {
		t.Errorf("messages held to 08:00: %d, want 5", n)
	}
	r.readsNothing(college.SMS, "")
	r.send(college.SMS, raySMS, "#broadcast status 1")
	r.reads(college.SMS, raySMS, "Broadcast 1, service to course:MH1: 0 / 5 sent, starts Tue 08:00 after quiet hours.")
}

// The preview warns when this month's texts and the broadcast together
// pass the budget (£1 here): 24 segments sent this month (£0.96) and 3
// more (£0.12). Last month's 100 are not counted.
func TestBroadcastPreviewWarnsOverBudget(t *testing.T) {
	r := newCastRig(t)
	today := r.now
	r.textsSent(time.Date(2026, 12, 20, 12, 0, 0, 0, time.UTC), 100)
	r.textsSent(time.Date(2027, 1, 5, 12, 0, 0, 0, time.UTC), 24)
	r.now = today
	r.send(college.SMS, raySMS, "#broadcast course:MH1 service Bring a pen on Tuesday.")
	got := r.claim(college.SMS, raySMS)
	if len(got) != 1 || !strings.Contains(got[0].Text, "about £0.12.\nOver budget: texts this month have cost £0.96 so far; "+
		"with this broadcast £1.08, over the £1.00 monthly budget.\nStudents will see:") {
		t.Errorf("Ray got %q", textsOf(got))
	}
}

// textsSent records SMS of segments in all sent at a time.
func (r *rig) textsSent(at time.Time, segments int) {
	r.t.Helper()
	r.now = at
	key := fmt.Sprintf("old:%d", at.Unix())
	r.office(func(tx college.OfficeTx) error {
		return tx.Enqueue(college.Outgoing{Key: key, Channel: college.SMS, Address: "+447700900999",
			Kind: college.KindReply, Reply: college.Reply{Text: "old"}, Segments: segments})
	})
	r.skip(college.SMS, "+447700900999")
}

// Emoji cannot be folded into GSM-7: the preview says what that costs.
func TestBroadcastPreviewWarnsOfUCS2(t *testing.T) {
	r := newCastRig(t)
	r.send(college.Telegram, sueTG, "/broadcast course:MH1 service Party on Friday \U0001F389")
	got := r.claim(college.Telegram, sueTG)
	if len(got) != 1 || !strings.Contains(got[0].Text, "By SMS: 1 segment each (UCS-2), 3 in all, about £0.12.\n"+
		"It has characters outside the SMS alphabet (emoji or accents), so a segment holds 70 characters, not 160.") {
		t.Errorf("Sue got %q", textsOf(got))
	}
}

// Mistakes are answered with what to send instead, and store nothing.
func TestBroadcastMistakes(t *testing.T) {
	r := newCastRig(t)
	for _, c := range []struct{ send, says string }{
		{"#broadcast", "Send #broadcast AUDIENCE service|news TEXT, e.g. #broadcast course:MH1 service Tuesday's session"},
		{"#broadcast hello everyone", "Say who it goes to: all, course:MH1, term:\"Spring 2026\""},
		{"#broadcast course:NOPE service Hi", `There is no course "NOPE"`},
		{`#broadcast term:"Autumn 2030" news Hi`, `There is no term "Autumn 2030"`},
		{"#broadcast course:MH1 service", "The message is empty"},
		{"#broadcast course:MH1 service   ", "The message is empty"},
		{"#broadcast course:MH1 spam Hi", "After the audience say service or news, then the text. For example: #broadcast course:MH1 service"},
		{"#broadcast term:Autumn 2026 service Hi", `quote a term name with spaces, as in #broadcast term:"Spring 2026" news Hi.`},
		{`#broadcast term:"Autumn 2026" spam Hi`, "After the audience say service or news, then the text. For example:"},
		{"#broadcast course:MH1 topic:Sleep service Hi", "Give one of all, course, term, topic or waiting"},
		{"#broadcast channel:fax service Hi", "Channel:fax is not a channel: use channel:sms or channel:telegram"},
		{"#broadcast waiting:MH1 service Hi", "Nobody in waiting:MH1 can be sent this service"},
		{"#broadcast course:MH1 news " + strings.Repeat("x", 1600), // and 35 of how to stop news
			"The message is 1,635 characters; a text can be at most 1,600."},
		{"#broadcast send one", "Send #broadcast send ID, with the broadcast's number (#broadcast list shows them)."},
		{"#broadcast send 99", "There is no broadcast 99."},
		{"#broadcast stop 99", "There is no broadcast 99."},
	} {
		r.send(college.SMS, raySMS, c.send)
		got := r.claim(college.SMS, raySMS)
		if len(got) != 1 || !strings.Contains(got[0].Text, c.says) {
			t.Errorf("%q: Ray got %q, want %q", c.send, textsOf(got), c.says)
		}
		for _, q := range got {
			r.sent(q, "")
		}
	}
	if n := r.number(`SELECT count(*) FROM broadcast`); n != 0 {
		t.Errorf("%d broadcasts stored by mistakes", n)
	}
	r.send(college.Telegram, fayTG, "/broadcast all service Hi")
	r.reads(college.Telegram, fayTG, "Sorry, /broadcast needs the staff role; you are facilitator.")
}

// A draft can be discarded, and is then never sent; the list shows both.
func TestBroadcastDiscardAndList(t *testing.T) {
	r := newCastRig(t)
	r.send(college.SMS, raySMS, "#broadcast course:MH1 service Bring a pen.")
	r.skip(college.SMS, raySMS)
	r.send(college.SMS, raySMS, "#broadcast discard 1")
	r.reads(college.SMS, raySMS, "Broadcast 1 is discarded: nothing was sent.")
	r.send(college.SMS, raySMS, "#broadcast send 1")
	r.reads(college.SMS, raySMS, "Broadcast 1 is discarded already: it can be sent once.")
	r.send(college.SMS, raySMS, "#broadcast discard 1")
	r.reads(college.SMS, raySMS, "Broadcast 1 is discarded: only a draft can be discarded (a queued one can be stopped).")
	r.send(college.SMS, raySMS, "#broadcast all news Open day on Saturday.")
	r.skip(college.SMS, raySMS)
	r.send(college.SMS, raySMS, "#broadcast list")
	r.reads(college.SMS, raySMS, "Broadcast 2, news to all, is a draft for 3 students: not sent yet.\n"+
		"Broadcast 1, service to course:MH1, was discarded: nothing was sent.")
	if n := r.number(`SELECT count(*) FROM outbox WHERE broadcast_id IS NOT NULL`); n != 0 {
		t.Errorf("%d messages queued", n)
	}
}

func TestProgressLine(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/London")
	now := time.Date(2027, 1, 11, 10, 0, 0, 0, time.UTC) // a Monday
	ago := func(d time.Duration) time.Time { return now.Add(-d) }
	for _, c := range []struct {
		p    college.Progress
		want string
	}{
		{college.Progress{Total: 1240, Sent: 312, Failed: 2, Pending: 926, Start: ago(41 * time.Second)},
			"312 / 1,240 sent, 2 failed, about 2 min left"},
		{college.Progress{Total: 1010, Sent: 10, Pending: 1000, Start: ago(time.Minute)}, "10 / 1,010 sent, about 1 h 40 min left"},
		{college.Progress{Total: 20, Sent: 19, Pending: 1, Start: ago(time.Minute)}, "19 / 20 sent, less than a minute left"},
		{college.Progress{Total: 20, Pending: 20, Start: now}, "0 / 20 sent, starting"},
		{college.Progress{Total: 20, Pending: 20, Start: now.Add(time.Hour)}, "0 / 20 sent, starts at 11:00 after quiet hours"},
		{college.Progress{Total: 20, Pending: 20, Start: now.Add(22 * time.Hour)}, "0 / 20 sent, starts Tue 08:00 after quiet hours"},
		{college.Progress{Total: 1240, Sent: 1238, Failed: 2, Start: ago(time.Hour)}, "1,238 / 1,240 sent, 2 failed"},
		{college.Progress{Total: 1240, Sent: 312, Cancelled: 928, Start: ago(time.Hour)}, "312 / 1,240 sent, 928 not sent"},
	} {
		if got := staff.ProgressLine(c.p, now, loc); got != c.want {
			t.Errorf("ProgressLine(%+v) = %q, want %q", c.p, got, c.want)
		}
	}
}
