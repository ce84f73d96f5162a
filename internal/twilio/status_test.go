package twilio_test

import (
	"net/http"
	"strings"
	"testing"

	"collegebot/internal/college"
)

const sidOut = "SM1f2e3d4c5b6a79880716253443526170"

// statusForm is a status callback exactly as Twilio posts it for a message
// sent from our number; extra carries ErrorCode and the like.
func statusForm(status, extra string) string {
	return "SmsSid=" + sidOut + "&SmsStatus=" + status + "&MessageStatus=" + status + extra +
		"&To=%2B447700900123&MessageSid=" + sidOut + "&AccountSid=" + accountSID + "&From=%2B447700900000&ApiVersion=2010-04-01"
}

func TestStatusCallback(t *testing.T) {
	delivered := statusForm("delivered", "")
	tests := []struct {
		label, query, body string
		signedQuery        string // when it differs from query
		forge              bool
		status             int
		want               []update
	}{
		{label: "delivered", query: "?o=42", body: delivered, status: 200,
			want: []update{{42, college.Delivery{ProviderID: sidOut, Status: "delivered"}}}},
		{label: "undelivered with error and segments", query: "?o=43", body: statusForm("undelivered", "&ErrorCode=30003&NumSegments=2"), status: 200,
			want: []update{{43, college.Delivery{ProviderID: sidOut, Status: "undelivered", Segments: 2, ErrorCode: 30003}}}},
		{label: "opted out, reported late", query: "?o=44", body: statusForm("failed", "&ErrorCode=21610"), status: 200,
			want: []update{{44, college.Delivery{ProviderID: sidOut, Status: "failed", ErrorCode: 21610}}}},
		{label: "unknown outbox id answered 200", query: "?o=999", body: delivered, status: 200,
			want: []update{{999, college.Delivery{ProviderID: sidOut, Status: "delivered"}}}},
		{label: "no outbox id", query: "", body: delivered, status: 400},
		{label: "outbox id not a number", query: "?o=abc", body: delivered, status: 400},
		{label: "outbox id zero", query: "?o=0", body: delivered, status: 400},
		{label: "no MessageStatus", query: "?o=42", body: strings.ReplaceAll(delivered, "&MessageStatus=delivered", ""), status: 400},
		{label: "ErrorCode not a number", query: "?o=42", body: statusForm("failed", "&ErrorCode=x"), status: 400},
		{label: "forged", query: "?o=42", body: delivered, forge: true, status: 403},
		{label: "signed without the query", query: "?o=42", signedQuery: "-", body: delivered, status: 403},
		{label: "signed for another outbox id", query: "?o=42", signedQuery: "?o=41", body: delivered, status: 403},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			deliveries := &fakeDeliveries{}
			_, mux, _ := newHandler(&fakeInbox{}, deliveries)
			signed := tt.query
			switch tt.signedQuery {
			case "":
			case "-":
				signed = ""
			default:
				signed = tt.signedQuery
			}
			token := authToken
			if tt.forge {
				token = "0000"
			}
			sig := signTwilio(token, publicURL+"/sms/twilio/status"+signed, tt.body)
			w := post(t, mux, "/sms/twilio/status"+tt.query, tt.body, sig)
			if w.Code != tt.status {
				t.Fatalf("status = %d, want %d (%s)", w.Code, tt.status, strings.TrimSpace(w.Body.String()))
			}
			assertUpdates(t, deliveries, tt.want)
			gone := len(tt.want) == 1 && tt.want[0].d.ErrorCode == 21610
			if want := map[bool]int{true: 1}[gone]; len(deliveries.optOuts) != want || (gone && deliveries.optOuts[0] != "sms:+447700900123") {
				t.Errorf("opt-outs %q, want %d for the recipient", deliveries.optOuts, want)
			}
		})
	}
}

// Callbacks arrive out of order: the handler forwards each as it comes, and
// the store keeps statuses moving forward.
func TestStatusCallbacksOutOfOrderAreForwarded(t *testing.T) {
	deliveries := &fakeDeliveries{}
	_, mux, _ := newHandler(&fakeInbox{}, deliveries)
	for _, status := range []string{"delivered", "sent"} {
		body := statusForm(status, "")
		w := post(t, mux, "/sms/twilio/status?o=42", body, signTwilio(authToken, publicURL+"/sms/twilio/status?o=42", body))
		if w.Code != http.StatusOK {
			t.Fatalf("%s: status %d", status, w.Code)
		}
		assertAck(t, w)
	}
	assertUpdates(t, deliveries, []update{
		{42, college.Delivery{ProviderID: sidOut, Status: "delivered"}},
		{42, college.Delivery{ProviderID: sidOut, Status: "sent"}},
	})
}

// assertUpdates checks the delivery updates made, in order.
func assertUpdates(t *testing.T, deliveries *fakeDeliveries, want []update) {
	t.Helper()
	if len(deliveries.updates) != len(want) {
		t.Fatalf("updates = %+v, want %+v", deliveries.updates, want)
	}
	for i := range want {
		if deliveries.updates[i] != want[i] {
			t.Errorf("update %d = %+v, want %+v", i, deliveries.updates[i], want[i])
		}
	}
}
