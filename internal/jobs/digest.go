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
}

// DigestSpec runs the digests at 07:00 every day: tomorrow's registers
// daily, and the week's sessions on Mondays.
const DigestSpec = "0 7 * * *"

// Digest builds the staff digests: each day the registers of tomorrow's
// sessions for their facilitators, and on Mondays the week's sessions with
// the numbers booked. Staff have no contacts yet (the staff issue adds
// them), so for now it builds the figures and counts them, which the runner
// logs and records; "collegebot jobs run digest --dry-run" prints the texts.
type Digest struct {
	Store DigestReader
	Loc   *time.Location
}

// Job returns the digests as a scheduled job named "digest".
func (d Digest) Job() Job { return Job{Name: "digest", Spec: DigestSpec, Run: d.Run} }

// Run builds tomorrow's registers and, on a Monday, the week's digest. It
// only reads, so a dry run is the same; plan is not called.
func (d Digest) Run(ctx context.Context, now time.Time, _ bool, _ func(Planned)) (map[string]int, error) {
	from, to := Tomorrow(now, d.Loc)
	regs, err := d.Store.Registers(ctx, from, to)
	if err != nil {
		return nil, fmt.Errorf("jobs: digest: %w", err)
	}
	counts := map[string]int{"registers": len(regs)}
	for _, r := range regs {
		counts["booked"] += len(r.Students)
	}
	if now.In(d.Loc).Weekday() == time.Monday {
		from, to := WeekAhead(now, d.Loc)
		figs, err := d.Store.SessionFigures(ctx, from, to)
		if err != nil {
			return nil, fmt.Errorf("jobs: digest: %w", err)
		}
		counts["week_sessions"] = len(figs)
	}
	return counts, nil
}

// Tomorrow returns the local calendar day after now's, as [from, to).
func Tomorrow(now time.Time, loc *time.Location) (from, to time.Time) {
	l := now.In(loc)
	from = time.Date(l.Year(), l.Month(), l.Day()+1, 0, 0, 0, 0, loc)
	return from, time.Date(l.Year(), l.Month(), l.Day()+2, 0, 0, 0, 0, loc)
}

// WeekAhead returns the seven local calendar days from the start of now's,
// as [from, to): on a Monday, the week the weekly digest covers.
func WeekAhead(now time.Time, loc *time.Location) (from, to time.Time) {
	l := now.In(loc)
	from = time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, loc)
	return from, time.Date(l.Year(), l.Month(), l.Day()+7, 0, 0, 0, 0, loc)
}

// WeeklyDigest returns the staff's summary of the sessions starting in
// [from, to): one line a session with the places booked, offered and
// waited for, and apologies.
func WeeklyDigest(ctx context.Context, r DigestReader, loc *time.Location, from, to time.Time) (string, error) {
	figs, err := r.SessionFigures(ctx, from, to)
	if err != nil {
		return "", fmt.Errorf("jobs: weekly digest: %w", err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Sessions %s to %s: %d\n", day(from, loc), day(to.Add(-time.Second), loc), len(figs))
	for _, f := range figs {
		fmt.Fprintf(&b, "%s  %s %s, %s: %s\n", f.Session.Start.In(loc).Format("Mon 2 Jan 15:04"),
			f.Course.Code, f.Course.Title, place(f.Session), numbers(f))
	}
	return b.String(), nil
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
	l := day.In(loc)
	from := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, loc)
	regs, err := r.Registers(ctx, from, time.Date(l.Year(), l.Month(), l.Day()+1, 0, 0, 0, 0, loc))
	if err != nil {
		return "", fmt.Errorf("jobs: registers: %w", err)
	}
	var b strings.Builder
	if len(regs) == 0 {
		fmt.Fprintf(&b, "No sessions on %s.\n", dayOf(from, loc))
		return b.String(), nil
	}
	fmt.Fprintf(&b, "Registers for %s\n", dayOf(from, loc))
	for _, reg := range regs {
		writeRegister(&b, reg, loc)
	}
	return b.String(), nil
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
