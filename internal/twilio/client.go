package twilio

import (
	"context"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync"

	twilioapi "github.com/twilio/twilio-go"
	twclient "github.com/twilio/twilio-go/client"
)

// exchange is what one call to Twilio saw on the wire, which twilio-go's
// errors do not carry: whether a request was written in full (so Twilio may
// have acted on it), the last HTTP status and its Retry-After header.
type exchange struct {
	mu         sync.Mutex
	wrote      bool
	status     int
	retryAfter string
}

// seen returns what the exchange saw.
func (e *exchange) seen() (wrote bool, status int, retryAfter string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.wrote, e.status, e.retryAfter
}

// transport carries one call's requests. twilio-go builds every request on
// context.Background() (client/client.go, SendRequest), so the transport
// puts the call's own context on it, which bounds and cancels the call. It
// sends Twilio's API requests to base when set, and notes what it saw.
type transport struct {
	ctx  context.Context
	base *url.URL // replaces https://api.twilio.com; nil for Twilio itself
	next http.RoundTripper
	ex   *exchange
}

// RoundTrip implements http.RoundTripper.
func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	trace := &httptrace.ClientTrace{WroteRequest: func(info httptrace.WroteRequestInfo) {
		if info.Err == nil {
			t.ex.mu.Lock()
			t.ex.wrote = true
			t.ex.mu.Unlock()
		}
	}}
	out := req.Clone(httptrace.WithClientTrace(t.ctx, trace))
	if t.base != nil && isTwilio(out.URL.Hostname()) {
		rebase(out, t.base)
	}
	resp, err := t.next.RoundTrip(out)
	if resp != nil {
		t.ex.mu.Lock()
		t.ex.status, t.ex.retryAfter = resp.StatusCode, resp.Header.Get("Retry-After")
		t.ex.mu.Unlock()
	}
	return resp, err
}

// isTwilio reports whether host is Twilio's API, including the edge and
// region hosts twilio-go builds from TWILIO_EDGE and TWILIO_REGION
// (client/request_handler.go, BuildUrl).
func isTwilio(host string) bool {
	return host == "twilio.com" || strings.HasSuffix(host, ".twilio.com")
}

// rebase points a request at base, keeping its path under base's own.
func rebase(req *http.Request, base *url.URL) {
	req.URL.Scheme, req.URL.Host = base.Scheme, base.Host
	if prefix := strings.TrimRight(base.Path, "/"); prefix != "" {
		req.URL.Path = prefix + req.URL.Path
		if req.URL.RawPath != "" {
			req.URL.RawPath = strings.TrimRight(base.EscapedPath(), "/") + req.URL.RawPath
		}
	}
	req.Host = ""
}

// rest returns a twilio-go client for one call, whose requests run on ctx
// and are noted in ex. It is built per call because twilio-go offers no
// other way to pass a context, or to see a failed response's headers.
func (s *Sender) rest(ctx context.Context, ex *exchange) *twilioapi.RestClient {
	hc := &http.Client{
		Transport:     &transport{ctx: ctx, base: s.apiBase, next: s.next, ex: ex},
		CheckRedirect: s.checkRedirect,
	}
	c := &twclient.Client{
		Credentials: twclient.NewCredentials(s.cfg.AccountSID, s.cfg.AuthToken),
		HTTPClient:  hc,
	}
	c.SetAccountSid(s.cfg.AccountSID)
	return twilioapi.NewRestClientWithParams(twilioapi.ClientParams{Client: c})
}

// bound applies the configured time-out to a call, as http.Client.Timeout
// would: on the whole exchange, reading the answer included.
func (s *Sender) bound(ctx context.Context) (context.Context, context.CancelFunc) {
	if s.timeout <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, s.timeout)
}
