package college

import "time"

// The raw facts a report is made of, read from the records for a span of
// time [from, to). internal/report turns them into figures; the store only
// selects and counts rows. "Live" below means a session not cancelled, of a
// course not cancelled.

// TermSpan is a term and when its live sessions run. First and Last are
// zero when the term has none.
type TermSpan struct {
	Name  string
	First time.Time // the start of its first live session
	Last  time.Time // the end of its last live session
}

// ReportStudent is a registered student (one who gave consent) who was
// new or active in the span: their record was created in it, they last
// messaged the college in it, they held a booked place at a live session
// starting in it, or a register marked them at a session in it. Erased
// students are included as the anonymous rows they leave.
type ReportStudent struct {
	ID        int64
	Created   time.Time
	New       bool // the record was created in the span
	Heard     Answer
	Describes Answer // one of Describes, when answered
	District  Answer
}

// ReportCourse is a course with a live session starting in the span, or
// whose last live session ended in it.
type ReportCourse struct {
	ID      int64
	Code    string
	Title   string
	Topic   string
	Partner string // "" when none
	// Sessions counts its live sessions starting in the span; Total all of
	// its live sessions.
	Sessions int
	Total    int
	// LastEnd is when its last live session ends: the course finished in
	// the span when that is in it.
	LastEnd time.Time
}

// ReportPlace is a place booked (or completed) on a ReportCourse.
type ReportPlace struct {
	StudentID int64
	CourseID  int64
	// Attended counts the course's live sessions the register marked the
	// student attended, in the span or not: what completing it needs.
	Attended int
}

// ReportMark is a register's mark for a student at a live session starting
// in the span: Attended, Absent or Apologies.
type ReportMark struct {
	StudentID int64
	CourseID  int64
	Status    string
}

// ReportOffer is a place offered from a waiting list in the span (an offer
// message was queued), by enrolment, and whether the student has the place
// now (booked or completed): the offer was taken.
type ReportOffer struct {
	EnrolmentID int64
	CourseID    int64
	Taken       bool
}

// ReportScore is a Friends and Family Test answer about a course whose last
// live session ended in the span, whenever it was given.
type ReportScore struct {
	StudentID int64
	CourseID  int64
	Score     int // 1 very good to 5 very poor, 6 don't know
}

// MessageCount is what was sent on one channel in a span: messages the
// provider accepted (sent or delivered) by when they were sent, edits in
// place not counted, and the SMS segments they were charged as.
type MessageCount struct {
	Channel  Channel
	Messages int
	Segments int
}

// ReportTx reads the facts of a report. Each method reads the span
// [from, to), in rows ordered by id.
type ReportTx interface {
	// Now is the time the report is made at: a course finishing later in
	// the span has not finished yet.
	Now() time.Time
	// ReportTerms returns every term, in order of its first live session
	// (terms with none last, by name).
	ReportTerms() ([]TermSpan, error)
	// ReportStudents returns the students new or active in the span.
	ReportStudents(from, to time.Time) ([]ReportStudent, error)
	// ReportCourses returns the courses running or finishing in the span.
	ReportCourses(from, to time.Time) ([]ReportCourse, error)
	// ReportPlaces returns the places booked on ReportCourses.
	ReportPlaces(from, to time.Time) ([]ReportPlace, error)
	// ReportMarks returns the register marks at live sessions in the span.
	ReportMarks(from, to time.Time) ([]ReportMark, error)
	// ReportOffers returns the waiting-list offers made in the span.
	ReportOffers(from, to time.Time) ([]ReportOffer, error)
	// ReportScores returns the Friends and Family Test answers about
	// courses that finished in the span.
	ReportScores(from, to time.Time) ([]ReportScore, error)
	// ReportMessages returns what was sent in the span, by channel.
	ReportMessages(from, to time.Time) ([]MessageCount, error)
}
