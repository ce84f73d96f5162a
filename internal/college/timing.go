package college

import (
	"fmt"
	"strings"
	"time"
)

// Scheduled messages are timed in the college's zone with calendar
// arithmetic (time.Date in the zone), so "10:00 the day before" stays 10:00
// on the clock across the changes in March and October; a lead time in hours
// is absolute.

// FollowUpAt is the local time of the day after a session at which its
// follow-ups go: the feedback survey after a course's last session, and the
// check-in after a missed one.
const FollowUpAt = "10:00"

// ReminderDue returns when a session's reminder of a kind falls due, before
// quiet hours are applied: DayBefore at p.Reminders.DayBefore local time on
// the calendar day before the session's local date, Soon
// p.Reminders.HoursBefore hours before the session starts. p must be valid
// (Validate); a day-before time it cannot read is taken as 10:00.
func ReminderDue(s Session, kind ReminderKind, p Profile, loc *time.Location) time.Time {
	if kind == Soon {
		return s.Start.Add(-time.Duration(p.Reminders.HoursBefore) * time.Hour)
	}
	c, err := parseClock(p.Reminders.DayBefore)
	if err != nil {
		c = clock{10, 0}
	}
	return c.on(s.Start.In(loc), -1, loc)
}

// FeedbackDue returns when the survey about a course goes: at FollowUpAt
// local time on the day after its last session.
func FeedbackDue(last Session, loc *time.Location) time.Time {
	return followUp(last, loc)
}

// MissedYouDue returns when the check-in after a missed session goes: at
// FollowUpAt local time on the day after the session.
func MissedYouDue(s Session, loc *time.Location) time.Time {
	return followUp(s, loc)
}

// followUp returns FollowUpAt local time on the day after s ended.
func followUp(s Session, loc *time.Location) time.Time {
	c, _ := parseClock(FollowUpAt)
	return c.on(s.End.In(loc), 1, loc)
}

// QuietUntil returns t if it falls outside the college's quiet hours, and
// otherwise the end of the quiet window it falls in: with the default
// "21:00-08:00", 23:30 gives 08:00 the next morning and 06:00 gives 08:00 the
// same morning, whatever the clocks did overnight. A window may wrap
// midnight or not; its start is inside it and its end is not. No quiet hours
// ("") give t.
func QuietUntil(t time.Time, p Profile, loc *time.Location) time.Time {
	w, ok, err := parseWindow(p.QuietHours)
	if !ok || err != nil {
		return t
	}
	local := t.In(loc)
	now, from, to := sinceMidnight(local), w.from.d(), w.to.d()
	switch {
	case from < to && now >= from && now < to:
		return w.to.on(local, 0, loc)
	case from > to && now >= from:
		return w.to.on(local, 1, loc)
	case from > to && now < to:
		return w.to.on(local, 0, loc)
	}
	return t
}

// InQuietHours reports whether t falls inside the college's quiet hours.
func InQuietHours(t time.Time, p Profile, loc *time.Location) bool {
	return QuietUntil(t, p, loc).After(t)
}

// validateTiming reports the first reminder or quiet-hours setting that
// cannot work.
func (p Profile) validateTiming() error {
	if _, err := parseClock(p.Reminders.DayBefore); err != nil {
		return fmt.Errorf("profile: reminders.day_before %q is not a time of day such as 10:00", p.Reminders.DayBefore)
	}
	if h := p.Reminders.HoursBefore; h < 0 || h > 48 {
		return fmt.Errorf("profile: reminders.hours_before %d is not between 0 (none) and 48", h)
	}
	w, quiet, err := parseWindow(p.QuietHours)
	if err != nil {
		return fmt.Errorf("profile: quiet_hours %q is not a window such as 21:00-08:00, or empty for none", p.QuietHours)
	}
	if day, _ := parseClock(p.Reminders.DayBefore); quiet && w.from.d() > w.to.d() && day.d() >= w.from.d() {
		// Held to the morning, it would come on the day of the session,
		// and it says "tomorrow".
		return fmt.Errorf("profile: reminders.day_before %s is in the evening's quiet hours (%s): "+
			"the reminder would be held to the day of the session", p.Reminders.DayBefore, p.QuietHours)
	}
	return nil
}

// clock is a time of day on the wall clock.
type clock struct{ hour, min int }

// d returns the time of day as a duration since midnight.
func (c clock) d() time.Duration {
	return time.Duration(c.hour)*time.Hour + time.Duration(c.min)*time.Minute
}

// on returns the clock time on the calendar day days after local's date, in
// loc. time.Date normalises the day, and picks the offset in force then.
func (c clock) on(local time.Time, days int, loc *time.Location) time.Time {
	return time.Date(local.Year(), local.Month(), local.Day()+days, c.hour, c.min, 0, 0, loc)
}

// sinceMidnight returns how far into its day a local time is, by the clock.
func sinceMidnight(local time.Time) time.Duration {
	return time.Duration(local.Hour())*time.Hour + time.Duration(local.Minute())*time.Minute +
		time.Duration(local.Second())*time.Second
}

// parseClock reads a time of day written "HH:MM", 00:00 to 23:59.
func parseClock(s string) (clock, error) {
	digit := func(i int) int { return int(s[i] - '0') }
	if len(s) != 5 || s[2] != ':' || strings.Trim(s[:2]+s[3:], "0123456789") != "" {
		return clock{}, fmt.Errorf("%q is not HH:MM", s)
	}
	c := clock{digit(0)*10 + digit(1), digit(3)*10 + digit(4)}
	if c.hour > 23 || c.min > 59 {
		return clock{}, fmt.Errorf("%q is not a time of day", s)
	}
	return c, nil
}

// window is a daily span of quiet hours; it wraps midnight when from is
// after to.
type window struct{ from, to clock }

// parseWindow reads quiet hours written "HH:MM-HH:MM"; ok is false for
// none (""). A window that starts where it ends is an error.
func parseWindow(s string) (w window, ok bool, err error) {
	if s == "" {
		return window{}, false, nil
	}
	from, to, found := strings.Cut(s, "-")
	if !found {
		return window{}, false, fmt.Errorf("%q is not HH:MM-HH:MM", s)
	}
	if w.from, err = parseClock(from); err != nil {
		return window{}, false, err
	}
	if w.to, err = parseClock(to); err != nil {
		return window{}, false, err
	}
	if w.from == w.to {
		return window{}, false, fmt.Errorf("%q starts where it ends", s)
	}
	return w, true, nil
}
