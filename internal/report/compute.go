package report

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"collegebot/internal/college"
)

// Tally counts what happened on the places of a set of courses (or of a
// set of students): the whole report, or one group of a breakdown.
type Tally struct {
	Students   int // different students with a place
	Enrolments int // places booked (booked or completed)
	Bookings   int // session bookings: each place times its course's live sessions in the period
	Attended   int // register marks: attended
	Missed     int // absent without apologies
	Apologies  int
	Finishers  int // places on courses that finished in the period
	Completed  int // of those, students who attended enough to complete ("graduated")
	Responses  int // Friends and Family Test answers, "don't know" included
	Positive   int // of those, "very good" or "good"
}

// Marked counts the register marks: attended, missed or apologies.
func (t Tally) Marked() int { return t.Attended + t.Missed + t.Apologies }

// Group is one line of a breakdown.
type Group struct {
	Name string
	Tally
}

// facts indexes a report's facts.
type facts struct {
	Facts
	prof     college.Profile
	from, to time.Time
	courses  map[int64]college.ReportCourse
	students map[int64]college.ReportStudent
}

// Compute works out a report from its facts.
func Compute(f Facts, p Period, prof college.Profile, loc *time.Location) Report {
	x := facts{Facts: f, prof: prof, from: p.From, to: p.To,
		courses: map[int64]college.ReportCourse{}, students: map[int64]college.ReportStudent{}}
	for _, c := range f.Courses {
		x.courses[c.ID] = c
	}
	for _, s := range f.Students {
		x.students[s.ID] = s
	}
	r := Report{College: prof.Name, Period: p, Title: p.Title(loc)}
	r.Totals = x.groups(func(college.ReportCourse, int64) string { return "" }, []string{""})[0].Tally
	r.Topics, r.Courses, r.Partners = x.byCourse(topicOf), x.byCourse(courseOf), x.byCourse(partnerOf)
	r.Districts = x.groups(func(_ college.ReportCourse, id int64) string { return x.district(id) }, nil)
	x.people(&r)
	x.outcomes(&r)
	r.Months = x.months(loc)
	return r
}

func topicOf(c college.ReportCourse) string  { return c.Topic }
func courseOf(c college.ReportCourse) string { return c.Code + " " + c.Title }

// NoPartner and NotGiven name the groups of courses without a partner and
// of students who gave no postcode district.
const (
	NoPartner = "(no partner)"
	NotGiven  = "(not given)"
)

func partnerOf(c college.ReportCourse) string { return cmp.Or(c.Partner, NoPartner) }

// district returns a student's postcode district, or NotGiven.
func (x *facts) district(id int64) string {
	return cmp.Or(strings.ToUpper(strings.TrimSpace(x.students[id].District.Value)), NotGiven)
}

// finished reports whether a course's last live session ended in the
// period, and has ended.
func (x *facts) finished(c college.ReportCourse) bool {
	return !c.LastEnd.Before(x.from) && c.LastEnd.Before(x.to) && (x.Now.IsZero() || !c.LastEnd.After(x.Now))
}

// byCourse tallies by a group each course is in, with every course's
// group shown even if it has no places.
func (x *facts) byCourse(name func(college.ReportCourse) string) []Group {
	var keys []string
	for _, c := range x.Courses {
		keys = append(keys, name(c))
	}
	return x.groups(func(c college.ReportCourse, _ int64) string { return name(c) }, keys)
}

// bucket is a group being tallied, with the students already counted.
type bucket struct {
	Tally
	seen map[int64]bool
}

// groups tallies the places, marks and scores by the group key gives each
// (course, student), with a group for each of keys even if empty, sorted
// by name with bracketed names last.
func (x *facts) groups(key func(college.ReportCourse, int64) string, keys []string) []Group {
	bs := map[string]*bucket{}
	at := func(courseID, student int64) *bucket {
		k := key(x.courses[courseID], student)
		if bs[k] == nil {
			bs[k] = &bucket{seen: map[int64]bool{}}
		}
		return bs[k]
	}
	for _, k := range keys {
		if bs[k] == nil {
			bs[k] = &bucket{seen: map[int64]bool{}}
		}
	}
	for _, p := range x.Places {
		x.place(at(p.CourseID, p.StudentID), p)
	}
	for _, m := range x.Marks {
		mark(&at(m.CourseID, m.StudentID).Tally, m.Status)
	}
	for _, s := range x.Scores {
		b := at(s.CourseID, s.StudentID)
		b.Responses++
		if s.Score == 1 || s.Score == 2 {
			b.Positive++
		}
	}
	return sorted(bs)
}

// place counts one place into b.
func (x *facts) place(b *bucket, p college.ReportPlace) {
	c := x.courses[p.CourseID]
	if !b.seen[p.StudentID] {
		b.seen[p.StudentID] = true
		b.Students++
	}
	b.Enrolments++
	b.Bookings += c.Sessions
	if x.finished(c) {
		b.Finishers++
		if x.prof.Completed(p.Attended, c.Total) {
			b.Completed++
		}
	}
}

// mark counts one register mark into t.
func mark(t *Tally, status string) {
	switch status {
	case college.Attended:
		t.Attended++
	case college.Absent:
		t.Missed++
	case college.Apologies:
		t.Apologies++
	}
}

// sorted returns the groups by name, bracketed names ("(no partner)") last.
func sorted(bs map[string]*bucket) []Group {
	gs := make([]Group, 0, len(bs))
	for k, b := range bs {
		gs = append(gs, Group{Name: k, Tally: b.Tally})
	}
	slices.SortFunc(gs, func(a, b Group) int {
		return cmp.Or(cmp.Compare(bracketed(a.Name), bracketed(b.Name)), cmp.Compare(a.Name, b.Name))
	})
	return gs
}

func bracketed(name string) int {
	if strings.HasPrefix(name, "(") {
		return 1
	}
	return 0
}
