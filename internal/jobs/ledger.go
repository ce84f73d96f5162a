package jobs

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"
)

// Ledger records every run of a scheduled job: when it started and ended,
// what it counted, and why it failed. *sqlite.DB is one.
type Ledger interface {
	// StartRun records that a job started at a time and returns the run's id.
	StartRun(ctx context.Context, job string, at time.Time) (int64, error)
	// FinishRun records that a run ended, with its counts and its failure
	// (empty when it did not fail).
	FinishRun(ctx context.Context, id int64, at time.Time, counts map[string]int, failure string) error
}

// record runs a job once at a moment and records the run in the ledger,
// start and end by the runner's clock. A ledger that cannot be written is
// logged, and the job runs anyway: what is due does not depend on it.
func (r *Runner) record(ctx context.Context, j Job, at time.Time, plan func(Planned)) (map[string]int, error) {
	// The ledger is written even when ctx has ended: a cancelled run is
	// recorded as such.
	lctx := context.WithoutCancel(ctx)
	begin := r.Now()
	id, lerr := r.ledger.StartRun(lctx, j.Name, begin)
	if lerr != nil {
		r.log.Error("recording a job's start", "job", j.Name, "err", lerr)
	}
	counts, err := r.guard(ctx, j, at, false, plan)
	end := r.Now()
	if lerr == nil {
		if ferr := r.ledger.FinishRun(lctx, id, end, counts, failure(err)); ferr != nil {
			r.log.Error("recording a job's end", "job", j.Name, "err", ferr)
		}
	}
	r.logRun(j.Name, at, end.Sub(begin), counts, err)
	if r.Observe != nil {
		r.Observe(j.Name, end.Sub(begin), err)
	}
	return counts, err
}

// guard runs a job, turning a panic into an error so that it is recorded
// like any other failure.
func (r *Runner) guard(ctx context.Context, j Job, at time.Time, dry bool, plan func(Planned)) (counts map[string]int, err error) {
	defer func() {
		if p := recover(); p != nil {
			r.log.Error("job panicked", "job", j.Name, "panic", p, "stack", string(debug.Stack()))
			counts, err = nil, fmt.Errorf("jobs: %s panicked: %v", j.Name, p)
		}
	}()
	if plan == nil {
		plan = func(Planned) {}
	}
	return j.Run(ctx, at.In(r.loc), dry, plan)
}

// logRun logs a finished run: its counts at info, a failure at error.
func (r *Runner) logRun(job string, at time.Time, took time.Duration, counts map[string]int, err error) {
	attrs := []any{"job", job, "at", at.In(r.loc).Format(time.DateTime), "took", took.Round(time.Millisecond)}
	for k, v := range counts {
		attrs = append(attrs, k, v)
	}
	if err != nil {
		r.log.Error("job failed", append(attrs, "err", err)...)
		return
	}
	r.log.Info("job done", attrs...)
}

// failure is an error as the ledger keeps it: its text, or empty.
func failure(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
