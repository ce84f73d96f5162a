package college

import "time"

// Partner is an organisation that co-produces courses or lends rooms.
type Partner struct {
	Name    string
	Kind    string // NHS, charity, council, library, club, university, business
	Contact string
}

// Prospectus is a whole term's offer as staff keep it: courses, each with its
// sessions in order. Importing one makes the stored prospectus match it.
type Prospectus struct {
	Partners []Partner
	Courses  []CourseSpec
}

// CourseSpec is a course with its sessions as imported. Line is where it was
// first defined in its source, for error messages.
type CourseSpec struct {
	Course
	Sessions []SessionSpec
	Line     int
}

// SessionSpec is one session as imported: the n-th spec of a course updates
// its n-th stored session.
type SessionSpec struct {
	Start     time.Time
	End       time.Time
	Venue     *Venue
	OnlineURL string
	Line      int
}

// ImportResult counts what an import changed, and warns of changes that
// were made but that staff should know the effect of.
type ImportResult struct {
	CoursesAdded, CoursesUpdated                      int
	SessionsAdded, SessionsUpdated, SessionsCancelled int
	Warnings                                          []string // plain sentences, one per problem
}

// Changed reports whether the import changed anything.
func (r ImportResult) Changed() bool {
	return r.CoursesAdded != 0 || r.CoursesUpdated != 0 || r.SessionsAdded != 0 ||
		r.SessionsUpdated != 0 || r.SessionsCancelled != 0
}

// SessionChange is a stored session that an import moved or cancelled; the
// students booked on its course are told.
type SessionChange struct {
	Course Course
	Old    Session
	New    Session // Status Cancelled when the row was dropped
}
