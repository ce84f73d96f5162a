package prospectus

import (
	"errors"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"collegebot/internal/college"
)

// Bounds of a course code, which students type on a phone keypad.
const (
	minCodeLen = 2
	maxCodeLen = 8
	maxAge     = 120
)

// need returns a column that must not be empty.
func (p *parser) need(r row, col string) string {
	v := r.get(col)
	if v == "" {
		p.failCol(r, col, "%s is empty", col)
	}
	return v
}

// topic returns the row's topic as the file first spells it: topics that
// differ only in case are one topic.
func (p *parser) topic(r row) string {
	v := p.need(r, colTopic)
	for _, t := range p.topics {
		if strings.EqualFold(t, v) {
			return t
		}
	}
	if v != "" {
		p.topics = append(p.topics, v)
	}
	return v
}

// sentence returns s trimmed and, unless it is empty or already ends as a
// sentence does, with a full stop added.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || endsSentence(s) {
		return s
	}
	return s + "."
}

// endsSentence reports whether s ends with . ! ? or an ellipsis, perhaps
// inside closing quotes or brackets.
func endsSentence(s string) bool {
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, `"')]’”`))
	return strings.ContainsRune(".!?…", last)
}

// code returns the course code in capitals, or "" when it is bad.
func (p *parser) code(r row) string {
	v := p.need(r, colCode)
	if v != "" && !validCode(v) {
		p.failCol(r, colCode, "%s %q is not %d to %d letters and digits", colCode, v, minCodeLen, maxCodeLen)
		return ""
	}
	return strings.ToUpper(v)
}

func validCode(s string) bool {
	if len(s) < minCodeLen || len(s) > maxCodeLen {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && (r < 'A' || r > 'Z') && (r < 'a' || r > 'z') {
			return false
		}
	}
	return true
}

// mode returns the course's mode, or "" when it is bad. Any case is
// accepted, and "in person" or "in-person" for in_person.
func (p *parser) mode(r row) college.Mode {
	v := p.need(r, colMode)
	m := college.Mode(strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(v)))
	if v != "" && m != college.InPerson && m != college.Online {
		p.failCol(r, colMode, "%s %q is not %s or %s", colMode, v, college.InPerson, college.Online)
		return ""
	}
	return m
}

// capacity returns the number of places, which must be at least one.
func (p *parser) capacity(r row) int {
	v := p.need(r, colCapacity)
	n, ok := wholeNumber(v)
	if v != "" && (!ok || n < 1) {
		p.failCol(r, colCapacity, "%s %q is not a positive whole number", colCapacity, v)
	}
	return n
}

// minAge returns the minimum age, 0 when the cell is empty.
func (p *parser) minAge(r row) int {
	v := r.get(colMinAge)
	if v == "" {
		return 0
	}
	n, ok := wholeNumber(v)
	if !ok || n > maxAge {
		p.failCol(r, colMinAge, "%s %q is not a whole number from 0 to %d", colMinAge, v, maxAge)
	}
	return n
}

