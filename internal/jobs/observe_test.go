package jobs

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"
)

// TestObserveEachRecordedRun: Observe hears each run the ledger records,
// with its length by the runner's clock and its failure, a panic
// included; a dry run is not recorded and not heard.
func TestObserveEachRecordedRun(t *testing.T) {
	ok := Job{Name: "ok", Spec: "* * * * *", Run: func(context.Context, time.Time, bool, func(Planned)) (map[string]int, error) {
		return nil, nil
	}}
	bad := Job{Name: "bad", Spec: "* * * * *", Run: func(context.Context, time.Time, bool, func(Planned)) (map[string]int, error) {
		return nil, errors.New("database is locked")
	}}
	boom := Job{Name: "boom", Spec: "* * * * *", Run: func(context.Context, time.Time, bool, func(Planned)) (map[string]int, error) {
		panic("nil map")
	}}
	r, _, _ := newTestRunner(t, ok, bad, boom)
	clock := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	r.Now = func() time.Time { clock = clock.Add(1500 * time.Millisecond); return clock }
	var heard []string
	r.Observe = func(job string, took time.Duration, err error) {
		heard = append(heard, fmt.Sprintf("%s %v %v", job, took, err != nil))
	}
	for _, name := range []string{"ok", "bad", "boom"} {
		r.RunNow(context.Background(), name, time.Time{}, false, nil)
	}
	r.RunNow(context.Background(), "ok", time.Time{}, true, nil)

	want := []string{"ok 1.5s false", "bad 1.5s true", "boom 1.5s true"}
	if !slices.Equal(heard, want) {
		t.Errorf("Observe heard %q\nwant            %q", heard, want)
	}
}
