package college

import "time"

// EnrolmentStatus is where a student stands with a course.
type EnrolmentStatus string

// The states of an enrolment. Booked and offered places count against a
// course's capacity; an offer holds a place until it is taken or expires.
const (
	Booked    EnrolmentStatus = "booked"
	Waiting   EnrolmentStatus = "waiting"
	Offered   EnrolmentStatus = "offered"
	Dropped   EnrolmentStatus = "dropped"
	Completed EnrolmentStatus = "completed"
)

// HoldsPlace reports whether the status takes one of the course's places.
func (s EnrolmentStatus) HoldsPlace() bool { return s == Booked || s == Offered }

// Active reports whether the student is still on the course or its list.
func (s EnrolmentStatus) Active() bool { return s == Booked || s == Offered || s == Waiting }

// Enrolment is a student's place, or wait for one, on a course.
type Enrolment struct {
	ID           int64
	StudentID    int64
	CourseID     int64
	Status       EnrolmentStatus
	Position     int        // place in the waiting list, from 1, while waiting
	OfferExpires *time.Time // while offered
	Updated      time.Time
}

// OfferHold is how long a waiting-list offer holds a place by default.
const OfferHold = 24 * time.Hour

// OfferExpiry returns when an offer made at now lapses: after hold, or three
// hours before the course's next session if that is sooner.
func OfferExpiry(now time.Time, hold time.Duration, next *Session) time.Time {
	exp := now.Add(hold)
	if next != nil {
		if cut := next.Start.Add(-3 * time.Hour); cut.Before(exp) && cut.After(now) {
			exp = cut
		}
	}
	return exp
}
