package twilio

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"collegebot/internal/college"
)

// status records a delivery status Twilio reports for a message we sent. The
// callback URL carries the outbox id as ?o=<id>, set by the Sender.
// https://www.twilio.com/docs/messaging/guides/track-outbound-message-status
func (h *Handler) status(w http.ResponseWriter, r *http.Request) {
	_, form, refused := h.verified(w, r)
	if refused != "" {
		h.observeStatus(refused)
		return
	}
	outboxID, err := strconv.ParseInt(r.URL.Query().Get("o"), 10, 64)
	if err != nil || outboxID <= 0 {
		h.refuse(w, http.StatusBadRequest, "no outbox id", fmt.Errorf("o=%q", r.URL.Query().Get("o")))
		h.observeStatus(college.InboundMalformed)
		return
	}
	d, err := delivery(form)
	if err != nil {
		h.refuse(w, http.StatusBadRequest, "malformed status callback", err)
		h.observeStatus(college.InboundMalformed)
		return
	}
	err = h.Deliveries.UpdateDelivery(r.Context(), outboxID, d)
	switch {
	case errors.Is(err, college.ErrNotFound):
		// Answered all the same: a row erased since, or a stale callback,
		// must not have Twilio retry.
		h.log().Warn("status for an unknown outbox message", "outbox", outboxID, "sid", d.ProviderID, "status", d.Status)
	case err != nil:
		h.log().Error("recording a delivery status", "outbox", outboxID, "sid", d.ProviderID, "err", err)
		http.Error(w, "could not record the status", http.StatusInternalServerError)
		h.observeStatus(college.InboundError)
		return
	default:
		h.log().Info("delivery status", "outbox", outboxID, "sid", d.ProviderID, "status", d.Status,
			"segments", d.Segments, "error_code", d.ErrorCode)
	}
	if err := h.optOutIfGone(r, d, form.Get("To")); err != nil {
		h.log().Error("recording an opt-out from a status", "outbox", outboxID, "err", err)
		http.Error(w, "could not record the opt-out", http.StatusInternalServerError)
		h.observeStatus(college.InboundError)
		return
	}
	ack(w)
	h.observeStatus(d.Status)
}

// optOutIfGone opts the recipient out when the status says they are gone
// (21610: they had sent STOP), so nothing more is queued for them.
func (h *Handler) optOutIfGone(r *http.Request, d college.Delivery, to string) error {
	if d.ErrorCode == 0 || to == "" || !errors.Is(codeKind(d.ErrorCode), college.ErrRecipientGone) {
		return nil
	}
	return h.Deliveries.OptOut(r.Context(), college.SMS, to, time.Time{})
}

// delivery reads a status callback's form.
func delivery(form url.Values) (college.Delivery, error) {
	d := college.Delivery{ProviderID: form.Get("MessageSid"), Status: form.Get("MessageStatus")}
	if d.ProviderID == "" || d.Status == "" {
		return d, errors.New("no MessageSid or MessageStatus")
	}
	var err error
	if d.Segments, err = optionalInt(form, "NumSegments"); err != nil {
		return d, err
	}
	if d.ErrorCode, err = optionalInt(form, "ErrorCode"); err != nil {
		return d, err
	}
	return d, nil
}

// optionalInt reads a whole number that Twilio may leave out: 0 when absent.
func optionalInt(form url.Values, key string) (int, error) {
	s := form.Get(key)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%s %q is not a whole number", key, s)
	}
	return n, nil
}
