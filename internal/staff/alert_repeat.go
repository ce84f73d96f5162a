package staff

import (
	"context"
	"errors"
	"fmt"
	"time"

	"collegebot/internal/college"
)

// errDryRun rolls back a dry run of the repeats.
var errDryRun = errors.New("dry run")

// RepeatAlerts repeats each alert nobody has acknowledged for the
// profile's safeguarding.repeat_after to the next person in line
// (college.Escalation: members with the safeguarding flag, then admins,
// then staff; one new person a repeat, starting again from the first when
// all have had it), but only in office hours: outside them the repeat
// waits. It runs in one transaction at the store's clock; each repeat's
// key is unique to its alert and step, so a second run sends nothing
// more. A dry run works them out and changes nothing. It returns the
// repeats sent, or that would be.
func (d *Desk) RepeatAlerts(ctx context.Context, dry bool) ([]college.AlertRepeat, error) {
	every, err := d.profile.RepeatAfter()
	if err != nil {
		return nil, err
	}
	var out []college.AlertRepeat
	err = d.office.Office(ctx, func(tx college.OfficeTx) error {
		out = nil
		now := tx.Now()
		if !d.profile.InOfficeHours(now, d.loc) {
			return nil
		}
		rs, err := d.repeatDue(tx, now, every)
		out = rs
		if err == nil && dry {
			err = errDryRun
		}
		return err
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	if err != nil {
		return nil, fmt.Errorf("staff: repeating alerts: %w", err)
	}
	return out, nil
}

// repeatDue repeats every alert due at now.
func (d *Desk) repeatDue(tx college.Tx, now time.Time, every time.Duration) ([]college.AlertRepeat, error) {
	as, err := tx.UnackedAlerts()
	if err != nil {
		return nil, err
	}
	all, err := tx.StaffList()
	if err != nil {
		return nil, err
	}
	order := college.Escalation(all)
	var out []college.AlertRepeat
	for _, a := range as {
		if !a.DueRepeat(now, every) {
			continue
		}
		r, ok, err := d.repeat(tx, a, order, now)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, r)
		}
	}
	return out, nil
}

// repeat sends one alert to the next person in line and records it.
func (d *Desk) repeat(tx college.Tx, a college.Alert, order []college.StaffMember, now time.Time) (college.AlertRepeat, bool, error) {
	reachable := func(m college.StaffMember) bool { return d.reach(m) != "" }
	m, found := a.NextInLine(order, reachable)
	since := minutes(now.Sub(a.Raised))
	a.Alerted = now
	if !found {
		d.log.Error("nobody can be told of an unacknowledged crisis alert: add staff with a phone or Telegram id",
			"alert", a.ID)
		return college.AlertRepeat{}, false, tx.SaveAlert(a)
	}
	a.Told, a.Repeats = append(a.Told, m.ID), a.Repeats+1
	c, err := d.crisisCase(tx, a)
	if err != nil {
		return college.AlertRepeat{}, false, err
	}
	text := func(ch college.Channel) string {
		return fmt.Sprintf("Still not acknowledged after %s.\n%s", since, c.text(ch, ""))
	}
	key := fmt.Sprintf("alert:%d:repeat:%d", a.ID, a.Repeats)
	if _, err := d.notify(tx, m, key, text); err != nil {
		return college.AlertRepeat{}, false, err
	}
	r := college.AlertRepeat{Alert: a, To: m, Channel: d.reach(m), FirstName: c.student.FirstName}
	return r, true, tx.SaveAlert(a)
}

// minutes says a duration in words: "35 minutes", "2 hours 5 minutes".
func minutes(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	hours, mins := countOf(m/60, "hour", "hours"), countOf(m%60, "minute", "minutes")
	switch {
	case m < 60:
		return mins
	case m%60 == 0:
		return hours
	}
	return hours + " " + mins
}
