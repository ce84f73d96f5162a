package jobs

import (
	"context"
	"fmt"
	"strings"
	"time"

	"collegebot/internal/college"
)

// DigestReader reads what the staff digests show. *sqlite.DB is one.
type DigestReader interface {
	// SessionFigures returns the sessions starting in [from, to), cancelled
	// ones included, with their course's numbers.
	SessionFigures(ctx context.Context, from, to time.Time) ([]college.SessionFigures, error)
	// Registers returns the live sessions starting in [from, to), each with
	// the students booked.
	Registers(ctx context.Context, from, to time.Time) ([]college.Register, error)
	// ChangedSessions returns the sessions moved or cancelled in [from, to).
	ChangedSessions(ctx context.Context, from, to time.Time) ([]college.SessionFigures, error)
}

// DigestSpec runs the digests at 07:00 every day: tomorrow's registers
// daily, and the week's sessions on Mondays.
const DigestSpec = "0 7 * * *"

// Digest builds the staff digests and sends them: each day the registers
// of tomorrow's sessions to their facilitators, and to admins and staff the
// sessions moved or cancelled in the last day; on Mondays, the week's
// sessions with the numbers booked and the week's changes. Each text has a
// key per day and member, so a second run the same day sends nothing more.
type Digest struct {
	Store DigestReader
	Loc   *time.Location
	// Staff is who the digests go to; with none they are only built and
	// counted.
	Staff StaffTeller
}

// Job returns the digests as a scheduled job named "digest".
func (d Digest) Job() Job { return Job{Name: "digest", Spec: DigestSpec, Run: d.Run} }

// Run builds the digests as of now and, unless dry, sends them; plan is
// not called.
func (d Digest) Run(ctx context.Context, now time.Time, dry bool, _ func(Planned)) (map[string]int, error) {
	dg, err := d.build(ctx, now)
	if err != nil {
		return nil, fmt.Errorf("jobs: digest: %w", err)
	}
	counts := map[string]int{"registers": len(dg.registers), "changes": len(dg.changes)}
	for _, r := range dg.registers {
		counts["booked"] += len(r.Students)
	}
	if dg.weekly {
		counts["week_sessions"] = len(dg.week)
	}
	if dry || d.Staff == nil {
		return counts, nil
	}
	counts["sent"], err = d.send(ctx, dg)
	if err != nil {
		return counts, fmt.Errorf("jobs: digest: %w", err)
	}
	return counts, nil
}

// digest is what one run reads: tomorrow's registers, the week ahead on
// a Monday, and the changes since the last digest.
type digest struct {
	now           time.Time
	weekly        bool
	tomorrow      time.Time // the start of tomorrow, whose registers go out
	from, to      time.Time // the week ahead
	registers     []college.Register
	week, changes []college.SessionFigures
}

func (d Digest) build(ctx context.Context, now time.Time) (digest, error) {
	dg := digest{now: now, weekly: now.In(d.Loc).Weekday() == time.Monday}
	from, to := Tomorrow(now, d.Loc)
	dg.tomorrow = from
	var err error
	if dg.registers, err = d.Store.Registers(ctx, from, to); err != nil {
		return dg, err
	}
	if dg.weekly {
		dg.from, dg.to = WeekAhead(now, d.Loc)
		if dg.week, err = d.Store.SessionFigures(ctx, dg.from, dg.to); err != nil {
			return dg, err
		}
	}
	dg.changes, err = d.Store.ChangedSessions(ctx, changesSince(now, d.Loc), now)
	return dg, err
}

// Tomorrow returns the local calendar day after now's, as [from, to).
func Tomorrow(now time.Time, loc *time.Location) (from, to time.Time) {
	return days(now, loc, 1, 1)
}

// WeekAhead returns the seven local calendar days from the start of now's,
// as [from, to): on a Monday, the week the weekly digest covers.
func WeekAhead(now time.Time, loc *time.Location) (from, to time.Time) {
	return days(now, loc, 0, 7)
}

// days returns n local calendar days, starting skip days after t's, as
// [from, to): a day is 23 or 25 hours when the clocks change.
func days(t time.Time, loc *time.Location, skip, n int) (from, to time.Time) {
	l := t.In(loc)
	from = time.Date(l.Year(), l.Month(), l.Day()+skip, 0, 0, 0, 0, loc)
	return from, time.Date(l.Year(), l.Month(), l.Day()+skip+n, 0, 0, 0, 0, loc)
}

