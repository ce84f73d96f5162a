package twilio_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"
)

// stubPageSize is the stub's page of a message list: small, so that a
// look-up follows next_page_uri back through the rewritten API URL.
const stubPageSize = 2

// twilioStub plays Twilio's Messages API: create and list, behind Basic
// auth, answering with Twilio's JSON shapes.
type twilioStub struct {
	*httptest.Server
	mu       sync.Mutex
	created  []url.Values
	listed   []url.Values
	create   http.HandlerFunc // answers a create; nil accepts the message
	messages []stubMessage    // what lists return, newest first
}

// stubMessage is a message Twilio holds.
type stubMessage struct {
	Sid, To, From, Body, Direction string
	Created                        time.Time
	Sent                           time.Time // zero while still queued at Twilio
}

// newStub starts a stub Twilio, closed when the test ends.
func newStub(t testing.TB) *twilioStub {
	s := &twilioStub{}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /2010-04-01/Accounts/{sid}/Messages.json", s.handleCreate)
	mux.HandleFunc("GET /2010-04-01/Accounts/{sid}/Messages.json", s.handleList)
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, pass, ok := r.BasicAuth()
		if !ok || user != accountSID || pass != authToken {
			twilioError(w, 401, 20003, "Authenticate")
			return
		}
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// twilioError answers as Twilio does when it refuses a request.
func twilioError(w http.ResponseWriter, status, code int, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"code": code, "message": message,
		"more_info": fmt.Sprintf("https://www.twilio.com/docs/errors/%d", code), "status": status})
}

func (s *twilioStub) handleCreate(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("sid") != accountSID {
		twilioError(w, 404, 20404, "The requested resource was not found")
		return
	}
	r.ParseForm()
	s.mu.Lock()
	s.created = append(s.created, r.PostForm)
	n, create := len(s.created), s.create
	s.mu.Unlock()
	if create != nil {
		create(w, r)
		return
	}
	m := stubMessage{Sid: "SM" + fmt.Sprintf("%032x", n), To: r.PostForm.Get("To"),
		From: r.PostForm.Get("From"), Body: r.PostForm.Get("Body"), Direction: "outbound-api", Created: time.Now()}
	res := messageJSON(m)
	res["status"], res["num_segments"] = "queued", "1"
	if mg := r.PostForm.Get("MessagingServiceSid"); mg != "" {
		// Through a Messaging Service Twilio picks the number later, and
		// counts no segments yet.
		res["status"], res["num_segments"], res["from"], res["messaging_service_sid"] = "accepted", "0", nil, mg
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	json.NewEncoder(w).Encode(res)
}

func (s *twilioStub) handleList(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("sid") != accountSID {
		twilioError(w, 404, 20404, "The requested resource was not found")
		return
	}
	q := r.URL.Query()
	s.mu.Lock()
	s.listed = append(s.listed, q)
	var found []map[string]any
	for _, m := range s.messages {
		if m.To == q.Get("To") && (q.Get("From") == "" || m.From == q.Get("From")) && sentAfter(m, q.Get("DateSent>")) {
			found = append(found, messageJSON(m))
		}
	}
	s.mu.Unlock()
	page, _ := strconv.Atoi(q.Get("Page"))
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(listPage(r.URL.Path, q, found, page))
}

// sentAfter applies Twilio's DateSent> filter, which a message not yet
// sent never passes.
func sentAfter(m stubMessage, after string) bool {
	if after == "" {
		return true
	}
	t, err := time.Parse(time.RFC3339, after)
	return err == nil && !m.Sent.IsZero() && !m.Sent.Before(t)
}

// listPage is one page of Twilio's message list.
func listPage(path string, q url.Values, all []map[string]any, page int) map[string]any {
	start := min(page*stubPageSize, len(all))
	end := min(start+stubPageSize, len(all))
	pageURI := func(p int) string {
		v := maps.Clone(q) // the filters, as Twilio keeps them in its page links
		v.Set("PageSize", strconv.Itoa(stubPageSize))
		v.Set("Page", strconv.Itoa(p))
		v.Set("PageToken", fmt.Sprintf("PASM%d", p))
		return path + "?" + v.Encode()
	}
	var next any
	if end < len(all) {
		next = pageURI(page + 1)
	}
	return map[string]any{"messages": append([]map[string]any{}, all[start:end]...), "end": end - 1,
		"first_page_uri": pageURI(0), "next_page_uri": next, "page": page, "page_size": stubPageSize,
		"previous_page_uri": nil, "start": start, "uri": pageURI(page)}
}

// messageJSON is Twilio's Message resource.
func messageJSON(m stubMessage) map[string]any {
	res := map[string]any{"account_sid": accountSID, "api_version": "2010-04-01", "body": m.Body,
		"date_created": m.Created.UTC().Format(time.RFC1123Z), "date_sent": nil,
		"date_updated": m.Created.UTC().Format(time.RFC1123Z), "direction": m.Direction,
		"error_code": nil, "error_message": nil, "from": m.From, "messaging_service_sid": nil,
		"num_media": "0", "num_segments": "1", "price": nil, "price_unit": "GBP", "sid": m.Sid,
		"status": "queued", "to": m.To,
		"subresource_uris": map[string]any{"media": "/2010-04-01/Accounts/" + accountSID + "/Messages/" + m.Sid + "/Media.json"},
		"uri":              "/2010-04-01/Accounts/" + accountSID + "/Messages/" + m.Sid + ".json"}
	if !m.Sent.IsZero() {
		res["date_sent"], res["status"] = m.Sent.UTC().Format(time.RFC1123Z), "delivered"
	}
	return res
}
