package jobs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"collegebot/internal/college"
)

// DueSpec runs the sweep every minute. What is due is decided from the
// records each time, not from the schedule (DESIGN §3), so a run that cron
// skips or doubles at a clock change, or that an outage delays, loses and
// repeats nothing.
const DueSpec = "* * * * *"

// How far the sweep looks, and how late things may still go.
const (
	// soonGrace is how late a "starts at 10:00 today" reminder may still
	// go, after it fell due or after the quiet hours that held it: later
	// than that, an outage has made it wrong.
	soonGrace = 30 * time.Minute
	// surveyWithin bounds how long after a course ended its survey may go,
	// so that an outage does not survey old courses.
	surveyWithin = 7 * 24 * time.Hour
	// surveyGap is the least time between two surveys of a student.
	surveyGap = 30 * 24 * time.Hour
	// missedWithin bounds how long after a session a register marked late
	// still brings the check-in.
	missedWithin = 3 * 24 * time.Hour
	// clockSkew is how far the store's clock may be from the run's time.
	clockSkew = time.Minute
)

// Notifier words and queues what the sweep finds due, in the sweep's
// transaction; *conversation.Engine is one. Each message goes under a key
// unique to its purpose, so a call repeated queues nothing more.
type Notifier interface {
	// Remind queues a session reminder, to go at sendAt.
	Remind(tx college.Tx, r college.Reminder, sendAt time.Time) error
	// ExpireOffer lapses an offer whose hold ran out: the place passes to
	// the next person waiting, or reopens, and the student is told.
	ExpireOffer(tx college.Tx, e college.Enrolment) error
	// AskFeedback queues the survey about a finished course, and records
	// that it was asked (SaveFeedback).
	AskFeedback(tx college.Tx, b college.Booking, sendAt time.Time) error
	// MissedYou queues the check-in after a session the student missed.
	MissedYou(tx college.Tx, b college.Booking, sendAt time.Time) error
}

// Due is the sweep that runs every minute and queues what has fallen due:
// session reminders, lapsed waiting-list offers, feedback surveys after a
// course, and check-ins after a missed session. Nothing is done inside the
// college's quiet hours: what falls due then is held to the window's end,
// and re-checked then (a reminder whose session has started is dropped).
type Due struct {
	Store   college.Store
	Notify  Notifier
	Profile college.Profile // reminder times and quiet hours
	Loc     *time.Location  // the college's zone
}

// Counts says how many of each kind of thing a sweep queued: messages it
// newly queued, and offers it lapsed.
type Counts struct {
	Reminders, Offers, Surveys, MissedYou int
}

// Map returns the counts as the ledger keeps them.
func (c Counts) Map() map[string]int {
	return map[string]int{"reminders": c.Reminders, "offers": c.Offers,
		"surveys": c.Surveys, "missed_you": c.MissedYou}
}

// Job returns the sweep as the scheduled job "due".
func (d Due) Job() Job { return Job{Name: "due", Spec: DueSpec, Run: d.Run} }

// Run is Sweep as a Job runs it.
func (d Due) Run(ctx context.Context, now time.Time, dry bool, plan func(Planned)) (map[string]int, error) {
	c, err := d.Sweep(ctx, now, dry, plan)
	if err != nil {
		return nil, err
	}
	return c.Map(), nil
}

// errDry rolls back a dry run.
var errDry = errors.New("dry run")

