package metrics_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"collegebot/internal/college"
	"collegebot/internal/metrics"
	"collegebot/internal/sqlite"
)

// now is the test database's clock.
var now = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// openDB opens a database in a temporary directory whose clock stands at now.
func openDB(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "college.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return now }
	return db
}

// TestBacklogGauges: a database with known waiting rows gives the depths and
// the ages counted from its clock; a channel turned on with nothing waiting
// shows zero; a job never run has no last success.
func TestBacklogGauges(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	err := db.Update(ctx, func(tx college.Tx) error {
		s, _, err := tx.CreateStudent(college.SMS, "+447700900201", "en")
		if err != nil {
			return err
		}
		for i, due := range []time.Duration{-90 * time.Second, -30 * time.Second, time.Hour} {
			err := tx.Enqueue(college.Outgoing{Key: "k" + string(rune('a'+i)), StudentID: s.ID, Channel: college.SMS,
				Address: "+447700900201", Kind: college.KindReply, Priority: college.Routine,
				Reply: college.Reply{Text: "hello"}, Segments: 1, NotBefore: now.Add(due)})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, ago := range []time.Duration{12 * time.Second, 5 * time.Second} {
		in := college.Inbound{Channel: college.SMS, Address: "+447700900202", ProviderID: "SM" + string(rune('0'+i)),
			Text: "COURSES", Received: now.Add(-ago)}
		if _, _, err := db.SaveInbound(ctx, in, ""); err != nil {
			t.Fatal(err)
		}
	}
	id, err := db.StartRun(ctx, "due", now.Add(-time.Minute))
	if err == nil {
		err = db.FinishRun(ctx, id, now.Add(-time.Minute+500*time.Millisecond), nil, "")
	}
	if err != nil {
		t.Fatal(err)
	}

	m := metrics.New(nil, college.SMS, college.Telegram)
	m.WatchBacklog(db, []college.Channel{college.SMS, college.Telegram}, []string{"due", "digest"})
	want := `
# HELP collegebot_backlog_up 1 when the last scrape read the backlog from the database, 0 when the read failed.
# TYPE collegebot_backlog_up gauge
collegebot_backlog_up 1
# HELP collegebot_outbox_pending Messages in the outbox not yet sent: scheduled, due or being sent.
# TYPE collegebot_outbox_pending gauge
collegebot_outbox_pending{channel="sms"} 3
collegebot_outbox_pending{channel="telegram"} 0
# HELP collegebot_outbox_oldest_due_seconds How long the longest-due unsent message has been due; 0 when none is.
# TYPE collegebot_outbox_oldest_due_seconds gauge
collegebot_outbox_oldest_due_seconds{channel="sms"} 90
collegebot_outbox_oldest_due_seconds{channel="telegram"} 0
# HELP collegebot_inbox_pending Inbound messages stored but not yet handled.
# TYPE collegebot_inbox_pending gauge
collegebot_inbox_pending 2
# HELP collegebot_inbox_oldest_seconds How long ago the oldest unhandled inbound message was received (the inbox lag); 0 when none.
# TYPE collegebot_inbox_oldest_seconds gauge
collegebot_inbox_oldest_seconds 12
# HELP collegebot_safeguarding_alerts_open Safeguarding alerts not yet cleared by staff.
# TYPE collegebot_safeguarding_alerts_open gauge
collegebot_safeguarding_alerts_open 0
# HELP collegebot_job_last_success_timestamp_seconds When a scheduled job last finished without failing, from the ledger (Unix time).
# TYPE collegebot_job_last_success_timestamp_seconds gauge
collegebot_job_last_success_timestamp_seconds{job="due"} 1.7724419405e+09
`
	err = testutil.GatherAndCompare(m.Registry(), strings.NewReader(want), "collegebot_backlog_up",
		"collegebot_outbox_pending", "collegebot_outbox_oldest_due_seconds", "collegebot_inbox_pending",
		"collegebot_inbox_oldest_seconds", "collegebot_safeguarding_alerts_open",
		"collegebot_job_last_success_timestamp_seconds")
	if err != nil {
		t.Error(err)
	}
	if problems, _ := testutil.GatherAndLint(m.Registry()); len(problems) > 0 {
		t.Errorf("promlint: %+v", problems)
	}
}

// TestBacklogReadFailing: when the database cannot be read, backlog_up is 0
// and no gauge pretends the queues are empty.
func TestBacklogReadFailing(t *testing.T) {
	db := openDB(t)
	m := metrics.New(nil, college.SMS)
	m.WatchBacklog(db, []college.Channel{college.SMS}, []string{"due"})
	db.Close()

	body := scrape(t, m.Handler(""), "")
	if !strings.Contains(body, "collegebot_backlog_up 0") {
		t.Error("backlog_up is not 0 with the database closed")
	}
	for _, name := range []string{"collegebot_outbox_pending", "collegebot_inbox_oldest_seconds"} {
		if strings.Contains(body, name) {
			t.Errorf("%s is served with the database closed", name)
		}
	}
}
