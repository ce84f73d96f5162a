package providerstub_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	msgapi "github.com/twilio/twilio-go/rest/api/v2010"

	"collegebot/internal/college"
	"collegebot/internal/providerstub"
	"collegebot/internal/twilio"
)

// A text's sender and status callback are recorded, and a look-up
// filtered by another From finds nothing.
func TestTwilioRecordsFromAndCallback(t *testing.T) {
	tw := startTwilio(t, providerstub.Faults{})
	s, err := twilio.NewSender(twilio.SenderConfig{AccountSID: account, AuthToken: authToken, From: from,
		APIURL: tw.URL(), StatusURL: "https://college.example", Render: func(q college.Queued) string { return q.Text }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Send(t.Context(), text(7, "+447700900303", "Hello")); err != nil {
		t.Fatal(err)
	}
	sent := tw.Sent()
	if len(sent) != 1 || sent[0].From != from || sent[0].Callback != "https://college.example/sms/twilio/status?o=7" {
		t.Fatalf("the stub holds %+v", sent)
	}
	rc, _ := twilio.NewRestClient(account, authToken, tw.URL(), nil)
	for f, want := range map[string]int{from: 1, "+447700900999": 0} {
		msgs, err := rc.Api.ListMessage((&msgapi.ListMessageParams{}).SetTo("+447700900303").SetFrom(f))
		if err != nil || len(msgs) != want {
			t.Errorf("list from %s: %d messages, %v; want %d", f, len(msgs), err, want)
		}
	}
}

// The account and its numbers, as collegebot doctor reads them through
// twilio-go.
func TestTwilioAccountAndNumbers(t *testing.T) {
	tw := startTwilio(t, providerstub.Faults{})
	tw.SetAccount("Riverside Recovery College", "Trial")
	tw.AddNumber(from, "https://college.example/sms/twilio")
	rc, err := twilio.NewRestClient(account, authToken, tw.URL(), &http.Client{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	acct, err := rc.Api.FetchAccount(account)
	if err != nil || *acct.FriendlyName != "Riverside Recovery College" || *acct.Type != "Trial" || *acct.Status != "active" {
		t.Fatalf("FetchAccount = %+v, %v", acct, err)
	}
	nums, err := rc.Api.ListIncomingPhoneNumber((&msgapi.ListIncomingPhoneNumberParams{}).SetPhoneNumber(from))
	if err != nil || len(nums) != 1 || *nums[0].SmsUrl != "https://college.example/sms/twilio" {
		t.Fatalf("ListIncomingPhoneNumber = %+v, %v", nums, err)
	}
	if nums, _ := rc.Api.ListIncomingPhoneNumber((&msgapi.ListIncomingPhoneNumberParams{}).SetPhoneNumber("+447700900998")); len(nums) != 0 {
		t.Errorf("a number not on the account was listed: %+v", nums)
	}
	wrong, _ := twilio.NewRestClient(account, strings.Repeat("f", 32), tw.URL(), nil)
	if _, err := wrong.Api.FetchAccount(account); err == nil {
		t.Error("a wrong auth token was accepted")
	}
}

// A stub for no account in particular takes any account's calls, by the
// auth token alone, as smssim does when TWILIO_ACCOUNT_SID is not set.
func TestTwilioForAnyAccount(t *testing.T) {
	tw, err := providerstub.StartTwilio("", "", authToken, providerstub.Faults{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tw.Close() })
	if _, err := twilioSender(t, tw.URL(), authToken, 10*time.Second).Send(t.Context(), text(1, "+447700900304", "Hi")); err != nil {
		t.Fatal(err)
	}
	if _, err := twilioSender(t, tw.URL(), strings.Repeat("f", 32), 10*time.Second).Send(t.Context(), text(2, "+447700900304", "Hi")); err == nil {
		t.Error("a wrong auth token was accepted")
	}
	if tw.Count() != 1 {
		t.Errorf("the stub took %d messages, want 1", tw.Count())
	}
}
