package staff_test

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/sqlite"
	"collegebot/internal/staff"
)

// newReportRig is a college with one term, Spring 2027: MH1, two online
// sessions from Mon 11 Jan 2027, with six students (registered before the
// term) booked and all six marked attended at the first; it is now Wed 20
// January. Sue (staff) is on Telegram as 8001 and by SMS at
// +447700900601; Fay is a facilitator on Telegram as 8003.
func newReportRig(t *testing.T) *rig {
	t.Helper()
	r := newRig(t, college.DefaultProfile())
	r.now = time.Date(2027, 1, 1, 10, 0, 0, 0, time.UTC)
	first := rigDay(11, 10, 0)
	var ss []college.SessionSpec
	for i := range 2 {
		s := first.AddDate(0, 0, 7*i)
		ss = append(ss, college.SessionSpec{Start: s, End: s.Add(2 * time.Hour), OnlineURL: "https://meet.example/mh1"})
	}
	_, err := r.db.ImportProspectus(context.Background(), college.Prospectus{Courses: []college.CourseSpec{{
		Course: college.Course{Code: "MH1", Title: "Managing stress", Topic: "Mental health",
			Mode: college.Online, Capacity: 12, Term: "Spring 2027"}, Sessions: ss}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	r.addStaff(college.StaffMember{Name: "Sue", Role: college.StaffRole, TelegramID: "8001", Phone: "+447700900601"},
		college.StaffMember{Name: "Fay", Role: college.Facilitator, TelegramID: "8003"})
	r.office(func(tx college.OfficeTx) error {
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
	})
	r.now = rigDay(20, 9, 0) // during the term
	return r
}

// ask sends a message from an address and returns everything queued back
// to it.
func (r *rig) ask(ch college.Channel, addr, text string) []college.Queued {
	r.t.Helper()
	r.send(ch, addr, text)
	return r.got(ch, addr)
}

func TestReportOnTelegramIsAChart(t *testing.T) {
	r := newReportRig(t)
	qs := r.ask(college.Telegram, "8001", "/report spring 2027")
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
	r := newReportRig(t)
	qs := r.ask(college.SMS, "+447700900601", "#report")
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
	r := newReportRig(t)
	qs := r.ask(college.Telegram, "8001", "/report Winter 2027")
	if len(qs) != 1 || len(qs[0].Photo) != 0 ||
		qs[0].Text != `Sorry, there is no term "Winter 2027"; the terms are: Spring 2027.` {
		t.Errorf("unknown term: %+v", qs)
	}
	qs = r.ask(college.Telegram, "8003", "/report")
	if len(qs) != 1 || len(qs[0].Photo) != 0 || !strings.Contains(qs[0].Text, "needs the staff role") {
		t.Errorf("facilitator: %+v", qs)
	}
}

// txLog is the rig's database, noting each transaction the desk opens.
type txLog struct {
	*sqlite.DB
	kinds []string
}

func (l *txLog) Office(ctx context.Context, fn func(college.OfficeTx) error) error {
	l.kinds = append(l.kinds, "write")
	return l.DB.Office(ctx, fn)
}

func (l *txLog) OfficeView(ctx context.Context, fn func(college.OfficeTx) error) error {
	l.kinds = append(l.kinds, "read")
	return l.DB.OfficeView(ctx, fn)
}

// A report reads the whole term: it does so in a read transaction, which
// holds up no student's booking, and only queues its answer in a write one.
func TestReportReadsOutsideTheWriteTransaction(t *testing.T) {
	r := newReportRig(t)
	db := &txLog{DB: r.db}
	r.desk = staff.New(db, r.eng, college.DefaultProfile(), r.loc, nil)
	qs := r.ask(college.Telegram, "8001", "/report")
	if len(qs) != 1 || len(qs[0].Photo) == 0 {
		t.Fatalf("sent %+v, want one photo", qs)
	}
	if got := strings.Join(db.kinds, ", "); got != "read, write" {
		t.Errorf("transactions: %s; want read, write", got)
	}
}
