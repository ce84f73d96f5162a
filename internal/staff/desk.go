// Package staff answers the college's staff when they message the bot from
// a registered phone or Telegram chat: broadcasts, session changes,
// registers, hand-offs and reports, by commands that start with # on SMS
// (and in the terminal) and / on Telegram. Everything else, and anything
// from someone not on the staff list, goes to the student conversation.
package staff

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"collegebot/internal/college"
)

// Office is where staff work runs: one write transaction over the student
// records and the office's own, or a read-only one for work that only
// reads.
type Office interface {
	college.Office
	OfficeView(ctx context.Context, fn func(college.OfficeTx) error) error
}

// Handler answers an inbound message: the student conversation.
type Handler interface {
	Handle(ctx context.Context, in college.Inbound) error
}

// Desk routes inbound messages: staff commands from staff to the command
// that runs them, everything else to the students' handler.
type Desk struct {
	office   Office
	students Handler
	profile  college.Profile
	loc      *time.Location
	log      *slog.Logger
	commands map[string]command
	// live are the channels that can deliver to staff, best first.
	live []college.Channel
	// changes tells students of the session changes staff make (Notifier).
	changes college.ChangeNotifier
}

// Option configures a desk.
type Option func(*Desk)

// Channels names the channels that can reach staff now, best first
// (Telegram before SMS, as it costs nothing). Alerts go to each member on
// the first of these they can be reached on.
func Channels(chs ...college.Channel) Option {
	return func(d *Desk) { d.live = chs }
}

// New returns a desk for one college.
func New(office Office, students Handler, p college.Profile, loc *time.Location, log *slog.Logger, opts ...Option) *Desk {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	d := &Desk{office: office, students: students, profile: p, loc: loc,
		log: log.With("comp", "staff"), live: []college.Channel{college.Telegram, college.SMS}}
	for _, o := range opts {
		o(d)
	}
	d.commands = d.table()
	return d
}

// SetLog sends the desk's log to l. Call it before the desk is in use.
func (d *Desk) SetLog(l *slog.Logger) { d.log = l.With("comp", "staff") }

// Handle answers one inbound message. A staff command from a member of
// staff runs, and its answer is queued in the same transaction that marks
// the message handled; a command that cannot run changes nothing and says
// why. Anything else is the students' handler's.
func (d *Desk) Handle(ctx context.Context, in college.Inbound) error {
	name, args, ok := commandOf(in)
	_, known := d.commands[name]
	if !ok || (in.Channel == college.Telegram && !known) {
		return d.students.Handle(ctx, in) // a student's own /courses, say
	}
	staff, err := d.run(ctx, in, name, args)
	if err != nil {
		return fmt.Errorf("staff: %s from %s: %w", name, in.Channel, err)
	}
	if staff {
		return nil
	}
	if known {
		// Logged without the address: a student's number is theirs.
		d.log.Warn("staff command from someone not on the staff list", "channel", in.Channel, "command", name)
	}
	return d.students.Handle(ctx, in)
}

// run runs a command for the member of staff who sent it, and reports
// whether the sender is one. A command that fails with a *Problem rolls
// back and its problem is said in a second transaction. A command that
// only reads runs in a read transaction; its pictures are drawn after it,
// and its answers queued in a short write transaction of their own.
func (d *Desk) run(ctx context.Context, in college.Inbound, name, args string) (staff bool, err error) {
	var problem *Problem
	var r *request
	reads := d.commands[name].reads
	within := d.office.Office
	if reads {
		within = d.office.OfficeView
	}
	err = within(ctx, func(tx college.OfficeTx) error {
		m, err := tx.StaffAt(in.Channel, in.Address)
		if errors.Is(err, college.ErrNotFound) {
			return nil
		} else if err != nil {
			return err
		}
		staff = true
		r = d.request(ctx, tx, in, m, name, args)
		if err := d.dispatch(r); err != nil || reads {
			return err
		}
		return r.finish()
	})
	if errors.As(err, &problem) {
		return true, d.refuse(ctx, in, name, args, problem)
	}
	if err != nil || !reads || r == nil {
		return staff, err
	}
	if err := r.draw(); err != nil {
		return true, err
	}
	return true, d.office.Office(ctx, func(tx college.OfficeTx) error {
		r.tx = tx
		return r.finish()
	})
}

// refuse answers a command that cannot run with its problem.
func (d *Desk) refuse(ctx context.Context, in college.Inbound, name, args string, problem *Problem) error {
	return d.office.Office(ctx, func(tx college.OfficeTx) error {
		m, err := tx.StaffAt(in.Channel, in.Address)
		if err != nil {
			return err
		}
		r := d.request(ctx, tx, in, m, name, args)
		r.say("%s", problem.Error())
		return r.finish()
	})
}

// dispatch checks the member may run the command, and runs it.
func (d *Desk) dispatch(r *request) error {
	c, ok := d.commands[r.name]
	switch {
	case !ok:
		return problemf("There is no %s command. Send %s for the list.", r.cmd(r.name), r.cmd("help"))
	case !r.member.Role.Can(c.role):
		d.log.Warn("staff command refused", "staff", r.member.ID, "role", r.member.Role, "command", r.name)
		return problemf("Sorry, %s needs the %s role; you are %s.", r.cmd(r.name), c.role, r.member.Role)
	}
	return c.run(r)
}

// commandOf reads a staff command: on SMS and in the terminal a message
// that starts with #, on Telegram a bot command (which the adapter marks).
// It returns the command's name in lower case and the rest as sent.
func commandOf(in college.Inbound) (name, args string, ok bool) {
	text := strings.TrimSpace(in.Text)
	switch in.Channel {
	case college.Telegram:
		if in.Event != college.EventCommand {
			return "", "", false
		}
		text = strings.TrimPrefix(text, "/")
	default:
		if text, ok = strings.CutPrefix(text, "#"); !ok {
			return "", "", false
		}
	}
	name, args, _ = strings.Cut(strings.TrimSpace(text), " ")
	name = strings.ToLower(name)
	return name, strings.TrimSpace(args), name != ""
}