// Sweep queues everything due at now, in one transaction, and then
// reports each thing it queued, in order, through plan (which may be nil).
// A dry run does the same, and rolls it all back before reporting.
//
// now must be the store's time to the minute: the transaction acts at the
// store's clock (an offer lapses by it, a message is stamped with it), so a
// run "as if" another time (jobs run --at) first sets the store's clock.
func (d Due) Sweep(ctx context.Context, now time.Time, dry bool, plan func(Planned)) (Counts, error) {
	var s *sweep
	err := d.Store.Update(ctx, func(tx college.Tx) error {
		if skew := tx.Now().Sub(now); skew > clockSkew || skew < -clockSkew {
			return fmt.Errorf("the store's clock says %s: set it to the run's time first",
				tx.Now().In(d.Loc).Format(time.DateTime))
		}
		s = &sweep{Due: d, tx: watch(tx), now: now, ahead: map[int64]bool{}}
		err := s.run()
		if err == nil && dry {
			err = errDry
		}
		return err
	})
	if err != nil && !errors.Is(err, errDry) {
		return Counts{}, fmt.Errorf("jobs: due at %s: %w", now.In(d.Loc).Format(time.DateTime), err)
	}
	for _, p := range s.planned {
		if plan != nil {
			plan(p)
		}
	}
	return s.counts, nil
}

// sweep is one run of Due, in its transaction.
type sweep struct {
	Due
	tx      *watchedTx
	now     time.Time
	counts  Counts
	planned []Planned
	ahead   map[int64]bool // by course: whether a live session is still to come
}

// run does each part of the sweep, unless it is quiet hours: then nothing
// is sent, and an offer whose hold lapses is left until they end, since
// the next person would be offered the place in the night.
func (s *sweep) run() error {
	if college.InQuietHours(s.now, s.Profile, s.Loc) {
		return nil
	}
	for _, part := range []func() error{s.offers, s.reminders, s.surveys, s.missedYou} {
		if err := part(); err != nil {
			return err
		}
	}
	return nil
}

// notify makes one call to the Notifier and, when it queued a message (or,
// with always, whatever it did), counts it and notes it for the report.
func (s *sweep) notify(count *int, p Planned, always bool, call func(college.Tx) error) error {
	s.tx.fresh = s.tx.fresh[:0]
	if err := call(s.tx); err != nil {
		return err
	}
	if len(s.tx.fresh) == 0 && !always {
		return nil
	}
	*count++
	if len(s.tx.fresh) > 0 {
		p.Key = s.tx.fresh[0]
	}
	st, err := s.tx.Student(p.StudentID)
	if err != nil {
		return err
	}
	p.FirstName = st.FirstName
	s.planned = append(s.planned, p)
	return nil
}

// describe names a booking's session for staff: "ANX1 session 2, Tue 10
// Mar 10:00".
func (s *sweep) describe(b college.Booking) string {
	return fmt.Sprintf("%s session %d, %s", b.Course.Code, b.Session.Seq,
		b.Session.Start.In(s.Loc).Format("Mon 2 Jan 15:04"))
}

// hasSessionAhead reports whether a course has a live session still to
// start, asking the store once per course and sweep.
func (s *sweep) hasSessionAhead(courseID int64) (bool, error) {
	if ok, seen := s.ahead[courseID]; seen {
		return ok, nil
	}
	ss, err := s.tx.Sessions(courseID)
	if err != nil {
		return false, err
	}
	_, ok := college.NextSession(ss, s.now)
	s.ahead[courseID] = ok
	return ok, nil
}

// keyFinder is what a store's transaction may offer beyond college.Tx:
// whether a message key is already in the outbox (*sqlite's does). With
// it, a sweep counts and reports only what it newly queues.
type keyFinder interface {
	Queued(key string) (bool, error)
}

// watchedTx is the transaction the Notifier is handed: it notes the keys
// of the messages newly queued through it. Without a keyFinder every
// message queued counts as new.
type watchedTx struct {
	college.Tx
	find  keyFinder
	fresh []string
}

// watch wraps a transaction to note what is queued through it.
func watch(tx college.Tx) *watchedTx {
	f, _ := tx.(keyFinder)
	return &watchedTx{Tx: tx, find: f}
}

// Enqueue queues a message and notes its key if it was not queued before.
func (w *watchedTx) Enqueue(o college.Outgoing) error {
	old := false
	if w.find != nil {
		var err error
		if old, err = w.find.Queued(o.Key); err != nil {
			return err
		}
	}
	if err := w.Tx.Enqueue(o); err != nil {
		return err
	}
	if !old {
		w.fresh = append(w.fresh, o.Key)
	}
	return nil
}
