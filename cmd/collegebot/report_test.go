package main

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// termCSV is a prospectus of one term, Spring 2030: ART1 on two Mondays in
// March and ONL1 once.
const termCSV = "course_code,title,topic,mode,capacity,term,session_start,session_end,venue,venue_postcode,online_url\n" +
	"ART1,Drawing for calm,Skills and hobbies,in_person,10,Spring 2030,2030-03-04 10:00,2030-03-04 12:00,Calder Library,WF1 2DD,\n" +
	"ART1,Drawing for calm,Skills and hobbies,in_person,10,Spring 2030,2030-03-11 10:00,2030-03-11 12:00,Calder Library,WF1 2DD,\n" +
	"ONL1,Sleep well online,Physical health,online,20,Spring 2030,2030-03-05 18:00,2030-03-05 19:00,,,https://meet.example.org/onl1\n"

// termCLI is a CLI on termCSV's prospectus with five students booked on
// ART1 and one of them on ONL1 too.
func termCLI(t *testing.T) *cli {
	c := newCLI(t)
	c.ok("", "import", writeFile(t, termCSV))
	for i := range 5 {
		c.ok("join art1\nSam\nyes\nyes\nskip\nskip\nskip\n", "chat", "--as", fmt.Sprintf("0770090012%d", i))
	}
	c.ok("join onl1\n", "chat", "--as", "07700900120")
	return c
}

func TestReportWritesTableCSVAndChart(t *testing.T) {
	c := termCLI(t)
	dir := filepath.Join(t.TempDir(), "figures")
	chart := filepath.Join(t.TempDir(), "spring.png")
	out, errs, code := c.run("", "report", "--term", "spring 2030", "--csv", dir, "--chart", chart)
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, errs)
	}
	// 6 places: 5 on ART1 (2 sessions each), 1 on ONL1 (1 session).
	contains(t, "report", words(out), "Spring 2030 (4 Mar to 11 Mar 2030)", "Active students 5",
		"Enrolments (places booked) 6", "Session bookings 11", "ONL1 Sleep well online <5 <5 <5")
	contains(t, "report", errs, "Wrote 9 CSV files in "+dir, "Drew the chart in "+chart+" (1200x800)")

	b, err := os.ReadFile(filepath.Join(dir, "by_course.csv"))
	if err != nil {
		t.Fatal(err)
	}
	contains(t, "by_course.csv", string(b), "ART1 Drawing for calm,5,5,10,", "ONL1 Sleep well online,<5,<5,<5,")

	f, err := os.Open(chart)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("chart is not a PNG: %v", err)
	}
	if s := img.Bounds().Size(); s.X != 1200 || s.Y != 800 {
		t.Errorf("chart is %v, want 1200x800", s)
	}
}

func TestReportExactAndDates(t *testing.T) {
	c := termCLI(t)
	out := c.ok("", "report", "--from", "2030-03-05", "--to", "2030-03-31", "--exact")
	// From the 5th: ONL1's session and ART1's second.
	contains(t, "exact", words(out), "5 Mar to 31 Mar 2030", "for use on the server only",
		"ART1 Drawing for calm 5 5 5 0", "ONL1 Sleep well online 1 1 1 0")
}

// words returns s with each run of spaces as one, so table columns read
// as words.
func words(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestReportRefusesWhatItCannotDo(t *testing.T) {
	c := termCLI(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--term", "Autumn 2030"}, `there is no term "Autumn 2030"; the terms are: Spring 2030`},
		{[]string{"--term", "Spring 2030", "--from", "2030-03-01"}, "not both"},
		{[]string{"--from", "2030-03-01"}, "give both --from and --to"},
		{[]string{"--from", "2030-03-31", "--to", "2030-03-01"}, "ends (2030-03-01) before it starts"},
	} {
		_, errs, code := c.run("", append([]string{"report"}, tc.args...)...)
		if code == 0 || !strings.Contains(errs, tc.want) {
			t.Errorf("report %v: exit %d, %q; want an error with %q", tc.args, code, errs, tc.want)
		}
	}
}
