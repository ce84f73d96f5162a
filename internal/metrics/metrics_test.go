package metrics_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"collegebot/internal/college"
	"collegebot/internal/metrics"
)

// TestHooksCount: each hook counts what it is told, under the channel and
// result it is told, and a result no one defined counts as "other".
func TestHooksCount(t *testing.T) {
	m := metrics.New(nil, college.SMS, college.Telegram)
	sms := m.Inbound(college.SMS)
	sms(college.InboundStored)
	sms(college.InboundStored)
	sms(college.InboundForged)
	m.Inbound(college.Telegram)("+447700900123") // never a label value
	m.DeliveryReport(college.SMS)("delivered")
	m.Sent(college.SMS, college.SendSent, 200*time.Millisecond)
	m.Sent(college.Telegram, college.SendThrottled, 30*time.Millisecond)
	m.JobRun("due", 40*time.Millisecond, nil)
	m.JobRun("due", time.Second, errors.New("database is locked"))

	want := `
# HELP collegebot_inbound_total Inbound webhook requests and Telegram updates, by what became of them: stored, duplicate, ignored (Telegram updates the bot does not read), forged, malformed or error.
# TYPE collegebot_inbound_total counter
collegebot_inbound_total{channel="sms",result="duplicate"} 0
collegebot_inbound_total{channel="sms",result="error"} 0
collegebot_inbound_total{channel="sms",result="forged"} 1
collegebot_inbound_total{channel="sms",result="ignored"} 0
collegebot_inbound_total{channel="sms",result="malformed"} 0
collegebot_inbound_total{channel="sms",result="stored"} 2
collegebot_inbound_total{channel="telegram",result="duplicate"} 0
collegebot_inbound_total{channel="telegram",result="error"} 0
collegebot_inbound_total{channel="telegram",result="forged"} 0
collegebot_inbound_total{channel="telegram",result="ignored"} 0
collegebot_inbound_total{channel="telegram",result="malformed"} 0
collegebot_inbound_total{channel="telegram",result="other"} 1
collegebot_inbound_total{channel="telegram",result="stored"} 0
# HELP collegebot_throttled_total Sends the provider refused with 429 Too Many Requests.
# TYPE collegebot_throttled_total counter
collegebot_throttled_total{channel="sms"} 0
collegebot_throttled_total{channel="telegram"} 1
# HELP collegebot_job_runs_total Scheduled job runs, by result: ok or failed.
# TYPE collegebot_job_runs_total counter
collegebot_job_runs_total{job="due",result="failed"} 1
collegebot_job_runs_total{job="due",result="ok"} 1
# HELP collegebot_delivery_reports_total Delivery status callbacks from the provider, by the status they report, or forged, malformed or error.
# TYPE collegebot_delivery_reports_total counter
collegebot_delivery_reports_total{channel="sms",status="delivered"} 1
`
	err := testutil.GatherAndCompare(m.Registry(), strings.NewReader(want), "collegebot_inbound_total",
		"collegebot_throttled_total", "collegebot_job_runs_total", "collegebot_delivery_reports_total")
	if err != nil {
		t.Error(err)
	}
	if n, _ := testutil.GatherAndCount(m.Registry(), "collegebot_outbound_total"); n != 12 {
		t.Errorf("outbound series = %d, want 6 results on 2 channels", n)
	}
}

// TestInboundLatencyBuckets: a handled message's lag lands in the fine
// buckets; a failed one is counted but has no latency.
func TestInboundLatencyBuckets(t *testing.T) {
	m := metrics.New(nil, college.SMS)
	m.Handled(college.SMS, "handled", 4*time.Millisecond)
	m.Handled(college.SMS, "handled", 12*time.Millisecond)
	m.Handled(college.SMS, "failed", time.Hour)

	body := scrape(t, m.Handler(""), "")
	for _, line := range []string{
		`collegebot_inbound_latency_seconds_bucket{channel="sms",le="0.002"} 0`,
		`collegebot_inbound_latency_seconds_bucket{channel="sms",le="0.005"} 1`,
		`collegebot_inbound_latency_seconds_bucket{channel="sms",le="0.015"} 2`,
		`collegebot_inbound_latency_seconds_count{channel="sms"} 2`,
		`collegebot_inbound_handled_total{channel="sms",result="failed"} 1`,
		`collegebot_inbound_handled_total{channel="sms",result="handled"} 2`,
		"go_goroutines ", "process_start_time_seconds ",
	} {
		if !strings.Contains(body, line) {
			t.Errorf("the scrape has no line %q", line)
		}
	}
}

// TestMetricNamesFollowPrometheusConventions runs promlint over every
// collegebot metric.
func TestMetricNamesFollowPrometheusConventions(t *testing.T) {
	m := metrics.New(nil, college.SMS)
	m.Jobs("due")
	problems, err := testutil.GatherAndLint(m.Registry())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		if strings.HasPrefix(p.Metric, "collegebot_") {
			t.Errorf("%s: %s", p.Metric, p.Text)
		}
	}
}

// TestTokenGuardsTheMetrics: with a token set, a scrape without it, or with
// another, is refused; with it, served.
func TestTokenGuardsTheMetrics(t *testing.T) {
	h := metrics.New(nil, college.SMS).Handler("s3cret")
	for _, tt := range []struct {
		auth string
		code int
	}{{"", http.StatusUnauthorized}, {"Bearer wrong", http.StatusUnauthorized}, {"s3cret", http.StatusUnauthorized},
		{"Bearer s3cret", http.StatusOK}} {
		r := httptest.NewRequest("GET", "/metrics", nil)
		if tt.auth != "" {
			r.Header.Set("Authorization", tt.auth)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != tt.code {
			t.Errorf("Authorization %q: %d, want %d", tt.auth, w.Code, tt.code)
		}
		if w.Code == http.StatusOK && !strings.Contains(w.Body.String(), "collegebot_inbound_total") {
			t.Errorf("Authorization %q: no metrics in %q", tt.auth, w.Body.String())
		}
	}
}

// scrape gets the metrics from h, with a bearer token if given.
func scrape(t *testing.T, h http.Handler, token string) string {
	t.Helper()
	r := httptest.NewRequest("GET", "/metrics", nil)
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		t.Fatalf("GET /metrics: %d %s", w.Code, w.Body)
	}
	return w.Body.String()
}
