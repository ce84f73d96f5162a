package telegram

import (
	"errors"
	"net/http"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"

	"collegebot/internal/college"
)

// classify turns a failed call into a *college.SendError: from
// go-telegram/bot's typed errors when Telegram answered (errors.go in the
// module: *TooManyRequestsError carries retry_after, ErrorForbidden and
// ErrorBadRequest are wrapped with Telegram's description), else from what
// the exchange saw on the wire. go-telegram/bot has no type for a 5xx, an
// answer that is not JSON or a network failure.
func classify(err error, ex *exchange) *college.SendError {
	wrote, status, ans := ex.seen()
	se := &college.SendError{Code: ans.ErrorCode, Message: ans.Description}
	if se.Code == 0 {
		se.Code = status
	}
	if se.Message == "" {
		se.Message = err.Error()
	}
	if tooMany, ok := errors.AsType[*tgbot.TooManyRequestsError](err); ok {
		se.Kind, se.RetryAfter = college.ErrThrottled, time.Duration(tooMany.RetryAfter)*time.Second
		return se
	}
	switch {
	case errors.Is(err, tgbot.ErrorForbidden):
		se.Kind = forbidden(ans.Description)
	case errors.Is(err, tgbot.ErrorBadRequest):
		se.Kind = badRequest(ans.Description)
	case errors.As(err, new(*tgbot.MigrateError)):
		se.Kind = college.ErrBadRecipient // a group that became a supergroup
	case errors.Is(err, tgbot.ErrorUnauthorized), errors.Is(err, tgbot.ErrorNotFound), errors.Is(err, tgbot.ErrorConflict):
		se.Kind = college.ErrRejected // a bad token: every send fails alike
	default:
		se.Kind = onTheWire(wrote, status)
	}
	return se
}

// forbidden classifies a 403: the student blocked the bot, deleted their
// account, or never opened the chat. Other refusals are recorded as such.
// The Bot API gives one error code per HTTP status and only its
// description says why, so the description is read.
// https://core.telegram.org/bots/api#making-requests
func forbidden(description string) error {
	if mentions(description, "bot was blocked by the user", "user is deactivated", "bot can't initiate conversation") {
		return college.ErrRecipientGone
	}
	return college.ErrRejected
}

// badRequest classifies a 400: a chat that does not exist, or a message
// Telegram will not take (too long, a bad button).
func badRequest(description string) error {
	if mentions(description, "chat not found", "user not found", "peer_id_invalid") {
		return college.ErrBadRecipient
	}
	return college.ErrRejected
}

// mentions reports whether a description contains any of phrases, in any case.
func mentions(description string, phrases ...string) bool {
	d := strings.ToLower(description)
	for _, p := range phrases {
		if strings.Contains(d, p) {
			return true
		}
	}
	return false
}

// onTheWire classifies a failure Telegram gave no readable answer to.
func onTheWire(wrote bool, status int) error {
	switch {
	case status == http.StatusTooManyRequests:
		return college.ErrThrottled
	case status >= 500:
		return college.ErrTemporary
	case status >= 200 && status < 300:
		return college.ErrUncertain // taken, but the answer did not arrive whole
	case status != 0:
		return college.ErrRejected
	case wrote:
		return college.ErrUncertain // sent, and no answer came: Telegram may have it
	default:
		return college.ErrTemporary // refused, unresolvable, or cut off before it was sent
	}
}
