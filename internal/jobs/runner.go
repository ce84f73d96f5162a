// Package jobs runs collegebot's scheduled jobs: the minutely sweep that
// queues what is due, the staff digests and the nightly retention clean-up.
// A ledger, not the cron expression, decides what is due (DESIGN §3): every
// job is safe to run twice, late or by hand, and every run is recorded.
package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// Job is a scheduled job. Run does the job as at now (in the college's
// zone), or with dry set works out and reports through plan what it would
// do, changing nothing; it returns what it counted.
type Job struct {
	Name string
	Spec string // a standard five-field cron spec, in the college's zone
	Run  func(ctx context.Context, now time.Time, dry bool, plan func(Planned)) (map[string]int, error)
}

// Scheduled is a job on the schedule, with when it next runs.
type Scheduled struct {
	Name string
	Spec string
	Next time.Time // in the college's zone
}

// Runner runs jobs on robfig/cron in the college's zone. A job whose last
// run has not finished is skipped, a panic is recovered, and every run is
// recorded in the ledger.
type Runner struct {
	// Now is the clock runs are timed and recorded by; tests replace it.
	Now func() time.Time
	// Grace is how long Run waits, once told to stop, for runs in progress
	// to finish before it cancels them.
	Grace time.Duration
	// Observe, when set, is told of each run recorded (scheduled, or run
	// by hand with RunNow; not a dry run): the job, how long it took by
	// the runner's clock, and why it failed (nil when it did not). It must
	// not block.
	Observe func(job string, took time.Duration, err error)

	cron   *cron.Cron
	ledger Ledger
	log    *slog.Logger
	loc    *time.Location
	jobs   []entry
	// ctx is the context of scheduled runs, cancelled when Grace runs out.
	ctx    context.Context
	cancel context.CancelFunc
}

// entry is a registered job and its place in cron.
type entry struct {
	Job
	sched cron.Schedule
	id    cron.EntryID
}

// NewRunner returns a runner with no jobs, scheduling in loc and recording
// runs in ledger.
func NewRunner(ledger Ledger, loc *time.Location, log *slog.Logger) *Runner {
	log = log.With("comp", "jobs")
	cl := cronLogger{log}
	ctx, cancel := context.WithCancel(context.Background())
	return &Runner{
		Now: time.Now, Grace: 30 * time.Second,
		cron: cron.New(cron.WithLocation(loc), cron.WithLogger(cl),
			cron.WithChain(cron.Recover(cl), cron.SkipIfStillRunning(cl))),
		ledger: ledger, log: log, loc: loc, ctx: ctx, cancel: cancel,
	}
}

// Add puts a job on the schedule. A spec cron cannot read, or a name
// already taken, is an error.
func (r *Runner) Add(j Job) error {
	if _, ok := r.find(j.Name); ok || j.Name == "" {
		return fmt.Errorf("jobs: job name %q is empty or taken", j.Name)
	}
	sched, err := cron.ParseStandard(j.Spec)
	if err != nil {
		return fmt.Errorf("jobs: job %s: schedule %q: %w", j.Name, j.Spec, err)
	}
	id := r.cron.Schedule(sched, cron.FuncJob(func() {
		// The result is in the ledger and the log.
		_, _ = r.record(r.ctx, j, r.Now(), nil)
	}))
	r.jobs = append(r.jobs, entry{Job: j, sched: sched, id: id})
	return nil
}

// List returns the schedule, in the order the jobs were added.
func (r *Runner) List() []Scheduled {
	now := r.Now().In(r.loc)
	out := make([]Scheduled, len(r.jobs))
	for i, e := range r.jobs {
		out[i] = Scheduled{Name: e.Name, Spec: e.Spec, Next: e.sched.Next(now)}
	}
	return out
}

// RunNow runs one job once, as at at (now when zero), and returns what it
// counted. A dry run changes nothing, reports through plan, and is not
// recorded; a real one is recorded like a scheduled run.
func (r *Runner) RunNow(ctx context.Context, name string, at time.Time, dry bool, plan func(Planned)) (map[string]int, error) {
	e, ok := r.find(name)
	if !ok {
		return nil, fmt.Errorf("no job %q: the jobs are %s", name, strings.Join(r.names(), ", "))
	}
	if at.IsZero() {
		at = r.Now()
	}
	if dry {
		return r.guard(ctx, e.Job, at, true, plan)
	}
	return r.record(ctx, e.Job, at, plan)
}

// Run starts the schedule and blocks until ctx ends. Then it stops the
// schedule and waits for runs in progress, cancelling them if they take
// longer than Grace.
func (r *Runner) Run(ctx context.Context) error {
	r.cron.Start()
	r.log.Info("schedule started", "jobs", strings.Join(r.names(), ","), "zone", r.loc.String())
	<-ctx.Done()
	stopped := r.cron.Stop()
	select {
	case <-stopped.Done():
	case <-time.After(r.Grace):
		r.log.Warn("cancelling the jobs still running", "grace", r.Grace)
		r.cancel()
		<-stopped.Done()
	}
	r.cancel()
	return nil
}

// find returns the job registered under name.
func (r *Runner) find(name string) (entry, bool) {
	i := slices.IndexFunc(r.jobs, func(e entry) bool { return e.Name == name })
	if i < 0 {
		return entry{}, false
	}
	return r.jobs[i], true
}

// names returns the jobs' names in the order they were added.
func (r *Runner) names() []string {
	out := make([]string, len(r.jobs))
	for i, e := range r.jobs {
		out[i] = e.Name
	}
	return out
}

// cronLogger bridges robfig/cron's logger into slog. cron reports every
// wake-up and run at info, which is noise beside the runner's own line per
// run, so those go to debug; a run skipped because the last is still going
// is a warning.
type cronLogger struct{ log *slog.Logger }

// Info implements cron.Logger.
func (l cronLogger) Info(msg string, kv ...any) {
	if msg == "skip" {
		l.log.Warn("cron: skipped a run: the last one is still going", kv...)
		return
	}
	l.log.Debug("cron: "+msg, kv...)
}

// Error implements cron.Logger.
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}
