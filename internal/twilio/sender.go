package twilio

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	msgapi "github.com/twilio/twilio-go/rest/api/v2010"

	"collegebot/internal/college"
)

// SenderConfig configures a Sender.
type SenderConfig struct {
	AccountSID string
	AuthToken  string
	From       string // an E.164 number, or a Messaging Service SID (MG…)
	// APIURL replaces https://api.twilio.com when set, for tests and
	// simulators: scheme, host and an optional path prefix.
	APIURL string
	// StatusURL is the public base URL for status callbacks: Twilio posts to
	// StatusURL + "/sms/twilio/status?o=<outbox id>". Empty asks for none.
	StatusURL string
	// Render turns a queued message into the SMS text the student reads,
	// choices as numbered lines.
	Render func(college.Queued) string
	// HTTPClient supplies the transport, redirect policy and time-out of
	// each call (a zero Timeout: none but the caller's context); nil means
	// twilio-go's defaults: 10 s, no redirects.
	HTTPClient *http.Client
}

// defaultTimeout is twilio-go's own (client/client.go, defaultHTTPClient).
const defaultTimeout = 10 * time.Second

// Sender sends SMS through Twilio's Messages API. It never retries: a
// classified *college.SendError tells the outbox what to do.
type Sender struct {
	cfg           SenderConfig
	apiBase       *url.URL
	next          http.RoundTripper
	checkRedirect func(*http.Request, []*http.Request) error
	timeout       time.Duration
}

var (
	_ college.Sender     = (*Sender)(nil)
	_ college.Reconciler = (*Sender)(nil)
)

// NewSender checks cfg and returns a Sender. It makes no request.
func NewSender(cfg SenderConfig) (*Sender, error) {
	if err := check(cfg); err != nil {
		return nil, err
	}
	s := &Sender{cfg: cfg, next: http.DefaultTransport, timeout: defaultTimeout,
		checkRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	s.cfg.StatusURL = strings.TrimRight(cfg.StatusURL, "/")
	if hc := cfg.HTTPClient; hc != nil {
		s.timeout = hc.Timeout
		if hc.Transport != nil {
			s.next = hc.Transport
		}
		if hc.CheckRedirect != nil {
			s.checkRedirect = hc.CheckRedirect
		}
	}
	if cfg.APIURL != "" {
		s.apiBase, _ = url.Parse(cfg.APIURL) // checked
	}
	return s, nil
}

// check reports the first thing wrong with a configuration.
func check(cfg SenderConfig) error {
	// twilio-go refuses credentials that are not alphanumeric, but only when
	// sending (client/client.go, validateCredentials).
	switch {
	case !alphanumeric(cfg.AccountSID):
		return errors.New("twilio: the account SID must be letters and digits, like AC0123…")
	case !alphanumeric(cfg.AuthToken):
		return errors.New("twilio: the auth token must be letters and digits")
	case cfg.From == "":
		return errors.New("twilio: no From: a number in E.164 form or a Messaging Service SID (MG…)")
	case cfg.Render == nil:
		return errors.New("twilio: no Render function for the SMS text")
	}
	if !httpURL(cfg.APIURL) {
		return fmt.Errorf("twilio: the API URL %q is not an http(s) URL", cfg.APIURL)
	}
	if !httpURL(cfg.StatusURL) {
		return fmt.Errorf("twilio: the status URL %q is not an http(s) URL", cfg.StatusURL)
	}
	return nil
}

// httpURL reports whether raw is empty or an absolute http(s) URL.
func httpURL(raw string) bool {
	if raw == "" {
		return true
	}
	u, err := url.Parse(raw)
	return err == nil && u.Host != "" && (u.Scheme == "http" || u.Scheme == "https")
}

// alphanumeric reports whether s is non-empty and only ASCII letters and digits.
func alphanumeric(s string) bool {
	for _, r := range s {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return false
		}
	}
	return s != ""
}

// Send sends a queued message and returns Twilio's Message SID. Failures are
// *college.SendError; ErrUncertain means Twilio may have the message, so
// Lookup before sending it again.
func (s *Sender) Send(ctx context.Context, q college.Queued) (college.Receipt, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	ex := &exchange{}
	// https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource
	m, err := s.rest(ctx, ex).Api.CreateMessage(s.createParams(q))
	if err != nil {
		return college.Receipt{}, fmt.Errorf("twilio: sending outbox message %d: %w", q.ID, classify(err, ex))
	}
	if m.Sid == nil || *m.Sid == "" {
		// Accepted, by the status, but with no SID to show for it.
		return college.Receipt{}, fmt.Errorf("twilio: sending outbox message %d: %w", q.ID,
			&college.SendError{Kind: college.ErrUncertain, Message: "Twilio's answer has no message SID"})
	}
	return receipt(m), nil
}

// createParams returns the Messages API parameters for a queued message.
func (s *Sender) createParams(q college.Queued) *msgapi.CreateMessageParams {
	p := (&msgapi.CreateMessageParams{}).SetTo(q.Address).SetBody(s.cfg.Render(q))
	if s.viaService() {
		p.SetMessagingServiceSid(s.cfg.From)
	} else {
		p.SetFrom(s.cfg.From)
	}
	if s.cfg.StatusURL != "" {
		p.SetStatusCallback(s.cfg.StatusURL + "/sms/twilio/status?o=" + strconv.FormatInt(q.ID, 10))
	}
	return p
}

// viaService reports whether From names a Messaging Service rather than a number.
func (s *Sender) viaService() bool { return strings.HasPrefix(s.cfg.From, "MG") }

// receipt reads what Twilio said about a message it accepted. A message sent
// through a Messaging Service reports 0 segments when created: Twilio counts
// them later, in the status callback.
func receipt(m *msgapi.ApiV2010Message) college.Receipt {
	r := college.Receipt{}
	if m.Sid != nil {
		r.ProviderID = *m.Sid
	}
	if m.NumSegments != nil {
		r.Segments, _ = strconv.Atoi(*m.NumSegments)
	}
	return r
}
