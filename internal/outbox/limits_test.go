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
