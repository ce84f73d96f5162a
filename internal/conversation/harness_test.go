package conversation_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/conversation"
	"collegebot/internal/sqlite"
	"collegebot/messages"
)

// harness runs the engine on a real SQLite file with a small prospectus,
// and plays the terminal channel: what a student sends goes through the
// inbox, and what they get back is read from the outbox.
type harness struct {
	t    testing.TB
	db   *sqlite.DB
	path string
	eng  *conversation.Engine
	cat  *messages.Catalog
	now  time.Time
	seq  int
	seen map[string]bool // addresses that have texted, so were welcomed
}

var london = mustLoc("Europe/London")

func mustLoc(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// start is "now" in every test: a Monday morning in January.
var start = time.Date(2027, 1, 11, 9, 0, 0, 0, time.UTC)

func newHarness(t testing.TB, opts ...conversation.Option) *harness {
	t.Helper()
	h := newEmptyHarness(t, opts...)
	if _, err := h.db.ImportProspectus(context.Background(), fixture(), nil); err != nil {
		t.Fatal(err)
	}
	return h
}

// newEmptyHarness is a harness on a database with no prospectus.
func newEmptyHarness(t testing.TB, opts ...conversation.Option) *harness {
	t.Helper()
	ctx := context.Background()
	path := t.TempDir() + "/test.db"
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	h := &harness{t: t, db: db, path: path, now: start}
	db.Now = func() time.Time { return h.now }
	if h.cat, err = messages.Load(); err != nil {
		t.Fatal(err)
	}
	if h.eng, err = conversation.New(db, h.cat, college.DefaultProfile(), london, opts...); err != nil {
		t.Fatal(err)
	}
	return h
}

// fixture is a small prospectus with one course of each kind the
// conversation treats differently.
func fixture() college.Prospectus {
	lib := &college.Venue{Name: "Calder Library", Address: "1 Bridge St, Wakefield", Postcode: "WF1 2DD"}
	course := func(code, title, topic string, capacity int, mode college.Mode) college.CourseSpec {
		return college.CourseSpec{Course: college.Course{
			Code: code, Title: title, Topic: topic, Mode: mode, Capacity: capacity,
			Summary: "A friendly course.", Term: "Spring 2027",
		}}
	}
	weekly := func(c college.CourseSpec, n int, first time.Time) college.CourseSpec {
		for i := range n {
			s := college.SessionSpec{Start: first.AddDate(0, 0, 7*i), End: first.AddDate(0, 0, 7*i).Add(2 * time.Hour)}
			if c.Mode == college.Online {
				s.OnlineURL = "https://meet.example.org/" + c.Code
			} else {
				s.Venue = lib
			}
			c.Sessions = append(c.Sessions, s)
		}
		return c
	}
	day := func(d, h int) time.Time { return time.Date(2027, 1, d, h, 0, 0, 0, london) }
	mh1 := weekly(course("MH1", "Understanding anxiety", "Mental health", 10, college.InPerson), 4, day(12, 10))
	mh2 := weekly(course("MH2", "Hearing voices", "Mental health", 8, college.Online), 3, day(13, 18))
	mh2.Sensitive = true
	ga1 := weekly(course("GA1", "Walking football", "Get active", 2, college.InPerson), 6, day(16, 10))
	ga2 := weekly(course("GA2", "Menopause and mood", "Get active", 12, college.Online), 2, day(14, 13))
	ga2.Cohort = "women"
	ga3 := weekly(course("GA3", "Boxing fitness", "Get active", 12, college.InPerson), 2, day(15, 18))
	ga3.MinAge = 18
	old := weekly(course("OLD1", "Last term's course", "Get active", 12, college.InPerson), 1, day(4, 10))
	return college.Prospectus{Courses: []college.CourseSpec{mh1, mh2, ga1, ga2, ga3, old}}
}

// send is a student texting the college; it returns the texts they get
// back, as SMS would show them.
func (h *harness) send(from, text string) []string {
	h.t.Helper()
	return h.sendAs(college.Inbound{Address: from, Text: text})
}

// sendAs is send with the provider's fields, such as OptOut, filled in.
func (h *harness) sendAs(in college.Inbound) []string {
	h.t.Helper()
	ctx := context.Background()
	h.seq++
	if in.Channel == "" {
		in.Channel = college.Terminal
	}
	from, text := in.Address, in.Text
	in.ProviderID, in.Received = fmt.Sprintf("t%d", h.seq), h.now
	id, _, err := h.db.SaveInbound(ctx, in, "")
	if err != nil {
		h.t.Fatal(err)
	}
	in.ID = id
	if err := h.eng.Handle(ctx, in); err != nil {
		h.t.Fatalf("%s sends %q: %v", from, text, err)
	}
	return h.receivedOn(in.Channel, from)
}

// received returns what is waiting in the outbox for an address, in order,
// and marks it sent.
func (h *harness) received(addr string) []string {
	h.t.Helper()
	return h.receivedOn(college.Terminal, addr)
}

// receivedOn is received for a channel.
func (h *harness) receivedOn(ch college.Channel, addr string) []string {
	h.t.Helper()
	ctx := context.Background()
	var out []string
	for {
		qs, err := h.db.Claim(ctx, college.ClaimFilter{Channel: ch, Address: addr, Limit: 100, Lease: time.Minute})
		if err != nil {
			h.t.Fatal(err)
		}
		if len(qs) == 0 {
			return out
		}
		for _, q := range qs {
			out = append(out, conversation.RenderSMS(h.cat, q.Lang, q.Reply))
			if err := h.db.MarkSent(ctx, q.ID, college.Receipt{}); err != nil {
				h.t.Fatal(err)
			}
		}
	}
}

// says checks that a student sending text gets one reply containing every
// one of want. A student's first message also brings the welcome, which is
// checked and set aside.
func (h *harness) says(from, text string, want ...string) string {
	h.t.Helper()
	got := h.send(from, text)
	if !h.seen[from] && len(got) == 2 && strings.HasPrefix(got[0], "Hi from ") {
		got = got[1:]
	}
	if h.seen == nil {
		h.seen = map[string]bool{}
	}
	h.seen[from] = true
	if len(got) != 1 {
		h.t.Fatalf("%s sends %q: got %d replies %q, want 1", from, text, len(got), got)
	}
	checkText(h.t, fmt.Sprintf("%s sends %q", from, text), got[0], want...)
	return got[0]
}

func checkText(t testing.TB, what, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s: reply\n%s\nlacks %q", what, indent(got), w)
		}
	}
	if strings.Contains(got, "<no value>") || strings.Contains(got, "{") {
		t.Errorf("%s: reply has an unfilled placeholder:\n%s", what, indent(got))
	}
}

func indent(s string) string { return "\t" + strings.ReplaceAll(s, "\n", "\n\t") }

// register takes a student through registration on a course, skipping the
// optional questions, so later steps start from a booked student.
func (h *harness) register(from, name, code string) {
	h.t.Helper()
	h.says(from, "join "+code, "first name")
	h.registerAs(from, name, "16 or over", "You're booked") // a sensitive course is not named
}

// registerAs answers registration once the student was asked their first
// name: the name, consent, the age question (which contains age), and
// SKIP to each optional question; the last reply contains done.
func (h *harness) registerAs(from, name, age, done string) {
	h.t.Helper()
	h.says(from, name, "Is that OK?")
	h.says(from, "yes", age)
	h.says(from, "yes", "how did you hear")
	h.says(from, "skip", "which best describes")
	h.says(from, "skip", "postcode")
	h.says(from, "skip", done)
}
