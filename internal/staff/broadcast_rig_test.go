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
	"collegebot/internal/sqlite"
	"collegebot/internal/staff"
)

// castRig is a desk on a real SQLite file with a course, MH1, and the
// students the broadcast tests count by hand. Students' own messages are
// not the desk's business here: they go nowhere.
type castRig struct {
	t    *testing.T
	db   *sqlite.DB
	raw  *sql.DB
	desk *staff.Desk
	now  time.Time
	seq  int
	ids  map[string]int64 // students by name
}

// Who is who in the broadcast tests. Booked on MH1: ann, bob and cal by
// SMS, dee and eli on Telegram, fox by SMS but opted out, and gil, who
// never registered. ann, cal, dee, fox and gil said yes to news; bob and
// eli did not. Sue (admin) works on Telegram, Ray (staff) by SMS and Fay
// (facilitator) on Telegram.
const (
	sueTG  = "7001"
	raySMS = "+447700900600"
	fayTG  = "7003"
)

// castProfile is the demo college's, with a budget the tests can reach.
func castProfile() college.Profile {
	p := college.DefaultProfile()
	p.SMS = college.SMSCost{PricePerSegment: 0.04, MonthlyBudget: 1}
	return p
}

func newCastRig(t *testing.T) *castRig {
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
	// Monday 11 January 2027, 10:00 GMT: outside quiet hours.
	r := &castRig{t: t, db: db, raw: raw, now: time.Date(2027, 1, 11, 10, 0, 0, 0, time.UTC), ids: map[string]int64{}}
	db.Now = func() time.Time { return r.now }
	loc, _ := time.LoadLocation("Europe/London")
	r.desk = staff.New(db, nobody{}, castProfile(), loc, slog.New(slog.DiscardHandler),
		staff.Channels(college.Telegram, college.SMS))
	r.prospectus()
	r.office(func(tx college.OfficeTx) error {
		for _, m := range []college.StaffMember{
			{Name: "Sue", Role: college.Admin, TelegramID: sueTG},
			{Name: "Ray", Role: college.StaffRole, Phone: raySMS},
			{Name: "Fay", Role: college.Facilitator, TelegramID: fayTG},
		} {
			if _, err := tx.AddStaff(m); err != nil {
				return err
			}
		}
		return nil
	})
	r.students()
	return r
}

// nobody is the students' side of the desk: nothing is asked of it here.
type nobody struct{}

func (nobody) Handle(context.Context, college.Inbound) error { return nil }

func (r *castRig) prospectus() {
	r.t.Helper()
	start := time.Date(2027, 1, 19, 10, 0, 0, 0, time.UTC)
	p := college.Prospectus{Courses: []college.CourseSpec{{
		Course: college.Course{Code: "MH1", Title: "Managing stress", Topic: "Mental health",
			Term: "Spring 2027", Mode: college.InPerson, Capacity: 20},
		Sessions: []college.SessionSpec{{Start: start, End: start.Add(2 * time.Hour),
			Venue: &college.Venue{Name: "Library", Postcode: "WF1 2DD"}}},
	}}}
	if _, err := r.db.ImportProspectus(context.Background(), p, nil); err != nil {
		r.t.Fatal(err)
	}
}

func (r *castRig) students() {
	r.t.Helper()
	for _, s := range []struct {
		name string
		ch   college.Channel
		news bool
	}{
		{"ann", college.SMS, true}, {"bob", college.SMS, false}, {"cal", college.SMS, true},
		{"dee", college.Telegram, true}, {"eli", college.Telegram, false},
		{"fox", college.SMS, true}, {"gil", college.SMS, true},
	} {
		r.office(func(tx college.OfficeTx) error {
			st, ct, err := tx.CreateStudent(s.ch, addrOf(s.name), "en")
			if err != nil {
				return err
			}
			now := tx.Now()
			st.FirstName = s.name
			if s.name != "gil" {
				st.ConsentAt = &now
			}
			if s.news {
				st.NewsAt = &now
			}
			if err := tx.SaveStudent(st); err != nil {
				return err
			}
			if s.name == "fox" {
				err = tx.SetOptOut(ct.ID, &now)
			}
			r.ids[s.name] = st.ID
			c, _ := tx.Course("MH1")
			if err == nil {
				_, err = tx.Enrol(st.ID, c.ID, college.Booked)
			}
			return err
		})
	}
}

