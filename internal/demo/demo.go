// Package demo is the built-in demo college that "collegebot demo" loads: a
// fictional Recovery and Wellbeing College in West Yorkshire with a term's
// prospectus dated from today, so the demo never goes stale, and a few
// students already booked.
package demo

import (
	"strings"
	"time"

	"collegebot/internal/college"
)

// The courses with a special condition, by code, so that tests elsewhere can
// refer to them.
const (
	// FullCourse is the course Seed books to capacity, with a waiting list.
	FullCourse = "GA3"
	// WomenOnlyCourse is for women only (cohort "women").
	WomenOnlyCourse = "PH4"
	// AdultsOnlyCourse has a minimum age of 18, above the college's own 16.
	AdultsOnlyCourse = "PH6"
	// SensitiveCourse is marked sensitive, so SMS never names it.
	SensitiveCourse = "MH3"
)

// The topic areas, short because SMS lists them.
const (
	topicMental   = "Mental health"
	topicPhysical = "Physical health"
	topicActive   = "Get active"
	topicSkills   = "Skills and hobbies"
)

// leadDays is how long after today the first sessions start.
const leadDays = 3

// onlineBase is where online sessions meet: a reserved example domain.
const onlineBase = "https://meet.example.org/calderbrook-"

// course is one row of the demo catalogue: the course itself and when and
// where it meets. Mode is online when venue is empty.
type course struct {
	college.Course
	venue string // key of its venue in venues(); empty for online
	slot  slot
	week  int // week of the term it starts in, from 0
	count int // number of weekly sessions
}

// slot is a weekly meeting time in the college's local time; from and to
// are wall-clock times written as hhmm.
type slot struct {
	day      time.Weekday
	from, to int
}

// Prospectus returns the demo college's prospectus for one term. Sessions
// start a few days after today and run weekly over about ten weeks, at fixed
// wall-clock times in loc (nil means UTC), stored in UTC; a session that
// would fall on an English bank holiday or over Christmas moves on a week.
// The same date gives the same prospectus.
func Prospectus(today time.Time, loc *time.Location) college.Prospectus {
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := today.In(loc).Date()
	// Calendar arithmetic on a UTC midnight: days, not durations, so clock
	// changes cannot shift a date.
	base := time.Date(y, m, d+leadDays, 0, 0, 0, 0, time.UTC)
	places := venues()
	var specs []college.CourseSpec
	for _, c := range catalogue() {
		specs = append(specs, courseSpec(c, base, loc, places))
	}
	term := termName(specs, loc)
	for i := range specs {
		specs[i].Term = term
	}
	return college.Prospectus{Partners: partners(), Courses: specs}
}

// catalogue returns every course, topic by topic in prospectus order.
func catalogue() []course {
	var all []course
	for _, topic := range [][]course{mentalHealth(), physicalHealth(), getActive(), skillsAndHobbies()} {
		all = append(all, topic...)
	}
	return all
}

// courseSpec turns a catalogue row into a course with its dated sessions.
func courseSpec(c course, base time.Time, loc *time.Location, places map[string]college.Venue) college.CourseSpec {
	c.Mode = college.InPerson
	if c.venue == "" {
		c.Mode = college.Online
	}
	spec := college.CourseSpec{Course: c.Course}
	day := base.AddDate(0, 0, 7*c.week+daysUntil(base.Weekday(), c.slot.day))
	for len(spec.Sessions) < c.count {
		if !closed(day) {
			spec.Sessions = append(spec.Sessions, session(c, day, loc, places))
		}
		day = day.AddDate(0, 0, 7)
	}
	return spec
}

// session returns the course's meeting on one day.
func session(c course, day time.Time, loc *time.Location, places map[string]college.Venue) college.SessionSpec {
	s := college.SessionSpec{
		Start: wall(day, c.slot.from, loc),
		End:   wall(day, c.slot.to, loc),
	}
	if c.Mode == college.Online {
		s.OnlineURL = onlineBase + strings.ToLower(c.Code)
		return s
	}
	v := places[c.venue] // a copy per session, so no two share a pointer
	s.Venue = &v
	return s
}

// wall returns the UTC instant of a local wall-clock time (hhmm) on a day.
func wall(day time.Time, hhmm int, loc *time.Location) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), hhmm/100, hhmm%100, 0, 0, loc).UTC()
}

// daysUntil returns how many days from one weekday to the next to.
func daysUntil(from, to time.Weekday) int {
	return (int(to) - int(from) + 7) % 7
}

// termName names the term after the season and year of the middle of its
// sessions, as colleges do: Spring (January to April), Summer (May to
// August), Autumn (September to December).
func termName(specs []college.CourseSpec, loc *time.Location) string {
	var first, last time.Time
	for _, c := range specs {
		for _, s := range c.Sessions {
			if first.IsZero() || s.Start.Before(first) {
				first = s.Start
			}
			if s.End.After(last) {
				last = s.End
			}
		}
	}
	mid := first.Add(last.Sub(first) / 2).In(loc)
	season := "Autumn"
	switch {
	case mid.Month() <= time.April:
		season = "Spring"
	case mid.Month() <= time.August:
		season = "Summer"
	}
	return season + " " + mid.Format("2006")
}
