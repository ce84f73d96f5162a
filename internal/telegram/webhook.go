package telegram

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"io"
	"log/slog"
	"net/http"

	"collegebot/internal/college"
)

// Handler serves Telegram's webhook. It stores each update before it
// answers 200, so an update Telegram was told about is never lost.
//
// go-telegram/bot's own (*Bot).WebhookHandler is not used: it answers 200
// to every request, a wrong secret token and an undecodable body included,
// and only then hands the update to a channel that is lost when the
// process stops (webhook_handler.go in github.com/go-telegram/bot v1.19.0).
type Handler struct {
	// Secret is the secret_token given to setWebhook, which Telegram sends
	// in X-Telegram-Bot-Api-Secret-Token. Empty refuses every request.
	Secret string
	Inbox  Inbox
	// Answer answers a callback query (a button press) so the student's
	// client stops its spinner; nil answers none. It is called on its own
	// goroutine, for every press, repeats included. See Answerer.
	Answer func(callbackID string)
	Wake   func() // nudges the inbox worker after a fresh update; nil is fine; must not block
	Log    *slog.Logger
	// Observe, when set, is told what became of each request: stored,
	// duplicate, ignored, forged, malformed or error (college.Inbound*).
	// It must not block.
	Observe func(result string)
}

// The webhook's header and limits.
const (
	secretHeader   = "X-Telegram-Bot-Api-Secret-Token"
	maxUpdateBytes = 1 << 20
)

// Register adds the webhook route to mux.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /telegram/webhook", h.update)
}

// update checks, reads and stores one update, then acknowledges it. A
// status other than 2xx makes Telegram deliver the update again.
// https://core.telegram.org/bots/api#setwebhook
func (h *Handler) update(w http.ResponseWriter, r *http.Request) {
	if !h.authentic(r) {
		h.refuse(w, http.StatusUnauthorized, "bad or missing secret token", errors.New(secretHeader+" does not match"))
		notify(h.Observe, college.InboundForged)
		return
	}
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxUpdateBytes))
	if err != nil {
		code := http.StatusBadRequest
		if errors.As(err, new(*http.MaxBytesError)) {
			code = http.StatusRequestEntityTooLarge
		}
		h.refuse(w, code, "unreadable request", err)
		notify(h.Observe, college.InboundMalformed)
		return
	}
	u, partial, err := decodeUpdate(raw)
	if err != nil {
		h.refuse(w, http.StatusBadRequest, "malformed update", err)
		notify(h.Observe, college.InboundMalformed)
		return
	}
	in := intake{inbox: h.Inbox, answer: h.Answer, wake: h.Wake, log: h.log(), observe: h.Observe}
	if err := in.take(r.Context(), raw, u, partial); err != nil {
		h.log().Error("storing update", "update", u.ID, "err", err)
		http.Error(w, "could not store the update", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// authentic reports whether a request carries the configured secret. Both
// sides are hashed first so that the comparison takes the same time
// whatever the lengths.
func (h *Handler) authentic(r *http.Request) bool {
	if h.Secret == "" {
		return false
	}
	got := sha256.Sum256([]byte(r.Header.Get(secretHeader)))
	want := sha256.Sum256([]byte(h.Secret))
	return subtle.ConstantTimeCompare(got[:], want[:]) == 1
}

// refuse answers a request that is not taken, and logs why.
func (h *Handler) refuse(w http.ResponseWriter, code int, why string, err error) {
	h.log().Warn("refused webhook", "status", code, "why", why, "err", err)
	http.Error(w, why, code)
}

// log returns the handler's logger, tagged with the component.
func (h *Handler) log() *slog.Logger { return logger(h.Log) }
