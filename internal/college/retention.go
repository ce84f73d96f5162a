package college

import (
	"fmt"
	"time"
)

// Retention says how long the college keeps personal data (DESIGN §3):
// message texts for MessageDays, and a student's details for InactiveYears
// after they were last in touch.
type Retention struct {
	MessageDays   int `toml:"message_days"`
	InactiveYears int `toml:"inactive_years"`
}

// DefaultRetention keeps message texts 90 days and inactive students' details
// three years.
func DefaultRetention() Retention { return Retention{MessageDays: 90, InactiveYears: 3} }

// Validate reports a retention setting that cannot work.
func (r Retention) Validate() error {
	switch {
	case r.MessageDays < 1 || r.MessageDays > 3660:
		return fmt.Errorf("profile: retention.message_days %d is not a number of days from 1 to 3660", r.MessageDays)
	case r.InactiveYears < 1 || r.InactiveYears > 50:
		return fmt.Errorf("profile: retention.inactive_years %d is not a number of years from 1 to 50", r.InactiveYears)
	}
	return nil
}

// Cutoffs returns, for a sweep at now, the time before which message texts
// go and the time before which a student's last contact makes them
// inactive. Days and years are counted on the calendar of loc, so a sweep
// across a clock change cuts at the same local time of day.
func (r Retention) Cutoffs(now time.Time, loc *time.Location) (messages, inactive time.Time) {
	local := now.In(loc)
	return local.AddDate(0, 0, -r.MessageDays), local.AddDate(-r.InactiveYears, 0, 0)
}

// Retained counts what a retention sweep changed, or would change.
type Retained struct {
	OutboxBlanked     int // sent messages whose text and address were blanked
	InboxDeleted      int // processed inbound messages deleted
	InboxBlanked      int // each channel's newest inbound message, blanked but kept
	StudentsErased    int // inactive students erased
	EnrolmentsDropped int // their places and waiting-list entries given up first
	RunsDeleted       int // job runs more than a year old
}

// Counts returns the figures by name, for logs and the job ledger.
func (r Retained) Counts() map[string]int {
	return map[string]int{
		"outbox_blanked": r.OutboxBlanked, "inbox_deleted": r.InboxDeleted,
		"inbox_blanked": r.InboxBlanked, "students_erased": r.StudentsErased,
		"enrolments_dropped": r.EnrolmentsDropped, "runs_deleted": r.RunsDeleted,
	}
}
