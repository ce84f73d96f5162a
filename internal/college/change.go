package college

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// SessionTx changes sessions and courses on staff's word: cancelled or
// moved. Each change records when it was made (for the digest) and
// cancels the session's reminders not yet sent, which the due sweep then
// queues again for the new time or place.
type SessionTx interface {
	// Session returns a session by id, with its venue.
	Session(id int64) (Session, error)
	// MoveSession gives a live session new times and a new venue or link,
	// marks it Moved, and returns it as it now is.
	MoveSession(id int64, m SessionMove) (Session, error)
	// CancelSession cancels a live session and returns it as it now is.
	CancelSession(id int64) (Session, error)
	// CancelCourse cancels an open course and every live session of it
	// still to start, and drops every booked, offered and waiting place on
	// it, returning what it did; a course already cancelled is
	// ErrConflict.
	CancelCourse(courseID int64) (CourseCancellation, error)
	// CourseCancelled reports whether a course was cancelled.
	CourseCancelled(courseID int64) (bool, error)
	// Venues returns every venue, by name.
	Venues() ([]Venue, error)
	// AddVenue stores a new venue; one of the same name and postcode is
	// ErrConflict.
	AddVenue(v Venue) (Venue, error)
}

// ChangeNotifier tells students of a change staff made, as service
// messages queued in the change's own transaction; *conversation.Engine is
// one. Each returns how many students were sent a message.
type ChangeNotifier interface {
	// TellSessionChanged tells everyone booked on a course that one of
	// its sessions moved or was cancelled.
	TellSessionChanged(tx Tx, ch SessionChange) (told int, err error)
	// TellCourseCancelled tells everyone who had a place, an offer or a
	// place on the waiting list that the course is cancelled.
	TellCourseCancelled(tx Tx, cc CourseCancellation) (told int, err error)
}

// SessionMove is where and when a session meets after a move: at a venue,
// or online at a link.
type SessionMove struct {
	Start, End time.Time
	VenueID    int64 // 0 for online
	OnlineURL  string
}

// CourseCancellation is what cancelling a course did: the sessions it
// cancelled, as they were, and the places it dropped, with the status
// each had.
type CourseCancellation struct {
	Course   Course
	Sessions []Session
	Dropped  []Enrolment
}

// SessionRef names a session as staff type it: a course code and the
// session's number in the course, from 1 ("MH1/2"). N is 0 when only the
// course is named ("MH1").
type SessionRef struct {
	Code string
	N    int
}

// String writes the reference as staff type it.
func (r SessionRef) String() string {
	if r.N == 0 {
		return r.Code
	}
	return r.Code + "/" + strconv.Itoa(r.N)
}

// ParseSessionRef reads "CODE/N" or a bare "CODE", in any case.
func ParseSessionRef(s string) (SessionRef, error) {
	code, num, slash := strings.Cut(strings.TrimSpace(s), "/")
	r := SessionRef{Code: strings.ToUpper(strings.TrimSpace(code))}
	if r.Code == "" || strings.ContainsAny(r.Code, " \t") {
		return r, fmt.Errorf("%q is not a session: write the course code and the session's number, such as MH1/2", s)
	}
	if !slash {
		return r, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(num))
	if err != nil || n < 1 {
		return r, fmt.Errorf("%q is not a session: after the / comes the session's number, from 1, such as %s/2", s, r.Code)
	}
	r.N = n
	return r, nil
}

// Pick returns the session a reference's number names among a course's
// sessions, in order; ok is false when there is no such number.
func (r SessionRef) Pick(sessions []Session) (Session, bool) {
	for _, s := range sessions {
		if s.Seq == r.N {
			return s, true
		}
	}
	return Session{}, false
}

// UrgentChange reports whether a notice about sessions must go at once
// although now is in quiet hours: one of them (live or not) starts after
// now but before the quiet window ends, so a notice held to the morning
// would come too late.
func UrgentChange(now time.Time, p Profile, loc *time.Location, sessions ...Session) bool {
	held := QuietUntil(now, p, loc)
	for _, s := range sessions {
		if s.Start.After(now) && s.Start.Before(held) {
			return true
		}
	}
	return false
}
