package jobs

import (
	"context"
	"fmt"
	"time"

	"collegebot/internal/college"
)

// RetentionStore applies the retention settings. *sqlite.DB is one.
type RetentionStore interface {
	// Retain blanks message texts stored before bodiesBefore and erases
	// students last active before inactiveBefore, returning the counts.
	Retain(ctx context.Context, bodiesBefore, inactiveBefore time.Time) (college.Retained, error)
	// RetainPreview counts what Retain would change, and changes nothing.
	RetainPreview(ctx context.Context, bodiesBefore, inactiveBefore time.Time) (college.Retained, error)
}

// RetentionSpec runs the clean-up nightly at 03:30, clear of 01:00-02:59,
// the hour cron skips in March and runs twice in October.
const RetentionSpec = "30 3 * * *"

// Retention is the nightly clean-up: it erases what the college's retention
// settings say (DESIGN §3), message texts after Policy.MessageDays and
// inactive students after Policy.InactiveYears.
type Retention struct {
	Store  RetentionStore
	Policy college.Retention
	Loc    *time.Location
}

// Job returns the clean-up as a scheduled job named "retention".
func (r Retention) Job() Job { return Job{Name: "retention", Spec: RetentionSpec, Run: r.Run} }

// Run applies the settings as at now, or with dry only counts what it would
// change. It queues no messages, so plan is not called.
func (r Retention) Run(ctx context.Context, now time.Time, dry bool, _ func(Planned)) (map[string]int, error) {
	bodies, inactive := r.Policy.Cutoffs(now, r.Loc)
	sweep := r.Store.Retain
	if dry {
		sweep = r.Store.RetainPreview
	}
	got, err := sweep(ctx, bodies, inactive)
	if err != nil {
		return nil, fmt.Errorf("jobs: retention: %w", err)
	}
	return got.Counts(), nil
}
