package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// doctorTwilio plays the parts of Twilio's API that doctor asks about, as
// twilio-go sees them: the account, and the account's numbers.
type doctorTwilio struct {
	srv     *httptest.Server
	mu      sync.Mutex
	kind    string            // the account's type: Full or Trial
	numbers map[string]string // the account's numbers and where each posts its texts
}

func newDoctorTwilio(t *testing.T) *doctorTwilio {
	s := &doctorTwilio{kind: "Full", numbers: map[string]string{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /2010-04-01/Accounts/{sidjson}", s.account)
	mux.HandleFunc("GET /2010-04-01/Accounts/{sid}/IncomingPhoneNumbers.json", s.incoming)
	s.srv = httptest.NewServer(s.authenticated(mux))
	t.Cleanup(s.srv.Close)
	return s
}

// authenticated refuses a request without the test account's credentials,
// as Twilio does.
func (s *doctorTwilio) authenticated(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, p, ok := r.BasicAuth(); !ok || u != testSID || p != testToken {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}`)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// https://www.twilio.com/docs/iam/api/account#fetch-an-account-resource
func (s *doctorTwilio) account(w http.ResponseWriter, r *http.Request) {
	sid := strings.TrimSuffix(r.PathValue("sidjson"), ".json")
	s.mu.Lock()
	defer s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"sid": sid, "friendly_name": "Riverside Recovery College",
		"status": "active", "type": s.kind})
}

// https://www.twilio.com/docs/phone-numbers/api/incomingphonenumber-resource#read-multiple-incomingphonenumber-resources
func (s *doctorTwilio) incoming(w http.ResponseWriter, r *http.Request) {
	want := r.URL.Query().Get("PhoneNumber")
	s.mu.Lock()
	defer s.mu.Unlock()
	list := []any{}
	for num, smsURL := range s.numbers {
		if want == "" || num == want {
			list = append(list, map[string]any{"sid": "PN" + strings.Repeat("0", 32), "phone_number": num,
				"sms_url": smsURL, "sms_method": "POST", "account_sid": testSID})
		}
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"incoming_phone_numbers": list, "next_page_uri": nil,
		"page": 0, "page_size": 20, "start": 0, "end": len(list)})
}

// doctorTelegram plays the Bot API methods doctor calls: getMe and
// getWebhookInfo, for the test bot's token only.
type doctorTelegram struct {
	srv     *httptest.Server
	mu      sync.Mutex
	webhook string // where Telegram sends updates; "" for none
}

func newDoctorTelegram(t *testing.T) *doctorTelegram {
	s := &doctorTelegram{}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *doctorTelegram) serve(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	if !strings.HasPrefix(r.URL.Path, "/bot"+testBotToken+"/") {
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"ok":false,"error_code":401,"description":"Unauthorized"}`)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:] {
	case "getMe":
		fmt.Fprint(w, `{"ok":true,"result":{"id":1,"is_bot":true,"first_name":"College","username":"RiversideCollegeBot"}}`)
	case "getWebhookInfo":
		fmt.Fprintf(w, `{"ok":true,"result":{"url":%q,"has_custom_certificate":false,"pending_update_count":0}}`, s.webhook)
	default:
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"ok":false,"error_code":404,"description":"Not Found"}`)
	}
}

// newHealthz is collegebot's public URL as the providers reach it: an
// address that answers /healthz.
func newHealthz(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintln(w, "ok")
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}
