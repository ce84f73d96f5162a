package metrics_test

import (
	"context"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"collegebot/internal/college"
	"collegebot/internal/metrics"
)

// TestSetAsideGauge: a message set aside is counted by the gauge, not as
// pending, and the worker's given_up is counted.
func TestSetAsideGauge(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	in := college.Inbound{Channel: college.SMS, Address: "+447700900203", ProviderID: "SMx", Text: "??", Received: now}
	id, _, err := db.SaveInbound(ctx, in, "")
	if err == nil {
		err = db.Update(ctx, func(tx college.Tx) error {
			return tx.(interface{ SetAside(int64, string) error }).SetAside(id, "boom")
		})
	}
	if err != nil {
		t.Fatal(err)
	}
	m := metrics.New(nil, college.SMS)
	m.WatchBacklog(db, []college.Channel{college.SMS}, nil)
	m.Handled(college.SMS, "given_up", 0)
	want := `
# HELP collegebot_inbox_set_aside Inbound messages set aside after their last failed try, waiting for collegebot inbox retry.
# TYPE collegebot_inbox_set_aside gauge
collegebot_inbox_set_aside 1
# HELP collegebot_inbox_pending Inbound messages stored but not yet handled.
# TYPE collegebot_inbox_pending gauge
collegebot_inbox_pending 0
`
	err = testutil.GatherAndCompare(m.Registry(), strings.NewReader(want), "collegebot_inbox_set_aside", "collegebot_inbox_pending")
	if err != nil {
		t.Error(err)
	}
	body := scrape(t, m.Handler(""), "")
	if !strings.Contains(body, `collegebot_inbound_handled_total{channel="sms",result="given_up"} 1`) {
		t.Errorf("no given_up count in:\n%s", body)
	}
	if problems, _ := testutil.GatherAndLint(m.Registry()); len(problems) > 0 {
		t.Errorf("promlint: %+v", problems)
	}
}
