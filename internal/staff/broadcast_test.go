package staff_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
)

// The broadcast cast: MH1 (Managing stress) meets at the Library on
// Tuesday 19 January 2027. Booked on it: ann, bob and cal by SMS, dee and
// eli on Telegram, fox by SMS but opted out, and gil, who never
// registered. ann, cal, dee, fox and gil said yes to news; bob and eli did
// not. Sue (admin) works on Telegram, Ray (staff) by SMS and Fay
// (facilitator) on Telegram. The students send nothing here.
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

func newCastRig(t *testing.T) *rig {
	t.Helper()
	r := newRig(t, castProfile())
	start := rigDay(19, 10, 0)
	p := college.Prospectus{Courses: []college.CourseSpec{{
		Course: college.Course{Code: "MH1", Title: "Managing stress", Topic: "Mental health",
			Term: "Spring 2027", Mode: college.InPerson, Capacity: 20},
		Sessions: []college.SessionSpec{{Start: start, End: start.Add(2 * time.Hour),
			Venue: &college.Venue{Name: "Library", Postcode: "WF1 2DD"}}},
	}}}
	if _, err := r.db.ImportProspectus(context.Background(), p, nil); err != nil {
		t.Fatal(err)
	}
	r.addStaff(college.StaffMember{Name: "Sue", Role: college.Admin, TelegramID: sueTG},
		college.StaffMember{Name: "Ray", Role: college.StaffRole, Phone: raySMS},
		college.StaffMember{Name: "Fay", Role: college.Facilitator, TelegramID: fayTG})
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
	return r
}

// addrOf is a student's address: a phone number, or a Telegram chat.
func addrOf(name string) string {
	return map[string]string{"ann": "+447700900001", "bob": "+447700900002", "cal": "+447700900003",
		"dee": "8004", "eli": "8005", "fox": "+447700900006", "gil": "+447700900007"}[name]
}

