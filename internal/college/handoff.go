package college

import "time"

// HandoffTTL is how long after its last news (opened, alerted or replied
// to) an open hand-off still passes the student's messages on to staff.
const HandoffTTL = 14 * 24 * time.Hour

// HandoffRealert is how long a student who asks for a person again waits
// before staff who have not answered are alerted again.
const HandoffRealert = 24 * time.Hour

// LastSaidCount is how many of a student's latest messages an alert shows.
const LastSaidCount = 3

// Handoff is a student's request to talk to a person (TALK): open until
// staff close it, it is answered through the bot by its ID.
type Handoff struct {
	ID        int64
	StudentID int64
	Opened    time.Time
	Alerted   time.Time  // when staff were last alerted to it
	Replied   *time.Time // when staff last replied; nil if never
	// RepliedBy names the member of staff who last replied, and
	// RepliedByID is their id while they are on the staff list (else 0).
	RepliedBy   string
	RepliedByID int64
	Closed      *time.Time
}

// Live reports whether the hand-off is open and recent enough that what
// the student says goes to staff.
func (h Handoff) Live(now time.Time) bool {
	return h.Closed == nil && now.Sub(h.latest()) < HandoffTTL
}

// DueRealert reports whether staff should be alerted again: nobody has
// replied since the last alert, and that was long enough ago.
func (h Handoff) DueRealert(now time.Time) bool {
	unanswered := h.Replied == nil || h.Replied.Before(h.Alerted)
	return h.Closed == nil && unanswered && now.Sub(h.Alerted) >= HandoffRealert
}

// latest is the hand-off's last news.
func (h Handoff) latest() time.Time {
	t := h.Opened
	if h.Alerted.After(t) {
		t = h.Alerted
	}
	if h.Replied != nil && h.Replied.After(t) {
		t = *h.Replied
	}
	return t
}

// Said is one message a student sent, as the inbox keeps it (bodies are
// blanked after the retention period, and are then left out).
type Said struct {
	Channel  Channel
	Text     string
	Received time.Time
}

// HandoffTx keeps hand-offs: students who asked for a person.
type HandoffTx interface {
	// OpenHandoff opens a hand-off for a student, alerted now. A student
	// has at most one open: another is ErrConflict.
	OpenHandoff(studentID int64) (Handoff, error)
	// Handoff returns a hand-off by id.
	Handoff(id int64) (Handoff, error)
	// OpenHandoffOf returns the student's open hand-off, or ErrNotFound.
	OpenHandoffOf(studentID int64) (Handoff, error)
	// OpenHandoffs returns every open hand-off, oldest first.
	OpenHandoffs() ([]Handoff, error)
	// SaveHandoff stores a hand-off's alert, reply and closing.
	SaveHandoff(h Handoff) error
	// LastSaid returns up to n of the student's latest messages that still
	// have their text, from any of their contacts, oldest first.
	LastSaid(studentID int64, n int) ([]Said, error)
	// LastContact returns the contact the student last wrote from (their
	// first contact if the inbox no longer says), or ErrNotFound when
	// they have none.
	LastContact(studentID int64) (Contact, error)
}
