package staff_test

import (
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

// roomRig is a desk on a real SQLite file, in front of the real student
// conversation, for the session-change and register tests. MH1
// (Understanding anxiety, facilitated by Fay) meets at Calder Library on
// Tuesdays 10:00-12:00 from 12 January 2027, four times, and has four
// places: Ann, Bob, Cat and Dan have them, by SMS, and Eve waits. GA1
// (Walking football, facilitated by Gus) meets on Saturdays; Gil is
// booked on it.
type roomRig struct {
	t    *testing.T
	db   *sqlite.DB
	raw  *sql.DB
	desk *staff.Desk
	eng  *conversation.Engine
	loc  *time.Location
	now  time.Time
	seq  int
	ids  map[string]int64 // students by name
}

// The members of staff: Sue (admin) on Telegram; Ray (staff) by SMS; Fay
// (facilitator of MH1) on Telegram and by SMS.
const (
	roomSue    = "7101"
	roomRay    = "+447700900610"
	roomFayTG  = "7103"
	roomFaySMS = "+447700900611"
)

// roomDay is a local time in January 2027 (GMT, so UTC too).
func roomDay(day, hour, min int) time.Time {
	return time.Date(2027, 1, day, hour, min, 0, 0, time.UTC)
}

func newRoomRig(t *testing.T) *roomRig {
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
	loc, _ := time.LoadLocation("Europe/London")
	r := &roomRig{t: t, db: db, raw: raw, loc: loc, now: roomDay(11, 10, 0), ids: map[string]int64{}}
	db.Now = func() time.Time { return r.now }
	cat, err := messages.Load()
	if err != nil {
		t.Fatal(err)
	}
	if r.eng, err = conversation.New(db, cat, college.DefaultProfile(), loc); err != nil {
		t.Fatal(err)
	}
	r.desk = staff.New(db, r.eng, college.DefaultProfile(), loc, slog.New(slog.DiscardHandler),
		staff.Channels(college.Telegram, college.SMS), staff.Notifier(r.eng))
	r.prospectus()
	r.people()
	return r
}

func (r *roomRig) prospectus() {
	r.t.Helper()
	weekly := func(code, title, who string, capacity int, first time.Time, v college.Venue) college.CourseSpec {
		c := college.CourseSpec{Course: college.Course{Code: code, Title: title, Topic: "Wellbeing",
			Mode: college.InPerson, Capacity: capacity, Facilitators: who}}
		for i := range 4 {
			s := first.AddDate(0, 0, 7*i)
			c.Sessions = append(c.Sessions, college.SessionSpec{Start: s, End: s.Add(2 * time.Hour), Venue: &v})
		}
		return c
	}
	p := college.Prospectus{Courses: []college.CourseSpec{
		weekly("MH1", "Understanding anxiety", "Fay Green (peer trainer), Sam Hill", 4, roomDay(12, 10, 0),
			college.Venue{Name: "Calder Library", Postcode: "WF1 2DD"}),
		weekly("GA1", "Walking football", "Gus Park", 10, roomDay(16, 10, 0),
			college.Venue{Name: "Thornes Park", Postcode: "WF2 8QZ"}),
	}}
	if _, err := r.db.ImportProspectus(context.Background(), p, nil); err != nil {
		r.t.Fatal(err)
	}
	r.office(func(tx college.OfficeTx) error {
		_, err := tx.AddVenue(college.Venue{Name: "Town Hall", Postcode: "WF1 1AA"})
		return err
	})
}

func (r *roomRig) people() {
	r.t.Helper()
	r.office(func(tx college.OfficeTx) error {
		for _, m := range []college.StaffMember{
			{Name: "Sue", Role: college.Admin, TelegramID: roomSue},
			{Name: "Ray", Role: college.StaffRole, Phone: roomRay},
			{Name: "Fay Green", Role: college.Facilitator, Phone: roomFaySMS, TelegramID: roomFayTG},
		} {
			if _, err := tx.AddStaff(m); err != nil {
				return err
			}
		}
		return nil
	})
	for i, name := range []string{"Ann", "Bob", "Cat", "Dan", "Eve", "Gil"} {
		code, status := "MH1", college.Booked
		switch name {
		case "Eve":
			status = college.Waiting
		case "Gil":
			code = "GA1"
		}
		r.student(name, fmt.Sprintf("+44770090070%d", i+1), code, status)
	}
}

// student registers a student reached by SMS and enrols them.
func (r *roomRig) student(name, addr, code string, status college.EnrolmentStatus) {
	r.t.Helper()
	r.office(func(tx college.OfficeTx) error {
		st, _, err := tx.CreateStudent(college.SMS, addr, "en")
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
func (r *roomRig) phoneOf(name string) string {
	return r.text(`SELECT address FROM contact WHERE student_id = ?`, r.ids[name])
}

func (r *roomRig) office(fn func(college.OfficeTx) error) {
	r.t.Helper()
	if err := r.db.Office(context.Background(), fn); err != nil {
		r.t.Fatal(err)
	}
}

// send delivers a message to the desk as the channel's adapter would: on
// Telegram a command (typed, or a button's data) loses its slash and is
// marked as one.
func (r *roomRig) send(ch college.Channel, addr, text string) {
	r.t.Helper()
	r.seq++
	in := college.Inbound{Channel: ch, Address: addr, Text: text, ProviderID: fmt.Sprintf("r%d", r.seq), Received: r.now}
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

// got takes what is due for an address, in order, as its sender would
// (which is given one message to an address at a time).
func (r *roomRig) got(ch college.Channel, addr string) []college.Queued {
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
			if err := r.db.MarkSent(context.Background(), q.ID, college.Receipt{}); err != nil {
				r.t.Fatal(err)
			}
		}
		out = append(out, qs...)
	}
}

// answer sends a staff command and returns the one answer to it.
func (r *roomRig) answer(ch college.Channel, addr, text string) college.Queued {
	r.t.Helper()
	r.send(ch, addr, text)
	qs := r.got(ch, addr)
	if len(qs) != 1 {
		r.t.Fatalf("%s sends %q: got %d answers %q, want 1", addr, text, len(qs), roomTexts(qs))
	}
	return qs[0]
}

// says checks the one answer to a command is want, exactly.
func (r *roomRig) says(ch college.Channel, addr, text, want string) college.Queued {
	r.t.Helper()
	q := r.answer(ch, addr, text)
	if q.Text != want {
		r.t.Errorf("%s sends %q: got\n%s\nwant\n%s", addr, text, q.Text, want)
	}
	return q
}

// texts returns the texts due for a student, by name.
func (r *roomRig) texts(name string) []string {
	r.t.Helper()
	return roomTexts(r.got(college.SMS, r.phoneOf(name)))
}

func roomTexts(qs []college.Queued) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.Text
	}
	return out
}

// sweep runs the due sweep at a time, as the scheduler would.
func (r *roomRig) sweep(at time.Time) jobs.Counts {
	r.t.Helper()
	r.now = at
	d := jobs.Due{Store: r.db, Notify: r.eng, Profile: college.DefaultProfile(), Loc: r.loc}
	c, err := d.Sweep(context.Background(), at, false, nil)
	if err != nil {
		r.t.Fatal(err)
	}
	return c
}

// number runs a query for one number.
func (r *roomRig) number(query string, args ...any) int {
	r.t.Helper()
	var n int
	if err := r.raw.QueryRow(query, args...).Scan(&n); err != nil {
		r.t.Fatalf("%s: %v", query, err)
	}
	return n
}

// text runs a query for one string.
func (r *roomRig) text(query string, args ...any) string {
	r.t.Helper()
	var s sql.NullString
	if err := r.raw.QueryRow(query, args...).Scan(&s); err != nil {
		r.t.Fatalf("%s: %v", query, err)
	}
	return s.String
}
