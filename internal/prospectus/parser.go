package prospectus

import (
	"fmt"
	"strings"
	"time"

	"collegebot/internal/college"
)

// parser gathers the courses of a file row by row, and every problem found.
type parser struct {
	loc        *time.Location
	headerLine int
	errs       []LineError
	courses    []*course
	byCode     map[string]*course
	partners   []college.Partner
	hasPartner map[string]bool
	topics     []string // as first spelled in the file
}

// course is a course being gathered: bad holds the columns whose values on
// the row that defined it were not valid, which later rows are not compared
// on.
type course struct {
	spec college.CourseSpec
	bad  map[string]bool
}

func newParser(loc *time.Location) *parser {
	return &parser{loc: loc, byCode: map[string]*course{}, hasPartner: map[string]bool{}}
}

// fail records a problem on a line.
func (p *parser) fail(line int, format string, args ...any) {
	p.errs = append(p.errs, LineError{Line: line, Msg: fmt.Sprintf(format, args...)})
}

// failCol records a problem with the value of one column of a row, and
// marks the column bad so that the row is not compared with others on it.
func (p *parser) failCol(r row, col, format string, args ...any) {
	r.bad[col] = true
	p.fail(r.line, format, args...)
}

// row is one data row of the file; bad holds the columns found not valid.
type row struct {
	line int
	h    header
	rec  []string
	bad  map[string]bool
}

// newRow returns a row with no column found bad yet.
func newRow(line int, h header, rec []string) row {
	return row{line: line, h: h, rec: rec, bad: map[string]bool{}}
}

// get returns the trimmed value of a column, or "" when the file lacks it.
func (r row) get(col string) string {
	i, ok := r.h[col]
	if !ok {
		return ""
	}
	return strings.TrimSpace(r.rec[i])
}

// row checks one row and adds its session to its course.
func (p *parser) row(r row) {
	c := p.course(r)
	s := p.session(r, c.Mode)
	if c.Code == "" {
		return
	}
	cur, seen := p.byCode[c.Code]
	if !seen {
		cur = &course{spec: college.CourseSpec{Course: c, Line: r.line}, bad: r.bad}
		p.byCode[c.Code] = cur
		p.courses = append(p.courses, cur)
		p.addPartner(c.Partner)
	} else {
		p.compare(r, cur, c)
	}
	p.checkStart(r, cur, s)
	cur.spec.Sessions = append(cur.spec.Sessions, s)
}

// course reads the course columns of a row. Summary and description are
// made to end as sentences do, so that what follows them when they are
// shown does not run on from them.
func (p *parser) course(r row) college.Course {
	return college.Course{
		Code:         p.code(r),
		Title:        p.need(r, colTitle),
		Topic:        p.topic(r),
		Summary:      sentence(r.get(colSummary)),
		Description:  sentence(r.get(colDescription)),
		Mode:         p.mode(r),
		Capacity:     p.capacity(r),
		MinAge:       p.minAge(r),
		Cohort:       r.get(colCohort),
		Sensitive:    p.sensitive(r),
		Term:         r.get(colTerm),
		Facilitators: r.get(colFacilitators),
		Partner:      r.get(colPartner),
	}
}

// session reads the session columns of a row; mode is the course's, or ""
// when the row's mode is bad.
func (p *parser) session(r row, mode college.Mode) college.SessionSpec {
	s := college.SessionSpec{Line: r.line}
	s.Start = p.time(r, colStart)
	s.End = p.time(r, colEnd)
	if !s.Start.IsZero() && !s.End.IsZero() && !s.End.After(s.Start) {
		p.fail(r.line, "%s %s is not after %s %s", colEnd, r.get(colEnd), colStart, r.get(colStart))
	}
	s.OnlineURL = p.onlineURL(r, mode)
	s.Venue = p.venue(r, mode)
	return s
}

// compare reports each course column of a later row that differs from the
// row that first defined the course. A column that is not valid on either
// row has been reported already, and is not compared.
func (p *parser) compare(r row, first *course, c college.Course) {
	want := courseFields(first.spec.Course)
	for i, f := range courseFields(c) {
		if f.col == colCode || first.bad[f.col] || r.bad[f.col] || f.val == want[i].val {
			continue
		}
		p.fail(r.line, "course %s has %s %q here but %q on line %d", c.Code, f.col, f.val, want[i].val, first.spec.Line)
	}
}

// checkStart reports a session that starts when an earlier session of its
// course does: two rows for one meeting.
func (p *parser) checkStart(r row, c *course, s college.SessionSpec) {
	if s.Start.IsZero() {
		return
	}
	for _, o := range c.spec.Sessions {
		if o.Start.Equal(s.Start) {
			p.fail(r.line, "course %s already has a session starting %s (line %d)",
				c.spec.Code, formatTime(s.Start, p.loc), o.Line)
			return
		}
	}
}

// addPartner records a partner the first time a course names it.
func (p *parser) addPartner(name string) {
	if name == "" || p.hasPartner[name] {
		return
	}
	p.hasPartner[name] = true
	p.partners = append(p.partners, college.Partner{Name: name})
}

// prospectus returns what the parser gathered.
func (p *parser) prospectus() college.Prospectus {
	out := college.Prospectus{Partners: p.partners}
	for _, c := range p.courses {
		out.Courses = append(out.Courses, c.spec)
	}
	return out
}
