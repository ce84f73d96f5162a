// Package telegram is the Telegram channel on the Bot API, through
// github.com/go-telegram/bot: a webhook and a long-polling loop that store
// each update in the inbox before Telegram may forget it, the mapping of
// updates to college.Inbound, a sender that turns choices into buttons and
// classifies failures, and the start-up calls (setWebhook, setMyCommands).
//
// go-telegram/bot is used as a client only. Its own webhook handler and
// polling loop are not: both let go of an update before anything is stored
// (see Handler and Poller).
package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
)

// defaultServerURL is the Bot API's own host, go-telegram/bot's default.
const defaultServerURL = "https://api.telegram.org"

// defaultTimeout bounds each Bot API call when Config.HTTPClient is nil.
const defaultTimeout = 10 * time.Second

// Config says how to reach the Bot API.
type Config struct {
	Token string // the bot's token from BotFather: secret
	// ServerURL replaces https://api.telegram.org when set, for tests and
	// local Bot API servers; requests go to ServerURL/bot<token>/<method>.
	ServerURL string
	// HTTPClient carries the calls, its Timeout bounding each one; nil
	// means a plain client with a 10 s time-out. The poller makes its own
	// copy with a time-out that outlasts the long poll.
	HTTPClient *http.Client
	Log        *slog.Logger
}

// NewBot returns a go-telegram/bot client for cfg. It makes no request:
// go-telegram/bot's New calls getMe unless told not to (bot.go, New), and
// start-up should not fail on a network blip. Every call it makes notes
// what it saw on the wire, which the sender's error classification needs.
func NewBot(cfg Config) (*tgbot.Bot, error) {
	if strings.TrimSpace(cfg.Token) == "" {
		return nil, errors.New("telegram: no bot token")
	}
	log := logger(cfg.Log)
	return tgbot.New(cfg.Token,
		tgbot.WithSkipGetMe(),
		tgbot.WithServerURL(cfg.serverURL()),
		// The poll time-out only serves go-telegram/bot's own loop, unused here.
		tgbot.WithHTTPClient(time.Minute, wire{next: cfg.client()}),
		tgbot.WithErrorsHandler(func(err error) { log.Warn("go-telegram/bot", "err", err) }),
	)
}

// serverURL returns the Bot API's base URL, with no trailing slash.
func (c Config) serverURL() string {
	if c.ServerURL == "" {
		return defaultServerURL
	}
	return strings.TrimRight(c.ServerURL, "/")
}

// client returns the configured HTTP client or the default one.
func (c Config) client() *http.Client {
	if c.HTTPClient != nil {
		return c.HTTPClient
	}
	return &http.Client{Timeout: defaultTimeout}
}

// logger tags a logger (or the default one) with the component.
func logger(l *slog.Logger) *slog.Logger {
	if l == nil {
		l = slog.Default()
	}
	return l.With("comp", "telegram")
}

// exchange is what one Bot API call saw on the wire, which go-telegram/bot's
// errors do not carry: whether the request was written in full (so
// Telegram may have acted on it), the HTTP status, and an error answer.
type exchange struct {
	mu     sync.Mutex
	wrote  bool
	status int
	answer apiAnswer
}

// apiAnswer is the Bot API's envelope around every answer.
// https://core.telegram.org/bots/api#making-requests
type apiAnswer struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// seen returns what the exchange saw.
func (e *exchange) seen() (wrote bool, status int, answer apiAnswer) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.wrote, e.status, e.answer
}

// exchangeKey carries an *exchange in a request's context.
type exchangeKey struct{}

// noting returns a context whose Bot API calls are noted in a new exchange.
func noting(ctx context.Context) (context.Context, *exchange) {
	ex := &exchange{}
	return context.WithValue(ctx, exchangeKey{}, ex), ex
}

// wire is the HTTP client given to go-telegram/bot. A request whose
// context carries an exchange is traced into it; others pass straight on.
type wire struct{ next *http.Client }

// maxErrorAnswer bounds how much of an error answer is kept.
const maxErrorAnswer = 64 << 10

// Do implements go-telegram/bot's HttpClient.
func (w wire) Do(req *http.Request) (*http.Response, error) {
	ex, _ := req.Context().Value(exchangeKey{}).(*exchange)
	if ex == nil {
		return w.next.Do(req)
	}
	trace := &httptrace.ClientTrace{WroteRequest: func(info httptrace.WroteRequestInfo) {
		if info.Err == nil {
			ex.mu.Lock()
			ex.wrote = true
			ex.mu.Unlock()
		}
	}}
	resp, err := w.next.Do(req.WithContext(httptrace.WithClientTrace(req.Context(), trace)))
	if resp != nil {
		ex.note(resp)
	}
	return resp, err
}

// note records a response's status and, for a refusal, its answer,
// leaving the body readable for go-telegram/bot.
func (e *exchange) note(resp *http.Response) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.status = resp.StatusCode
	if resp.StatusCode < 300 {
		return
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorAnswer))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	_ = json.Unmarshal(body, &e.answer) // not JSON: the status alone says
}
