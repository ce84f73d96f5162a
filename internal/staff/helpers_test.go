package staff_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/conversation"
	"collegebot/internal/jobs"
	"collegebot/internal/sqlite"
	"collegebot/internal/staff"
	"collegebot/messages"
)

// rig is the bot as it runs, on a real SQLite file: a desk in front of the
// real student conversation, which tells students of session changes and
// alerts staff through the desk. Messages go in through the inbox and come
// out of the outbox. Each group of tests sets its scene on it: the
// broadcast cast (newCastRig), the course rooms (newRoomRig), a hand-off
// team (newHandoffRig) and a term to report on (newReportRig).
type rig struct {
	t    *testing.T
	db   *sqlite.DB
	raw  *sql.DB
	desk *staff.Desk
	eng  *conversation.Engine
	loc  *time.Location
	log  bytes.Buffer // what the desk logged
	now  time.Time
	seq  int
	ids  map[string]int64 // students by name
}

// rigDay is a local time in January 2027 (GMT, so UTC too).
func rigDay(day, hour, min int) time.Time {
	return time.Date(2027, 1, day, hour, min, 0, 0, time.UTC)
}

// newRig is an empty college run by p, at Monday 11 January 2027, 10:00
// GMT: outside quiet hours, in office hours.
func newRig(t *testing.T, p college.Profile) *rig {
	t.Helper()
	path := filepath.Join(t.TempDir(), "college.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close(); db.Close() })
	r := &rig{t: t, db: db, raw: raw, now: rigDay(11, 10, 0), ids: map[string]int64{}}
	db.Now = func() time.Time { return r.now }
	if r.loc, err = time.LoadLocation("Europe/London"); err != nil {
		t.Fatal(err)
	}
	cat, err := messages.Load()
	if err != nil {
		t.Fatal(err)
	}
	if r.eng, err = conversation.New(db, cat, p, r.loc); err != nil {
		t.Fatal(err)
	}
	r.desk = staff.New(db, r.eng, p, r.loc, slog.New(slog.NewTextHandler(&r.log, nil)),
		staff.Channels(college.Telegram, college.SMS), staff.Notifier(r.eng))
	r.eng.SetAlerter(r.desk)
	return r
}

// addStaff puts members on the staff list, numbered in order from 1.
func (r *rig) addStaff(ms ...college.StaffMember) {
	r.t.Helper()
	r.office(func(tx college.OfficeTx) error {
		for _, m := range ms {
			if _, err := tx.AddStaff(m); err != nil {
				return err
			}
		}
		return nil
	})
}

func (r *rig) office(fn func(college.OfficeTx) error) {
	r.t.Helper()
	if err := r.db.Office(context.Background(), fn); err != nil {
		r.t.Fatal(err)
	}
}

// send delivers a message to the desk as the channel's adapter would: on
// Telegram a command (typed, or a button's data) loses its slash and is
// marked as one.
func (r *rig) send(ch college.Channel, addr, text string) {
	r.t.Helper()
	r.seq++
	in := college.Inbound{Channel: ch, Address: addr, Text: text, ProviderID: fmt.Sprintf("p%d", r.seq), Received: r.now}
	if cmd, ok := strings.CutPrefix(text, "/"); ok && ch == college.Telegram {
		in.Text, in.Event = cmd, college.EventCommand
	}
	id, _, err := r.db.SaveInbound(context.Background(), in, "")
	if err != nil {
		r.t.Fatal(err)
	}
	in.ID = id
	if err := r.desk.Handle(context.Background(), in); err != nil {
		r.t.Fatalf("%s sends %q: %v", addr, text, err)
	}
}

// claim takes what a sender is given for an address in one go (for every
// address on the channel when addr is ""), leaving it to the test to say
// it was sent.
func (r *rig) claim(ch college.Channel, addr string) []college.Queued {
	r.t.Helper()
	qs, err := r.db.Claim(context.Background(), college.ClaimFilter{Channel: ch, Address: addr, Limit: 100})
	if err != nil {
		r.t.Fatal(err)
	}
	return qs
}

// sent records that the provider took a message, with its id.
func (r *rig) sent(q college.Queued, providerID string) {
	r.t.Helper()
	if err := r.db.MarkSent(context.Background(), q.ID, college.Receipt{ProviderID: providerID}); err != nil {
		r.t.Fatal(err)
	}
}

// got takes everything due for an address, in order, as its sender would
// (which is given one message to an address at a time), and marks it sent.
func (r *rig) got(ch college.Channel, addr string) []college.Queued {
	r.t.Helper()
	var out []college.Queued
	for {
		qs, err := r.db.Claim(context.Background(), college.ClaimFilter{Channel: ch, Address: addr, Limit: 100, Lease: time.Minute})
		if err != nil {
			r.t.Fatal(err)
		}
		if len(qs) == 0 {
			return out
		}
		for _, q := range qs {
			r.sent(q, "")
		}
		out = append(out, qs...)
	}
}

// gets checks that an address got exactly one message holding every one
// of want, and returns it.
func (r *rig) gets(ch college.Channel, addr string, want ...string) college.Queued {
	r.t.Helper()
	qs := r.got(ch, addr)
	if len(qs) != 1 {
		r.t.Fatalf("%s %s got %d messages, want 1: %q", ch, addr, len(qs), textsOf(qs))
	}
	for _, w := range want {
		if !strings.Contains(qs[0].Text, w) {
			r.t.Errorf("%s %s got\n%s\nwhich lacks %q", ch, addr, qs[0].Text, w)
		}
	}
	return qs[0]
}

// getsNothing checks that nothing waits for an address.
func (r *rig) getsNothing(ch college.Channel, addr string) {
	r.t.Helper()
	if qs := r.got(ch, addr); len(qs) != 0 {
		r.t.Errorf("%s %s got %q, want nothing", ch, addr, textsOf(qs))
	}
}

// answer sends a staff command and returns the one answer to it.
func (r *rig) answer(ch college.Channel, addr, text string) college.Queued {
	r.t.Helper()
	r.send(ch, addr, text)
	qs := r.got(ch, addr)
	if len(qs) != 1 {
		r.t.Fatalf("%s sends %q: got %d answers %q, want 1", addr, text, len(qs), textsOf(qs))
	}
	return qs[0]
}

// says checks the one answer to a command is want, exactly.
func (r *rig) says(ch college.Channel, addr, text, want string) college.Queued {
	r.t.Helper()
	q := r.answer(ch, addr, text)
	if q.Text != want {
		r.t.Errorf("%s sends %q: got\n%s\nwant\n%s", addr, text, q.Text, want)
	}
	return q
}

// reads checks that a member of staff got exactly one message, whose text
// is want, and returns it as sent (with provider id "m<outbox id>", which
// a progress edit names).
func (r *rig) reads(ch college.Channel, addr, want string) college.Queued {
	r.t.Helper()
	qs := r.claim(ch, addr)
	if len(qs) != 1 {
		r.t.Fatalf("%s got %d messages, want 1: %q", addr, len(qs), textsOf(qs))
	}
	if qs[0].Text != want {
		r.t.Errorf("%s got:\n%s\nwant:\n%s", addr, qs[0].Text, want)
	}
	r.sent(qs[0], fmt.Sprintf("m%d", qs[0].ID))
	return qs[0]
}

// readsNothing checks that nothing waits for an address.
func (r *rig) readsNothing(ch college.Channel, addr string) {
	r.t.Helper()
	if qs := r.claim(ch, addr); len(qs) != 0 {
		r.t.Errorf("%s got %q, want nothing", addr, textsOf(qs))
	}
}

func textsOf(qs []college.Queued) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.Text
	}
	return out
}

