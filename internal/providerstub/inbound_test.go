package providerstub_test

import (
	"encoding/json"
	"io"
	"net/url"
	"testing"

	"github.com/go-telegram/bot/models"

	"collegebot/internal/providerstub"
	"collegebot/internal/twilio"
)

func TestSMSIsSignedAsTwilioSignsIt(t *testing.T) {
	const public = "https://college.example"
	req := providerstub.SMS("http://127.0.0.1:1", public, authToken, account, "+447700900401", from, "SM123", "join MH1")
	body, _ := io.ReadAll(req.Body)
	form, err := url.ParseQuery(string(body))
	if err != nil {
		t.Fatal(err)
	}
	if req.URL.String() != "http://127.0.0.1:1/sms/twilio" || form.Get("Body") != "join MH1" ||
		form.Get("MessageSid") != "SM123" || form.Get("From") != "+447700900401" {
		t.Errorf("request to %s with %v", req.URL, form)
	}
	if !twilio.Valid(authToken, public+"/sms/twilio", form, req.Header.Get("X-Twilio-Signature")) {
		t.Error("the signature does not check out for the public URL")
	}
	if twilio.Valid(authToken, "http://127.0.0.1:1/sms/twilio", form, req.Header.Get("X-Twilio-Signature")) {
		t.Error("the signature checks out for the loopback URL too")
	}
}

func TestUpdateIsATelegramUpdate(t *testing.T) {
	req := providerstub.Update("http://127.0.0.1:1", "s3cret", 42, 5000000006, "Ann", "courses")
	var u models.Update
	if err := json.NewDecoder(req.Body).Decode(&u); err != nil {
		t.Fatal(err)
	}
	if req.Header.Get("X-Telegram-Bot-Api-Secret-Token") != "s3cret" || req.URL.Path != "/telegram/webhook" {
		t.Errorf("request to %s with secret %q", req.URL, req.Header.Get("X-Telegram-Bot-Api-Secret-Token"))
	}
	if u.ID != 42 || u.Message == nil || u.Message.Text != "courses" || u.Message.Chat.ID != 5000000006 || u.Message.From.FirstName != "Ann" {
		t.Errorf("update %+v", u)
	}
}

func TestStatusIsSignedForItsCallback(t *testing.T) {
	const public = "https://college.example"
	m := providerstub.Sent{ID: "SM7", To: "+447700900401", From: from, Callback: public + "/sms/twilio/status?o=7"}
	req := providerstub.Status("http://127.0.0.1:1", public, authToken, account, m, "delivered")
	body, _ := io.ReadAll(req.Body)
	form, err := url.ParseQuery(string(body))
	if err != nil {
		t.Fatal(err)
	}
	if req.URL.String() != "http://127.0.0.1:1/sms/twilio/status?o=7" || form.Get("MessageStatus") != "delivered" ||
		form.Get("MessageSid") != "SM7" || form.Get("From") != from {
		t.Errorf("request to %s with %v", req.URL, form)
	}
	if !twilio.Valid(authToken, m.Callback, form, req.Header.Get("X-Twilio-Signature")) {
		t.Error("the signature does not check out for the callback URL")
	}
}
