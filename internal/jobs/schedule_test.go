package jobs

import (
	"context"
	"testing"
	"time"

	"github.com/robfig/cron/v3"

	"collegebot/internal/college"
)

func TestListShowsTheScheduleInTheCollegesZone(t *testing.T) {
	r, _, _ := newTestRunner(t, counting("due", nil, nil), Digest{}.Job(), Retention{}.Job())
	// The Saturday night before the clocks go forward.
	r.Now = func() time.Time { return time.Date(2026, 3, 28, 23, 59, 30, 0, time.UTC) }
	want := map[string]string{
		"due":       "2026-03-29 00:00 GMT",
		"digest":    "2026-03-29 07:00 BST",
		"retention": "2026-03-29 03:30 BST",
	}
	list := r.List()
	if len(list) != 3 {
		t.Fatalf("List = %+v", list)
	}
	for _, s := range list {
		if got := s.Next.Format("2006-01-02 15:04 MST"); got != want[s.Name] {
			t.Errorf("%s (%s) next runs %s, want %s", s.Name, s.Spec, got, want[s.Name])
		}
	}
}

// TestCoarseJobsRunOnceADayAcrossTheClockChanges walks 2026 through each
// daily job's schedule as cron computes it: every local day has exactly one
// run, at the same local time, on 29 March and 25 October too. The control
// spec, at 01:30, shows the trap the real specs avoid.
func TestCoarseJobsRunOnceADayAcrossTheClockChanges(t *testing.T) {
	loc := london(t)
	for _, spec := range []string{DigestSpec, RetentionSpec} {
		runs := runsPerDay(t, spec, loc)
		for d := time.Date(2026, 1, 1, 0, 0, 0, 0, loc); d.Year() == 2026; d = d.AddDate(0, 0, 1) {
			if key := d.Format(time.DateOnly); len(runs[key]) != 1 {
				t.Errorf("%q runs %d times on %s: %v", spec, len(runs[key]), key, runs[key])
			}
		}
	}
	control := runsPerDay(t, "30 1 * * *", loc)
	if len(control["2026-03-29"]) != 0 || len(control["2026-10-25"]) != 2 {
		t.Errorf("01:30 on the change days: %v and %v; robfig/cron no longer skips and doubles?",
			control["2026-03-29"], control["2026-10-25"])
	}
}

// runsPerDay lists a spec's runs in 2026 by local date, as local times.
func runsPerDay(t *testing.T, spec string, loc *time.Location) map[string][]string {
	t.Helper()
	sched, err := cron.ParseStandard(spec)
	if err != nil {
		t.Fatal(err)
	}
	runs := map[string][]string{}
	for at := sched.Next(time.Date(2026, 1, 1, 0, 0, 0, 0, loc)); at.Year() == 2026; at = sched.Next(at) {
		runs[at.Format(time.DateOnly)] = append(runs[at.Format(time.DateOnly)], at.Format("15:04 MST"))
	}
	return runs
}

func TestRetentionCutsAtTheSettings(t *testing.T) {
	loc := london(t)
	store := &fakeRetainer{}
	job := Retention{Store: store, Policy: college.DefaultRetention(), Loc: loc}
	now := time.Date(2026, 6, 1, 3, 30, 0, 0, loc) // BST
	counts, err := job.Run(context.Background(), now, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	// 90 days back is in GMT: the cut is still 03:30 on the clock.
	if got := store.bodies.In(loc).Format("2006-01-02 15:04 MST"); got != "2026-03-03 03:30 GMT" {
		t.Errorf("bodies cut at %s", got)
	}
	if got := store.inactive.In(loc).Format("2006-01-02 15:04"); got != "2023-06-01 03:30" {
		t.Errorf("inactive cut at %s", got)
	}
	if store.preview || counts["students_erased"] != 2 {
		t.Errorf("real run: preview %v, counts %v", store.preview, counts)
	}
	if _, err := job.Run(context.Background(), now, true, nil); err != nil || !store.preview {
		t.Errorf("dry run: preview %v, err %v", store.preview, err)
	}
}

// fakeRetainer records the cut-offs it was given.
type fakeRetainer struct {
	bodies, inactive time.Time
	preview          bool
}

func (f *fakeRetainer) Retain(_ context.Context, bodies, inactive time.Time) (college.Retained, error) {
	f.bodies, f.inactive, f.preview = bodies, inactive, false
	return college.Retained{StudentsErased: 2}, nil
}

func (f *fakeRetainer) RetainPreview(_ context.Context, bodies, inactive time.Time) (college.Retained, error) {
	f.bodies, f.inactive, f.preview = bodies, inactive, true
	return college.Retained{StudentsErased: 2}, nil
}
