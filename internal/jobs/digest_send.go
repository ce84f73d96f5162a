package jobs

import (
	"context"
	"fmt"
	"strings"
	"time"

	"collegebot/internal/college"
)

// StaffTeller reaches the college's staff on their phones. *staff.Desk is
// one.
type StaffTeller interface {
	// Members returns the staff list.
	Members(ctx context.Context) ([]college.StaffMember, error)
	// Tell queues text to a member of staff; a key already queued is
	// ignored.
	Tell(ctx context.Context, m college.StaffMember, key, text string) error
}

// send queues each member's digest: facilitators their sessions'
// registers, admins and staff the changes and, on Mondays, the week. It
// returns how many texts it queued.
func (d Digest) send(ctx context.Context, dg digest) (int, error) {
	members, err := d.Staff.Members(ctx)
	if err != nil {
		return 0, err
	}
	date := dg.now.In(d.Loc).Format("2006-01-02")
	sent := 0
	for _, m := range members {
		for kind, text := range d.textsFor(m, dg) {
			if err := d.Staff.Tell(ctx, m, fmt.Sprintf("digest:%s:%s:%d", date, kind, m.ID), text); err != nil {
				return sent, err
			}
			sent++
		}
	}
	return sent, nil
}

// textsFor returns what a member gets from this run, by kind.
func (d Digest) textsFor(m college.StaffMember, dg digest) map[string]string {
	texts := map[string]string{}
	if regs := theirRegisters(m, dg.registers); len(regs) > 0 {
		texts["registers"] = registersText(regs, d.Loc, dg.tomorrow)
	}
	if !m.Role.Can(college.StaffRole) {
		return texts
	}
	changes := changesText(dg.changes, d.Loc, changesWhen(dg.now, d.Loc))
	if dg.weekly {
		texts["week"] = weeklyText(dg.week, d.Loc, dg.from, dg.to) + changes
	} else if changes != "" {
		texts["changes"] = strings.TrimPrefix(changes, "\n")
	}
	return texts
}

// theirRegisters picks the registers of the courses a member facilitates.
func theirRegisters(m college.StaffMember, regs []college.Register) []college.Register {
	var mine []college.Register
	for _, r := range regs {
		if m.Facilitates(r.Course) {
			mine = append(mine, r)
		}
	}
	return mine
}

// changesText lists sessions moved or cancelled, as they now stand.
func changesText(changes []college.SessionFigures, loc *time.Location, when string) string {
	if len(changes) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\nSessions changed %s: %d\n", when, len(changes))
	for _, f := range changes {
		state := "moved to"
		if !f.Session.Live() {
			state = "CANCELLED,"
		}
		fmt.Fprintf(&b, "%s %s: %s %s, %s\n", f.Course.Code, f.Course.Title, state,
			f.Session.Start.In(loc).Format("Mon 2 Jan 15:04"), place(f.Session))
	}
	return b.String()
}

// Preview is everything the digest run at now would send, as one text
// for staff to read: tomorrow's registers, the changes it reports and, on
// a Monday, the week ahead. It reads what Run reads, once, and sends
// nothing.
func (d Digest) Preview(ctx context.Context, now time.Time) (string, error) {
	dg, err := d.build(ctx, now)
	if err != nil {
		return "", fmt.Errorf("jobs: digest preview: %w", err)
	}
	var b strings.Builder
	if len(dg.registers) == 0 {
		fmt.Fprintf(&b, "No sessions on %s.\n", dayOf(dg.tomorrow, d.Loc))
	} else {
		b.WriteString(registersText(dg.registers, d.Loc, dg.tomorrow))
	}
	b.WriteString(changesText(dg.changes, d.Loc, changesWhen(now, d.Loc)))
	if !dg.weekly {
		b.WriteString("\nThe week's sessions go to staff on Mondays: use --at with a Monday to see them.\n")
		return b.String(), nil
	}
	fmt.Fprintf(&b, "\n%s\n", weeklyText(dg.week, d.Loc, dg.from, dg.to))
	return b.String(), nil
}

// changesSince is when the changes a digest run at now reports begin.
func changesSince(now time.Time, loc *time.Location) time.Time {
	if now.In(loc).Weekday() == time.Monday {
		return now.Add(-7 * 24 * time.Hour)
	}
	return now.Add(-24 * time.Hour)
}

// changesWhen says which changes a digest run at now reports.
func changesWhen(now time.Time, loc *time.Location) string {
	if now.In(loc).Weekday() == time.Monday {
		return "this week"
	}
	return "in the last day"
}
