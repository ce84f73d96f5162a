package jobs

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

// memLedger is a ledger in memory.
type memLedger struct {
	mu   sync.Mutex
	runs []memRun
}

type memRun struct {
	job            string
	started, ended time.Time
	counts         map[string]int
	failure        string
	finished       bool
}

func (l *memLedger) StartRun(_ context.Context, job string, at time.Time) (int64, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.runs = append(l.runs, memRun{job: job, started: at})
	return int64(len(l.runs)), nil
}

func (l *memLedger) FinishRun(_ context.Context, id int64, at time.Time, counts map[string]int, failure string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	r := &l.runs[id-1]
	r.ended, r.counts, r.failure, r.finished = at, counts, failure, true
	return nil
}

func (l *memLedger) all() []memRun {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]memRun(nil), l.runs...)
}

// london is the demo college's zone.
func london(t testing.TB) *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// newTestRunner is a runner on a memory ledger whose log is kept in buf and
// whose clock stands still at 2026-03-02 09:00 UTC.
func newTestRunner(t *testing.T, jobs ...Job) (*Runner, *memLedger, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	led := &memLedger{}
	r := NewRunner(led, london(t), slog.New(slog.NewTextHandler(&syncWriter{w: &buf}, nil)))
	r.Now = func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) }
	for _, j := range jobs {
		if err := r.Add(j); err != nil {
			t.Fatal(err)
		}
	}
	return r, led, &buf
}

// syncWriter lets jobs on several goroutines log into one buffer.
type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// fire runs a job as cron does when its time comes: through the chain of
// wrappers the runner gave cron.
func fire(r *Runner, name string) {
	e, _ := r.find(name)
	r.cron.Entry(e.id).WrappedJob.Run()
}

func counting(name string, counts map[string]int, err error) Job {
	return Job{Name: name, Spec: "* * * * *", Run: func(context.Context, time.Time, bool, func(Planned)) (map[string]int, error) {
		return counts, err
	}}
}

func TestScheduledRunsAreRecorded(t *testing.T) {
	r, led, _ := newTestRunner(t,
		counting("ok", map[string]int{"queued": 3}, nil),
		counting("bad", nil, errors.New("disk full")))
	fire(r, "ok")
	fire(r, "bad")
	runs := led.all()
	if len(runs) != 2 {
		t.Fatalf("ledger has %d runs, want 2", len(runs))
	}
	if runs[0].job != "ok" || !runs[0].finished || runs[0].counts["queued"] != 3 || runs[0].failure != "" {
		t.Errorf("ok run = %+v", runs[0])
	}
	if runs[1].job != "bad" || !runs[1].finished || runs[1].failure != "disk full" {
		t.Errorf("failed run = %+v", runs[1])
	}
}

func TestPanicIsRecoveredAndRecorded(t *testing.T) {
	r, led, logs := newTestRunner(t, Job{Name: "boom", Spec: "* * * * *",
		Run: func(context.Context, time.Time, bool, func(Planned)) (map[string]int, error) {
			var m map[string]int
			//lint:ignore SA5000 the panic of a real bug is what this test needs
			m["x"]++
			return m, nil
		}})
	fire(r, "boom") // a panic escaping here would fail the test binary
	runs := led.all()
	if len(runs) != 1 || !runs[0].finished || !strings.Contains(runs[0].failure, "boom panicked: assignment to entry in nil map") {
		t.Errorf("ledger = %+v", runs)
	}
	if !strings.Contains(logs.String(), "job panicked") {
		t.Errorf("log lacks the panic:\n%s", logs)
	}
}

func TestARunIsSkippedWhileTheLastIsGoing(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	r, led, logs := newTestRunner(t, Job{Name: "slow", Spec: "* * * * *",
		Run: func(context.Context, time.Time, bool, func(Planned)) (map[string]int, error) {
			entered <- struct{}{}
			<-release
			return nil, nil
		}})
	done := make(chan struct{})
	go func() { fire(r, "slow"); close(done) }()
	<-entered
	fire(r, "slow") // returns at once: skipped, or it would block on entered
	close(release)
	<-done
	if n := len(led.all()); n != 1 {
		t.Errorf("ledger has %d runs, want 1", n)
	}
	if !strings.Contains(logs.String(), "skipped a run") {
		t.Errorf("log lacks the skip:\n%s", logs)
	}
}

func TestRunNow(t *testing.T) {
	var got struct {
		at  time.Time
		dry bool
	}
	job := Job{Name: "due", Spec: "* * * * *",
		Run: func(_ context.Context, now time.Time, dry bool, plan func(Planned)) (map[string]int, error) {
			got.at, got.dry = now, dry
			plan(Planned{Key: "reminder:1:2:day"})
			return map[string]int{"reminders": 1}, nil
		}}
	r, led, _ := newTestRunner(t, job)
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, london(t))

	var planned []Planned
	counts, err := r.RunNow(context.Background(), "due", at, true, func(p Planned) { planned = append(planned, p) })
	if err != nil || counts["reminders"] != 1 || !got.dry || !got.at.Equal(at) || len(planned) != 1 {
		t.Errorf("dry run: counts %v, err %v, seen %+v, planned %v", counts, err, got, planned)
	}
	if n := len(led.all()); n != 0 {
		t.Errorf("a dry run was recorded: %d runs", n)
	}

	if _, err := r.RunNow(context.Background(), "due", at, false, nil); err != nil || got.dry {
		t.Errorf("real run: err %v, dry %v", err, got.dry)
	}
	if runs := led.all(); len(runs) != 1 || runs[0].counts["reminders"] != 1 {
		t.Errorf("real run not recorded: %+v", runs)
	}
	if got.at.Location().String() != "Europe/London" {
		t.Errorf("job saw %v, want the college's zone", got.at)
	}

	_, err = r.RunNow(context.Background(), "reminders", at, false, nil)
	if err == nil || !strings.Contains(err.Error(), `no job "reminders": the jobs are due`) {
		t.Errorf("unknown job: %v", err)
	}
}

func TestAddRejectsBadSpecsAndTakenNames(t *testing.T) {
	r, _, _ := newTestRunner(t, counting("due", nil, nil))
	if err := r.Add(counting("due", nil, nil)); err == nil {
		t.Error("a second job named due was added")
	}
	bad := Job{Name: "digest", Spec: "at seven", Run: counting("", nil, nil).Run}
	if err := r.Add(bad); err == nil || !strings.Contains(err.Error(), `digest: schedule "at seven"`) {
		t.Errorf("bad spec: %v", err)
	}
}

func TestRunStopsWhenItsContextEnds(t *testing.T) {
	r, _, logs := newTestRunner(t, counting("due", nil, nil))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := r.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "schedule started") {
		t.Errorf("log:\n%s", logs)
	}
	if r.ctx.Err() == nil {
		t.Error("scheduled runs' context still live after Run returned")
	}
}
