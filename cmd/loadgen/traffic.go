package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/providerstub"
)

// codes are the demo college's course codes students look at and join.
var codes = []string{"MH1", "MH2", "MH4", "MH5", "GA1", "GA2", "SH1", "SH2", "PH1", "PH2", "PH3", "PH5"}

// firstVisit is what a new student sends, in order: a hello, a look
// through the prospectus, one course's details, then booking it, with the
// registration questions answered on the way. "%c" is the course's code,
// "%n" the student's first name.
var firstVisit = []string{"hello", "courses", "1", "info %c", "join %c", "%n", "yes", "yes",
	"a leaflet", "5", "wf1", "my"}

// laterVisits is what a registered student sends afterwards, round and
// round: checking their bookings and browsing.
var laterVisits = []string{"info %c", "my", "courses", "2", "3", "back", "info %c"}

// student is one simulated student on SMS (a phone number) or Telegram (a
// chat id), working through the scripts above.
type student struct {
	sms  bool
	num  int
	step int
}

// text is the student's next message.
func (s *student) text() string {
	line := firstVisit[min(s.step, len(firstVisit)-1)]
	if s.step >= len(firstVisit) {
		line = laterVisits[(s.step-len(firstVisit))%len(laterVisits)]
	}
	s.step++
	line = strings.ReplaceAll(line, "%c", codes[s.num%len(codes)])
	return strings.ReplaceAll(line, "%n", fmt.Sprintf("Student%d", s.num))
}

// crowd hands out the next message to send, one student after another, so
// that a student's messages are far apart and in order.
type crowd struct {
	mu       sync.Mutex
	students []*student
	next     int
	run      string // marks this run's provider ids
	seq      int64
}

// newCrowd makes n students, a share of them on SMS, spread evenly.
func newCrowd(n int, smsShare float64, run string) *crowd {
	c := &crowd{run: run}
	for i := range n {
		c.students = append(c.students, &student{sms: onSMS(i, smsShare), num: i})
	}
	return c
}

// message is one webhook call to make.
type message struct {
	id   string // the provider's id: Twilio's MessageSid or the update_id
	ch   college.Channel
	req  func(base string) *http.Request
	when time.Time // when it was meant to go, at a fixed rate
}

// smsMessage is a text from a number to the college, as Twilio posts it.
func smsMessage(from, sid, body string) message {
	return message{id: sid, ch: college.SMS, req: func(base string) *http.Request {
		return providerstub.SMS(base, publicURL, authToken, account, from, collegeNo, sid, body)
	}}
}

// take returns the next message to send.
func (c *crowd) take() message {
	c.mu.Lock()
	s := c.students[c.next%len(c.students)]
	c.next++
	c.seq++
	seq, text := c.seq, s.text()
	c.mu.Unlock()
	if s.sms {
		// Clear of the college's own number and the demo's (07700 900xxx).
		return smsMessage(fmt.Sprintf("+447700%06d", 200000+s.num%100000), fmt.Sprintf("SM%s%022d", c.run, seq), text)
	}
	return message{id: fmt.Sprint(seq), ch: college.Telegram, req: func(base string) *http.Request {
		return providerstub.Update(base, secret, seq, 5_000_000_000+int64(s.num), fmt.Sprintf("Student%d", s.num), text)
	}}
}

// sample is one webhook call made.
type sample struct {
	id     string
	ch     college.Channel
	start  time.Time // when it was meant to go (a fixed rate) or went
	took   time.Duration
	status int // 0 when the call failed
}

// shot sends one message and times it from when it was meant to go.
func shot(ctx context.Context, client *http.Client, base string, m message) sample {
	start := m.when
	if start.IsZero() {
		start = time.Now()
	}
	s := sample{id: m.id, ch: m.ch, start: start}
	resp, err := client.Do(m.req(base).WithContext(ctx))
	s.took = time.Since(start)
	if err == nil {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		s.status = resp.StatusCode
	}
	return s
}

// fire sends the crowd's messages to base for d: as fast as conns
// connections allow when rate is 0, or at rate a second (timed from when
// each was meant to go, so a slow server cannot hide its queue). It
// returns every call made.
func fire(ctx context.Context, c *crowd, base string, rate float64, conns int, d time.Duration) []sample {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	client := pooled(conns)
	defer client.CloseIdleConnections()
	results := make([][]sample, conns)
	spread(ctx, c, rate, conns, func(i int, m message) {
		results[i] = append(results[i], shot(context.WithoutCancel(ctx), client, base, m))
	})
	var all []sample
	for _, r := range results {
		all = append(all, r...)
	}
	return all
}

// pooled is a client keeping conns connections open.
func pooled(conns int) *http.Client {
	return &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		MaxIdleConns: conns, MaxIdleConnsPerHost: conns, IdleConnTimeout: time.Minute}}
}

// spread feeds the crowd's messages at rate a second (see feed) until ctx
// ends, to conns workers that each call send, worker by worker number, and
// returns once the workers are done.
func spread(ctx context.Context, c *crowd, rate float64, conns int, send func(worker int, m message)) {
	jobs := make(chan message, conns)
	go feed(ctx, c, jobs, rate)
	var wg sync.WaitGroup
	for i := range conns {
		wg.Go(func() {
			for m := range jobs {
				send(i, m)
			}
		})
	}
	wg.Wait()
}

// feed puts messages on jobs until ctx ends, at rate a second, or as fast
// as they are taken when rate is 0.
func feed(ctx context.Context, c *crowd, jobs chan<- message, rate float64) {
	defer close(jobs)
	start := time.Now()
	for i := 0; ctx.Err() == nil; i++ {
		m := c.take()
		if rate > 0 {
			m.when = start.Add(time.Duration(float64(i) / rate * float64(time.Second)))
			if wait := time.Until(m.when); wait > 0 {
				select {
				case <-ctx.Done():
					return
				case <-time.After(wait):
				}
			}
		}
		select {
		case jobs <- m:
		case <-ctx.Done():
			return
		}
	}
}