// student registers a student reached at an address, with their consent,
// and books them (or puts them on the list) for a course.
func (r *rig) student(name string, ch college.Channel, addr, code string, status college.EnrolmentStatus) {
	r.t.Helper()
	r.office(func(tx college.OfficeTx) error {
		st, _, err := tx.CreateStudent(ch, addr, "en")
		if err != nil {
			return err
		}
		now := tx.Now()
		st.FirstName, st.ConsentAt = name, &now
		if err := tx.SaveStudent(st); err != nil {
			return err
		}
		r.ids[name] = st.ID
		c, err := tx.Course(code)
		if err == nil {
			_, err = tx.Enrol(st.ID, c.ID, status)
		}
		return err
	})
}

// phoneOf is a student's number.
func (r *rig) phoneOf(name string) string {
	return r.text(`SELECT address FROM contact WHERE student_id = ?`, r.ids[name])
}

// texts returns the texts due for a student, by name.
func (r *rig) texts(name string) []string {
	r.t.Helper()
	return textsOf(r.got(college.SMS, r.phoneOf(name)))
}

// sweep runs the due sweep at a time, as the scheduler would.
func (r *rig) sweep(at time.Time) jobs.Counts {
	r.t.Helper()
	r.now = at
	d := jobs.Due{Store: r.db, Notify: r.eng, Profile: college.DefaultProfile(), Loc: r.loc}
	c, err := d.Sweep(context.Background(), at, false, nil)
	if err != nil {
		r.t.Fatal(err)
	}
	return c
}

// progress runs the desk's progress round, as serve does every few seconds.
func (r *rig) progress() {
	r.t.Helper()
	if err := r.desk.Progress(context.Background()); err != nil {
		r.t.Fatal(err)
	}
}

// number runs a query for one number.
func (r *rig) number(query string, args ...any) int {
	r.t.Helper()
	var n int
	if err := r.raw.QueryRow(query, args...).Scan(&n); err != nil {
		r.t.Fatalf("%s: %v", query, err)
	}
	return n
}

// text runs a query for one string.
func (r *rig) text(query string, args ...any) string {
	r.t.Helper()
	var s sql.NullString
	if err := r.raw.QueryRow(query, args...).Scan(&s); err != nil {
		r.t.Fatalf("%s: %v", query, err)
	}
	return s.String
}
