package report_test

import (
	"bytes"
	"encoding/csv"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"collegebot/internal/college"
	"collegebot/internal/report"
)

func TestChartIsAPNGOfTheDocumentedSize(t *testing.T) {
	empty := report.Period{From: day(1, 1, 0), To: day(1, 2, 0)}
	for name, r := range map[string]report.Report{
		"fixture term": build(t, springTerm(t), "Spring 2026"),
		"nothing":      report.Compute(report.Facts{}, empty, college.DefaultProfile(), london),
	} {
		b, err := report.Chart(r)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: not a PNG: %v", name, err)
		}
		if got := img.Bounds().Size(); got.X != 1200 || got.Y != 800 {
			t.Errorf("%s: chart is %v, want 1200x800", name, got)
		}
	}
}

func TestCSVFilesHideSmallNumbers(t *testing.T) {
	r := build(t, springTerm(t), "Spring 2026")
	dir := filepath.Join(t.TempDir(), "out")
	paths, err := report.WriteCSV(dir, r)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range paths {
		names = append(names, filepath.Base(p))
	}
	want := []string{"summary.csv", "months.csv", "by_topic.csv", "by_course.csv", "by_partner.csv",
		"by_district.csv", "describes.csv", "heard.csv", "fft.csv"}
	if !slices.Equal(names, want) {
		t.Errorf("files %q, want %q", names, want)
	}
	f, err := os.Open(filepath.Join(dir, "by_district.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[3], ","); got != "WF3,<5,<5,8,<5,0,<5,*,<5,<5,*,<5,*" {
		t.Errorf("WF3 row: %s", got)
	}
	if got := strings.Join(rows[0][:3], ","); got != "District,Students,Enrolments" {
		t.Errorf("header: %s", got)
	}
}

func TestTextTableHidesUnlessExact(t *testing.T) {
	r := build(t, springTerm(t), "Spring 2026")
	var public, exact bytes.Buffer
	if err := report.WriteText(&public, r, false); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteText(&exact, r, true); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Calderbrook Recovery College: Spring 2026 (12 Jan to 23 Mar 2026)",
		"Counts from 1 to 4 are shown as <5", "Apologies                                  <5", "By postcode district"} {
		if !strings.Contains(public.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, public.String())
		}
	}
	if !strings.Contains(exact.String(), "Apologies                                  4") ||
		!strings.Contains(exact.String(), "for use on the server only") {
		t.Errorf("exact table:\n%s", exact.String())
	}
}

func TestBriefAndCaption(t *testing.T) {
	r := build(t, springTerm(t), "Spring 2026")
	brief := report.Brief(r)
	want := "Report Spring 2026 (12 Jan to 23 Mar 2026)\n" +
		"New students 10 (public 71%), active 13\n" +
		"Enrolments 13, session bookings 42\n" +
		"Attendance 64%, missed 10, apologies <5\n" +
		"Graduated 9 of 13\n" +
		"FFT positive 60% of 10\n" +
		"SMS segments 13, GBP 0.52"
	if brief != want {
		t.Errorf("brief\n%s\nwant\n%s", brief, want)
	}
	if c := report.Caption(r); !strings.Contains(c, "New students 10, enrolments 13, attendance 64%, graduated 9") {
		t.Errorf("caption %q", c)
	}
}

// A share hidden as "*" in the text staff get is explained there.
func TestBriefExplainsAHiddenShare(t *testing.T) {
	r := report.Report{Title: "Spring 2026", Totals: report.Tally{Attended: 3, Missed: 6}}
	brief := report.Brief(r)
	if !strings.Contains(brief, "Attendance *, missed 6, apologies 0\n") ||
		!strings.HasSuffix(brief, "\n* worked out from a count under 5, so not shown") {
		t.Errorf("brief\n%s\nwant the attendance hidden as * and a line saying why", brief)
	}
}

// The one rule of suppression, for every kind of value.
func TestSuppression(t *testing.T) {
	for _, c := range []struct {
		name          string
		v             report.Value
		public, exact string
	}{
		{"zero is shown", report.Count(0), "0", "0"},
		{"one", report.Count(1), "<5", "1"},
		{"four", report.Count(4), "<5", "4"},
		{"five is shown", report.Count(5), "5", "5"},
		{"large", report.Count(1240), "1240", "1240"},
		{"share of small whole", report.Percent(0, 3), "*", "0%"},
		{"small share of large whole", report.Percent(3, 100), "*", "3%"},
		{"share of nothing", report.Percent(0, 0), "-", "-"},
		{"share shown", report.Percent(5, 8), "63%", "63%"},
		{"none of many", report.Percent(0, 20), "0%", "0%"},
		{"cost of few segments", report.Money(0.12, 3), "*", "0.12"},
		{"cost shown", report.Money(2.4, 60), "2.40", "2.40"},
		{"label", report.Label("WF1"), "WF1", "WF1"},
	} {
		if got := c.v.Public(); got != c.public {
			t.Errorf("%s: public %q, want %q", c.name, got, c.public)
		}
		if got := c.v.Show(true); got != c.exact {
			t.Errorf("%s: exact %q, want %q", c.name, got, c.exact)
		}
	}
	for n, small := range map[int]bool{-1: false, 0: false, 1: true, 4: true, 5: false} {
		if report.Small(n) != small {
			t.Errorf("Small(%d) = %v", n, !small)
		}
	}
}
