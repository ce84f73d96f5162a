package conversation_test

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/demo"
	"collegebot/internal/sms"
)

// hv1 is a sensitive course that meets in person, with one place, so a
// second student waits and is offered it.
var hv1 = college.Course{Code: "HV1", Title: "Hearing voices group", Topic: "Mental health",
	Mode: college.InPerson, Capacity: 1, Sensitive: true, Facilitators: "Jade Whitworth",
	Summary: "A safe space.", Term: "Spring 2027"}

// newDiscreetHarness is the usual harness with HV1 added: three Tuesday
// sessions at 14:00 from 19 Jan.
func newDiscreetHarness(t *testing.T) *harness {
	t.Helper()
	h := newEmptyHarness(t)
	p := fixture()
	lib := &college.Venue{Name: "Calder Library", Address: "1 Bridge St, Wakefield", Postcode: "WF1 2DD"}
	c := college.CourseSpec{Course: hv1}
	for i := range 3 {
		s := time.Date(2027, 1, 19+7*i, 14, 0, 0, 0, london)
		c.Sessions = append(c.Sessions, college.SessionSpec{Start: s, End: s.Add(2 * time.Hour), Venue: lib})
	}
	p.Courses = append(p.Courses, c)
	if _, err := h.db.ImportProspectus(context.Background(), p, nil); err != nil {
		t.Fatal(err)
	}
	return h
}

// unnamed checks that a text names none of words: a course's code, title,
// topic or facilitator.
func unnamed(t *testing.T, what, text string, words ...string) {
	t.Helper()
	for _, w := range words {
		if strings.Contains(strings.ToLower(text), strings.ToLower(w)) {
			t.Errorf("%s names %q:\n%s", what, w, indent(text))
		}
	}
}

// link matches a meeting link in a text.
var link = regexp.MustCompile(`https://\S+`)

var (
	hv1Words = []string{"HV1", "Hearing", "voices", "Mental", "health", "Jade", "Whitworth"}
	ga1Words = []string{"GA1", "Walking", "football", "Get active"}
)

// one returns the only text waiting for addr.
func (h *harness) one(addr, what string) string {
	h.t.Helper()
	got := h.received(addr)
	if len(got) != 1 {
		h.t.Fatalf("%s: got %q, want one text", what, got)
	}
	return got[0]
}

// remind runs the reminder job for a student's booking on a course.
func (h *harness) remind(addr, code string, kind college.ReminderKind) string {
	h.t.Helper()
	r := college.Reminder{Booking: h.booking(addr, code), Kind: kind}
	h.job(func(tx college.Tx) error { return h.eng.Remind(tx, r, h.now) })
	return h.one(addr, string(kind)+" reminder of "+code)
}

// moveFirst moves a course's first session an hour later, and tells those
// booked, as staff moving it do.
func (h *harness) moveFirst(code string) {
	h.t.Helper()
	h.job(func(tx college.Tx) error {
		c, err := tx.Course(code)
		if err != nil {
			return err
		}
		ss, err := tx.Sessions(c.ID)
		if err != nil {
			return err
		}
		moved := ss[0]
		moved.Start, moved.End = moved.Start.Add(time.Hour), moved.End.Add(time.Hour)
		_, err = h.eng.TellSessionChanged(tx, college.SessionChange{Course: c, Old: ss[0], New: moved})
		return err
	})
}

// TestDiscreetSensitiveCourse: texts about a sensitive course name no
// title, code, topic or facilitator, but when and where it meets; INFO on
// its own, after one, shows the course.
func TestDiscreetSensitiveCourse(t *testing.T) {
	h := newDiscreetHarness(t)
	h.register(sam, "Sam", "MH1")
	got := h.says(sam, "join hv1", "You're booked. First session Tue 19 Jan 14:00, Calder Library, WF1 2DD.", "INFO")
	unnamed(t, "booking confirmation", got, hv1Words...)

	got = h.remind(sam, "HV1", college.DayBefore)
	if want := "Reminder: your session is tomorrow, Tue 19 Jan 14:00, at Calder Library, WF1 2DD. Reply NO if you can't come, or INFO for details."; got != want {
		t.Errorf("reminder:\n%s\nwant\n%s", indent(got), indent(want))
	}
	h.says(sam, "info", "HV1 Hearing voices group. A safe space.", "Calder Library") // asked for: named

	h.moveFirst("HV1")
	got = h.one(sam, "change notice")
	checkText(t, "change notice", got, "Change to your booking: your session on Tue 19 Jan 14:00 is now Tue 19 Jan 15:00, Calder Library, WF1 2DD.")
	unnamed(t, "change notice", got, hv1Words...)
	h.says(sam, "details", "HV1 Hearing voices group.")

	h.register(jo, "Jo", "MH1")
	unnamed(t, "course full", h.says(jo, "join hv1", "Sorry, that course is full", "1 Join waiting list"), hv1Words...)
	unnamed(t, "waiting", h.says(jo, "yes", "You're number 1 on the waiting list."), hv1Words...)
	unnamed(t, "drop", h.says(sam, "drop hv1", "Leave your course on Tue 19 Jan 14:00, Calder Library, WF1 2DD, and give up your place?"), hv1Words...)
	unnamed(t, "dropped", h.says(sam, "yes", "you've left that course"), hv1Words...)

	got = h.one(jo, "offer")
	checkText(t, "offer", got, "Good news Jo: a place is free for you, starting Tue 19 Jan 14:00, Calder Library, WF1 2DD. Reply YES by Tue 12 Jan 09:00", "INFO for details")
	unnamed(t, "offer", got, hv1Words...)
	h.says(jo, "info", "HV1 Hearing voices group.", "1 Book")
	unnamed(t, "taken", h.says(jo, "yes", "You're booked. First session Tue 19 Jan 14:00"), hv1Words...)
	h.says(jo, "my", "Your courses:", "Course: next Tue 19 Jan 14:00", "MH1 Understanding anxiety", "Reply INFO for details")
}

