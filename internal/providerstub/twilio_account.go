package providerstub

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
)

// accountState is what a stub Twilio says of its account, as collegebot
// doctor asks: its name and type, and its numbers.
type accountState struct {
	mu      sync.Mutex
	name    string
	kind    string            // Full, or Trial
	numbers map[string]string // each number, and where it posts the texts it receives
}

// SetAccount sets the account's friendly name and its type, Full or
// Trial; until set, "Stub College", Full.
func (t *Twilio) SetAccount(friendlyName, kind string) {
	t.acct.mu.Lock()
	defer t.acct.mu.Unlock()
	t.acct.name, t.acct.kind = friendlyName, kind
}

// AddNumber gives the account a number (E.164) that posts the texts it
// receives to smsURL, or moves the number's webhook there.
func (t *Twilio) AddNumber(number, smsURL string) {
	t.acct.mu.Lock()
	defer t.acct.mu.Unlock()
	if t.acct.numbers == nil {
		t.acct.numbers = map[string]string{}
	}
	t.acct.numbers[number] = smsURL
}

// fetchAccount answers a fetch of the account.
// https://www.twilio.com/docs/iam/api/account#fetch-an-account-resource
func (t *Twilio) fetchAccount(w http.ResponseWriter, r *http.Request) {
	sid, ok := strings.CutSuffix(r.PathValue("sidjson"), ".json")
	if !ok {
		twilioError(w, http.StatusNotFound, 20404, "The requested resource was not found")
		return
	}
	if !t.authentic(w, r, sid) {
		return
	}
	t.acct.mu.Lock()
	defer t.acct.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"sid": sid, "friendly_name": t.acct.name, "status": "active",
		"type": t.acct.kind})
}

// incoming lists the account's numbers, or the one asked for.
// https://www.twilio.com/docs/phone-numbers/api/incomingphonenumber-resource#read-multiple-incomingphonenumber-resources
func (t *Twilio) incoming(w http.ResponseWriter, r *http.Request) {
	if !t.authentic(w, r, r.PathValue("sid")) {
		return
	}
	want := r.URL.Query().Get("PhoneNumber")
	t.acct.mu.Lock()
	defer t.acct.mu.Unlock()
	list := []any{}
	for num, smsURL := range t.acct.numbers {
		if want == "" || num == want {
			list = append(list, map[string]any{"sid": "PN" + strings.Repeat("0", 32), "phone_number": num,
				"sms_url": smsURL, "sms_method": "POST", "account_sid": r.PathValue("sid")})
		}
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"incoming_phone_numbers": list, "next_page_uri": nil,
		"page": 0, "page_size": 20, "start": 0, "end": len(list)})
}
