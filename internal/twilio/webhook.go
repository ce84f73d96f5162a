// Package twilio is the SMS channel on Twilio: a signed webhook that stores
// each inbound message before answering, a status callback that records
// delivery, and a sender on Twilio's Messages API that classifies failures
// and can look a message up when a send ended in doubt.
package twilio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"collegebot/internal/college"
)

// Inbox stores inbound messages before the webhook answers. A message the
// provider already delivered is not stored again: fresh is false.
type Inbox interface {
	SaveInbound(ctx context.Context, in college.Inbound, payload string) (id int64, fresh bool, err error)
}

// Deliveries records a provider's later word on a message it accepted. It
// moves a status only forward, and returns college.ErrNotFound for an
// unknown outbox id.
type Deliveries interface {
	UpdateDelivery(ctx context.Context, outboxID int64, d college.Delivery) error
	// OptOut records that a number can no longer be texted: Twilio may
	// report 21610 in a status callback rather than when we send.
	OptOut(ctx context.Context, ch college.Channel, addr string, at time.Time) error
}

// Handler serves Twilio's webhooks: inbound messages and delivery statuses.
type Handler struct {
	AuthToken  string // the account's auth token, which keys the signatures
	PublicURL  string // the public base URL Twilio calls, e.g. https://college.fly.dev, no trailing slash
	Inbox      Inbox
	Deliveries Deliveries
	Wake       func() // nudges the inbox worker after a fresh message; nil is fine; must not block
	Log        *slog.Logger
	// Observe, when set, is told what became of each inbound message
	// request: college.InboundStored, InboundDuplicate, InboundForged,
	// InboundMalformed or InboundError. It must not block.
	Observe func(result string)
	// ObserveStatus, when set, is told of each status callback: the status
	// it reports ("delivered"), or InboundForged, InboundMalformed or
	// InboundError when it is refused. It must not block.
	ObserveStatus func(status string)
}

// The limits of an inbound request.
const (
	maxRequestBytes = 64 << 10
	maxBodyChars    = 1600 // Twilio's limit on a message body
)

// emptyResponse is TwiML that tells Twilio to send nothing back: replies go
// through the outbox.
const emptyResponse = `<?xml version="1.0" encoding="UTF-8"?><Response/>`

// Register adds the webhook routes to mux.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /sms/twilio", h.inbound)
	mux.HandleFunc("POST /sms/twilio/status", h.status)
}

// inbound verifies an incoming message, stores it, then acknowledges it.
// https://www.twilio.com/docs/messaging/guides/webhook-request
func (h *Handler) inbound(w http.ResponseWriter, r *http.Request) {
	raw, form, refused := h.verified(w, r)
	if refused != "" {
		h.observe(refused)
		return
	}
	in, err := inboundMessage(form)
	if err != nil {
		h.refuse(w, http.StatusBadRequest, "malformed inbound message", err)
		h.observe(college.InboundMalformed)
		return
	}
	id, fresh, err := h.Inbox.SaveInbound(r.Context(), in, raw)
	if err != nil {
		// Twilio retries, and the message is not lost until it gives up.
		h.log().Error("storing inbound message", "sid", in.ProviderID, "err", err)
		http.Error(w, "could not store the message", http.StatusInternalServerError)
		h.observe(college.InboundError)
		return
	}
	h.log().Info("inbound message", "sid", in.ProviderID, "inbox", id, "fresh", fresh)
	ack(w)
	h.observe(storedOrDuplicate(fresh))
	if fresh && h.Wake != nil {
		h.Wake()
	}
}

// inboundMessage reads a message from Twilio's form.
func inboundMessage(form url.Values) (college.Inbound, error) {
	in := college.Inbound{
		Channel:    college.SMS,
		Address:    form.Get("From"),
		ProviderID: form.Get("MessageSid"),
		Text:       form.Get("Body"),
		OptOut:     form.Get("OptOutType"),
		Received:   time.Now().UTC(),
	}
	switch {
	case in.Address == "":
		return in, errors.New("no From")
	case in.ProviderID == "":
		return in, errors.New("no MessageSid")
	case utf8.RuneCountInString(in.Text) > maxBodyChars:
		return in, fmt.Errorf("a Body of %d characters, over %d", utf8.RuneCountInString(in.Text), maxBodyChars)
	}
	return in, nil
}

// verified reads the form of a request and checks Twilio's signature over
// it, answering the request itself when either fails. It returns the raw
// body, for the record, and the parsed form; or, when it refused the
// request, why: college.InboundMalformed or InboundForged.
func (h *Handler) verified(w http.ResponseWriter, r *http.Request) (raw string, form url.Values, refused string) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBytes))
	if err != nil {
		code := http.StatusBadRequest
		if errors.As(err, new(*http.MaxBytesError)) {
			code = http.StatusRequestEntityTooLarge
		}
		h.refuse(w, code, "unreadable request", err)
		return "", nil, college.InboundMalformed
	}
	form, err = url.ParseQuery(string(body))
	if err != nil {
		h.refuse(w, http.StatusBadRequest, "malformed form", err)
		return "", nil, college.InboundMalformed
	}
	// Behind a proxy the request arrives as plain http on another host and
	// port; Twilio signed the public URL it was given.
	signed := strings.TrimRight(h.PublicURL, "/") + r.URL.RequestURI()
	if !Valid(h.AuthToken, signed, form, r.Header.Get("X-Twilio-Signature")) {
		h.refuse(w, http.StatusForbidden, "bad or missing signature", errors.New("X-Twilio-Signature does not match "+signed))
		return "", nil, college.InboundForged
	}
	return string(body), form, ""
}

// refuse answers a request that is not taken, and logs why.
func (h *Handler) refuse(w http.ResponseWriter, code int, why string, err error) {
	h.log().Warn("refused webhook", "status", code, "why", why, "err", err)
	http.Error(w, why, code)
}

// ack answers Twilio with an empty TwiML response.
func ack(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/xml")
	io.WriteString(w, emptyResponse)
}

// log returns the handler's logger, tagged with the component.
func (h *Handler) log() *slog.Logger {
	l := h.Log
	if l == nil {
		l = slog.Default()
	}
	return l.With("comp", "twilio")
}
