package twilio_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"collegebot/internal/college"
	"collegebot/internal/sqlite"
	"collegebot/internal/twilio"
)

const (
	sidJoin    = "SM4f6b0e1d2c3a4b5c6d7e8f90a1b2c3d4"
	sidStop    = "SM9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d"
	emptyTwiML = `<?xml version="1.0" encoding="UTF-8"?><Response/>`
)

// stopForm is STOP as Twilio posts it with Advanced Opt-Out on: the
// OptOutType field says what Twilio made of the keyword.
const stopForm = "ToCountry=GB&ToState=&SmsMessageSid=" + sidStop + "&NumMedia=0&ToCity=&FromZip=&SmsSid=" + sidStop +
	"&FromState=&SmsStatus=received&FromCity=&Body=Stop&FromCountry=GB&To=%2B447700900000&MessagingServiceSid=MG0123456789abcdef0123456789abcdef" +
	"&OptOutType=STOP&ToZip=&NumSegments=1&MessageSid=" + sidStop + "&AccountSid=" + accountSID + "&From=%2B447700900123&ApiVersion=2010-04-01"

func TestInbound(t *testing.T) {
	join := inboundForm(sidJoin, "JOIN+MH1")
	url := publicURL + "/sms/twilio"
	tests := []struct {
		label     string
		publicURL string // the handler's, when not publicURL
		body      string
		signature string
		status    int
		want      *college.Inbound // stored; nil when nothing may be
	}{
		{label: "signed", body: join, signature: signTwilio(authToken, url, join), status: 200,
			want: &college.Inbound{Address: student, ProviderID: sidJoin, Text: "JOIN MH1"}},
		{label: "STOP with OptOutType", body: stopForm, signature: signTwilio(authToken, url, stopForm), status: 200,
			want: &college.Inbound{Address: student, ProviderID: sidStop, Text: "Stop", OptOut: "STOP"}},
		{label: "signed with :443", body: join, signature: signTwilio(authToken, "https://college.example.org:443/sms/twilio", join), status: 200,
			want: &college.Inbound{Address: student, ProviderID: sidJoin, Text: "JOIN MH1"}},
		{label: "configured with :443, signed without", publicURL: "https://college.example.org:443", body: join,
			signature: signTwilio(authToken, url, join), status: 200,
			want: &college.Inbound{Address: student, ProviderID: sidJoin, Text: "JOIN MH1"}},
		{label: "forged", body: join, signature: signTwilio("not-the-token", url, join), status: 403},
		{label: "unsigned", body: join, status: 403},
		{label: "signed over http", body: join, signature: signTwilio(authToken, "http://college.example.org/sms/twilio", join), status: 403},
		{label: "signed for the proxy's address", body: join, signature: signTwilio(authToken, "http://10.0.0.7:8080/sms/twilio", join), status: 403},
		{label: "body changed after signing", body: strings.Replace(join, "JOIN", "DROP", 1), signature: signTwilio(authToken, url, join), status: 403},
		{label: "no From", body: strings.Replace(join, "&From=%2B447700900123", "", 1),
			signature: signTwilio(authToken, url, strings.Replace(join, "&From=%2B447700900123", "", 1)), status: 400},
		{label: "no MessageSid", body: strings.Replace(join, "&MessageSid="+sidJoin, "", 1),
			signature: signTwilio(authToken, url, strings.Replace(join, "&MessageSid="+sidJoin, "", 1)), status: 400},
		{label: "body of 1,600 characters", body: inboundForm(sidJoin, strings.Repeat("%C5%B5", 1600)),
			signature: signTwilio(authToken, url, inboundForm(sidJoin, strings.Repeat("%C5%B5", 1600))), status: 200,
			want: &college.Inbound{Address: student, ProviderID: sidJoin, Text: strings.Repeat("ŵ", 1600)}},
		{label: "body of 1,601 characters", body: inboundForm(sidJoin, strings.Repeat("a", 1601)),
			signature: signTwilio(authToken, url, inboundForm(sidJoin, strings.Repeat("a", 1601))), status: 400},
		{label: "unparseable form", body: "Body=%zz&" + join, signature: signTwilio(authToken, url, join), status: 400},
		{label: "over 64 KiB", body: join + "&Pad=" + strings.Repeat("x", 64<<10), signature: signTwilio(authToken, url, join), status: 413},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			inbox := &fakeInbox{}
			h, mux, wakes := newHandler(inbox, &fakeDeliveries{})
			if tt.publicURL != "" {
				h.PublicURL = tt.publicURL
			}
			w := post(t, mux, "/sms/twilio", tt.body, tt.signature)
			if w.Code != tt.status {
				t.Fatalf("status = %d, want %d (%s)", w.Code, tt.status, strings.TrimSpace(w.Body.String()))
			}
			if tt.want == nil {
				if len(inbox.saved) != 0 || *wakes != 0 {
					t.Fatalf("stored %d messages and woke the worker %d times; want nothing", len(inbox.saved), *wakes)
				}
				return
			}
			assertAck(t, w)
			assertStored(t, inbox, *tt.want, tt.body)
			if *wakes != 1 {
				t.Errorf("woke the worker %d times, want 1", *wakes)
			}
		})
	}
}

