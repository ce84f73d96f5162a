package sqlite

import (
	"context"
	"fmt"
)

// Stats counts the main records, for the command line and health checks.
type Stats struct {
	Courses  int // courses in the prospectus
	Sessions int // sessions not cancelled
	Students int // students not erased
	Bookings int // enrolments holding a place: booked or offered
	Waiting  int // enrolments on a waiting list
}

// Stats counts the main records in one consistent read.
func (db *DB) Stats(ctx context.Context) (Stats, error) {
	var s Stats
	err := db.view(ctx, func(t *tx) error {
		return t.queryRow(`SELECT
			(SELECT count(*) FROM course),
			(SELECT count(*) FROM session WHERE status <> 'cancelled'),
			(SELECT count(*) FROM student WHERE erased_at IS NULL),
			(SELECT count(*) FROM enrolment WHERE status IN ('booked', 'offered')),
			(SELECT count(*) FROM enrolment WHERE status = 'waiting')`).
			Scan(&s.Courses, &s.Sessions, &s.Students, &s.Bookings, &s.Waiting)
	})
	if err != nil {
		return Stats{}, fmt.Errorf("sqlite: counting records: %w", err)
	}
	return s, nil
}