// wholeNumber parses a number written with digits only.
func wholeNumber(s string) (int, bool) {
	if s == "" || strings.TrimLeft(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// sensitive reads yes, no or empty, in any case.
func (p *parser) sensitive(r row) bool {
	switch v := r.get(colSensitive); strings.ToLower(v) {
	case "yes":
		return true
	case "no", "":
		return false
	default:
		p.failCol(r, colSensitive, "%s %q is not yes, no or empty", colSensitive, v)
		return false
	}
}

// time returns a session time in UTC, or the zero time when it is bad.
func (p *parser) time(r row, col string) time.Time {
	v := p.need(r, col)
	if v == "" {
		return time.Time{}
	}
	t, err := localTime(v, p.loc)
	switch {
	case errors.Is(err, errClockGap):
		p.failCol(r, col, "%s %s does not exist in %s: the clocks go forward then", col, v, p.loc)
	case err != nil:
		p.failCol(r, col, "%s %q is not a date and time like 2026-03-03 10:00", col, v)
	}
	return t
}

// onlineURL returns the session's link: required when the course is online,
// and an http or https link whenever it is given.
func (p *parser) onlineURL(r row, mode college.Mode) string {
	v := r.get(colOnlineURL)
	switch {
	case v == "" && mode == college.Online:
		p.fail(r.line, "%s is empty, but the course is %s", colOnlineURL, mode)
	case v != "" && !webLink(v):
		p.fail(r.line, "%s %q is not an http or https link", colOnlineURL, v)
	}
	return v
}

func webLink(s string) bool {
	if strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' }) {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// venue returns the session's venue: required for an in-person course, and
// absent for an online one. When the mode is bad it is read as given.
func (p *parser) venue(r row, mode college.Mode) *college.Venue {
	v := &college.Venue{
		Name:     r.get(colVenue),
		Address:  r.get(colAddress),
		Postcode: p.postcode(r),
		Access:   r.get(colAccess),
	}
	empty := *v == college.Venue{}
	switch {
	case mode == college.Online && !empty:
		p.fail(r.line, "venue details are given, but the course is %s; leave the venue columns empty", mode)
		return nil
	case mode == college.InPerson && v.Name == "":
		p.fail(r.line, "%s is empty, but the course is %s", colVenue, mode)
	case empty:
		return nil
	}
	return v
}

// postcodeRE matches a UK postcode written in capitals without spaces:
// an outward code (area, district) and an inward code (sector, unit).
var postcodeRE = regexp.MustCompile(`^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$`)

// postcode returns the venue's postcode in capitals with one space, as
// "WF1 2DA". A postcode is optional, but must be plausible when given.
func (p *parser) postcode(r row) string {
	v := r.get(colPostcode)
	if v == "" {
		return ""
	}
	m := postcodeRE.FindStringSubmatch(strings.ToUpper(strings.Join(strings.Fields(v), "")))
	if m == nil {
		p.failCol(r, colPostcode, "%s %q is not a UK postcode", colPostcode, v)
		return v
	}
	return m[1] + " " + m[2]
}

// Problems with a session time.
var (
	errNotTime  = errors.New("not a date and time")
	errClockGap = errors.New("time skipped by the clock change")
)

// Layouts of a session time: date and time separated by a space or a T,
// with or without seconds.
const (
	layoutMinutes = "2006-01-02 15:04"
	layoutSeconds = "2006-01-02 15:04:05"
)

// timeLayouts returns the layouts Parse accepts, the written ones first.
func timeLayouts() []string {
	return []string{layoutMinutes, layoutSeconds, "2006-01-02T15:04", "2006-01-02T15:04:05"}
}

// localTime reads s as a wall-clock time in loc and returns it in UTC. A
// time that the spring clock change skips is errClockGap; a time that the
// autumn change repeats is taken as its first occurrence.
func localTime(s string, loc *time.Location) (time.Time, error) {
	for _, layout := range timeLayouts() {
		wall, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		t, ok := fromWall(wall, loc)
		if !ok {
			return time.Time{}, errClockGap
		}
		return t.UTC(), nil
	}
	return time.Time{}, errNotTime
}

// fromWall returns the earliest instant at which a clock in loc reads the
// date and time of wall (whose own zone is ignored); ok is false when the
// clock skips that reading. time.Date leaves the choice unspecified, so each
// offset in force within half a day either side is tried.
func fromWall(wall time.Time, loc *time.Location) (t time.Time, ok bool) {
	want := wall.Format(layoutSeconds)
	naive := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), 0, time.UTC)
	for _, probe := range []time.Duration{-12 * time.Hour, 0, 12 * time.Hour} {
		_, offset := naive.Add(probe).In(loc).Zone()
		c := naive.Add(-time.Duration(offset) * time.Second)
		if c.In(loc).Format(layoutSeconds) == want && (!ok || c.Before(t)) {
			t, ok = c, true
		}
	}
	return t, ok
}