// assertAck checks the empty TwiML answer that tells Twilio to send nothing.
func assertAck(t *testing.T, w *httptest.ResponseRecorder) {
	t.Helper()
	if ct := w.Header().Get("Content-Type"); ct != "text/xml" {
		t.Errorf("Content-Type = %q, want text/xml", ct)
	}
	if w.Body.String() != emptyTwiML {
		t.Errorf("body = %q, want %q", w.Body.String(), emptyTwiML)
	}
}

// assertStored checks the one message in the inbox.
func assertStored(t *testing.T, inbox *fakeInbox, want college.Inbound, payload string) {
	t.Helper()
	if len(inbox.saved) != 1 {
		t.Fatalf("stored %d messages, want 1", len(inbox.saved))
	}
	got := inbox.saved[0]
	if got.in.Received.IsZero() {
		t.Error("Received is zero")
	}
	got.in.Received = want.Received
	want.Channel = college.SMS
	if got.in != want {
		t.Errorf("stored %+v\nwant     %+v", got.in, want)
	}
	if got.payload != payload {
		t.Errorf("payload = %q, want the raw form", got.payload)
	}
}

func TestInboundStoreFailureIs500(t *testing.T) {
	_, mux, wakes := newHandler(&fakeInbox{err: errors.New("disk full")}, &fakeDeliveries{})
	join := inboundForm(sidJoin, "JOIN+MH1")
	w := post(t, mux, "/sms/twilio", join, signTwilio(authToken, publicURL+"/sms/twilio", join))
	if w.Code != http.StatusInternalServerError || *wakes != 0 {
		t.Fatalf("status %d, wakes %d; want 500 so Twilio retries, and no wake", w.Code, *wakes)
	}
}

// A repeat of a MessageSid (Twilio's retry) is answered alike and stored
// once, in the real SQLite inbox.
func TestInboundDuplicateStoredOnceInSQLite(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "college.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	_, mux, wakes := newHandler(db, &fakeDeliveries{})
	join := inboundForm(sidJoin, "JOIN+MH1")
	sig := signTwilio(authToken, publicURL+"/sms/twilio", join)
	for i := range 2 {
		w := post(t, mux, "/sms/twilio", join, sig)
		if w.Code != http.StatusOK {
			t.Fatalf("post %d: status %d", i+1, w.Code)
		}
		assertAck(t, w)
	}
	pending, err := db.PendingInbound(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) != 1 || pending[0].ProviderID != sidJoin || pending[0].Text != "JOIN MH1" || pending[0].Address != student {
		t.Fatalf("inbox = %+v, want the one message", pending)
	}
	if *wakes != 1 {
		t.Errorf("woke the worker %d times, want 1 (the repeat is not fresh)", *wakes)
	}
}

// Logs name messages by their SID: never the text a student sent, nor the
// token, even when the request is refused.
func TestWebhookLogsNoBodiesOrTokens(t *testing.T) {
	var logs bytes.Buffer
	h, mux, _ := newHandler(&fakeInbox{}, &fakeDeliveries{})
	h.Log = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	secret := inboundForm(sidJoin, "my+private+worries")
	post(t, mux, "/sms/twilio", secret, signTwilio(authToken, publicURL+"/sms/twilio", secret))
	post(t, mux, "/sms/twilio", secret, "forged")
	if !strings.Contains(logs.String(), sidJoin) || !strings.Contains(logs.String(), "comp=twilio") {
		t.Errorf("logs do not name the message and component:\n%s", logs.String())
	}
	for _, leak := range []string{"private", authToken} {
		if strings.Contains(logs.String(), leak) {
			t.Errorf("logs contain %q:\n%s", leak, logs.String())
		}
	}
}

// *sqlite.DB is the Inbox and the Deliveries the server wires in.
var (
	_ twilio.Inbox      = (*sqlite.DB)(nil)
	_ twilio.Deliveries = (*sqlite.DB)(nil)
)

// Against the real store: STOP keeps Twilio's reading of it, and a status
// for an outbox row the store does not know is still answered 200.
func TestWebhooksOnSQLite(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "college.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	_, mux, _ := newHandler(db, db)
	if w := post(t, mux, "/sms/twilio", stopForm, signTwilio(authToken, publicURL+"/sms/twilio", stopForm)); w.Code != http.StatusOK {
		t.Fatalf("STOP: status %d", w.Code)
	}
	pending, err := db.PendingInbound(ctx, 0)
	if err != nil || len(pending) != 1 || pending[0].OptOut != "STOP" || pending[0].Text != "Stop" {
		t.Fatalf("inbox = %+v, %v; want the STOP with OptOut STOP", pending, err)
	}
	body := statusForm("delivered", "")
	w := post(t, mux, "/sms/twilio/status?o=12345", body, signTwilio(authToken, publicURL+"/sms/twilio/status?o=12345", body))
	if w.Code != http.StatusOK {
		t.Fatalf("status for an unknown outbox row: %d, want 200", w.Code)
	}
}
