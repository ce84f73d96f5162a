package conversation_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"collegebot/internal/college"
)

// recorder stands in for the engine: it notes what it handles, per
// sender, and fails chosen messages the first time.
type recorder struct {
	mu       sync.Mutex
	seen     map[string][]string
	failOnce map[string]bool
}

func (r *recorder) Handle(_ context.Context, in college.Inbound) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.failOnce[in.ProviderID] {
		delete(r.failOnce, in.ProviderID)
		return errors.New("the database was busy")
	}
	r.seen[in.Address] = append(r.seen[in.Address], in.Text)
	return nil
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, s := range r.seen {
		n += len(s)
	}
	return n
}

// Many students' messages are handled side by side, each student's in the
// order they wrote, exactly once; a message that fails is tried again and
// the same student's later messages wait behind it.
func TestWorkerKeepsEachStudentsOrder(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	const students, each = 40, 6
	for i := range each {
		for s := range students {
			in := college.Inbound{Channel: college.SMS, Address: fmt.Sprintf("+4477009%05d", s),
				Text: fmt.Sprint(i), ProviderID: fmt.Sprintf("p%d-%d", s, i), Received: h.now}
			if _, _, err := h.db.SaveInbound(ctx, in, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	rec := &recorder{seen: map[string][]string{}, failOnce: map[string]bool{"p3-1": true, "p7-4": true}}
	var mu sync.Mutex
	results := map[string]int{}
	w := h.eng.NewWorker(h.db, nil, slog.New(slog.NewTextHandler(io.Discard, nil))).Through(rec)
	w.Parallel, w.Rest = 8, time.Millisecond
	w.Observe = func(_ college.Channel, result string, _ time.Duration) {
		mu.Lock()
		results[result]++
		mu.Unlock()
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan error)
	go func() { done <- w.Run(ctx) }()
	for deadline := time.Now().Add(20 * time.Second); rec.count() < students*each && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	want := []string{"0", "1", "2", "3", "4", "5"}
	for s := range students {
		if got := rec.seen[fmt.Sprintf("+4477009%05d", s)]; !slices.Equal(got, want) {
			t.Errorf("student %d: handled %v, want %v", s, got, want)
		}
	}
	if results["failed"] != 2 || results["handled"] != students*each {
		t.Errorf("observed %v, want 2 failed and %d handled", results, students*each)
	}
}
