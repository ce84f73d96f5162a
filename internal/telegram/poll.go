package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"collegebot/internal/college"
)

// Poller receives updates by long polling getUpdates, for running without
// a public URL. An update is confirmed to Telegram (by asking for the next
// offset) only once it is stored, so a crash at any point loses none; one
// stored but not yet confirmed comes again and is stored once.
//
// go-telegram/bot's own loop is not used: it moves its offset past each
// update as soon as it is read and hands it to a buffered channel, so the
// next getUpdates confirms updates nothing has stored (get_updates.go,
// getUpdates, in github.com/go-telegram/bot v1.19.0); and it has no public
// getUpdates. Its decoding of a whole batch also fails on one update its
// models cannot read; here each update is read on its own.
type Poller struct {
	Config                         // the token, server URL, HTTP client and logger
	Inbox  Inbox                   // stores updates; its LastProviderID is where polling resumes
	Answer func(callbackID string) // as Handler.Answer
	Wake   func()                  // as Handler.Wake
	// PollTimeout is how long one getUpdates waits for an update to come;
	// 0 means 25 s.
	PollTimeout time.Duration
	// RetryWait is the first wait after a failure, doubling to a minute
	// while failures last; 0 means 1 s. A 429's retry_after overrides it.
	RetryWait time.Duration
	// Observe, when set, is told what became of each update fetched:
	// stored, duplicate, ignored, malformed or error (college.Inbound*).
	// It must not block.
	Observe func(result string)
}

// Polling's defaults.
const (
	defaultPollTimeout = 25 * time.Second
	defaultRetryWait   = time.Second
	maxRetryWait       = time.Minute
)

// Run polls until ctx is done, then returns nil. It returns an error only
// when polling cannot work: no token or inbox, or Telegram refuses the
// token (401, 404).
func (p *Poller) Run(ctx context.Context) error {
	if p.Token == "" || p.Inbox == nil {
		return errors.New("telegram: the poller needs a token and an inbox")
	}
	api := p.api()
	offset, err := p.resume(ctx)
	var wait time.Duration
	for err == nil {
		if err = sleep(ctx, wait); err != nil {
			break
		}
		offset, err = p.poll(ctx, api, offset)
		if ctx.Err() != nil {
			break
		}
		wait, err = p.retry(err, wait)
	}
	if ctx.Err() != nil {
		return nil
	}
	return err
}

// resume returns the offset to poll from, after the last update stored,
// waiting out a store that fails. No update stored means no offset (0):
// Telegram then starts at the oldest update it has not had confirmed.
func (p *Poller) resume(ctx context.Context) (int64, error) {
	var wait time.Duration
	for {
		if err := sleep(ctx, wait); err != nil {
			return 0, err
		}
		last, err := p.Inbox.LastProviderID(ctx, college.Telegram)
		if err == nil {
			if last > 0 {
				return last + 1, nil
			}
			return 0, nil
		}
		p.log().Error("reading where polling left off", "err", err)
		wait = p.backoff(wait)
	}
}

// poll asks for updates from offset and stores each in turn. It returns
// the offset past the last update stored, which is where the next call
// starts even when this one failed part of the way.
func (p *Poller) poll(ctx context.Context, api *botAPI, offset int64) (int64, error) {
	raws, err := api.getUpdates(ctx, offset, p.pollTimeout())
	if err != nil {
		return offset, err
	}
	in := intake{inbox: p.Inbox, answer: p.Answer, wake: p.Wake, log: p.log(), observe: p.Observe}
	for _, raw := range raws {
		u, partial, err := decodeUpdate(raw)
		if err != nil {
			p.log().Error("skipping an update with no update_id in getUpdates", "err", err)
			notify(p.Observe, college.InboundMalformed)
			continue
		}
		if err := in.take(ctx, raw, u, partial); err != nil {
			return offset, err
		}
		offset = max(offset, u.ID+1)
	}
	return offset, nil
}

// retry decides what follows a poll: the wait before the next, and the
// error that ends polling, if any.
func (p *Poller) retry(err error, wait time.Duration) (time.Duration, error) {
	if err == nil {
		return 0, nil
	}
	var refused *apiError
	if errors.As(err, &refused) {
		switch {
		case refused.Code == http.StatusUnauthorized || refused.Code == http.StatusNotFound:
			return 0, fmt.Errorf("telegram: the Bot API refuses the token: %w", err)
		case refused.RetryAfter > 0:
			p.log().Warn("getUpdates throttled", "retry_after", refused.RetryAfter)
			return refused.RetryAfter, nil
		}
	}
	wait = p.backoff(wait)
	p.log().Warn("polling failed; retrying", "wait", wait, "err", err)
	return wait, nil
}

// backoff returns the wait after another failure.
func (p *Poller) backoff(wait time.Duration) time.Duration {
	if wait <= 0 {
		if p.RetryWait > 0 {
			return p.RetryWait
		}
		return defaultRetryWait
	}
	return min(2*wait, maxRetryWait)
}

// api returns the poller's Bot API client, whose HTTP time-out outlasts
// the long poll.
func (p *Poller) api() *botAPI {
	hc := *p.client()
	hc.Timeout = p.pollTimeout() + 15*time.Second
	return &botAPI{base: p.serverURL(), token: p.Token, client: &hc}
}

// pollTimeout returns how long one getUpdates waits.
func (p *Poller) pollTimeout() time.Duration {
	if p.PollTimeout > 0 {
		return p.PollTimeout
	}
	return defaultPollTimeout
}

// log returns the poller's logger, tagged with the component.
func (p *Poller) log() *slog.Logger { return logger(p.Log) }

// sleep waits for d, or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
