// Package conversation turns what a student sends into what the college
// replies, whatever the channel. It reads and writes the college's records
// through college.Tx, and queues every reply in the outbox in the same
// transaction as the change that caused it.
package conversation

import (
	"context"
	"errors"
	"fmt"
	"time"

	"collegebot/internal/college"
	"collegebot/messages"
)

// Engine is the dialogue engine shared by every channel.
type Engine struct {
	store   college.Store
	cat     *messages.Catalog
	profile college.Profile
	loc     *time.Location
	hold    time.Duration
	// providerReplies are the channels whose provider answers STOP, START
	// and HELP itself, so the engine records them and says nothing.
	providerReplies map[college.Channel]bool
	// alerter tells staff about hand-offs; nil tells no one.
	alerter Alerter
}

// Option changes how an engine behaves.
type Option func(*Engine)

// ProviderReplies tells the engine that the provider of a channel sends its
// own confirmation of STOP, START and HELP (Twilio does unless told not
// to), so the engine must not send a second one.
func ProviderReplies(ch college.Channel) Option {
	return func(e *Engine) { e.providerReplies[ch] = true }
}

// Alerts makes the engine tell staff, through a, when a student asks for
// a person and what they say while a hand-off is open.
func Alerts(a Alerter) Option {
	return func(e *Engine) { e.alerter = a }
}

// SetAlerter is Alerts for an alerter built after the engine, such as the
// staff desk that wraps it. Call it before the engine handles a message.
func (e *Engine) SetAlerter(a Alerter) { e.alerter = a }

// New returns an engine for one college. loc is the college's time zone,
// in which dates are shown.
func New(store college.Store, cat *messages.Catalog, p college.Profile, loc *time.Location, opts ...Option) (*Engine, error) {
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("conversation: %w", err)
	}
	hold, _ := p.Hold()
	e := &Engine{store: store, cat: cat, profile: p, loc: loc, hold: hold, providerReplies: map[college.Channel]bool{}}
	for _, o := range opts {
		o(e)
	}
	return e, nil
}

// Handle answers one inbound message: it finds or creates the student,
// applies what they asked for, and queues the replies. If in.ID names an
// inbox row, that row is marked processed in the same transaction, so a
// message is handled once even if Handle is retried.
func (e *Engine) Handle(ctx context.Context, in college.Inbound) error {
	err := e.store.Update(ctx, func(tx college.Tx) error {
		t, err := e.begin(tx, in)
		if err != nil {
			return err
		}
		if err := t.respond(t.parse()); err != nil {
			return err
		}
		return t.finish()
	})
	if err != nil {
		return fmt.Errorf("conversation: handling %s message %s: %w", in.Channel, in.ProviderID, err)
	}
	return nil
}

// turn is one message being handled: the student, their dialogue and the
// replies gathered so far.
type turn struct {
	*Engine
	tx    college.Tx
	now   time.Time
	in    college.Inbound
	st    college.Student
	ct    college.Contact
	d     college.Dialogue
	fresh bool // first message from this address
	// viewing is the course whose details the student was just shown,
	// which a bare JOIN books.
	viewing string
	erased  bool
	// puzzled is set where the engine answers that it could not act on
	// the message, a hint passOn replaces if the message was for staff.
	puzzled bool
	out     []college.Reply
	// subject is the course the messages being written are about, if
	// any: what INFO on its own shows later (discreet.go).
	subject college.Course
	// As read at the start of the turn, so that finish writes only what
	// changed; stored says a dialogue row is there, live or expired.
	readSt college.Student
	readD  college.Dialogue
	stored bool
}

// begin reads who sent the message, creating a new student for an address
// not seen before, and their dialogue, all in one query.
func (e *Engine) begin(tx college.Tx, in college.Inbound) (*turn, error) {
	t := &turn{Engine: e, tx: tx, now: tx.Now(), in: in}
	var err error
	t.ct, t.st, t.d, t.stored, err = tx.Sender(in.Channel, in.Address)
	if errors.Is(err, college.ErrNotFound) {
		t.st, t.ct, err = tx.CreateStudent(in.Channel, in.Address, e.langOf(in.Lang))
		t.fresh, t.d = true, college.Dialogue{StudentID: t.st.ID}
	}
	if err != nil {
		return nil, err
	}
	t.keep()
	return t, nil
}

// parse reads the message, trusting the provider's own reading of an
// opt-out keyword over ours.
func (t *turn) parse() Command {
	c := Parse(t.in.Text)
	switch t.in.OptOut {
	case "STOP":
		c = Command{Verb: Stop, Words: c.Words}
	case "START":
		if t.ct.OptedOut != nil {
			c = Command{Verb: Start, Words: c.Words}
		}
	case "HELP":
		c = Command{Verb: Help, Words: c.Words}
	}
	return c
}

// quiet reports whether the provider has already answered this keyword.
func (t *turn) quiet(v Verb) bool {
	return t.providerReplies[t.in.Channel] && (v == Stop || v == Start || (v == Help && t.in.OptOut == "HELP"))
}

// finish stores the student and dialogue and queues the replies.
func (t *turn) finish() error {
	if !t.erased {
		t.st.LastActive = t.now
		if t.d.State == "" && (len(t.d.Choices) > 0 || len(t.d.Data) > 0) {
			t.d.State = browsing
			t.d.Expires = t.now.Add(college.DialogueTTL)
		}
		if err := t.save(); err != nil {
			return err
		}
	}
	for i, r := range t.out {
		key := fmt.Sprintf("reply:%s:%s:%d", t.in.Channel, t.in.ProviderID, i)
		if err := t.tx.Enqueue(t.outgoing(key, t.in.Channel, t.in.Address, r)); err != nil {
			return err
		}
	}
	if t.in.ID != 0 {
		return t.tx.MarkProcessed(t.in.ID)
	}
	return nil
}

func (t *turn) outgoing(key string, ch college.Channel, addr string, r college.Reply) college.Outgoing {
	r = t.plainReply(ch, r)
	return college.Outgoing{
		Key: key, StudentID: t.st.ID, Channel: ch, Address: addr, Lang: t.lang(),
		Kind: college.KindReply, Priority: college.Interactive,
		Reply: r, Segments: t.segments(ch, r), NotBefore: t.now,
		CourseID: t.subject.ID, Protect: t.protects(ch, t.st),
	}
}
