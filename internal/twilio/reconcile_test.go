package twilio_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"collegebot/internal/college"
)

func TestLookup(t *testing.T) {
	q := offer()
	text := render(q)
	due := q.Created
	other := func(i int) stubMessage {
		return stubMessage{Sid: fmt.Sprintf("SMother%d", i), To: student, From: ourNumber, Body: fmt.Sprintf("Reminder %d", i),
			Direction: "outbound-api", Created: due.Add(10 * time.Second), Sent: due.Add(11 * time.Second)}
	}
	ours := stubMessage{Sid: "SMours", To: student, From: ourNumber, Body: text, Direction: "outbound-api",
		Created: due.Add(5 * time.Second), Sent: due.Add(6 * time.Second)}
	queued := ours
	queued.Sent = time.Time{}
	tests := []struct {
		label    string
		messages []stubMessage
		want     string // the SID found; empty for none
		lists    int    // list requests made, pages followed included
	}{
		{"sent, behind two pages of others", []stubMessage{other(1), other(2), other(3), other(4), ours}, "SMours", 3},
		{"still queued at Twilio", []stubMessage{other(1), queued}, "SMours", 2},
		{"none", nil, "", 2},
		{"only other texts", []stubMessage{other(1), other(2)}, "", 2},
		{"same text to someone else", []stubMessage{{Sid: "SMx", To: "+447700900999", From: ourNumber, Body: text,
			Direction: "outbound-api", Created: due, Sent: due}}, "", 2},
		{"same text, sent the day before", []stubMessage{{Sid: "SMold", To: student, From: ourNumber, Body: text,
			Direction: "outbound-api", Created: due.Add(-24 * time.Hour)}}, "", 2},
		{"same text, not outbound", []stubMessage{{Sid: "SMin", To: student, From: ourNumber, Body: text,
			Direction: "inbound", Created: due, Sent: due}}, "", 2},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			stub := newStub(t)
			stub.messages = tt.messages
			r, found, err := newSender(t, stub.URL, ourNumber, nil).Lookup(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			if found != (tt.want != "") || r.ProviderID != tt.want {
				t.Fatalf("Lookup = %+v, %v; want %q", r, found, tt.want)
			}
			if len(stub.listed) != tt.lists {
				t.Errorf("%d list requests, want %d", len(stub.listed), tt.lists)
			}
			first := stub.listed[0]
			if first.Get("To") != student || first.Get("From") != ourNumber {
				t.Errorf("first list filtered To %q From %q", first.Get("To"), first.Get("From"))
			}
			after, err := time.Parse(time.RFC3339, first.Get("DateSent>"))
			if err != nil || after.After(due.Add(-time.Minute)) {
				t.Errorf("DateSent> = %q, want a minute or more before the message fell due (%v)", first.Get("DateSent>"), due)
			}
		})
	}
}

func TestLookupThroughMessagingServiceFiltersByRecipientOnly(t *testing.T) {
	stub := newStub(t)
	q := offer()
	stub.messages = []stubMessage{{Sid: "SMpool", To: student, From: "+447700900555", Body: render(q),
		Direction: "outbound-api", Created: q.Created, Sent: q.Created}}
	r, found, err := newSender(t, stub.URL, serviceSID, nil).Lookup(context.Background(), q)
	if err != nil || !found || r.ProviderID != "SMpool" {
		t.Fatalf("Lookup = %+v, %v, %v; want SMpool", r, found, err)
	}
	if from := stub.listed[0].Get("From"); from != "" {
		t.Errorf("filtered From %q; a service sends from any number in its pool", from)
	}
}

func TestLookupFailureIsClassified(t *testing.T) {
	stub := newStub(t)
	stub.Close()
	_, found, err := newSender(t, stub.URL, ourNumber, nil).Lookup(context.Background(), offer())
	if found {
		t.Fatal("found a message on a closed server")
	}
	assertKind(t, err, college.ErrTemporary)
}

// TestLookupAfterRetry finds a message whose retry moved its due time an
// hour past the attempt that reached Twilio: the window starts when it was
// queued.
func TestLookupAfterRetry(t *testing.T) {
	q := offer()
	q.NotBefore = q.Created.Add(time.Hour)
	stub := newStub(t)
	stub.messages = []stubMessage{{Sid: "SMfirst", To: student, From: ourNumber, Body: render(q),
		Direction: "outbound-api", Created: q.Created.Add(time.Second), Sent: q.Created.Add(2 * time.Second)}}
	for i := range 30 { // more since than the look-up's look at the latest reads
		at := q.Created.Add(time.Duration(i+2) * time.Minute)
		stub.messages = append(stub.messages, stubMessage{Sid: fmt.Sprintf("SMlater%d", i), To: student,
			From: ourNumber, Body: fmt.Sprintf("Later %d", i), Direction: "outbound-api", Created: at, Sent: at})
	}
	r, found, err := newSender(t, stub.URL, ourNumber, nil).Lookup(context.Background(), q)
	if err != nil || !found || r.ProviderID != "SMfirst" {
		t.Fatalf("Lookup = %+v, %v, %v; want SMfirst", r, found, err)
	}
}
