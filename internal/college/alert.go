package college

import (
	"slices"
	"time"
)

// Alert is a safeguarding alert: a student's message that suggested a
// risk to life, as the crisis check read it, and what staff did about it.
// Staff are told at once; until someone acknowledges it the alert repeats
// to the next person in line (Escalation), and until someone clears it
// automated messages to the student pause.
type Alert struct {
	ID        int64
	StudentID int64
	InboxID   int64   // the inbound message that raised it; 0 if none
	Channel   Channel // the channel the student wrote on
	Rule      string  // the crisis check's rule that matched
	Match     string  // the words it matched
	Text      string  // the student's message
	// Signposted reports whether the student was sent the crisis
	// contacts: not when they had opted out (STOP), since carriers block
	// the reply.
	Signposted bool
	Raised     time.Time
	Alerted    time.Time // when staff were last told: raised or repeated
	// Told are the members told of it, in the order they were told, once
	// for each time.
	Told    []int64
	Repeats int // how many times the alert has repeated
	Acked   *time.Time
	AckedBy string
	// Cleared is when a member of staff closed the alert, which ends the
	// pause on automated messages.
	Cleared   *time.Time
	ClearedBy string
}

// DueRepeat reports whether the alert should repeat to the next person at
// now: nobody has acknowledged or cleared it, and every has passed since
// staff were last told. Office hours are the caller's to check.
func (a Alert) DueRepeat(now time.Time, every time.Duration) bool {
	return a.Acked == nil && a.Cleared == nil && !now.Before(a.Alerted.Add(every))
}

// WasTold reports whether a member was told of the alert.
func (a Alert) WasTold(staffID int64) bool { return slices.Contains(a.Told, staffID) }

// Escalation returns the order in which an alert's repeats go, one new
// person each: members with the safeguarding flag, then admins, then
// staff, each group in the order given. Facilitators without the flag are
// never in line.
func Escalation(ms []StaffMember) []StaffMember {
	var flagged, admins, staff []StaffMember
	for _, m := range ms {
		switch {
		case m.Safeguarding:
			flagged = append(flagged, m)
		case m.Role == Admin:
			admins = append(admins, m)
		case m.Role == StaffRole:
			staff = append(staff, m)
		}
	}
	return slices.Concat(flagged, admins, staff)
}

// FirstAlerted returns who is told of a new alert at once: every member
// with the safeguarding flag or, when none has it, every admin.
func FirstAlerted(ms []StaffMember) (told []StaffMember, flagged bool) {
	for _, m := range ms {
		if m.Safeguarding {
			told = append(told, m)
		}
	}
	if len(told) > 0 {
		return told, true
	}
	for _, m := range ms {
		if m.Role == Admin {
			told = append(told, m)
		}
	}
	return told, false
}

// NextInLine returns the member an alert repeats to: of those in order
// who can be reached (ok), the first told of it the fewest times, so
// each repeat goes to someone new until everyone has had it, and then
// round again. found is false when nobody can be reached.
func (a Alert) NextInLine(order []StaffMember, ok func(StaffMember) bool) (m StaffMember, found bool) {
	times := map[int64]int{}
	for _, id := range a.Told {
		times[id]++
	}
	best := -1
	for i, m := range order {
		if ok(m) && (best < 0 || times[m.ID] < times[order[best].ID]) {
			best = i
		}
	}
	if best < 0 {
		return StaffMember{}, false
	}
	return order[best], true
}

// AlertTx keeps safeguarding alerts and who handles them.
type AlertTx interface {
	// RaiseAlert records a new alert, raised and alerted now, and returns
	// it with its ID. Messages waiting to be sent to the student that are
	// not replies (reminders, offers, surveys, broadcasts) are cancelled:
	// automated messages pause while the alert is open.
	RaiseAlert(a Alert) (Alert, error)
	// Alert returns an alert by id.
	Alert(id int64) (Alert, error)
	// OpenAlertOf returns the student's latest alert not cleared, or
	// ErrNotFound.
	OpenAlertOf(studentID int64) (Alert, error)
	// UnackedAlerts returns the alerts neither acknowledged nor cleared,
	// oldest first: those that may be due to repeat.
	UnackedAlerts() ([]Alert, error)
	// Alerts returns the incident log, newest first: every alert, or with
	// open only those not cleared.
	Alerts(open bool) ([]Alert, error)
	// SaveAlert stores who was told, the repeats, acknowledgement and
	// clearing.
	SaveAlert(a Alert) error
	// Paused reports whether the student had an alert not cleared at any
	// moment from from to to: automated messages that fell due then are
	// not sent.
	Paused(studentID int64, from, to time.Time) (bool, error)
	// SetSafeguarding turns a member's safeguarding flag on or off; an
	// unknown id is ErrNotFound.
	SetSafeguarding(staffID int64, on bool) error
}

// AlertRepeat is one repeat of an alert to the next person in line.
type AlertRepeat struct {
	Alert     Alert // as it is after the repeat
	To        StaffMember
	Channel   Channel // the channel that reached them
	FirstName string  // the student's, if known
}
