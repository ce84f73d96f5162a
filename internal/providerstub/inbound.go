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
	form := url.Values{"MessageSid": {sid}, "SmsSid": {sid}, "SmsMessageSid": {sid}, "AccountSid": {account},
		"From": {from}, "To": {to}, "Body": {body}, "NumMedia": {"0"}, "NumSegments": {"1"},
		"SmsStatus": {"received"}, "ApiVersion": {"2010-04-01"}, "FromCountry": {"GB"}, "ToCountry": {"GB"}}
	const path = "/sms/twilio"
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
