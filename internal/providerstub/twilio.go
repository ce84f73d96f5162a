package providerstub

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Twilio plays the parts of Twilio's API that collegebot calls: create a
// message, list the messages sent to a number (which the sender reads to
// settle a send whose answer never came), and, for collegebot doctor, fetch
// the account and list its numbers.
type Twilio struct {
	stub
	account, token string
	acct           accountState
}

// StartTwilio serves a stub Twilio for one account (accountSID "" for
// any, by the token alone) on loopback (addr "" for any free port).
func StartTwilio(addr, accountSID, authToken string, f Faults) (*Twilio, error) {
	t := &Twilio{stub: stub{dice: newDice(f)}, account: accountSID, token: authToken,
		acct: accountState{name: "Stub College", kind: "Full"}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /2010-04-01/Accounts/{sid}/Messages.json", t.create)
	mux.HandleFunc("GET /2010-04-01/Accounts/{sid}/Messages.json", t.list)
	mux.HandleFunc("GET /2010-04-01/Accounts/{sidjson}", t.fetchAccount)
	mux.HandleFunc("GET /2010-04-01/Accounts/{sid}/IncomingPhoneNumbers.json", t.incoming)
	s, err := listen(addr, mux)
	if err != nil {
		return nil, fmt.Errorf("stub twilio: %w", err)
	}
	t.server = s
	return t, nil
}

// create takes a message, or fails as the dice say.
// https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource
func (t *Twilio) create(w http.ResponseWriter, r *http.Request) {
	if !t.authentic(w, r, r.PathValue("sid")) {
		return
	}
	// A request cut short (its sender killed mid-request) is refused, as
	// Twilio refuses it: nothing is sent.
	if err := r.ParseForm(); err != nil {
		twilioError(w, http.StatusBadRequest, 20001, "Invalid request body")
		return
	}
	m, ok := message(w, r.PostForm)
	if !ok {
		return
	}
	f, refused := t.roll(m.To, m.Text, func(f Fault) { twilioRefusal(w, f) })
	if refused {
		return
	}
	m.Held = f == FailTimeout
	m = t.accept(r, m, func(n int) string { return fmt.Sprintf("SM%032d", n) })
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	json.NewEncoder(w).Encode(t.resource(m))
}

// message reads a create call's form, or refuses it as Twilio does.
func message(w http.ResponseWriter, form url.Values) (Sent, bool) {
	m := Sent{To: form.Get("To"), Text: form.Get("Body"), From: form.Get("From"), Callback: form.Get("StatusCallback")}
	if m.From == "" {
		m.From = form.Get("MessagingServiceSid")
	}
	switch {
	case m.To == "":
		twilioError(w, http.StatusBadRequest, 21604, "A 'To' phone number is required.")
	case m.From == "":
		twilioError(w, http.StatusBadRequest, 21603, "A 'From' phone number is required.")
	case m.Text == "":
		twilioError(w, http.StatusBadRequest, 21602, "Message body is required.")
	default:
		return m, true
	}
	return Sent{}, false
}

// twilioRefusal answers a send refused with a fault as Twilio does.
func twilioRefusal(w http.ResponseWriter, f Fault) {
	switch f {
	case Fail500:
		twilioError(w, http.StatusInternalServerError, 20500, "Internal Server Error")
	case Fail429:
		w.Header().Set("Retry-After", "1")
		twilioError(w, http.StatusTooManyRequests, 20429, "Too Many Requests")
	case FailGone:
		twilioError(w, http.StatusBadRequest, 21610, "Attempt to send to unsubscribed recipient")
	}
}

// list returns the messages sent to a number, newest first.
// https://www.twilio.com/docs/messaging/api/message-resource#read-multiple-message-resources
func (t *Twilio) list(w http.ResponseWriter, r *http.Request) {
	if !t.authentic(w, r, r.PathValue("sid")) {
		return
	}
	q := r.URL.Query()
	size, _ := strconv.Atoi(q.Get("PageSize"))
	if size <= 0 {
		size = 50
	}
	sent := t.Sent()
	if to := q.Get("To"); to != "" {
		sent = t.sentTo(to)
	}
	var out []map[string]any
	for i := len(sent) - 1; i >= 0 && len(out) < size; i-- {
		if from := q.Get("From"); from == "" || sent[i].From == from {
			out = append(out, t.resource(sent[i]))
		}
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"messages": out, "next_page_uri": nil, "page": 0, "page_size": size})
}

// resource is a message as Twilio's API returns it. Through a Messaging
// Service, Twilio picks the number later and counts no segments yet.
func (t *Twilio) resource(m Sent) map[string]any {
	date := m.At.Format(time.RFC1123Z)
	res := map[string]any{"sid": m.ID, "account_sid": t.account, "status": "queued", "num_segments": "1",
		"direction": "outbound-api", "to": m.To, "from": m.From, "body": m.Text,
		"date_created": date, "date_updated": date}
	if strings.HasPrefix(m.From, "MG") {
		res["status"], res["num_segments"], res["from"], res["messaging_service_sid"] = "accepted", "0", nil, m.From
	}
	return res
}

// authentic checks the account's basic auth as Twilio does. A stub for
// no account in particular takes any account's calls with the token.
func (t *Twilio) authentic(w http.ResponseWriter, r *http.Request, sid string) bool {
	user, pass, ok := r.BasicAuth()
	mine := user == t.account && strings.EqualFold(sid, t.account)
	if ok && pass == t.token && (mine || t.account == "") {
		return true
	}
	twilioError(w, http.StatusUnauthorized, 20003, "Authenticate")
	return false
}

// twilioError answers as Twilio's API does when it refuses a call.
func twilioError(w http.ResponseWriter, status, code int, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"code": code, "message": message, "status": status,
		"more_info": fmt.Sprintf("https://www.twilio.com/docs/errors/%d", code)})
}
