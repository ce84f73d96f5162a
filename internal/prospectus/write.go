package prospectus

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"time"

	"collegebot/internal/college"
)

// Write writes p as a prospectus CSV with the standard header, one row per
// session, times as wall-clock times in loc, so that Parse reads back the
// same prospectus. The venue_access column is added only when some venue
// has accessibility notes. Partners are written only as the names courses
// give; Write does not check p, so a prospectus Parse would reject is
// written as it is.
func Write(w io.Writer, p college.Prospectus, loc *time.Location) error {
	if loc == nil {
		return errors.New("prospectus: no time zone given")
	}
	cols := writeColumns(p)
	cw := csv.NewWriter(w)
	if err := cw.Write(cols); err != nil {
		return fmt.Errorf("prospectus: writing header: %w", err)
	}
	for _, c := range p.Courses {
		if len(c.Sessions) == 0 {
			return fmt.Errorf("prospectus: course %s has no sessions, and a CSV row is a session", c.Code)
		}
		for _, s := range c.Sessions {
			if err := cw.Write(record(cols, c.Course, s, loc)); err != nil {
				return fmt.Errorf("prospectus: writing course %s: %w", c.Code, err)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("prospectus: writing: %w", err)
	}
	return nil
}

// writeColumns returns the header Write uses for p.
func writeColumns(p college.Prospectus) []string {
	cols := Columns()
	for _, c := range p.Courses {
		for _, s := range c.Sessions {
			if s.Venue != nil && s.Venue.Access != "" {
				return append(cols, colAccess)
			}
		}
	}
	return cols
}

// record returns the row for one session of a course, in the order of cols.
func record(cols []string, c college.Course, s college.SessionSpec, loc *time.Location) []string {
	vals := map[string]string{}
	for _, f := range append(courseFields(c), sessionFields(s, loc)...) {
		vals[f.col] = f.val
	}
	rec := make([]string, len(cols))
	for i, col := range cols {
		rec[i] = vals[col]
	}
	return rec
}

// formatTime writes t as a wall-clock time in loc, with seconds only when
// it has some.
func formatTime(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	if t.Second() != 0 {
		return t.Format(layoutSeconds)
	}
	return t.Format(layoutMinutes)
}
