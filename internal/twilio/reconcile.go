package twilio

import (
	"context"
	"fmt"
	"strings"
	"time"

	msgapi "github.com/twilio/twilio-go/rest/api/v2010"

	"collegebot/internal/college"
)

// The look-up's bounds.
const (
	lookBack    = time.Minute // before the message was queued, for clock skew
	recentLimit = 20          // messages read when looking among the latest
	windowLimit = 100         // at most this many messages read in the window
)

// Lookup asks Twilio whether it holds a message whose send ended in
// ErrUncertain: an outbound message to the same number, from our number,
// with the same text, created since shortly before the message fell due.
// Found, it returns the message's SID, and the outbox records it as sent.
//
// Twilio's messages carry nothing of ours (the Messages API has no
// idempotency key, and the status callback URL is not listed), so the text
// is the only mark. Two identical texts to one number in the window cannot
// be told apart here: the newest is taken as this one, and the outbox
// refuses a match it has already recorded for another message. The other route is the status
// callback, which carries the outbox id, so the dispatcher checks the store
// before looking up. Twilio also filters by date sent, which a message still
// queued at Twilio has not got, so the latest few messages to the number are
// read as well; a message deeper in a long queue may yet be missed.
func (s *Sender) Lookup(ctx context.Context, q college.Queued) (college.Receipt, bool, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	body := s.cfg.Render(q)
	// From when it was queued, not when it fell due: a retry moves the
	// latter past the attempt being looked for.
	since := q.Created.Add(-lookBack)
	windows := []*msgapi.ListMessageParams{s.listParams(q.Address).SetDateSentAfter(since).SetLimit(windowLimit)}
	if q.Created.IsZero() {
		windows = nil
	}
	windows = append(windows, s.listParams(q.Address).SetLimit(recentLimit))
	for _, p := range windows {
		ex := &exchange{}
		// https://www.twilio.com/docs/messaging/api/message-resource#read-multiple-message-resources
		msgs, err := s.rest(ctx, ex).Api.ListMessage(p)
		if err != nil {
			return college.Receipt{}, false, fmt.Errorf("twilio: looking up outbox message %d: %w", q.ID, classify(err, ex))
		}
		if m, ok := match(msgs, body, since); ok {
			return receipt(m), true, nil
		}
	}
	return college.Receipt{}, false, nil
}

// listParams filters Twilio's message list to one recipient, and to our
// number when we send from one (a Messaging Service picks from its pool).
func (s *Sender) listParams(to string) *msgapi.ListMessageParams {
	p := (&msgapi.ListMessageParams{}).SetTo(to)
	if !s.viaService() {
		p.SetFrom(s.cfg.From)
	}
	return p
}

// match finds an outbound message with the text, created since a time.
func match(msgs []msgapi.ApiV2010Message, body string, since time.Time) (*msgapi.ApiV2010Message, bool) {
	for i, m := range msgs {
		if m.Sid == nil || m.Body == nil || *m.Body != body {
			continue
		}
		if m.Direction != nil && !strings.HasPrefix(*m.Direction, "outbound") {
			continue
		}
		if created, ok := twilioTime(m.DateCreated); ok && created.Before(since) {
			continue
		}
		return &msgs[i], true
	}
	return nil, false
}

// twilioTime reads one of Twilio's RFC 2822 times, such as
// "Thu, 30 Jul 2015 20:12:31 +0000".
func twilioTime(s *string) (time.Time, bool) {
	if s == nil {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC1123Z, *s)
	return t, err == nil
}