// TestDiscreetPrivateStudent: a student who sent PRIVATE gets the same
// wording for an ordinary course, and its name again after PRIVATE OFF;
// others booked on it are not affected.
func TestDiscreetPrivateStudent(t *testing.T) {
	h := newHarness(t)
	h.fullGA1()
	h.register(jo, "Jo", "MH1")
	h.says(jo, "private", "our texts won't name your courses", "reply INFO", "PRIVATE OFF")
	unnamed(t, "full", h.says(jo, "join ga1", "that course is full"), ga1Words...)
	h.says(jo, "yes", "number 1 on the waiting list")

	h.says(sam, "drop ga1", "Leave GA1 Walking football") // Sam did not ask for discretion
	h.says(sam, "yes", "you've left GA1 Walking football")
	got := h.one(jo, "offer")
	checkText(t, "offer", got, "Good news Jo: a place is free for you, starting Sat 16 Jan 10:00, Calder Library, WF1 2DD.")
	unnamed(t, "offer", got, ga1Words...)
	unnamed(t, "booking confirmation", h.says(jo, "yes", "You're booked. First session Sat 16 Jan 10:00, Calder Library, WF1 2DD."), ga1Words...)

	got = h.remind(jo, "GA1", college.DayBefore)
	checkText(t, "reminder", got, "Reminder: your session is tomorrow, Sat 16 Jan 10:00, at Calder Library, WF1 2DD.")
	unnamed(t, "reminder", got, ga1Words...)
	h.moveFirst("GA1")
	got = h.one(jo, "change notice")
	checkText(t, "change notice", got, "your session on Sat 16 Jan 10:00 is now Sat 16 Jan 11:00")
	unnamed(t, "change notice", got, ga1Words...)
	checkText(t, "Alex's change notice", h.one(alex, "Alex's notice"), "Change to GA1 Walking football")
	h.says(jo, "info", "GA1 Walking football.")

	h.says(jo, "private off", "will name your courses again")
	checkText(t, "reminder after PRIVATE OFF", h.remind(jo, "GA1", college.Soon), "GA1 Walking football starts at 10:00 today")
	h.says(jo, "my", "GA1 Walking football: next", "MH1 Understanding anxiety: next", "DROP and a code")
}

// TestInfoAlone: INFO with no code answers the last text the student was
// sent; when that was about no one course, it shows their one course, or
// asks which of theirs, or asks for a code.
func TestInfoAlone(t *testing.T) {
	h := newHarness(t)
	h.says(sam, "info", "Which course? Send INFO and the course code")
	h.register(sam, "Sam", "MH1")
	h.says(sam, "help", "COURSES")
	h.says(sam, "info", "MH1 Understanding anxiety.") // their one course
	h.says(sam, "join ga1", "You're booked on GA1")
	h.says(sam, "info please", "GA1 Walking football.") // the text before was about GA1
	h.says(sam, "my", "Your courses:")
	h.says(sam, "info", "Which course would you like details of?", "1 MH1 Understanding anxiety", "2 GA1 Walking football")
	h.says(sam, "2", "GA1 Walking football.")
	got := h.remind(sam, "MH1", college.DayBefore)
	checkText(t, "reminder", got, "MH1 Understanding anxiety is tomorrow")
	h.says(sam, "INFO", "MH1 Understanding anxiety.")
}

// TestDiscreetDemoTextsFitTwoSegments: the discreet texts a student of the
// demo college gets, on its sensitive course and (having sent PRIVATE) on
// others, name none of them and keep to GSM-7 and two segments.
func TestDiscreetDemoTextsFitTwoSegments(t *testing.T) {
	h := newEmptyHarness(t)
	if err := demo.Seed(context.Background(), h.db, start.In(london), london); err != nil {
		t.Fatal(err)
	}
	h.register(sam, "Sam", demo.SensitiveCourse)
	h.says(sam, "private", "won't name")
	codes := []string{demo.SensitiveCourse, "MH1", "MH2", "MH4", "MH6"}
	var texts, words []string
	for _, c := range demo.Prospectus(start, london).Courses {
		if slices.Contains(codes, c.Code) {
			words = append(words, c.Code, c.Title, c.Topic)
			words = append(words, strings.FieldsFunc(c.Facilitators, func(r rune) bool { return r == ';' || r == '(' })[0])
		}
	}
	for _, code := range codes[1:] {
		texts = append(texts, h.send(sam, "join "+code)...)
	}
	texts = append(texts, h.send(sam, "my")...)
	texts = append(texts, h.send(sam, "drop")...)
	for _, code := range codes {
		texts = append(texts, h.remind(sam, code, college.DayBefore), h.remind(sam, code, college.Soon))
	}
	for _, s := range texts {
		if n := sms.Count(s); n.Segments > 2 || !sms.IsGSM7(s) {
			t.Errorf("%d segments, GSM-7 %v:\n%s", n.Segments, sms.IsGSM7(s), indent(s))
		}
		// An online session's link is sent as stored, and the demo's
		// name their course: the wording around it must not.
		unnamed(t, "text", link.ReplaceAllString(s, "<link>"), words...)
	}
	if len(texts) < 16 {
		t.Errorf("saw only %d texts", len(texts))
	}
}
