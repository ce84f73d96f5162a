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

// hold waits as a timed-out provider does, or until the stub closes.
func (d *dice) hold(done <-chan struct{}) {
	select {
	case <-time.After(d.f.Hold):
	case <-done:
	}
}
