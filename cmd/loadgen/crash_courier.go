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
	tries    int
	answered bool // a 2xx came back
	status   int  // the last answer; 0 when the call failed
	refused  bool // a 4xx: collegebot will never take it
}

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
	return &courier{base: base, retry: 100 * time.Millisecond, client: &http.Client{Timeout: 10 * time.Second,
		Transport: &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, IdleConnTimeout: time.Minute}}}
}

// courierGrace is how long messages still unanswered when the crowd stops
// are retried before they are given up.
const courierGrace = time.Minute

// start sends the crowd's messages at rate a second over conns
// connections until the function it returns is called, which waits for
// the messages still unanswered (at most courierGrace) and returns every
// message sent.
func (c *courier) start(ctx context.Context, cr *crowd, rate float64, conns int) (finish func() []letter) {
	stop := make(chan struct{})
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.deliver(ctx, cr, rate, conns, stop)
	}()
	return func() []letter {
		close(stop)
		timer := time.AfterFunc(courierGrace, cancel)
		<-done
		timer.Stop()
		cancel()
		return c.letters()
	}
}

// deliver sends the crowd's messages at rate a second over conns
// connections until stop is closed, and returns once every message taken
// was answered or refused, or ctx ends.
func (c *courier) deliver(ctx context.Context, cr *crowd, rate float64, conns int, stop <-chan struct{}) {
	feedCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-stop:
		case <-ctx.Done():
		}
		cancel()
	}()
	jobs := make(chan message, conns)
	go feed(feedCtx, cr, jobs, rate)
	var wg sync.WaitGroup
	for range conns {
		wg.Go(func() {
			for m := range jobs {
				c.post(ctx, m)
			}
		})
	}
	wg.Wait()
	c.client.CloseIdleConnections()
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
		l.answered = s.status >= 200 && s.status <= 299
		l.refused = s.status >= 400 && s.status <= 499
		done := l.answered || l.refused
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
