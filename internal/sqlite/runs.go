package sqlite

import (
	"context"
	"fmt"
	"time"
)

// JobRun is one run of a scheduled job, as the ledger records it.
type JobRun struct {
	ID       int64
	Job      string
	Started  time.Time
	Finished *time.Time // nil while it runs, or if the process died during it
	Counts   map[string]int
	Err      string // why it failed; empty when it did not
}

// Took returns how long the run lasted, or 0 if it has not finished.
func (r JobRun) Took() time.Duration {
	if r.Finished == nil {
		return 0
	}
	return r.Finished.Sub(r.Started)
}

// runLayout stores ledger times to the millisecond, so a run's length
// shows; it still sorts and compares as the other times do.
const runLayout = "2006-01-02 15:04:05.000"

// StartRun records that a job started at a time and returns the run's id.
// The ledger takes the caller's times, not the database clock, which a
// command run "as if" another time has moved.
func (db *DB) StartRun(ctx context.Context, job string, at time.Time) (int64, error) {
	var id int64
	err := db.update(ctx, func(t *tx) error {
		return t.queryRow(`INSERT INTO job_run (job, started_at) VALUES (?, ?) RETURNING id`,
			job, at.UTC().Format(runLayout)).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("sqlite: recording the start of job %s: %w", job, err)
	}
	return id, nil
}

// FinishRun records that a run ended at a time, with what it counted and
// why it failed (empty when it did not).
func (db *DB) FinishRun(ctx context.Context, id int64, at time.Time, counts map[string]int, failure string) error {
	js, err := jsonValue(counts, "{}")
	if err != nil {
		return fmt.Errorf("sqlite: recording job run %d: %w", id, err)
	}
	err = db.update(ctx, func(t *tx) error {
		return t.execOne(`UPDATE job_run SET finished_at = ?, counts = ?, error = ? WHERE id = ?`,
			at.UTC().Format(runLayout), js, failure, id)
	})
	if err != nil {
		return fmt.Errorf("sqlite: recording the end of job run %d: %w", id, err)
	}
	return nil
}

// LastRuns returns up to n of a job's runs, newest first.
func (db *DB) LastRuns(ctx context.Context, job string, n int) ([]JobRun, error) {
	var runs []JobRun
	err := db.view(ctx, func(t *tx) (err error) {
		runs, err = queryAll(t, scanRun, `SELECT id, job, started_at, finished_at, counts, error
			FROM job_run WHERE job = ? ORDER BY started_at DESC, id DESC LIMIT ?`, job, n)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing runs of job %s: %w", job, err)
	}
	return runs, nil
}

// scanRun reads a job_run row.
func scanRun(s scanner) (JobRun, error) {
	var r JobRun
	err := s.Scan(&r.ID, &r.Job, timeCol{&r.Started}, nullTimeCol{&r.Finished}, jsonCol{&r.Counts}, &r.Err)
	return r, err
}
