package providerstub

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// Sent is one message a stub accepted: its record is the provider's word
// on what was delivered.
type Sent struct {
	ID   string // Twilio's SID, or the Telegram message id (an edit's: the message edited)
	To   string // the number or chat id
	Text string
	At   time.Time
	// Held is set when the sender cannot have had the stub's answer: the
	// stub held it past the client's time-out (FailTimeout), or the client
	// had gone by the time it was written. The sender could not know.
	Held bool
	// Edit is set for a Telegram edit of an earlier message.
	Edit bool
	// From is the number or Messaging Service (MG...) a text was sent
	// from, and Callback the status callback URL it asked for (Twilio).
	From, Callback string
	// Markup is the reply_markup sent with a Telegram message, as JSON.
	Markup string
}

// Refusal is a send a stub refused with a fault: nothing was accepted.
type Refusal struct {
	To, Text string
	Fault    Fault
	At       time.Time
}

// book is a stub's record, safe from many goroutines.
type book struct {
	mu      sync.Mutex
	sent    []Sent
	to      map[string][]int // indexes in sent, by recipient
	refused []Refusal
	faults  map[Fault]int
	calls   int
	hook    func(Sent)
}

// OnAccept has f called with each message the stub accepts from now on,
// as it is recorded and before the stub answers.
func (b *book) OnAccept(f func(Sent)) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.hook = f
}

// refuse records a send refused with a fault.
func (b *book) refuse(r Refusal) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refused = append(b.refused, r)
}

// Refused returns every send refused so far (500, 429 or the recipient
// gone), in order.
func (b *book) Refused() []Refusal {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]Refusal(nil), b.refused...)
}

// call counts a call and, when it failed, its fault.
func (b *book) call(f Fault) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.calls++
	if f != "" {
		if b.faults == nil {
			b.faults = map[Fault]int{}
		}
		b.faults[f]++
	}
}

// Sent returns every message accepted so far, in order.
func (b *book) Sent() []Sent {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]Sent(nil), b.sent...)
}

// SentTo returns the texts accepted for one recipient, in order.
func (b *book) SentTo(to string) []string {
	var out []string
	for _, s := range b.sentTo(to) {
		if !s.Edit {
			out = append(out, s.Text)
		}
	}
	return out
}

// sentTo returns the messages accepted for one recipient, edits too, in
// order.
func (b *book) sentTo(to string) []Sent {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]Sent, 0, len(b.to[to]))
	for _, i := range b.to[to] {
		out = append(out, b.sent[i])
	}
	return out
}

// Count returns how many messages were accepted.
func (b *book) Count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.sent)
}

// Calls returns how many send calls came, and how many of them failed
// with each fault.
func (b *book) Calls() (int, map[Fault]int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := map[Fault]int{}
	for k, v := range b.faults {
		out[k] = v
	}
	return b.calls, out
}

// server is a stub's HTTP server on a loopback port.
type server struct {
	srv  *http.Server
	url  string
	done chan struct{}
}

// listen serves h on 127.0.0.1 on a port of the system's choosing, or on
// addr when one is given.
func listen(addr string, h http.Handler) (*server, error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s := &server{srv: &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second},
		url: "http://" + ln.Addr().String(), done: make(chan struct{})}
	go s.srv.Serve(ln)
	return s, nil
}

// URL is the stub's base URL, e.g. http://127.0.0.1:41234.
func (s *server) URL() string { return s.url }

// Close stops the stub, releasing any answer it is holding.
func (s *server) Close() error {
	close(s.done)
	return s.srv.Close()
}
