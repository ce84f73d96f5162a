package main

import (
	"context"
	"net/http"
	"sync"
	"time"
)

// letter is one inbound message and what became of delivering it.
type letter struct {
	message
	tries  int
	status int // the last answer; 0 when the call failed
}

// answered says a 2xx came back.
func (l letter) answered() bool { return l.status >= 200 && l.status <= 299 }

// refused says a 4xx came back: collegebot will never take it.
func (l letter) refused() bool { return l.status >= 400 && l.status <= 499 }

// courier delivers webhooks as Twilio and Telegram do: each message is
// sent until collegebot answers 2xx, the same provider id every time,
// through restarts, or until the courier is called off.
type courier struct {
	client *http.Client
	base   string
	retry  time.Duration // between tries of one message
	mu     sync.Mutex
	sent   []*letter
}

// newCourier delivers to base over conns connections.
func newCourier(base string, conns int) *courier {
	return &courier{base: base, retry: 100 * time.Millisecond, client: pooled(conns)}
}

// courierGrace is how long messages still unanswered when the crowd stops
// are retried before they are given up.
const courierGrace = time.Minute

// start sends the crowd's messages at rate a second over conns
// connections until the function it returns is called, which waits for
// the messages still unanswered (at most courierGrace) and returns every
// message sent.
func (c *courier) start(ctx context.Context, cr *crowd, rate float64, conns int) (finish func() []letter) {
	ctx, giveUp := context.WithCancel(ctx)
	feeding, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		spread(feeding, cr, rate, conns, func(_ int, m message) { c.post(ctx, m) })
		c.client.CloseIdleConnections()
	}()
	return func() []letter {
		stop()
		timer := time.AfterFunc(courierGrace, giveUp)
		<-done
		timer.Stop()
		giveUp()
		return c.letters()
	}
}

// post sends one message until it is answered or refused, or ctx ends.
func (c *courier) post(ctx context.Context, m message) {
	l := &letter{message: m}
	c.mu.Lock()
	c.sent = append(c.sent, l)
	c.mu.Unlock()
	for ctx.Err() == nil {
		s := shot(ctx, c.client, c.base, m)
		c.mu.Lock()
		l.tries++
		l.status = s.status
		done := l.answered() || l.refused()
		c.mu.Unlock()
		if done {
			return
		}
		select {
		case <-ctx.Done():
		case <-time.After(c.retry):
		}
	}
}

// letters returns every message taken so far.
func (c *courier) letters() []letter {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]letter, len(c.sent))
	for i, l := range c.sent {
		out[i] = *l
	}
	return out
}
