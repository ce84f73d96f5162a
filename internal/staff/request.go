package staff

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/sms"
)

// request is one staff command being run: who sent it, what it says, and
// the answers gathered so far.
type request struct {
	*Desk
	ctx    context.Context
	tx     college.OfficeTx
	in     college.Inbound
	member college.StaffMember
	name   string // the command's name, lower case
	args   string // the rest, as sent
	now    time.Time
	out    []answer
}

// answer is one message back to the member who asked.
type answer struct {
	college.Reply
	photo []byte
	// chart draws the photo, after the transaction that read what it shows.
	chart func() ([]byte, error)
}

func (d *Desk) request(ctx context.Context, tx college.OfficeTx, in college.Inbound, m college.StaffMember, name, args string) *request {
	return &request{Desk: d, ctx: ctx, tx: tx, in: in, member: m, name: name, args: args, now: tx.Now()}
}

// say queues a text back to the member.
func (r *request) say(format string, a ...any) {
	r.out = append(r.out, answer{Reply: college.Reply{Text: fmt.Sprintf(format, a...)}})
}

// offer queues a text with choices: buttons on Telegram, whose commands
// (staff commands without their prefix, "send 12") come back as typed;
// elsewhere a line per choice saying what to send.
func (r *request) offer(text string, choices ...college.Choice) {
	r.out = append(r.out, answer{Reply: college.Reply{Text: text, Choices: choices}})
}

// photo queues a picture with a caption (Telegram only; elsewhere the
// caption alone), drawn by chart once the command's read transaction is
// over: drawing is slow, and holds no transaction up.
func (r *request) photo(caption string, chart func() ([]byte, error)) {
	r.out = append(r.out, answer{Reply: college.Reply{Text: caption}, chart: chart})
}

// draw draws the answers' pictures.
func (r *request) draw() error {
	for i, a := range r.out {
		if a.chart == nil {
			continue
		}
		png, err := a.chart()
		if err != nil {
			return err
		}
		r.out[i].photo, r.out[i].chart = png, nil
	}
	return nil
}

// cmd shows a command as the member types it on their channel.
func (r *request) cmd(name string) string { return prefix(r.in.Channel) + name }

// prefix is what starts a staff command on a channel.
func prefix(ch college.Channel) string {
	if ch == college.Telegram {
		return "/"
	}
	return "#"
}

// finish queues the answers, drawing any picture not drawn yet, and marks
// the inbound message handled.
func (r *request) finish() error {
	if err := r.draw(); err != nil {
		return err
	}
	for i, a := range r.out {
		key := fmt.Sprintf("staff:%s:%s:%d", r.in.Channel, r.in.ProviderID, i)
		o := staffMessage(key, r.in.Channel, r.in.Address, a.Reply, r.now)
		o.Photo = a.photo
		if err := r.tx.Enqueue(o); err != nil {
			return err
		}
	}
	if r.in.ID != 0 {
		return r.tx.MarkProcessed(r.in.ID)
	}
	return nil
}

// staffMessage is a message to a member of staff, sent before bulk. On
// SMS and in the terminal choices become lines saying what to send, and
// the text is folded into GSM-7 so it costs what it should.
func staffMessage(key string, ch college.Channel, addr string, rep college.Reply, now time.Time) college.Outgoing {
	if ch == college.Telegram {
		cs := make([]college.Choice, len(rep.Choices))
		for i, c := range rep.Choices {
			cs[i] = college.Choice{Label: c.Label, Command: "/" + c.Command}
		}
		rep.Choices = cs
	} else {
		for _, c := range rep.Choices {
			rep.Text += fmt.Sprintf("\n%s: send #%s", c.Label, c.Command)
		}
		rep.Choices = nil
	}
	o := college.Outgoing{Key: key, Channel: ch, Address: addr, Kind: college.KindReply,
		Priority: college.Interactive, Lang: "en", Reply: rep, NotBefore: now}
	if ch == college.SMS {
		o.Text, _ = sms.ToGSM7(o.Text)
		o.Segments = sms.Count(o.Text).Segments
	}
	return o
}

// notify queues a message to a member of staff on the first live channel
// that reaches them, worded by text for that channel; it reports false
// when none does.
func (d *Desk) notify(tx college.Tx, m college.StaffMember, key string, text func(college.Channel) string) (bool, error) {
	ch := d.reach(m)
	if ch == "" {
		return false, nil
	}
	rep := college.Reply{Text: text(ch)}
	return true, tx.Enqueue(staffMessage(key+":"+string(ch), ch, m.Address(ch), rep, tx.Now()))
}

// inTerminal reports whether the terminal delivers to students: only
// when no provider is on, as in the demo.
func (d *Desk) inTerminal() bool {
	return slices.Contains(d.live, college.Terminal)
}

// reach returns the first live channel a member can be reached on, or "".
func (d *Desk) reach(m college.StaffMember) college.Channel {
	for _, ch := range d.live {
		if m.Address(ch) != "" {
			return ch
		}
	}
	return ""
}

// ParseNumber reads a record's number as staff type it, "12" or "#12":
// the number a list shows beside a member, broadcast, hand-off or alert.
func ParseNumber(s string) (int64, bool) {
	id, err := strconv.ParseInt(strings.TrimPrefix(strings.TrimSpace(s), "#"), 10, 64)
	return id, err == nil && id > 0
}

// Problem is a command that cannot run as sent: the member is told why,
// and nothing changes.
type Problem struct{ msg string }

func (p *Problem) Error() string { return p.msg }

// problemf returns a Problem worded as format.
func problemf(format string, a ...any) error { return &Problem{msg: fmt.Sprintf(format, a...)} }
