package jobs

import "time"

// Planned is a message a job would queue, as a dry run reports it: what,
// to whom, when and why.
type Planned struct {
	Key       string    // the outbox key it would be queued under
	What      string    // e.g. "reminder (day before)"
	StudentID int64     // to whom
	FirstName string    // their first name, if known
	When      time.Time // when it would go
	Why       string    // e.g. "ANX1 session Tue 3 Mar 10:00"
}
