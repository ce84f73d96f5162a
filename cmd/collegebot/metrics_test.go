package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestMetricsCountWhatServeDoes: a signed SMS, its repeat, a forged one and
// the replies sent through the stub Twilio show in /metrics, which asks
// for its token and shows no number and no words of any message.
func TestMetricsCountWhatServeDoes(t *testing.T) {
	tw := newStubTwilio(t)
	s := startServer(t, seededDB(t), tw, "COLLEGEBOT_METRICS_TOKEN", "metrics-s3cret")
	const kim = "+447700900556"
	form := inboundForm(kim, "SM"+strings.Repeat("0", 31)+"m", "COURSES")
	signed := sign(testToken, publicURL+"/sms/twilio", form)
	for i, sig := range []string{signed, signed, "forged"} { // the second is Twilio's retry
		want := http.StatusOK
		if i == 2 {
			want = http.StatusForbidden
		}
		if resp := s.post("/sms/twilio", form, sig); resp.StatusCode != want {
			t.Fatalf("webhook %d: %d, want %d", i, resp.StatusCode, want)
		}
	}
	replies := tw.waitFor(kim, 2) // the welcome and the topics
	s.deliveryReport(tw, kim)

	if code, _ := s.get("/metrics", ""); code != http.StatusUnauthorized {
		t.Errorf("GET /metrics without the token: %d, want 401", code)
	}
	var body string
	eventually(t, func() bool {
		_, body = s.get("/metrics", "metrics-s3cret")
		return metric(body, `collegebot_outbound_total{channel="sms",result="sent"}`) >= 2 &&
			metric(body, `collegebot_inbound_handled_total{channel="sms",result="handled"}`) == 1
	}, func() string { return "the sends and the message handled never showed in:\n" + body })
	for name, want := range map[string]float64{
		`collegebot_inbound_total{channel="sms",result="stored"}`:             1,
		`collegebot_inbound_total{channel="sms",result="duplicate"}`:          1,
		`collegebot_inbound_total{channel="sms",result="forged"}`:             1,
		`collegebot_delivery_reports_total{channel="sms",status="delivered"}`: 1,
		`collegebot_inbound_latency_seconds_count{channel="sms"}`:             1,
		`collegebot_outbound_total{channel="sms",result="failed"}`:            0,
		`collegebot_send_seconds_count{channel="sms"}`:                        metric(body, `collegebot_outbound_total{channel="sms",result="sent"}`),
		`collegebot_backlog_up`:                                               1,
		`collegebot_job_runs_total{job="due",result="failed"}`:                0,
		`collegebot_safeguarding_alerts_open`:                                 0,
		`collegebot_outbox_oldest_due_seconds{channel="sms"}`:                 0,
	} {
		if got := metric(body, name); got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	assertNothingPersonal(t, body, append(replies, kim, strings.TrimPrefix(kim, "+"), "COURSES"))
}

// assertNothingPersonal fails if the metrics hold any of the words given,
// or anything that looks like a phone number.
func assertNothingPersonal(t *testing.T, body string, words []string) {
	t.Helper()
	for _, w := range words {
		for _, line := range strings.Split(w, "\n") {
			if len(line) >= 6 && strings.Contains(body, line) {
				t.Errorf("/metrics holds %q", line)
			}
		}
	}
	if m := regexp.MustCompile(`\+?44 ?7\d{3} ?\d{6}|\b07\d{9}\b`).FindString(body); m != "" {
		t.Errorf("/metrics holds a phone number: %q", m)
	}
}

// TestReadyzAndHealthz: /healthz answers ok without touching the database;
// /readyz passes each check, then fails naming the database while another
// connection holds the write lock, and passes again once it lets go.
func TestReadyzAndHealthz(t *testing.T) {
	tw := newStubTwilio(t)
	db := seededDB(t)
	s := startServer(t, db, tw)
	// Not ready until the dispatcher's loops have started, a moment
	// after Run returns.
	var code int
	var body string
	eventually(t, func() bool { code, body = s.get("/readyz", ""); return code == 200 },
		func() string { return fmt.Sprintf("GET /readyz: %d\n%s", code, body) })
	if !strings.Contains(body, "database: ok: writable\n") || !strings.Contains(body, "dispatcher: ok: running\n") ||
		!strings.Contains(body, "due job: ok: ") {
		t.Fatalf("GET /readyz: %d\n%s", code, body)
	}

	release := holdWriteLock(t, db)
	defer release()
	if code, body := s.get("/healthz", ""); code != 200 || body != "ok\n" {
		t.Errorf("GET /healthz with the database locked: %d %q, want 200 ok", code, body)
	}
	code, body = s.get("/readyz", "")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "database: FAIL: not writable") {
		t.Errorf("GET /readyz with the database locked: %d\n%s", code, body)
	}
	release()
	eventually(t, func() bool { code, body = s.get("/readyz", ""); return code == 200 },
		func() string { return fmt.Sprintf("GET /readyz after the lock went: %d\n%s", code, body) })
}

