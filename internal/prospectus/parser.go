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
}

// course is a course being gathered: ok records whether the row that
// defined it had valid course columns, so later rows can be compared to it.
type course struct {
	spec college.CourseSpec
	ok   bool
}

func newParser(loc *time.Location) *parser {
	return &parser{loc: loc, byCode: map[string]*course{}, hasPartner: map[string]bool{}}
}

// fail records a problem on a line.
func (p *parser) fail(line int, format string, args ...any) {
	p.errs = append(p.errs, LineError{Line: line, Msg: fmt.Sprintf(format, args...)})
}

// row is one data row of the file.
type row struct {
	line int
	h    header
	rec  []string
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
	c, ok := p.course(r)
	s := p.session(r, c.Mode)
	if c.Code == "" {
		return
	}
	cur, seen := p.byCode[c.Code]
	if !seen {
		cur = &course{spec: college.CourseSpec{Course: c, Line: r.line}, ok: ok}
		p.byCode[c.Code] = cur
		p.courses = append(p.courses, cur)
		p.addPartner(c.Partner)
	} else if ok && cur.ok {
		p.compare(r.line, cur.spec, c)
	}
	cur.spec.Sessions = append(cur.spec.Sessions, s)
}

// course reads the course columns of a row, and reports whether they are all
// valid.
func (p *parser) course(r row) (college.Course, bool) {
	before := len(p.errs)
	c := college.Course{
		Code:         p.code(r),
		Title:        p.need(r, colTitle),
		Topic:        p.need(r, colTopic),
		Summary:      r.get(colSummary),
		Description:  r.get(colDescription),
		Mode:         p.mode(r),
		Capacity:     p.capacity(r),
		MinAge:       p.minAge(r),
		Cohort:       r.get(colCohort),
		Sensitive:    p.sensitive(r),
		Term:         r.get(colTerm),
		Facilitators: r.get(colFacilitators),
		Partner:      r.get(colPartner),
	}
	return c, len(p.errs) == before
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
// row that first defined the course.
func (p *parser) compare(line int, first college.CourseSpec, c college.Course) {
	want := courseFields(first.Course)
	for i, f := range courseFields(c) {
		if f.col != colCode && f.val != want[i].val {
			p.fail(line, "course %s has %s %q here but %q on line %d", c.Code, f.col, f.val, want[i].val, first.Line)
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
