package staff_test

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/sqlite"
	"collegebot/internal/staff"
)

// reportDesk is a desk on a college with one term, Spring 2027: MH1, two
// sessions from Mon 11 Jan 2027, with six students booked and all six
// marked attended at the first. Sue (staff) is on Telegram as 8001 and by
// SMS at +447700900601; Fay is a facilitator on Telegram as 8003.
type reportDesk struct {
	t    *testing.T
	db   *sqlite.DB
	desk *staff.Desk
	seq  int
}

// notStudents takes what is not for staff, and ignores it.
type notStudents struct{}

func (notStudents) Handle(context.Context, college.Inbound) error { return nil }

func newReportDesk(t *testing.T) *reportDesk {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "college.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	now := time.Date(2027, 1, 1, 10, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	loc, _ := time.LoadLocation("Europe/London")
	d := &reportDesk{t: t, db: db, desk: staff.New(db, notStudents{}, college.DefaultProfile(), loc, nil)}
	first := time.Date(2027, 1, 11, 10, 0, 0, 0, time.UTC)
	var ss []college.SessionSpec
	for i := range 2 {
		s := first.AddDate(0, 0, 7*i)
		ss = append(ss, college.SessionSpec{Start: s, End: s.Add(2 * time.Hour), OnlineURL: "https://meet.example/mh1"})
	}
	_, err = db.ImportProspectus(context.Background(), college.Prospectus{Courses: []college.CourseSpec{{
		Course: college.Course{Code: "MH1", Title: "Managing stress", Topic: "Mental health",
			Mode: college.Online, Capacity: 12, Term: "Spring 2027"}, Sessions: ss}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	d.office(func(tx college.OfficeTx) error { return d.people(tx, first) })
	now = time.Date(2027, 1, 20, 9, 0, 0, 0, time.UTC) // during the term
	return d
}

// people adds the staff and the students.
func (d *reportDesk) people(tx college.OfficeTx, first time.Time) error {
	for _, m := range []college.StaffMember{{Name: "Sue", Role: college.StaffRole, TelegramID: "8001", Phone: "+447700900601"},
		{Name: "Fay", Role: college.Facilitator, TelegramID: "8003"}} {
		if _, err := tx.AddStaff(m); err != nil {
			return err
		}
	}
	c, err := tx.Course("MH1")
	if err != nil {
		return err
	}
	ss, err := tx.Sessions(c.ID)
	for i := range 6 {
		if err != nil {
			return err
		}
		var s college.Student
		s, _, err = tx.CreateStudent(college.SMS, fmt.Sprintf("+44770090070%d", i), "en")
		s.FirstName, s.ConsentAt = "Student", &first
		if err == nil {
			err = tx.SaveStudent(s)
		}
		if err == nil {
			_, err = tx.Enrol(s.ID, c.ID, college.Booked)
		}
		if err == nil {
			err = tx.SetAttendance(ss[0].ID, s.ID, college.Attended)
		}
	}
	return err
}

func (d *reportDesk) office(fn func(college.OfficeTx) error) {
	d.t.Helper()
	if err := d.db.Office(context.Background(), fn); err != nil {
		d.t.Fatal(err)
	}
}

// send passes a message from an address to the desk and returns what was
// queued back to it.
func (d *reportDesk) send(ch college.Channel, addr, text string) []college.Queued {
	d.t.Helper()
	d.seq++
	in := college.Inbound{Channel: ch, Address: addr, ProviderID: fmt.Sprint(d.seq), Text: text}
	if ch == college.Telegram {
		in.Event = college.EventCommand
	}
	if err := d.desk.Handle(context.Background(), in); err != nil {
		d.t.Fatal(err)
	}
	qs, err := d.db.Claim(context.Background(), college.ClaimFilter{Channel: ch, Address: addr, Limit: 10})
	if err != nil {
		d.t.Fatal(err)
	}
	return qs
}

func TestReportOnTelegramIsAChart(t *testing.T) {
	d := newReportDesk(t)
	qs := d.send(college.Telegram, "8001", "/report spring 2027")
	if len(qs) != 1 || len(qs[0].Photo) == 0 {
		t.Fatalf("sent %+v, want one photo", qs)
	}
	img, err := png.Decode(bytes.NewReader(qs[0].Photo))
	if err != nil || img.Bounds().Dx() != 1200 || img.Bounds().Dy() != 800 {
		t.Fatalf("photo: %v, %v", err, img)
	}
	// Six places, two sessions each; six marks, all attended.
	for _, want := range []string{"Spring 2027 (11 Jan to 18 Jan 2027)", "New students 0, enrolments 6, attendance 100%"} {
		if !strings.Contains(qs[0].Text, want) {
			t.Errorf("caption %q lacks %q", qs[0].Text, want)
		}
	}
}

func TestReportBySMSIsASummaryOfThisTerm(t *testing.T) {
	d := newReportDesk(t)
	qs := d.send(college.SMS, "+447700900601", "#report")
	if len(qs) != 1 || len(qs[0].Photo) != 0 {
		t.Fatalf("sent %+v, want one text", qs)
	}
	want := "Report Spring 2027 (11 Jan to 18 Jan 2027)\n" +
		"New students 0 (public -), active 6\n" +
		"Enrolments 6, session bookings 12\n" +
		"Attendance 100%, missed 0, apologies 0\n" +
		"Graduated 6 of 6\n" +
		"FFT positive - of 0\n" +
		"SMS segments 0, GBP 0.00"
	if qs[0].Text != want {
		t.Errorf("summary\n%s\nwant\n%s", qs[0].Text, want)
	}
}

func TestReportRefusesAnUnknownTermAndFacilitators(t *testing.T) {
	d := newReportDesk(t)
	qs := d.send(college.Telegram, "8001", "/report Winter 2027")
	if len(qs) != 1 || len(qs[0].Photo) != 0 ||
		qs[0].Text != `Sorry, there is no term "Winter 2027"; the terms are: Spring 2027.` {
		t.Errorf("unknown term: %+v", qs)
	}
	qs = d.send(college.Telegram, "8003", "/report")
	if len(qs) != 1 || len(qs[0].Photo) != 0 || !strings.Contains(qs[0].Text, "needs the staff role") {
		t.Errorf("facilitator: %+v", qs)
	}
}
