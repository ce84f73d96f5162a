package sqlite_test

import (
	"context"
	"testing"
	"time"
)

func TestJobRunLedger(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	t0 := time.Date(2026, 3, 2, 7, 0, 0, 0, time.UTC)
	for i, failure := range []string{"", "database is locked"} {
		begin := t0.Add(time.Duration(i) * time.Minute)
		id, err := db.StartRun(ctx, "due", begin)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.FinishRun(ctx, id, begin.Add(1250*time.Millisecond), map[string]int{"reminders": i + 2}, failure); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.StartRun(ctx, "retention", t0); err != nil {
		t.Fatal(err)
	}

	runs, err := db.LastRuns(ctx, "due", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 {
		t.Fatalf("due runs = %d, want 2", len(runs))
	}
	last := runs[0]
	if last.Err != "database is locked" || last.Counts["reminders"] != 3 || last.Took() != 1250*time.Millisecond ||
		!last.Started.Equal(t0.Add(time.Minute)) {
		t.Errorf("newest run = %+v, took %v", last, last.Took())
	}
	if runs[1].Err != "" || runs[1].Counts["reminders"] != 2 {
		t.Errorf("older run = %+v", runs[1])
	}

	open, err := db.LastRuns(ctx, "retention", 5)
	if err != nil || len(open) != 1 || open[0].Finished != nil || open[0].Took() != 0 {
		t.Errorf("unfinished run = %+v, %v", open, err)
	}
	if err := db.FinishRun(ctx, 999, t0, nil, ""); err == nil {
		t.Error("finishing a run that never started succeeded")
	}
}
