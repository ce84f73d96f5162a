package twilio

import (
	"context"
	"fmt"
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
// notes what it saw.
type transport struct {
	ctx  context.Context
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
	resp, err := t.next.RoundTrip(req.Clone(httptrace.WithClientTrace(t.ctx, trace)))
	if resp != nil {
		t.ex.mu.Lock()
		t.ex.status, t.ex.retryAfter = resp.StatusCode, resp.Header.Get("Retry-After")
		t.ex.mu.Unlock()
	}
	return resp, err
}

// rebased sends Twilio's API requests to base instead (nil: to Twilio).
type rebased struct {
	base *url.URL
	next http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (r rebased) RoundTrip(req *http.Request) (*http.Response, error) {
	if r.base != nil && isTwilio(req.URL.Hostname()) {
		req = req.Clone(req.Context())
		rebase(req, r.base)
	}
	return r.next.RoundTrip(req)
}

// isTwilio reports whether host is Twilio's API, including the edge and
// region hosts twilio-go builds from TWILIO_EDGE and TWILIO_REGION
// (client/request_handler.go, BuildUrl), and messaging.twilio.com.
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

// NewRestClient returns a twilio-go client for an account, its calls made
// through hc (nil: http.DefaultClient's transport, no time-out) and sent
// to apiURL instead of https://api.twilio.com when that is set (scheme,
// host and an optional path prefix: TWILIO_API_URL).
func NewRestClient(accountSID, authToken, apiURL string, hc *http.Client) (*twilioapi.RestClient, error) {
	if !httpURL(apiURL) {
		return nil, fmt.Errorf("twilio: the API URL %q is not an http(s) URL", apiURL)
	}
	var base *url.URL
	if apiURL != "" {
		base, _ = url.Parse(apiURL) // checked
	}
	return restClient(accountSID, authToken, base, hc), nil
}

// restClient returns a twilio-go client for an account whose calls go
// through hc, to base when set.
func restClient(accountSID, authToken string, base *url.URL, hc *http.Client) *twilioapi.RestClient {
	c := http.Client{}
	if hc != nil {
		c = *hc
	}
	next := c.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	c.Transport = rebased{base: base, next: next}
	tc := &twclient.Client{Credentials: twclient.NewCredentials(accountSID, authToken), HTTPClient: &c}
	tc.SetAccountSid(accountSID)
	return twilioapi.NewRestClientWithParams(twilioapi.ClientParams{Client: tc})
}

// rest returns a twilio-go client for one call, whose requests run on ctx
// and are noted in ex. It is built per call because twilio-go offers no
// other way to pass a context, or to see a failed response's headers.
func (s *Sender) rest(ctx context.Context, ex *exchange) *twilioapi.RestClient {
	hc := &http.Client{Transport: &transport{ctx: ctx, next: s.next, ex: ex}, CheckRedirect: s.checkRedirect}
	return restClient(s.cfg.AccountSID, s.cfg.AuthToken, s.apiBase, hc)
}

// bound applies the configured time-out to a call, as http.Client.Timeout
// would: on the whole exchange, reading the answer included.
func (s *Sender) bound(ctx context.Context) (context.Context, context.CancelFunc) {
	if s.timeout <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, s.timeout)
}
