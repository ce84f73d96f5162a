package prospectus

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/London without the system's zoneinfo

	"collegebot/internal/college"
)

func london(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// goodFile has a byte-order mark, a header in its own order and case, quoted
// fields with commas and line breaks, a blank line and a blank trailing row.
const goodFile = "\uFEFF Title ,course_code,MODE,capacity,topic,session_start,session_end,venue,venue_postcode,venue_address,online_url,summary,description,Min Age,cohort,sensitive,term,facilitators,partner,Venue-Access\r\n" +
	`Tai Chi for Beginners,tai1,in_person, 12 ,Physical health,2026-03-03 10:00,2026-03-03 11:30,Wakefield Library,wf1 2da,"Burton Street, Wakefield",,"Gentle movement, slow breathing","Week one: posture.` + "\r\n" +
	`Week two: balance.",16,,no,Spring 2026,Sam (peer trainer),Wakefield Libraries,Step-free; hearing loop` + "\r\n" +
	`Understanding Anxiety,ANX2,online,20,Mental health,2026-03-31 18:00,2026-03-31 19:30,,,,https://meet.example.org/anx2,,,,carers,yes,Spring 2026,,,` + "\r\n" +
	"\r\n" +
	`Tai Chi for Beginners,TAI1,In Person,12,Physical health,2026-03-10T10:00,2026-03-10T11:30:00,Wakefield Library,WF1 2DA,"Burton Street, Wakefield",,"Gentle movement, slow breathing","Week one: posture.` + "\n" +
	`Week two: balance.",16,,,Spring 2026,Sam (peer trainer),Wakefield Libraries,` + "\r\n" +
	",,,,,,,,,,,,,,,,,,,\r\n"

func goodProspectus() college.Prospectus {
	library := func(access string) *college.Venue {
		return &college.Venue{Name: "Wakefield Library", Address: "Burton Street, Wakefield", Postcode: "WF1 2DA", Access: access}
	}
	taiChi := college.Course{
		Code: "TAI1", Title: "Tai Chi for Beginners", Topic: "Physical health",
		Summary: "Gentle movement, slow breathing.", Description: "Week one: posture.\nWeek two: balance.",
		Mode: college.InPerson, Capacity: 12, MinAge: 16, Term: "Spring 2026",
		Facilitators: "Sam (peer trainer)", Partner: "Wakefield Libraries",
	}
	anxiety := college.Course{
		Code: "ANX2", Title: "Understanding Anxiety", Topic: "Mental health", Mode: college.Online,
		Capacity: 20, Cohort: "carers", Sensitive: true, Term: "Spring 2026",
	}
	return college.Prospectus{
		Partners: []college.Partner{{Name: "Wakefield Libraries"}},
		Courses: []college.CourseSpec{
			{Course: taiChi, Line: 2, Sessions: []college.SessionSpec{
				{Start: utc("2026-03-03T10:00:00Z"), End: utc("2026-03-03T11:30:00Z"), Venue: library("Step-free; hearing loop"), Line: 2},
				{Start: utc("2026-03-10T10:00:00Z"), End: utc("2026-03-10T11:30:00Z"), Venue: library(""), Line: 6},
			}},
			{Course: anxiety, Line: 4, Sessions: []college.SessionSpec{
				// British Summer Time has begun: 18:00 local is 17:00 UTC.
				{Start: utc("2026-03-31T17:00:00Z"), End: utc("2026-03-31T18:30:00Z"), OnlineURL: "https://meet.example.org/anx2", Line: 4},
			}},
		},
	}
}

func TestParseGoodFile(t *testing.T) {
	got, err := Parse(strings.NewReader(goodFile), london(t))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	assertProspectus(t, got, goodProspectus())
}

func assertProspectus(t *testing.T, got, want college.Prospectus) {
	t.Helper()
	if reflect.DeepEqual(got, want) {
		return
	}
	var g, w bytes.Buffer
	_ = Write(&g, got, time.UTC)
	_ = Write(&w, want, time.UTC)
	t.Errorf("prospectus differs\n got: %+v\nwant: %+v\n got as CSV:\n%s\nwant as CSV:\n%s", got, want, g.String(), w.String())
}

func TestParseDSTGap(t *testing.T) {
	file := csvFile(
		row2(map[string]string{colStart: "2026-03-29 01:30", colEnd: "2026-03-29 02:30"}),
		row2(map[string]string{colStart: "2026-03-29 00:30", colEnd: "2026-03-29 01:00:00"}),
	)
	_, err := Parse(strings.NewReader(file), london(t))
	want := "line 2: session_start 2026-03-29 01:30 does not exist in Europe/London: the clocks go forward then\n" +
		"line 3: session_end 2026-03-29 01:00:00 does not exist in Europe/London: the clocks go forward then"
	assertError(t, err, want)
}

func TestParseClockChanges(t *testing.T) {
	file := csvFile(
		// 02:30 exists again once the clocks have gone forward, as BST.
		row2(map[string]string{colStart: "2026-03-29 00:30", colEnd: "2026-03-29 02:30"}),
		// The autumn hour happens twice; the first, in BST, is taken.
		row2(map[string]string{colStart: "2026-10-25 01:30", colEnd: "2026-10-25 03:00"}),
	)
	p, err := Parse(strings.NewReader(file), london(t))
	if err != nil {
		t.Fatal(err)
	}
	s := p.Courses[0].Sessions
	want := []time.Time{utc("2026-03-29T00:30:00Z"), utc("2026-03-29T01:30:00Z"), utc("2026-10-25T00:30:00Z"), utc("2026-10-25T03:00:00Z")}
	got := []time.Time{s[0].Start, s[0].End, s[1].Start, s[1].End}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("times %v, want %v", got, want)
	}
}

