package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
)

// WriteText prints the report as tables for a terminal: small numbers
// hidden, unless exact (for reading on the server only).
func WriteText(w io.Writer, r Report, exact bool) error {
	fmt.Fprintf(w, "%s: %s\n", r.College, r.Title)
	if exact {
		fmt.Fprintln(w, "Exact counts, for use on the server only: share the CSV files or chart, which hide small numbers.")
	} else {
		fmt.Fprintf(w, "Counts from 1 to %d are shown as %s, and figures worked out from them as %s.\n",
			Under-1, Hidden, HiddenDerived)
	}
	for _, t := range r.Tables(exact) {
		fmt.Fprintf(w, "\n%s\n", t.Title)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, strings.Join(t.Columns, "\t"))
		for _, row := range t.Rows {
			cells := make([]string, len(row))
			for i, v := range row {
				cells[i] = v.Show(exact)
			}
			fmt.Fprintln(tw, strings.Join(cells, "\t"))
		}
		if len(t.Rows) == 0 {
			fmt.Fprintln(tw, "(none)")
		}
		if err := tw.Flush(); err != nil {
			return fmt.Errorf("report: printing %s: %w", t.Name, err)
		}
	}
	return nil
}

// WriteCSV writes each table as NAME.csv in dir, making dir if need be,
// small numbers hidden, and returns the files' paths.
func WriteCSV(dir string, r Report) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("report: making %s: %w", dir, err)
	}
	var paths []string
	for _, t := range r.Tables(false) {
		p := filepath.Join(dir, t.Name+".csv")
		if err := writeCSV(p, t); err != nil {
			return paths, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// writeCSV writes one table to a file.
func writeCSV(path string, t Table) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("report: writing %s: %w", path, err)
	}
	cw := csv.NewWriter(f)
	cw.Write(t.Columns)
	for _, row := range t.Rows {
		cells := make([]string, len(row))
		for i, v := range row {
			cells[i] = v.Public()
		}
		cw.Write(cells)
	}
	cw.Flush()
	err = cw.Error()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("report: writing %s: %w", path, err)
	}
	return nil
}

// Brief is a few key figures in a short text for staff on SMS, small
// numbers hidden.
func Brief(r Report) string {
	t, s := r.Totals, r.Sums()
	public, answered := r.PublicShare()
	positive, responses := r.FFTPositive()
	lines := []string{
		"Report " + r.Title,
		fmt.Sprintf("New students %s (public %s), active %s", Count(r.NewStudents).Public(),
			Percent(public, answered).Public(), Count(r.ActiveStudents).Public()),
		fmt.Sprintf("Enrolments %s, session bookings %s", Count(t.Enrolments).Public(), Count(t.Bookings).Public()),
		fmt.Sprintf("Attendance %s, missed %s, apologies %s", Percent(t.Attended, t.Marked()).Public(),
			Count(t.Missed).Public(), Count(t.Apologies).Public()),
		fmt.Sprintf("Graduated %s of %s", Count(t.Completed).Public(), Count(t.Finishers).Public()),
		fmt.Sprintf("FFT positive %s of %s", Percent(positive, responses).Public(), Count(responses).Public()),
		fmt.Sprintf("SMS segments %s, GBP %s", Count(s.Segments).Public(), Money(s.Cost, s.Segments).Public()),
	}
	for _, v := range []Value{Percent(public, answered), Percent(t.Attended, t.Marked()),
		Percent(positive, responses), Money(s.Cost, s.Segments)} {
		if v.Public() == HiddenDerived {
			lines = append(lines, HiddenDerived+" worked out from a count under 5, so not shown")
			break
		}
	}
	return strings.Join(lines, "\n")
}

// Caption is the text sent with the chart: the period and a few figures,
// small numbers hidden.
func Caption(r Report) string {
	t := r.Totals
	positive, responses := r.FFTPositive()
	return fmt.Sprintf("%s: %s. New students %s, enrolments %s, attendance %s, graduated %s, "+
		"FFT positive %s. Counts under %d show as %s.", r.College, r.Title,
		Count(r.NewStudents).Public(), Count(t.Enrolments).Public(), Percent(t.Attended, t.Marked()).Public(),
		Count(t.Completed).Public(), Percent(positive, responses).Public(), Under, Hidden)
}