// addrOf is a student's address: a phone number, or a Telegram chat.
func addrOf(name string) string {
	return map[string]string{"ann": "+447700900001", "bob": "+447700900002", "cal": "+447700900003",
		"dee": "8004", "eli": "8005", "fox": "+447700900006", "gil": "+447700900007"}[name]
}

func (r *castRig) office(fn func(college.OfficeTx) error) {
	r.t.Helper()
	if err := r.db.Office(context.Background(), fn); err != nil {
		r.t.Fatal(err)
	}
}

// send delivers a message to the desk as the channel's adapter would.
func (r *castRig) send(ch college.Channel, addr, text string) {
	r.t.Helper()
	r.seq++
	in := college.Inbound{Channel: ch, Address: addr, Text: text, ProviderID: fmt.Sprintf("b%d", r.seq), Received: r.now}
	if ch == college.Telegram {
		in.Event = college.EventCommand
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

// claim takes what waits for an address (every address on the channel
// when addr is ""), as a sender would.
func (r *castRig) claim(ch college.Channel, addr string) []college.Queued {
	r.t.Helper()
	qs, err := r.db.Claim(context.Background(), college.ClaimFilter{Channel: ch, Address: addr, Limit: 100})
	if err != nil {
		r.t.Fatal(err)
	}
	return qs
}

// sent records that the provider took a message, with its id.
func (r *castRig) sent(q college.Queued, providerID string) {
	r.t.Helper()
	if err := r.db.MarkSent(context.Background(), q.ID, college.Receipt{ProviderID: providerID}); err != nil {
		r.t.Fatal(err)
	}
}

// reads checks that a member of staff got exactly one message, whose text
// is want, and returns it as sent (with provider id "m<outbox id>").
func (r *castRig) reads(ch college.Channel, addr, want string) college.Queued {
	r.t.Helper()
	qs := r.claim(ch, addr)
	if len(qs) != 1 {
		r.t.Fatalf("%s got %d messages, want 1: %q", addr, len(qs), castTexts(qs))
	}
	if qs[0].Text != want {
		r.t.Errorf("%s got:\n%s\nwant:\n%s", addr, qs[0].Text, want)
	}
	r.sent(qs[0], fmt.Sprintf("m%d", qs[0].ID))
	return qs[0]
}

// readsNothing checks that nothing waits for an address.
func (r *castRig) readsNothing(ch college.Channel, addr string) {
	r.t.Helper()
	if qs := r.claim(ch, addr); len(qs) != 0 {
		r.t.Errorf("%s got %q, want nothing", addr, castTexts(qs))
	}
}

func castTexts(qs []college.Queued) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.Text
	}
	return out
}

// progress runs the desk's progress round, as serve does every few seconds.
func (r *castRig) progress() {
	r.t.Helper()
	if err := r.desk.Progress(context.Background()); err != nil {
		r.t.Fatal(err)
	}
}

// outbox lists the students' messages of a broadcast as "name channel
// status", by name.
func (r *castRig) outbox(id int64) string {
	r.t.Helper()
	names := map[int64]string{}
	for n, id := range r.ids {
		names[id] = n
	}
	rows, err := r.raw.Query(`SELECT student_id, channel, status FROM outbox
		WHERE broadcast_id = ? ORDER BY student_id`, id)
	if err != nil {
		r.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var sid int64
		var ch, status string
		if err := rows.Scan(&sid, &ch, &status); err != nil {
			r.t.Fatal(err)
		}
		out = append(out, names[sid]+" "+ch+" "+status)
	}
	return strings.Join(out, ", ")
}

// count runs a query for one number.
func (r *castRig) count(query string, args ...any) int {
	r.t.Helper()
	var n int
	if err := r.raw.QueryRow(query, args...).Scan(&n); err != nil {
		r.t.Fatal(err)
	}
	return n
}
