package jobs

import (
	"context"
	"fmt"
	"time"

	"collegebot/internal/college"
)

// AlertsSpec runs the alert repeats every minute. Whether one is due is
// decided from the alerts each time, so a missed or doubled run changes
// nothing.
const AlertsSpec = "* * * * *"

// AlertRepeater repeats safeguarding alerts nobody has acknowledged to the
// next person in line, in office hours. *staff.Desk is one.
type AlertRepeater interface {
	// RepeatAlerts repeats every alert due at the store's clock, once
	// each, or with dry works them out and changes nothing; it returns
	// the repeats.
	RepeatAlerts(ctx context.Context, dry bool) ([]college.AlertRepeat, error)
}

// Alerts is the job that repeats unacknowledged safeguarding alerts.
type Alerts struct {
	Repeater AlertRepeater
	Loc      *time.Location
}

// Job returns the repeats as the scheduled job "alerts".
func (a Alerts) Job() Job { return Job{Name: "alerts", Spec: AlertsSpec, Run: a.Run} }

// Run repeats the alerts due at now (the store's clock must say now, as
// for the due sweep), and reports each repeat through plan: to whom, about
// which student, and why.
func (a Alerts) Run(ctx context.Context, now time.Time, dry bool, plan func(Planned)) (map[string]int, error) {
	rs, err := a.Repeater.RepeatAlerts(ctx, dry)
	if err != nil {
		return nil, fmt.Errorf("jobs: alerts: %w", err)
	}
	for _, r := range rs {
		if plan == nil {
			break
		}
		plan(Planned{
			Key:       fmt.Sprintf("alert:%d:repeat:%d", r.Alert.ID, r.Alert.Repeats),
			What:      fmt.Sprintf("safeguarding alert %d (repeat)", r.Alert.ID),
			StudentID: r.Alert.StudentID, FirstName: r.FirstName, When: now,
			Why: fmt.Sprintf("sent to %s (%s), as nobody has acknowledged it since %s", r.To.Name, r.Channel,
				r.Alert.Raised.In(a.Loc).Format("Mon 2 Jan 15:04")),
		})
	}
	return map[string]int{"repeats": len(rs)}, nil
}
