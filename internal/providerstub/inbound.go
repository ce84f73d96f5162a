package providerstub

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"time"

	"collegebot/internal/twilio"
)

// SMS builds an inbound text as Twilio posts it to collegebot's webhook:
// the form, signed with the account's auth token for the public URL
// Twilio was given, sent to base (where collegebot really listens).
func SMS(base, publicURL, authToken, account, from, to, sid, body string) *http.Request {
	return Signed(base, publicURL, authToken, "/sms/twilio", SMSForm(account, from, to, sid, body))
}

// SMSForm is an inbound text's form as Twilio posts it.
func SMSForm(account, from, to, sid, body string) url.Values {
	return url.Values{"MessageSid": {sid}, "SmsSid": {sid}, "SmsMessageSid": {sid}, "AccountSid": {account},
		"From": {from}, "To": {to}, "Body": {body}, "NumMedia": {"0"}, "NumSegments": {"1"},
		"SmsStatus": {"received"}, "ApiVersion": {"2010-04-01"}, "FromCountry": {"GB"}, "ToCountry": {"GB"}}
}

// Status builds the status callback Twilio posts for a message it took,
// to the callback URL it was given (under publicURL), signed, sent to base.
// https://www.twilio.com/docs/messaging/guides/track-outbound-message-status
func Status(base, publicURL, authToken, account string, m Sent, status string) *http.Request {
	form := url.Values{"MessageSid": {m.ID}, "SmsSid": {m.ID}, "MessageStatus": {status}, "SmsStatus": {status},
		"To": {m.To}, "From": {m.From}, "AccountSid": {account}, "ApiVersion": {"2010-04-01"}}
	return Signed(base, publicURL, authToken, strings.TrimPrefix(m.Callback, publicURL), form)
}

// Signed builds a webhook as Twilio posts it to publicURL+path: the form,
// signed with the auth token, sent to base+path instead.
func Signed(base, publicURL, authToken, path string, form url.Values) *http.Request {
	req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Twilio-Signature", twilio.Sign(authToken, publicURL+path, form))
	return req
}

// Update builds a Telegram update carrying a private text message, as
// Telegram posts it to collegebot's webhook with the secret token.
func Update(base, secret string, updateID, chatID int64, firstName, text string) *http.Request {
	user := map[string]any{"id": chatID, "is_bot": false, "first_name": firstName, "language_code": "en"}
	u := map[string]any{"update_id": updateID, "message": map[string]any{
		"message_id": updateID, "date": time.Now().Unix(), "text": text, "from": user,
		"chat": map[string]any{"id": chatID, "type": "private", "first_name": firstName}}}
	body, _ := json.Marshal(u)
	req, _ := http.NewRequest(http.MethodPost, base+"/telegram/webhook", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	return req
}
