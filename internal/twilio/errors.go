package twilio

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	twclient "github.com/twilio/twilio-go/client"

	"collegebot/internal/college"
)

// codeKind returns the kind of send failure a Twilio error code means, or
// nil when the code alone does not say. Codes from
// https://www.twilio.com/docs/api/errors.
func codeKind(code int) error {
	switch code {
	case 21610: // Attempt to send to unsubscribed recipient: they sent STOP
		return college.ErrRecipientGone
	case 21211, // Invalid 'To' phone number
		21408, // Permission to send an SMS has not been enabled for the region
		21612, // The 'To' phone number is not currently reachable via SMS
		21614: // 'To' number is not a valid mobile number
		return college.ErrBadRecipient
	case 20429, // Too many requests
		14107, // SMS send rate limit exceeded
		21611: // This 'From' number has exceeded the maximum number of queued messages
		return college.ErrThrottled
	case 20500, // Internal server error
		20503: // Service unavailable
		return college.ErrTemporary
	}
	return nil
}

// classify turns a failed call into a *college.SendError, from Twilio's
// error when it sent one, else from what the exchange saw on the wire.
func classify(err error, ex *exchange) error {
	wrote, status, retryAfter := ex.seen()
	if re, ok := errors.AsType[*twclient.TwilioRestError](err); ok {
		return restError(re, status, retryAfter)
	}
	se := &college.SendError{Message: err.Error()}
	switch {
	case status >= 200 && status < 300:
		// Twilio took the message but its answer did not arrive whole.
		se.Kind = college.ErrUncertain
	case status == http.StatusTooManyRequests:
		se.Kind, se.RetryAfter = college.ErrThrottled, parseRetryAfter(retryAfter, time.Now())
	case status >= 500:
		se.Kind = college.ErrTemporary
	case status != 0:
		se.Kind = college.ErrRejected
	case wrote:
		// The request went out and no answer came: Twilio may have it.
		se.Kind = college.ErrUncertain
	default:
		// Refused, unresolvable or cut off before the request was written.
		se.Kind = college.ErrTemporary
	}
	return se
}

// restError classifies an error Twilio answered with.
func restError(re *twclient.TwilioRestError, status int, retryAfter string) error {
	if re.Status != 0 {
		status = re.Status
	}
	kind := codeKind(re.Code)
	switch {
	case kind != nil:
	case status == http.StatusTooManyRequests:
		kind = college.ErrThrottled
	case status >= 500:
		kind = college.ErrTemporary
	default:
		kind = college.ErrRejected
	}
	se := &college.SendError{Kind: kind, Code: re.Code, Message: re.Message}
	if kind == college.ErrThrottled {
		se.RetryAfter = parseRetryAfter(retryAfter, time.Now())
	}
	return se
}

// parseRetryAfter reads a Retry-After header, in seconds or as an HTTP date;
// 0 when absent or unreadable.
func parseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil && secs > 0 {
		return time.Duration(secs) * time.Second
	}
	if at, err := http.ParseTime(v); err == nil && at.After(now) {
		return at.Sub(now)
	}
	return 0
}
