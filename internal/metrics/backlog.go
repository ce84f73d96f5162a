package metrics

import (
	"context"
	"log/slog"
	"slices"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"collegebot/internal/college"
)

// BacklogReader reads what waits in the database; *sqlite.DB is one.
type BacklogReader interface {
	Backlog(ctx context.Context, jobs ...string) (college.Backlog, error)
}

// backlogTimeout bounds the database read of one scrape.
const backlogTimeout = 3 * time.Second

// WatchBacklog adds the gauges read from the database at each scrape: the
// outbox's depth and age of the longest-due message for each of channels
// (and any other channel with messages waiting), the inbox's depth and age
// and the messages set aside, the open safeguarding alerts, and when each
// of jobs last succeeded.
func (m *Metrics) WatchBacklog(r BacklogReader, channels []college.Channel, jobs []string) {
	m.reg.MustRegister(&backlog{log: m.log, r: r, channels: channels, jobs: jobs})
}

// backlog is a collector that reads the database when scraped.
type backlog struct {
	log      *slog.Logger
	r        BacklogReader
	channels []college.Channel
	jobs     []string
}

// The gauges the backlog collector reports.
var (
	upDesc = desc("backlog_up",
		"1 when the last scrape read the backlog from the database, 0 when the read failed.")
	outboxPendingDesc = desc("outbox_pending",
		"Messages in the outbox not yet sent: scheduled, due or being sent.", "channel")
	outboxOldestDesc = desc("outbox_oldest_due_seconds",
		"How long the longest-due unsent message has been due; 0 when none is.", "channel")
	inboxPendingDesc = desc("inbox_pending", "Inbound messages stored but not yet handled.")
	inboxOldestDesc  = desc("inbox_oldest_seconds",
		"How long ago the oldest unhandled inbound message was received (the inbox lag); 0 when none.")
	inboxAsideDesc = desc("inbox_set_aside",
		"Inbound messages set aside after their last failed try, waiting for collegebot inbox retry.")
	alertsOpenDesc   = desc("safeguarding_alerts_open", "Safeguarding alerts not yet cleared by staff.")
	alertsUnseenDesc = desc("safeguarding_alerts_unacknowledged",
		"Safeguarding alerts no member of staff has acknowledged yet.")
	lastSuccessDesc = desc("job_last_success_timestamp_seconds",
		"When a scheduled job last finished without failing, from the ledger (Unix time).", "job")
)

func desc(name, help string, labels ...string) *prometheus.Desc {
	return prometheus.NewDesc(prometheus.BuildFQName(namespace, "", name), help, labels, nil)
}

// Describe implements prometheus.Collector.
func (c *backlog) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{upDesc, outboxPendingDesc, outboxOldestDesc, inboxPendingDesc,
		inboxOldestDesc, inboxAsideDesc, alertsOpenDesc, alertsUnseenDesc, lastSuccessDesc} {
		ch <- d
	}
}

// Collect implements prometheus.Collector: one read of the database, with
// ages counted by the database's clock. A failed read is logged and
// reported as backlog_up 0, and the other gauges are left out rather than
// shown as zero.
func (c *backlog) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), backlogTimeout)
	defer cancel()
	b, err := c.r.Backlog(ctx, c.jobs...)
	if err != nil {
		c.log.Error("reading the backlog", "err", err)
		ch <- gauge(upDesc, 0)
		return
	}
	ch <- gauge(upDesc, 1)
	for _, name := range c.outboxChannels(b) {
		d := b.Outbox[name]
		ch <- gauge(outboxPendingDesc, float64(d.Pending), string(name))
		ch <- gauge(outboxOldestDesc, age(b.At, d.OldestDue), string(name))
	}
	ch <- gauge(inboxPendingDesc, float64(b.InboxPending))
	ch <- gauge(inboxOldestDesc, age(b.At, b.InboxOldest))
	ch <- gauge(inboxAsideDesc, float64(b.InboxAside))
	ch <- gauge(alertsOpenDesc, float64(b.AlertsOpen))
	ch <- gauge(alertsUnseenDesc, float64(b.AlertsUnseen))
	for _, job := range c.jobs {
		if at, ok := b.LastSuccess[job]; ok {
			ch <- gauge(lastSuccessDesc, float64(at.UnixMilli())/1000, job)
		}
	}
}

// outboxChannels returns the channels turned on and any other the outbox
// holds messages for, each once, in order.
func (c *backlog) outboxChannels(b college.Backlog) []college.Channel {
	out := slices.Clone(c.channels)
	var more []college.Channel
	for name := range b.Outbox {
		if !slices.Contains(out, name) {
			more = append(more, name)
		}
	}
	slices.Sort(more)
	return append(out, more...)
}

// age returns how long before now a moment was, in seconds; 0 for none.
func age(now, t time.Time) float64 {
	if t.IsZero() || !t.Before(now) {
		return 0
	}
	return now.Sub(t).Seconds()
}

func gauge(d *prometheus.Desc, v float64, labels ...string) prometheus.Metric {
	return prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
}
