package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"collegebot/internal/twilio"
)

// api serves the parts of Twilio's REST API collegebot calls.
func (c *sim) api() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /2010-04-01/Accounts/{sid}/Messages.json", c.create)
	mux.HandleFunc("GET /2010-04-01/Accounts/{sid}/Messages.json", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"messages":[],"next_page_uri":null,"page":0,"page_size":50}`)
	})
	return mux
}

// create takes a text collegebot sends: it is shown, acknowledged as Twilio
// acknowledges it, and reported delivered through its status callback.
func (c *sim) create(w http.ResponseWriter, r *http.Request) {
	if user, pass, ok := r.BasicAuth(); !ok || pass != c.token || (c.account != "" && user != c.account) {
		http.Error(w, `{"code":20003,"message":"Authentication Error","status":401}`, http.StatusUnauthorized)
		return
	}
	r.ParseForm()
	to, body := r.PostForm.Get("To"), r.PostForm.Get("Body")
	sid := fmt.Sprintf("SM%032d", c.seq.Add(1))
	if to == c.as {
		fmt.Fprintf(c.out, "\n%s\n\n", body)
	} else {
		fmt.Fprintf(c.out, "[to %s] %s\n", to, strings.ReplaceAll(body, "\n", " / "))
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	json.NewEncoder(w).Encode(map[string]string{"sid": sid, "status": "queued", "to": to, "body": body, "num_segments": "1"})
	if cb := r.PostForm.Get("StatusCallback"); cb != "" {
		go c.report(cb, sid, to)
	}
}

// report posts the statuses Twilio would, signed.
func (c *sim) report(callback, sid, to string) {
	time.Sleep(200 * time.Millisecond)
	for _, status := range []string{"sent", "delivered"} {
		form := url.Values{"MessageSid": {sid}, "SmsSid": {sid}, "MessageStatus": {status}, "SmsStatus": {status},
			"To": {to}, "From": {c.college}, "AccountSid": {c.account}, "ApiVersion": {"2010-04-01"}}
		path := strings.TrimPrefix(callback, c.public)
		if err := c.post(path, form); err != nil {
			fmt.Fprintln(c.out, "! status callback:", err)
		}
	}
}

// text sends one line as the student's SMS, as Twilio's inbound webhook.
func (c *sim) text(body string) error {
	sid := fmt.Sprintf("SM%032d", c.seq.Add(1))
	form := url.Values{"MessageSid": {sid}, "SmsMessageSid": {sid}, "SmsSid": {sid}, "AccountSid": {c.account},
		"From": {c.as}, "To": {c.college}, "Body": {body}, "NumSegments": {"1"}, "NumMedia": {"0"},
		"SmsStatus": {"received"}, "FromCountry": {"GB"}, "ToCountry": {"GB"}, "ApiVersion": {"2010-04-01"}}
	if word := strings.ToUpper(strings.TrimSpace(body)); word == "STOP" || word == "START" || word == "HELP" {
		form.Set("OptOutType", word) // as Twilio's opt-out handling adds it
	}
	return c.post("/sms/twilio", form)
}

// post sends a webhook to collegebot, signed for its public URL.
func (c *sim) post(path string, form url.Values) error {
	req, err := http.NewRequest("POST", c.serve+path, strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Twilio-Signature", twilio.Sign(c.token, c.public+path, form))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("collegebot answered %s", resp.Status)
	}
	return nil
}
