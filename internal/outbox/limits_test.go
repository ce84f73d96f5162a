package outbox

import (
	"testing"
	"time"

	"golang.org/x/time/rate"

	"collegebot/internal/college"
)

func TestChannelRateAndBatch(t *testing.T) {
	tests := []struct {
		perSecond float64
		burst     int
		wantLimit rate.Limit
		wantBurst int
		wantBatch int
	}{
		{10, 0, 10, 10, 10}, // a UK long code
		{100, 20, 100, 20, 10},
		{2.5, 0, 2.5, 3, 2},
		{0.5, 0, 0.5, 1, 1},
		{0, 0, rate.Inf, 1, 10}, // unlimited
	}
	for _, tc := range tests {
		d := New(nil, nil, Channel{Name: college.SMS, SegmentsPerSecond: tc.perSecond, Burst: tc.burst})
		l := d.lanes[0]
		lim := l.lim.(*rate.Limiter)
		if lim.Limit() != tc.wantLimit || lim.Burst() != tc.wantBurst || l.batch != tc.wantBatch {
			t.Errorf("%v a second, burst %d: limit %v burst %d batch %d; want %v, %d, %d", tc.perSecond,
				tc.burst, lim.Limit(), lim.Burst(), l.batch, tc.wantLimit, tc.wantBurst, tc.wantBatch)
		}
	}
}

func TestBackoffDoublesWithJitterUpToACap(t *testing.T) {
	for attempts, base := range map[int]time.Duration{
		1: 2 * time.Second, 2: 4 * time.Second, 4: 16 * time.Second,
		9: maxBackoff, 100: maxBackoff,
	} {
		for range 50 {
			if got := backoff(attempts); got < base*3/4 || got >= base*5/4 {
				t.Fatalf("backoff(%d) = %v, want within a quarter of %v", attempts, got, base)
			}
		}
	}
}

func TestAddressLimitsForgetTheLeastRecentlyUsed(t *testing.T) {
	if newAddressLimits(0, 5) != nil {
		t.Errorf("no rate per address gave limits")
	}
	a := newAddressLimits(1, 0)
	if a.limit != 1 || a.burst != 1 {
		t.Fatalf("1 a second: limit %v burst %d, want 1, 1", a.limit, a.burst)
	}
	a.max = 2
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for _, addr := range []string{"a", "b", "a", "c"} {
		a.delay(addr, now)
	}
	if _, ok := a.byKey["b"]; ok || len(a.byKey) != 2 || a.lru.Len() != 2 {
		t.Errorf("kept %v, want a and c", a.byKey)
	}
	// a was kept with its state: it has had its message this second.
	if d := a.delay("a", now); d != time.Second {
		t.Errorf("a's next message waits %v, want 1s", d)
	}
	// b starts afresh.
	if d := a.delay("b", now); d != 0 {
		t.Errorf("a forgotten address waits %v, want 0", d)
	}
}
