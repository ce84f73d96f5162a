package college

import (
	"context"
	"time"
)

// Store keeps the college's records. Update runs fn in one write
// transaction: everything fn does, including the messages it queues, is
// stored together or not at all.
type Store interface {
	Update(ctx context.Context, fn func(Tx) error) error
}

// Tx is one unit of work on the records, as the conversation engine sees
// them. Its methods report a missing record with ErrNotFound.
type Tx interface {
	StaffTx
	HandoffTx
	AlertTx
	AboutTx

	// Now is the time the transaction acts at.
	Now() time.Time

	// FindContact returns the contact for an address on a channel.
	FindContact(ch Channel, addr string) (Contact, error)
	// Sender returns, at once, what a turn reads first: the contact for
	// an address on a channel, its student and the student's live
	// dialogue (an empty one if none), and whether a dialogue row is
	// stored at all, live or expired. No contact is ErrNotFound.
	Sender(ch Channel, addr string) (Contact, Student, Dialogue, bool, error)
	// CreateStudent makes a new, unregistered student reached at addr.
	CreateStudent(ch Channel, addr, lang string) (Student, Contact, error)
	// Student returns a student by id.
	Student(id int64) (Student, error)
	// SaveStudent stores a student's changed fields.
	SaveStudent(s Student) error
	// Contacts returns a student's contacts, the one they last wrote from
	// first (then the oldest): where messages to them go, as broadcasts do.
	Contacts(studentID int64) ([]Contact, error)
	// MergeStudent joins one student's record into another's: a Telegram
	// chat joining the record its student made by SMS. from's contacts and
	// enrolments move to into (the caller first releases any enrolment on a
	// course into is already on), its dialogue and answers go, and from is
	// erased.
	MergeStudent(from, into int64) error
	// SetOptOut records that a contact opted out at a time, or back in
	// (nil). Opting out cancels what was waiting to be sent to it.
	SetOptOut(contactID int64, at *time.Time) error
	// EraseStudent empties a student's personal fields, deletes their
	// contacts, dialogue, answers and queued messages, and blanks the bodies
	// of messages already sent, leaving an anonymous row for figures.
	EraseStudent(id int64) error
	// SetEligibility records a self-declared answer to a course condition.
	SetEligibility(studentID int64, e Eligibility) error
	// Eligibility returns the stored answer to a question, if asked.
	Eligibility(studentID int64, question string) (e Eligibility, asked bool, err error)

	// Dialogue returns the student's live dialogue, or an empty one.
	Dialogue(studentID int64) (Dialogue, error)
	// SaveDialogue stores a dialogue; an empty State clears it.
	SaveDialogue(d Dialogue) error

	// Topics returns the prospectus topics in order.
	Topics() ([]Topic, error)
	// ListedTopics returns, in order, the topics with an open course that
	// still has a session to come: those Listings has anything for.
	ListedTopics() ([]Topic, error)
	// Listings returns the courses of a topic that still have a session to
	// come, in order of their next session.
	Listings(topicID int64) ([]CourseListing, error)
	// Course returns a course by its code, in any case.
	Course(code string) (Course, error)
	// CourseByID returns a course by id.
	CourseByID(id int64) (Course, error)
	// Sessions returns a course's sessions in order, cancelled ones included.
	Sessions(courseID int64) ([]Session, error)
	// PlacesLeft returns how many places a course has neither booked nor
	// offered.
	PlacesLeft(courseID int64) (int, error)

	// Enrolment returns a student's enrolment on a course.
	Enrolment(studentID, courseID int64) (Enrolment, error)
	// Enrolments returns a student's active enrolments.
	Enrolments(studentID int64) ([]Enrolment, error)
	// Enrol books a place (ErrCourseFull when none is left) or adds the
	// student to the end of the waiting list, reusing a dropped enrolment.
	Enrol(studentID, courseID int64, status EnrolmentStatus) (Enrolment, error)
	// SetEnrolment changes an enrolment's status and offer expiry; taking a
	// place beyond capacity fails with ErrCourseFull.
	SetEnrolment(e Enrolment) error
	// CourseEnrolments returns a course's enrolments in a status, oldest first.
	CourseEnrolments(courseID int64, status EnrolmentStatus) ([]Enrolment, error)
	// FirstWaiting returns the longest-waiting student on a course's list.
	FirstWaiting(courseID int64) (Enrolment, error)

	// Bookings returns the booked places at live sessions starting in
	// [from, to), soonest first: what reminders are about.
	Bookings(from, to time.Time) ([]Booking, error)
	// Finished returns the booked places on courses whose last live
	// session ended in [from, to); Session is that last session.
	Finished(from, to time.Time) ([]Booking, error)
	// Absences returns booked places at sessions that ended in [from, to)
	// where the register marked the student absent without apologies.
	Absences(from, to time.Time) ([]Booking, error)
	// ExpiredOffers returns the offers whose hold has lapsed.
	ExpiredOffers() ([]Enrolment, error)
	// SetAttendance records a student's attendance at a session:
	// Attended, Absent or Apologies.
	SetAttendance(sessionID, studentID int64, status string) error
	// Reminded returns the sessions, not yet started, that the student was
	// sent (or is due) a day-before reminder for, queued since.
	Reminded(studentID int64, since time.Time) ([]Session, error)
	// LastSurveyed returns when the student was last asked for feedback.
	LastSurveyed(studentID int64) (at time.Time, ok bool, err error)
	// SaveFeedback records a survey asked, or its answers, by student and
	// course.
	SaveFeedback(f Feedback) error
	// Feedback returns the survey of a student about a course.
	Feedback(studentID, courseID int64) (Feedback, error)

	// Enqueue writes a message to the outbox. A key already queued is
	// ignored, so a purpose is served once.
	Enqueue(o Outgoing) error
	// MarkProcessed records that an inbox message has been handled.
	MarkProcessed(inboxID int64) error
}
