package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"collegebot/internal/jobs"
)

// runJob runs one job now, or as if it were the local time at; a dry run
// prints what it would queue and queues nothing.
func (a *app) runJob(ctx context.Context, name, at string, dry bool, e env) error {
	now := time.Now().In(a.cfg.Loc)
	if at != "" {
		t, err := parseAt(at, a.cfg.Loc)
		if err != nil {
			return err
		}
		// The store's transactions act at the time asked for.
		now, a.db.Now = t, func() time.Time { return t }
	}
	r, err := a.runner(slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return err
	}
	if dry {
		fmt.Fprintf(e.stdout, "Dry run of %s as at %s: nothing is changed.\n", name, now.Format("Mon 2 Jan 2006 15:04 MST"))
	}
	counts, err := r.RunNow(ctx, name, now, dry, func(p jobs.Planned) { printPlanned(e.stdout, p, a.cfg.Loc) })
	if err != nil {
		return err
	}
	if name == "digest" {
		if err := a.printDigest(ctx, e.stdout, now); err != nil {
			return err
		}
	}
	printRunCounts(e.stdout, name, dry, counts)
	return nil
}

// parseAt reads --at as a local time in loc, refusing one the clocks skip.
func parseAt(s string, loc *time.Location) (time.Time, error) {
	t, err := time.ParseInLocation(atLayout, s, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("--at %q is not a local date and time such as %q", s, "2026-12-01 09:00")
	}
	if t.Format(atLayout) != s {
		return time.Time{}, fmt.Errorf("--at %q does not happen in %s: the clocks go forward then", s, loc)
	}
	return t, nil
}

// printPlanned prints one thing a job would queue: when, what, to whom and
// why.
func printPlanned(w io.Writer, p jobs.Planned, loc *time.Location) {
	who := fmt.Sprintf("student %d", p.StudentID)
	if p.FirstName != "" {
		who += " (" + p.FirstName + ")"
	}
	fmt.Fprintf(w, "%s  %s to %s: %s\n", p.When.In(loc).Format("Mon 2 Jan 15:04"), p.What, who, p.Why)
}

// printDigest prints what the digest job builds: tomorrow's registers,
// the changes, and on a Monday the sessions of the week ahead.
func (a *app) printDigest(ctx context.Context, w io.Writer, now time.Time) error {
	text, err := jobs.Digest{Store: a.db, Loc: a.cfg.Loc}.Preview(ctx, now)
	if err == nil {
		fmt.Fprintln(w, text)
	}
	return err
}

// printRunCounts prints what a run did, or would have done.
func printRunCounts(w io.Writer, name string, dry bool, counts map[string]int) {
	if dry {
		fmt.Fprintf(w, "%s would do: %s.\n", name, formatCounts(counts))
		return
	}
	fmt.Fprintf(w, "%s did: %s.\n", name, formatCounts(counts))
}