func TestParseKeepsRowOrder(t *testing.T) {
	file := csvFile(
		row2(map[string]string{colStart: "2026-05-05 10:00", colEnd: "2026-05-05 11:00"}),
		row2(map[string]string{colCode: "B2", colStart: "2026-04-01 10:00", colEnd: "2026-04-01 11:00"}),
		row2(map[string]string{colStart: "2026-04-28 10:00", colEnd: "2026-04-28 11:00"}),
	)
	p, err := Parse(strings.NewReader(file), london(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Courses) != 2 || p.Courses[0].Code != "TAI1" || p.Courses[1].Code != "B2" {
		t.Fatalf("courses %+v, want TAI1 then B2", p.Courses)
	}
	s := p.Courses[0].Sessions
	if len(s) != 2 || s[0].Line != 2 || s[1].Line != 4 || !s[0].Start.After(s[1].Start) {
		t.Errorf("TAI1 sessions %+v, want lines 2 then 4, unsorted", s)
	}
}

func TestParseNeedsTimeZone(t *testing.T) {
	if _, err := Parse(strings.NewReader(goodFile), nil); err == nil {
		t.Fatal("Parse with no time zone succeeded")
	}
}

func TestParseReaderFailure(t *testing.T) {
	boom := errors.New("disk on fire")
	_, err := Parse(&failingReader{data: goodFile[:200], err: boom}, london(t))
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want it to wrap %v", err, boom)
	}
}

type failingReader struct {
	data string
	err  error
}

func (r *failingReader) Read(b []byte) (int, error) {
	if r.data == "" {
		return 0, r.err
	}
	n := copy(b, r.data)
	r.data = r.data[n:]
	return n, nil
}

func FuzzParse(f *testing.F) {
	f.Add(goodFile)
	f.Add(csvFile(row2(nil)))
	f.Add("course_code,title\nA,\"b\nc")
	f.Add("\xff\xfe")
	f.Add("")
	loc := london(f)
	f.Fuzz(func(t *testing.T, file string) {
		p, err := Parse(strings.NewReader(file), loc)
		var perr *Error
		if errors.As(err, &perr) {
			for _, l := range perr.Lines {
				if l.Line < 1 || l.Msg == "" {
					t.Fatalf("bad line error %+v", l)
				}
			}
			return
		}
		if err != nil {
			t.Fatalf("Parse returned %T %v", err, err)
		}
		var buf bytes.Buffer
		if err := Write(&buf, p, loc); err != nil {
			t.Fatalf("Write: %v", err)
		}
		q, err := Parse(&buf, loc)
		if err != nil {
			t.Fatalf("Parse(Write(p)): %v\n%s", err, buf.String())
		}
		if !reflect.DeepEqual(withoutLines(p), withoutLines(q)) {
			t.Fatalf("round trip differs:\n%+v\n%+v", p, q)
		}
	})
}
