package conversation

import (
	"fmt"
	"time"

	"collegebot/internal/college"
	"collegebot/messages"
)

// The engine words what the scheduled jobs send: they decide what is due,
// and call these inside their own transaction. Each message has a key
// unique to its purpose, so a job that runs twice sends once.

// Remind queues a session reminder, to go at sendAt.
func (e *Engine) Remind(tx college.Tx, r college.Reminder, sendAt time.Time) error {
	t := e.jobTurn(tx)
	st, ct, ok, err := t.reachableSince(r.Enrolment.StudentID, r.Due)
	if !ok || err != nil {
		return err
	}
	t = t.to(st)
	args := t.courseArgs(r.Course)
	args["When"], args["Time"] = t.when(r.Session.Start), r.Session.Start.In(e.loc).Format("15:04")
	msg, args := t.wordedFor(ct.Channel, t.reminderText(r, args), r.Course, &r.Session, args)
	key := fmt.Sprintf("reminder:%d:%d:%s:%d", r.Enrolment.ID, r.Session.ID, r.Kind, r.Session.Start.Unix())
	return t.queue(ct, key, msg, args, r.Session.ID, sendAt, college.Routine)
}

// reminderText picks the wording: the day before says what, when and
// where, with how to send apologies; the last carries no actions.
func (t *turn) reminderText(r college.Reminder, args messages.Args) string {
	v := r.Session.Venue
	switch {
	case r.Kind == college.Soon && v == nil:
		args["Link"] = r.Session.OnlineURL
		return "reminder.soon_online"
	case r.Kind == college.Soon:
		args["Where"] = v.Name
		return "reminder.soon"
	case v == nil:
		args["Link"] = r.Session.OnlineURL
		return "reminder.day_online"
	}
	args["Where"] = joinNonEmpty(v.Name, v.Address, v.Postcode)
	return "reminder.day"
}

// ExpireOffer lapses an offer whose hold ran out: the place passes to the
// next person waiting (or reopens), and the student is told.
func (e *Engine) ExpireOffer(tx college.Tx, en college.Enrolment) error {
	t := e.jobTurn(tx)
	c, err := tx.CourseByID(en.CourseID)
	if err != nil {
		return err
	}
	exp := t.now
	if en.OfferExpires != nil {
		exp = *en.OfferExpires
	}
	if err := t.release(en); err != nil {
		return err
	}
	st, ct, ok, err := t.reachable(en.StudentID)
	if !ok || err != nil {
		return err
	}
	t = t.to(st)
	msg, args := t.wordedFor(ct.Channel, "offer.lapsed", c, nil, withArgs(t.courseArgs(c), "Expires", t.when(exp)))
	return t.queue(ct, fmt.Sprintf("lapsed:%d:%d", en.ID, exp.Unix()), msg, args, 0, t.now, college.Interactive)
}

// MissedYou queues a kind check-in for a student marked absent without
// apologies.
func (e *Engine) MissedYou(tx college.Tx, b college.Booking, sendAt time.Time) error {
	t := e.jobTurn(tx)
	st, ct, ok, err := t.reachableSince(b.Enrolment.StudentID, college.MissedYouDue(b.Session, e.loc))
	if !ok || err != nil {
		return err
	}
	key := fmt.Sprintf("missed:%d:%d", st.ID, b.Session.ID)
	u := t.to(st)
	msg, args := u.wordedFor(ct.Channel, "missed.you", b.Course, &b.Session, u.courseArgs(b.Course))
	return u.queue(ct, key, msg, args, b.Session.ID, sendAt, college.Routine)
}

// jobTurn is a turn with no inbound message: the engine acting on its own.
func (e *Engine) jobTurn(tx college.Tx) *turn {
	return &turn{Engine: e, tx: tx, now: tx.Now()}
}

// to returns a turn that words messages to st, in st's language: a job's
// turn writing to each student in turn, or a student's turn writing to
// another (an offer of the place they gave up).
func (t *turn) to(st college.Student) *turn {
	return &turn{Engine: t.Engine, tx: t.tx, now: t.now, st: st}
}

// queue writes a service message to the turn's student, to go at sendAt,
// or at the end of quiet hours if that is later: nothing but replies to a
// student's own messages is sent in them.
func (t *turn) queue(ct college.Contact, key, msg string, args messages.Args, sessionID int64, sendAt time.Time, p college.Priority, choices ...college.Choice) error {
	return t.enqueue(ct, key, msg, args, sessionID, college.QuietUntil(sendAt, t.profile, t.loc), p, choices...)
}

// enqueue writes a service message to the turn's student through contact
// ct, to go at at.
func (t *turn) enqueue(ct college.Contact, key, msg string, args messages.Args, sessionID int64, at time.Time, p college.Priority, choices ...college.Choice) error {
	r := college.Reply{Text: t.textOn(ct.Channel, msg, args), Choices: choices}
	o := t.outgoing(key, ct.Channel, ct.Address, r)
	o.Kind, o.SessionID, o.Priority, o.NotBefore = college.KindService, sessionID, p, at
	return t.tx.Enqueue(o)
}

func joinNonEmpty(parts ...string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += ", "
		}
		out += p
	}
	return out
}
