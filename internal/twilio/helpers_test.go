package twilio_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/twilio"
)

// The account the tests play, and the public URL Twilio is given.
const (
	accountSID = "AC0123456789abcdef0123456789abcdef"
	authToken  = "5f4dcc3b5aa765d61d8327deb882cf99"
	publicURL  = "https://college.example.org"
	ourNumber  = "+447700900000"
	student    = "+447700900123"
)

// signTwilio signs a form body the way Twilio does, written apart from
// twilio.Valid so that each checks the other: the URL, then every key and
// value pair sorted by key and then value, concatenated; HMAC-SHA1; base64.
func signTwilio(token, fullURL, body string) string {
	var pairs [][2]string
	for _, kv := range strings.Split(body, "&") {
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		k, _ = url.QueryUnescape(k)
		v, _ = url.QueryUnescape(v)
		pairs = append(pairs, [2]string{k, v})
	}
	return signPairs(token, fullURL, pairs)
}

// signPairs signs a URL and form pairs the way Twilio does.
func signPairs(token, fullURL string, pairs [][2]string) string {
	sorted := append([][2]string(nil), pairs...)
	sort.Slice(sorted, func(i, j int) bool {
		if sorted[i][0] != sorted[j][0] {
			return sorted[i][0] < sorted[j][0]
		}
		return sorted[i][1] < sorted[j][1]
	})
	s := fullURL
	for _, p := range sorted {
		s += p[0] + p[1]
	}
	mac := hmac.New(sha1.New, []byte(token))
	mac.Write([]byte(s))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// post sends a webhook request to a handler as Fly's proxy delivers it:
// plain http, to an internal address and port, whatever Twilio was given.
func post(t testing.TB, h http.Handler, pathAndQuery, body, signature string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "http://10.0.0.7:8080"+pathAndQuery, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if signature != "" {
		r.Header.Set("X-Twilio-Signature", signature)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// inboundForm is an inbound SMS exactly as Twilio posts it, from a UK
// mobile to a UK long code; body is already form-encoded.
func inboundForm(sid, body string) string {
	return "ToCountry=GB&ToState=&SmsMessageSid=" + sid + "&NumMedia=0&ToCity=&FromZip=&SmsSid=" + sid +
		"&FromState=&SmsStatus=received&FromCity=&Body=" + body + "&FromCountry=GB&To=%2B447700900000&ToZip=" +
		"&NumSegments=1&MessageSid=" + sid + "&AccountSid=" + accountSID + "&From=%2B447700900123&ApiVersion=2010-04-01"
}

// saved is one SaveInbound call.
type saved struct {
	in      college.Inbound
	payload string
}

// fakeInbox is an in-memory Inbox that, like the real one, stores a
// provider id once.
type fakeInbox struct {
	mu    sync.Mutex
	saved []saved
	err   error
}

func (f *fakeInbox) SaveInbound(_ context.Context, in college.Inbound, payload string) (int64, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return 0, false, f.err
	}
	for i, s := range f.saved {
		if s.in.ProviderID == in.ProviderID {
			return int64(i + 1), false, nil
		}
	}
	f.saved = append(f.saved, saved{in, payload})
	return int64(len(f.saved)), true, nil
}

// update is one UpdateDelivery call.
type update struct {
	outboxID int64
	d        college.Delivery
}

// fakeDeliveries records delivery updates; an id over 900 is unknown.
type fakeDeliveries struct {
	mu      sync.Mutex
	updates []update
	optOuts []string // addresses opted out
}

func (f *fakeDeliveries) OptOut(_ context.Context, ch college.Channel, addr string, _ time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.optOuts = append(f.optOuts, string(ch)+":"+addr)
	return nil
}

func (f *fakeDeliveries) UpdateDelivery(_ context.Context, outboxID int64, d college.Delivery) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.updates = append(f.updates, update{outboxID, d})
	if outboxID > 900 {
		return fmt.Errorf("fake: outbox %d: %w", outboxID, college.ErrNotFound)
	}
	return nil
}

// newHandler returns a webhook handler on fakes, its mux, and a count of
// the times it woke the inbox worker.
func newHandler(inbox twilio.Inbox, deliveries twilio.Deliveries) (*twilio.Handler, *http.ServeMux, *int) {
	wakes := new(int)
	h := &twilio.Handler{AuthToken: authToken, PublicURL: publicURL, Inbox: inbox, Deliveries: deliveries,
		Wake: func() { *wakes++ }, Log: slog.New(slog.DiscardHandler)}
	mux := http.NewServeMux()
	h.Register(mux)
	return h, mux, wakes
}

// render is the SMS rendering the conversation package does: the text,
// then the choices as numbered lines.
func render(q college.Queued) string {
	var b strings.Builder
	b.WriteString(q.Text)
	for i, c := range q.Choices {
		sep := "  "
		if i == 0 {
			sep = "\n"
		}
		fmt.Fprintf(&b, "%s%d %s", sep, i+1, c.Label)
	}
	return b.String()
}
