// Package college holds the domain of a Recovery and Wellbeing College: the
// prospectus, students, enrolments and the rules that govern them. It does no
// I/O and imports nothing from the rest of the module; storage, channels and
// the conversation engine depend on it.
package college

import (
	"errors"
	"time"
)

// Errors the rest of the module maps its own failures onto.
var (
	// ErrNotFound reports that a record does not exist.
	ErrNotFound = errors.New("not found")
	// ErrCourseFull reports that every place on a course is taken or offered.
	ErrCourseFull = errors.New("course full")
	// ErrConflict reports a change that clashes with what is stored.
	ErrConflict = errors.New("conflict")
)

// Channel is a way a student talks to the college.
type Channel string

// The channels collegebot serves.
const (
	SMS      Channel = "sms"
	Telegram Channel = "telegram"
	Terminal Channel = "terminal"
)

// Mode says whether a course meets in a room or online.
type Mode string

// The modes of a course.
const (
	InPerson Mode = "in_person"
	Online   Mode = "online"
)

// Topic is an area of the prospectus, such as physical activity.
type Topic struct {
	ID       int64
	Name     string
	Position int
}

// Venue is a room lent by a partner, or the college's own.
type Venue struct {
	ID       int64
	Name     string
	Address  string
	Postcode string
	Access   string // accessibility notes
}

// Course is one offering in the prospectus; students enrol on a course and
// attend its sessions.
type Course struct {
	ID           int64
	Code         string
	Title        string
	Topic        string
	Summary      string
	Description  string
	Mode         Mode
	Capacity     int
	MinAge       int
	Cohort       string // who it is for, e.g. "women" or "carers"; empty for anyone
	Sensitive    bool
	Term         string
	Facilitators string
	Partner      string
}

// SessionStatus is where a session stands.
type SessionStatus string

// The states of a session.
const (
	Scheduled SessionStatus = "scheduled"
	Moved     SessionStatus = "moved"
	Cancelled SessionStatus = "cancelled"
)

// Session is one meeting of a course. Times are in UTC.
type Session struct {
	ID        int64
	CourseID  int64
	Seq       int // position within its course, from 1
	Start     time.Time
	End       time.Time
	Venue     *Venue // nil for online sessions
	OnlineURL string
	Status    SessionStatus
}

// Live reports whether the session will still take place.
func (s Session) Live() bool { return s.Status != Cancelled }

// NextSession returns the first live session that has not started by now.
func NextSession(sessions []Session, now time.Time) (Session, bool) {
	for _, s := range sessions {
		if s.Live() && s.Start.After(now) {
			return s, true
		}
	}
	return Session{}, false
}

// CourseListing is a course as shown in a list: with its next session and the
// places left.
type CourseListing struct {
	Course
	Next       *Session
	PlacesLeft int
}