// TestDueReady: the due job must have succeeded within three minutes, but
// a server younger than that is given the time for its first run.
func TestDueReady(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		last, started time.Time
		ok            bool
		says          string
	}{
		{now.Add(-50 * time.Second), now.Add(-time.Hour), true, "last succeeded 50s ago"},
		{now.Add(-10 * time.Minute), now.Add(-time.Hour), false, "last succeeded 10m0s ago, more than 3m0s"},
		{now.Add(-10 * time.Minute), now.Add(-time.Minute), true, "started 1m0s ago; waiting for the first run"},
		{time.Time{}, now.Add(-30 * time.Second), true, "waiting for the first run"},
		{time.Time{}, now.Add(-5 * time.Minute), false, "no successful run in the ledger"},
	} {
		detail, err := dueReady(tt.last, now, tt.started)
		got := detail
		if err != nil {
			got = err.Error()
		}
		if (err == nil) != tt.ok || !strings.Contains(got, tt.says) {
			t.Errorf("last %v, started %v: %q (ok %v), want %q (ok %v)", tt.last, tt.started, got, err == nil, tt.says, tt.ok)
		}
	}
}

// holdWriteLock takes the database's write lock from another connection,
// as a stuck process or a backup tool might; release lets it go.
func holdWriteLock(t *testing.T, path string) func() {
	t.Helper()
	// It waits its turn for the lock: the server writes now and then.
	raw, err := sql.Open("sqlite", path+"?_txlock=immediate&_pragma=busy_timeout(20000)")
	if err != nil {
		t.Fatal(err)
	}
	tx, err := raw.BeginTx(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`UPDATE heartbeat SET beat_at = beat_at`); err != nil {
		t.Fatal(err)
	}
	done := false
	return func() {
		if !done {
			done = true
			tx.Rollback()
			raw.Close()
		}
	}
}

// deliveryReport posts Twilio's "delivered" status callback for the first
// text sent to a number.
func (s *server) deliveryReport(tw *stubTwilio, to string) {
	s.t.Helper()
	var cb string
	for _, m := range tw.Sent() {
		if m.To == to {
			cb = m.Callback
			break
		}
	}
	u, err := url.Parse(cb)
	if err != nil || cb == "" {
		s.t.Fatalf("StatusCallback %q: %v", cb, err)
	}
	form := url.Values{"MessageSid": {"SM" + strings.Repeat("1", 32)}, "MessageStatus": {"delivered"},
		"To": {to}, "From": {"+447700900999"}, "AccountSid": {testSID}, "ApiVersion": {"2010-04-01"}}
	if resp := s.post(u.RequestURI(), form, sign(testToken, cb, form)); resp.StatusCode != 200 {
		s.t.Fatalf("status callback: %d", resp.StatusCode)
	}
}

// get fetches a path from the server, with a bearer token if given.
func (s *server) get(path, token string) (int, string) {
	s.t.Helper()
	req, _ := http.NewRequest("GET", "http://"+s.m.Addr()+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// metric returns the value of one series in a Prometheus text body, or -1
// when it is not there.
func metric(body, series string) float64 {
	for _, line := range strings.Split(body, "\n") {
		if v, ok := strings.CutPrefix(line, series+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err == nil {
				return f
			}
		}
	}
	return -1
}

// TestMetricsOnTheirOwnAddress: with COLLEGEBOT_METRICS_ADDR the metrics
// are served there, and not on the public address.
func TestMetricsOnTheirOwnAddress(t *testing.T) {
	s := startServer(t, seededDB(t), newStubTwilio(t), "COLLEGEBOT_METRICS_ADDR", "127.0.0.1:0")
	if code, _ := s.get("/metrics", ""); code != http.StatusNotFound {
		t.Errorf("GET /metrics on the public address: %d, want 404", code)
	}
	resp, err := http.Get("http://" + s.m.metricsLn.Addr().String() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || metric(string(b), "collegebot_backlog_up") != 1 {
		t.Errorf("GET /metrics on its own address: %d\n%s", resp.StatusCode, b)
	}
}
