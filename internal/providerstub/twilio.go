package providerstub

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Twilio plays the parts of Twilio's Messages API that collegebot calls:
// create a message, and list the messages sent to a number (which the
// sender reads to settle a send whose answer never came).
type Twilio struct {
	stub
	account, token string
}

// StartTwilio serves a stub Twilio for one account on loopback (addr
// "" for any free port).
func StartTwilio(addr, accountSID, authToken string, f Faults) (*Twilio, error) {
	t := &Twilio{stub: stub{dice: newDice(f)}, account: accountSID, token: authToken}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /2010-04-01/Accounts/{sid}/Messages.json", t.create)
	mux.HandleFunc("GET /2010-04-01/Accounts/{sid}/Messages.json", t.list)
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
	if !t.authentic(w, r) {
		return
	}
	// A request cut short (its sender killed mid-request) is refused, as
	// Twilio refuses it: nothing is sent.
	if err := r.ParseForm(); err != nil {
		twilioError(w, http.StatusBadRequest, 20001, "Invalid request body")
		return
	}
	to, body := r.PostForm.Get("To"), r.PostForm.Get("Body")
	switch {
	case to == "":
		twilioError(w, http.StatusBadRequest, 21604, "A 'To' phone number is required.")
		return
	case body == "":
		twilioError(w, http.StatusBadRequest, 21602, "Message body is required.")
		return
	}
	f, refused := t.roll(to, body, func(f Fault) { twilioRefusal(w, f) })
	if refused {
		return
	}
	m := t.accept(r, Sent{To: to, Text: body, Held: f == FailTimeout}, func(n int) string { return fmt.Sprintf("SM%032d", n) })
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	json.NewEncoder(w).Encode(t.resource(m, r.PostForm.Get("From")))
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
	if !t.authentic(w, r) {
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
		out = append(out, t.resource(sent[i], q.Get("From")))
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"messages": out, "next_page_uri": nil, "page": 0, "page_size": size})
}

// resource is a message as Twilio's API returns it.
func (t *Twilio) resource(m Sent, from string) map[string]any {
	date := m.At.Format(time.RFC1123Z)
	return map[string]any{"sid": m.ID, "account_sid": t.account, "status": "queued", "num_segments": "1",
		"direction": "outbound-api", "to": m.To, "from": from, "body": m.Text,
		"date_created": date, "date_updated": date}
}

// authentic checks the account's basic auth as Twilio does.
func (t *Twilio) authentic(w http.ResponseWriter, r *http.Request) bool {
	user, pass, ok := r.BasicAuth()
	if ok && user == t.account && pass == t.token && strings.EqualFold(r.PathValue("sid"), t.account) {
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
