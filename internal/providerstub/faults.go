// Package providerstub plays Twilio's Messages API and Telegram's Bot API
// on a loopback port, as the real twilio-go and go-telegram/bot clients
// see them: for the load tool, the crash test, the simulators and tests.
// Each stub keeps its own record of what it accepted, which is what a
// test checks collegebot's claims against, and can fail a share of the
// calls the way the providers do: a 500, a 429, a time-out, or the
// recipient gone (Twilio 21610, Telegram 403).
package providerstub

import (
	"math/rand/v2"
	"net/http"
	"sync"
	"time"
)

// Fault is one way a provider call fails.
type Fault string

// The faults a stub can play.
const (
	// Fail500 answers 500: a temporary failure, nothing accepted.
	Fail500 Fault = "500"
	// Fail429 answers 429 with a retry-after: slow down.
	Fail429 Fault = "429"
	// FailTimeout accepts the message, then holds the answer longer than
	// the client waits: the sender cannot know it went.
	FailTimeout Fault = "timeout"
	// FailGone says the recipient opted out or blocked the bot.
	FailGone Fault = "gone"
)

// Faults says which calls fail. The zero value fails none.
type Faults struct {
	// Share of sends that fail, 0 to 1.
	Share float64
	// Kinds are the faults played, each as likely; all four when empty.
	Kinds []Fault
	// Hold is how long a FailTimeout holds its answer; 35 s when zero,
	// longer than collegebot's 30-second send time-out.
	Hold time.Duration
	// Seed makes the choice repeatable.
	Seed uint64
}

// dice picks faults for a stub, safely from many goroutines.
type dice struct {
	mu  sync.Mutex
	f   Faults
	rnd *rand.Rand
}

func newDice(f Faults) *dice {
	if len(f.Kinds) == 0 {
		f.Kinds = []Fault{Fail500, Fail429, FailTimeout, FailGone}
	}
	if f.Hold == 0 {
		f.Hold = 35 * time.Second
	}
	return &dice{f: f, rnd: rand.New(rand.NewPCG(f.Seed, 8))}
}

// roll returns the fault for the next call, or "" for none.
func (d *dice) roll() Fault {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.f.Share <= 0 || d.rnd.Float64() >= d.f.Share {
		return ""
	}
	return d.f.Kinds[d.rnd.IntN(len(d.f.Kinds))]
}

// stub is what both stubs share: their record, their server and the dice.
type stub struct {
	book
	*server
	dice *dice
}

// roll decides the fault of a send to one recipient and counts the call. A
// fault other than a time-out is answered with refuse and recorded, and
// roll reports that the send was refused.
func (s *stub) roll(to, text string, refuse func(Fault)) (Fault, bool) {
	f := s.dice.roll()
	s.call(f)
	if f == "" || f == FailTimeout {
		return f, false
	}
	refuse(f)
	s.refuse(Refusal{To: to, Text: text, Fault: f, At: time.Now().UTC()})
	return f, true
}

// accept records m as taken, as the n-th message with the id id(n) unless
// it has one, and holds the answer when m is Held (a time-out). A message
// whose sender gave up or went meanwhile is marked Held too. It returns m
// as recorded.
func (s *stub) accept(r *http.Request, m Sent, id func(n int) string) Sent {
	m.At = time.Now().UTC()
	s.mu.Lock()
	if m.ID == "" {
		m.ID = id(len(s.sent) + 1)
	}
	s.sent = append(s.sent, m)
	n := len(s.sent)
	if s.to == nil {
		s.to = map[string][]int{}
	}
	s.to[m.To] = append(s.to[m.To], n-1)
	hook := s.hook
	s.mu.Unlock()
	if hook != nil {
		hook(m)
	}
	if m.Held {
		s.dice.hold(s.done)
	}
	if r.Context().Err() != nil {
		s.mu.Lock()
		s.sent[n-1].Held = true // the sender gave up or went
		s.mu.Unlock()
	}
	return m
}

// hold waits as a timed-out provider does, or until the stub closes.
func (d *dice) hold(done <-chan struct{}) {
	select {
	case <-time.After(d.f.Hold):
	case <-done:
	}
}
