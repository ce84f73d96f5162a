package prospectus

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"collegebot/internal/college"
)

// withoutLines returns p with its line numbers cleared, for comparing
// prospectuses read from differently laid out files.
func withoutLines(p college.Prospectus) college.Prospectus {
	out := college.Prospectus{Partners: p.Partners}
	for _, c := range p.Courses {
		c.Line = 0
		c.Sessions = slices.Clone(c.Sessions)
		for i := range c.Sessions {
			c.Sessions[i].Line = 0
		}
		out.Courses = append(out.Courses, c)
	}
	return out
}

func TestWriteRoundTrip(t *testing.T) {
	loc := london(t)
	p := goodProspectus()
	var buf bytes.Buffer
	if err := Write(&buf, p, loc); err != nil {
		t.Fatal(err)
	}
	q, err := Parse(bytes.NewReader(buf.Bytes()), loc)
	if err != nil {
		t.Fatalf("Parse(Write(p)): %v\n%s", err, buf.String())
	}
	assertProspectus(t, withoutLines(q), withoutLines(p))

	var again bytes.Buffer
	if err := Write(&again, q, loc); err != nil {
		t.Fatal(err)
	}
	if again.String() != buf.String() {
		t.Errorf("second write differs:\n%s\nfirst:\n%s", again.String(), buf.String())
	}
	r, err := Parse(&again, loc)
	if err != nil {
		t.Fatal(err)
	}
	assertProspectus(t, r, q)
}

func TestWriteFormat(t *testing.T) {
	p := college.Prospectus{Courses: []college.CourseSpec{{
		Course: college.Course{Code: "WALK", Title: "Walk, talk", Topic: "Physical health",
			Description: "Bring \"good\" shoes\nand water", Mode: college.InPerson, Capacity: 8, Sensitive: true},
		Sessions: []college.SessionSpec{
			{Start: utc("2026-06-02T09:00:00Z"), End: utc("2026-06-02T10:00:30Z"),
				Venue: &college.Venue{Name: "Park gates", Postcode: "WF1 1AA"}},
		},
	}}}
	var buf bytes.Buffer
	if err := Write(&buf, p, london(t)); err != nil {
		t.Fatal(err)
	}
	want := strings.Join(Columns(), ",") + "\n" +
		`WALK,"Walk, talk",Physical health,,"Bring ""good"" shoes` + "\n" +
		`and water",in_person,8,,,yes,,,,2026-06-02 10:00,2026-06-02 11:00:30,Park gates,,WF1 1AA,` + "\n"
	if buf.String() != want {
		t.Errorf("Write wrote\n%s\nwant\n%s", buf.String(), want)
	}
}

func TestWriteRefusesCourseWithoutSessions(t *testing.T) {
	p := college.Prospectus{Courses: []college.CourseSpec{{Course: college.Course{Code: "X1"}}}}
	if err := Write(&bytes.Buffer{}, p, time.UTC); err == nil || !strings.Contains(err.Error(), "X1 has no sessions") {
		t.Errorf("err = %v, want course X1 has no sessions", err)
	}
	if err := Write(&bytes.Buffer{}, college.Prospectus{}, nil); err == nil {
		t.Error("Write with no time zone succeeded")
	}
}
