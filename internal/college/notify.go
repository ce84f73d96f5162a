package college

import "time"

// ReminderKind says which of a session's reminders is meant.
type ReminderKind string

// The reminders of a session: the day before (what, when, where, and
// "reply NO if you can't come"), and a short one a couple of hours before,
// with no actions (NHS practice).
const (
	DayBefore ReminderKind = "day"
	Soon      ReminderKind = "soon"
)

// Booking is a student's booked place at one session: what reminders,
// registers and check-ins are about.
type Booking struct {
	Enrolment Enrolment
	Course    Course
	Session   Session
	BookedAt  time.Time // when the place was booked (or last changed)
}

// Reminder is one reminder due for a booking.
type Reminder struct {
	Booking
	Kind ReminderKind
	Due  time.Time // when it should go, before quiet hours are applied
}

// Attendance statuses, as a register records them.
const (
	Attended  = "attended"
	Absent    = "absent"
	Apologies = "apologies"
)

// Feedback is a student's answer to the Friends and Family Test question
// after a course, and their optional comment.
type Feedback struct {
	StudentID int64
	CourseID  int64
	Score     int // 1 very good … 5 very poor, 6 don't know; 0 not answered
	Comment   string
	Asked     time.Time
}