// outbox lists the students' messages of a broadcast as "name channel
// status", by name.
func (r *rig) outbox(id int64) string {
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

// A broadcast's preview on MH1, counted by hand: ann, bob and cal by SMS,
// dee and eli on Telegram; not fox (opted out) nor gil (never registered).
// Ray's curly quotes and dash are made plain, and the preview says so.
func TestBroadcastPreviewCountsTheAudienceAndCleansQuotes(t *testing.T) {
	r := newCastRig(t)
	r.send(college.SMS, raySMS, "#broadcast course:MH1 service Tuesday\u2019s session \u2014 room 2 \u201cupstairs\u201d")
	r.reads(college.SMS, raySMS, `Broadcast 1, service to course:MH1: 5 students, 3 by SMS and 2 on Telegram.
By SMS: 1 segment each (GSM-7), 3 in all, about £0.12.
Curly quotes, dashes and other look-alikes were changed to plain ones, as below, so each text costs less.
Students will see:
Tuesday's session - room 2 "upstairs"
Send: send #broadcast send 1
Discard: send #broadcast discard 1`)
	if n := r.number(`SELECT count(*) FROM broadcast WHERE status = 'draft' AND recipients = 5`); n != 1 {
		t.Errorf("drafts stored for 5: %d, want 1", n)
	}
	if got := r.outbox(1); got != "" {
		t.Errorf("a preview queued %s", got)
	}
}

// News goes only to those who said yes to news (ann, cal and dee, not bob
// or eli), and ends, on every channel, with how to stop news.
func TestNewsSkipsStudentsWithoutConsent(t *testing.T) {
	r := newCastRig(t)
	r.send(college.Telegram, sueTG, "/broadcast course:MH1 news New in March: Sleep well, 4 weeks.")
	preview := r.claim(college.Telegram, sueTG)
	if len(preview) != 1 || !strings.HasPrefix(preview[0].Text,
		"Broadcast 1, news to course:MH1: 3 students, 2 by SMS and 1 on Telegram.") {
		t.Fatalf("Sue got %q", textsOf(preview))
	}
	if cs := preview[0].Choices; len(cs) != 2 || cs[0] != (college.Choice{Label: "Send", Command: "/broadcast send 1"}) {
		t.Errorf("Sue's buttons: %+v", cs)
	}
	r.sent(preview[0], "41")

	r.send(college.Telegram, sueTG, "/broadcast send 1")
	if got, want := r.outbox(1), "ann sms pending, cal sms pending, dee telegram pending"; got != want {
		t.Errorf("queued: %s\nwant:   %s", got, want)
	}
	want := "New in March: Sleep well, 4 weeks.\nSend NO NEWS to stop college news."
	for name, ch := range map[string]college.Channel{"ann": college.SMS, "cal": college.SMS, "dee": college.Telegram} {
		for _, q := range r.claim(ch, addrOf(name)) {
			if q.Text != want || q.Kind != college.KindNews || q.Priority != college.Bulk || q.BroadcastID != 1 {
				t.Errorf("%s got %q (%s, priority %d, broadcast %d)", name, q.Text, q.Kind, q.Priority, q.BroadcastID)
			}
			if ch == college.SMS && q.Segments != 1 {
				t.Errorf("%s: %d segments, want 1", name, q.Segments)
			}
		}
	}
}

// Sending twice queues once; a stopped broadcast sends nothing more.
func TestStoppedBroadcastSendsNothingMore(t *testing.T) {
	r := newCastRig(t)
	r.send(college.SMS, raySMS, "#broadcast course:MH1 service The library is closed on Tuesday: we meet at the cafe.")
	r.skip(college.SMS, raySMS) // the preview
	r.send(college.SMS, raySMS, "#broadcast send 1")
	r.reads(college.SMS, raySMS, "Broadcast 1 is queued for 5 students and starts now. "+
		"I will text you when it has finished. To stop it send #broadcast stop 1.")
	r.send(college.SMS, raySMS, "#broadcast send 1")
	r.reads(college.SMS, raySMS, "Broadcast 1 is queued already: it can be sent once.")
	r.send(college.SMS, raySMS, "#broadcast discard 1")
	r.reads(college.SMS, raySMS, "Broadcast 1 is queued: only a draft can be discarded (a queued one can be stopped).")
	if n := r.number(`SELECT count(*) FROM outbox WHERE broadcast_id = 1`); n != 5 {
		t.Errorf("messages after sending twice: %d, want 5", n)
	}

	ann := r.claim(college.SMS, addrOf("ann"))
	r.sent(ann[0], "SM1")
	r.send(college.SMS, raySMS, "#broadcast stop 1")
	r.reads(college.SMS, raySMS, "Stopped broadcast 1: 4 not sent, 1 sent.")
	for _, ch := range []college.Channel{college.SMS, college.Telegram} {
		if qs := r.claim(ch, ""); len(qs) != 0 {
			t.Errorf("after the stop the %s sender got %q", ch, textsOf(qs))
		}
	}
	if got, want := r.outbox(1), "ann sms sent, bob sms cancelled, cal sms cancelled, "+
		"dee telegram cancelled, eli telegram cancelled"; got != want {
		t.Errorf("after the stop: %s\nwant:           %s", got, want)
	}
	r.send(college.SMS, raySMS, "#broadcast status 1")
	r.reads(college.SMS, raySMS, "Broadcast 1, service to course:MH1, stopped: 1 / 5 sent, 4 not sent.")
	r.send(college.SMS, raySMS, "#broadcast stop 1")
	r.reads(college.SMS, raySMS, "Broadcast 1 is stopped: only a queued broadcast can be stopped.")
	r.progress()
	r.readsNothing(college.SMS, raySMS) // the stop was answered: no "finished" text
}

// On Telegram the member who sent it gets one message, edited as the
// counts change and once more when it has finished.
func TestTelegramProgressIsOneMessageEdited(t *testing.T) {
	r := newCastRig(t)
	r.send(college.Telegram, sueTG, "/broadcast course:MH1 news New in March: Sleep well.")
	r.skip(college.Telegram, sueTG) // the preview
	r.send(college.Telegram, sueTG, "/broadcast send 1")
	first := r.reads(college.Telegram, sueTG, "Broadcast 1, news to course:MH1: 0 / 3 sent, starting.")
	if len(first.Choices) != 1 || first.Choices[0].Command != "/broadcast stop 1" || first.Edit != "" {
		t.Errorf("the progress message: %+v", first)
	}
	r.progress()
	r.readsNothing(college.Telegram, sueTG) // nothing sent yet: nothing to change

	r.now = r.now.Add(2 * time.Minute)
	sms := r.claim(college.SMS, "")
	r.sent(sms[0], "SM1")
	if err := r.db.MarkFailed(t.Context(), sms[1].ID, "21211 invalid number"); err != nil {
		t.Fatal(err)
	}
	r.progress()
	edit := r.reads(college.Telegram, sueTG, "Broadcast 1, news to course:MH1: 1 / 3 sent, 1 failed, about 1 min left.")
	if edit.Edit != "m"+strconv.FormatInt(first.ID, 10) || edit.Priority != college.Interactive {
		t.Errorf("the edit: Edit %q, priority %d; want m%d, interactive", edit.Edit, edit.Priority, first.ID)
	}
	r.progress()
	r.readsNothing(college.Telegram, sueTG) // the same counts: no second edit

	r.sent(r.claim(college.Telegram, addrOf("dee"))[0], "99")
	r.progress()
	last := r.reads(college.Telegram, sueTG, "Broadcast 1, news to course:MH1, finished: 2 / 3 sent, 1 failed.")
	if len(last.Choices) != 0 || last.Edit == "" {
		t.Errorf("the last edit: %+v, want an edit without a Stop button", last)
	}
	r.progress()
	r.readsNothing(college.Telegram, sueTG)
	if n := r.number(`SELECT count(*) FROM broadcast WHERE finished_at IS NOT NULL`); n != 1 {
		t.Errorf("finished broadcasts: %d, want 1", n)
	}
}

// skip marks what waits for an address sent, unread.
func (r *rig) skip(ch college.Channel, addr string) {
	r.t.Helper()
	for _, q := range r.claim(ch, addr) {
		r.sent(q, "")
	}
}