// WeeklyDigest returns the staff's summary of the sessions starting in
// [from, to): one line a session with the places booked, offered and
// waited for, and apologies.
func WeeklyDigest(ctx context.Context, r DigestReader, loc *time.Location, from, to time.Time) (string, error) {
	figs, err := r.SessionFigures(ctx, from, to)
	if err != nil {
		return "", fmt.Errorf("jobs: weekly digest: %w", err)
	}
	return weeklyText(figs, loc, from, to), nil
}

// weeklyText is the week's sessions, one line each.
func weeklyText(figs []college.SessionFigures, loc *time.Location, from, to time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Sessions %s to %s: %d\n", day(from, loc), day(to.Add(-time.Second), loc), len(figs))
	for _, f := range figs {
		fmt.Fprintf(&b, "%s  %s %s, %s: %s\n", f.Session.Start.In(loc).Format("Mon 2 Jan 15:04"),
			f.Course.Code, f.Course.Title, place(f.Session), numbers(f))
	}
	return b.String()
}

// numbers says how full a session's course is, or that it is cancelled.
func numbers(f college.SessionFigures) string {
	if !f.Session.Live() {
		return "CANCELLED"
	}
	parts := []string{fmt.Sprintf("%d/%d booked", f.Booked, f.Course.Capacity)}
	if f.Offered > 0 {
		parts = append(parts, fmt.Sprintf("%d offered", f.Offered))
	}
	if f.Waiting > 0 {
		parts = append(parts, fmt.Sprintf("%d waiting", f.Waiting))
	}
	if f.Apologies > 0 {
		parts = append(parts, plural(f.Apologies, "apology", "apologies"))
	}
	return strings.Join(parts, ", ")
}

// DailyRegister returns the registers of the sessions on the local
// calendar day holding day: for each, who is booked and who sent apologies.
func DailyRegister(ctx context.Context, r DigestReader, loc *time.Location, day time.Time) (string, error) {
	from, to := days(day, loc, 0, 1)
	regs, err := r.Registers(ctx, from, to)
	if err != nil {
		return "", fmt.Errorf("jobs: registers: %w", err)
	}
	if len(regs) == 0 {
		return fmt.Sprintf("No sessions on %s.\n", dayOf(from, loc)), nil
	}
	return registersText(regs, loc, from), nil
}

// registersText is the registers of the sessions of one day, under a
// heading naming it.
func registersText(regs []college.Register, loc *time.Location, day time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Registers for %s\n", dayOf(day, loc))
	for _, r := range regs {
		writeRegister(&b, r, loc)
	}
	return b.String()
}

// writeRegister writes one session's register.
func writeRegister(b *strings.Builder, r college.Register, loc *time.Location) {
	s := r.Session
	fmt.Fprintf(b, "\n%s %s, %s-%s, %s\n", r.Course.Code, r.Course.Title,
		s.Start.In(loc).Format("15:04"), s.End.In(loc).Format("15:04"), place(s))
	if r.Course.Facilitators != "" {
		fmt.Fprintf(b, "Facilitators: %s\n", r.Course.Facilitators)
	}
	sorry := 0
	for _, st := range r.Students {
		if st.Status == college.Apologies {
			sorry++
		}
	}
	fmt.Fprintf(b, "%d booked", len(r.Students))
	if sorry > 0 {
		fmt.Fprintf(b, ", %s", plural(sorry, "apology", "apologies"))
	}
	b.WriteString("\n")
	for _, st := range r.Students {
		if st.Status == college.Apologies {
			fmt.Fprintf(b, "  %s (apologies)\n", name(st))
		} else {
			fmt.Fprintf(b, "  %s\n", name(st))
		}
	}
}

// name is a student as a register shows them.
func name(st college.RegisterLine) string {
	if st.FirstName == "" {
		return fmt.Sprintf("(student %d, no name)", st.StudentID)
	}
	return st.FirstName
}

// place is where a session meets: its venue, or online.
func place(s college.Session) string {
	if s.Venue == nil {
		return "online"
	}
	return s.Venue.Name
}

// day formats a date for a digest's heading, e.g. "Mon 2 Mar".
func day(t time.Time, loc *time.Location) string { return t.In(loc).Format("Mon 2 Jan") }

// dayOf formats a date with its year, e.g. "Tue 3 Mar 2026".
func dayOf(t time.Time, loc *time.Location) string { return t.In(loc).Format("Mon 2 Jan 2006") }

// plural counts a noun: "1 apology", "2 apologies".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
