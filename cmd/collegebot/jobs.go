package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"collegebot/internal/jobs"
)

// atLayout is how --at is written: local time, as in the prospectus CSV.
const atLayout = "2006-01-02 15:04"

// jobsCmd lists the scheduled jobs and runs one by hand.
func jobsCmd(e env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "jobs",
		Short: "List the scheduled jobs and their last runs, or run one now",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(jobsListCmd(e), jobsRunCmd(e))
	return cmd
}

func jobsListCmd(e env) *cobra.Command {
	var n int
	cmd := &cobra.Command{
		Use:   "list",
		Short: "Show the schedule in the college's time zone, and each job's last runs",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withApp(cmd, e, func(a *app) error { return a.listJobs(cmd.Context(), n, e.stdout) })
		},
	}
	cmd.Flags().IntVar(&n, "runs", 3, "how many of each job's last runs to show")
	return cmd
}

func jobsRunCmd(e env) *cobra.Command {
	var at string
	var dry bool
	cmd := &cobra.Command{
		Use:   "run NAME",
		Short: "Run one scheduled job (due, digest, retention, alerts, backup) now, or as if it were --at",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withApp(cmd, e, func(a *app) error { return a.runJob(cmd.Context(), args[0], at, dry, e) })
		},
	}
	cmd.Flags().StringVar(&at, "at", "", `act as if it were this local time, e.g. "2026-12-01 09:00"`)
	cmd.Flags().BoolVar(&dry, "dry-run", false, "show what the job would queue, to whom and why, and queue nothing")
	return cmd
}

// runner returns the job runner with collegebot's jobs on its schedule.
func (a *app) runner(log *slog.Logger) (*jobs.Runner, error) {
	r := jobs.NewRunner(a.db, a.cfg.Loc, log)
	for _, j := range []jobs.Job{
		jobs.Due{Store: a.db, Notify: a.engine, Profile: a.cfg.Profile, Loc: a.cfg.Loc}.Job(),
		jobs.Digest{Store: a.db, Loc: a.cfg.Loc, Staff: a.desk}.Job(),
		jobs.Retention{Store: a.db, Policy: a.cfg.Profile.Retention, Loc: a.cfg.Loc}.Job(),
		jobs.Alerts{Repeater: a.desk, Loc: a.cfg.Loc}.Job(),
		jobs.Backup{Store: a.db, Dir: a.cfg.BackupDir(), Keep: a.cfg.Backup.Keep, Loc: a.cfg.Loc}.Job(),
	} {
		if err := r.Add(j); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// listJobs prints the schedule, then each job's last n runs.
func (a *app) listJobs(ctx context.Context, n int, out io.Writer) error {
	r, err := a.runner(slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Schedule (%s):\njob\tcron\tnext run\n", a.cfg.Loc)
	for _, s := range r.List() {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", s.Name, s.Spec, s.Next.Format("Mon 2 Jan 15:04 MST"))
	}
	fmt.Fprintf(tw, "\nLast runs:\njob\tstarted\ttook\tcounts\terror\n")
	for _, s := range r.List() {
		if err := a.printRuns(ctx, tw, s.Name, n); err != nil {
			return err
		}
	}
	return tw.Flush()
}

// printRuns prints a job's last n runs from the ledger, newest first.
func (a *app) printRuns(ctx context.Context, w io.Writer, job string, n int) error {
	runs, err := a.db.LastRuns(ctx, job, n)
	if err != nil {
		return err
	}
	if len(runs) == 0 {
		fmt.Fprintf(w, "%s\tnever\t\t\t\n", job)
	}
	for _, run := range runs {
		took := "unfinished"
		if run.Finished != nil {
			took = run.Took().Round(time.Millisecond).String()
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", job, run.Started.In(a.cfg.Loc).Format(time.DateTime),
			took, formatCounts(run.Counts), run.Err)
	}
	return nil
}

// formatCounts prints counts as "reminders=2 surveys=1", leaving out
// zeros; "nothing" when all are zero.
func formatCounts(counts map[string]int) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(counts)) {
		if counts[k] != 0 {
			parts = append(parts, fmt.Sprintf("%s=%d", k, counts[k]))
		}
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, " ")
}
