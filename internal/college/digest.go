package college

// SessionFigures is a session with its course's numbers: a line of the
// staff's weekly digest. Places are per course, so every session of a
// course shows the same Booked, Offered and Waiting; Apologies are the
// session's own.
type SessionFigures struct {
	Course    Course
	Session   Session
	Booked    int // places booked on the course
	Offered   int // places offered to someone from the waiting list
	Waiting   int // people on the waiting list
	Apologies int // students who said they cannot come to this session
}

// Register is one session's list of the students booked: what its
// facilitators take to the room.
type Register struct {
	Course   Course
	Session  Session
	Students []RegisterLine // by first name
}

// RegisterLine is one student booked on a session.
type RegisterLine struct {
	StudentID int64
	FirstName string
	Status    string // Attended, Absent or Apologies once recorded; empty before
}
