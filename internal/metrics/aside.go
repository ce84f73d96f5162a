package metrics

import (
	"context"
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"
)

// SetAsideCounter counts the inbound messages the inbox worker set aside;
// *sqlite.DB is one.
type SetAsideCounter interface {
	CountSetAside(ctx context.Context) (int, error)
}

// WatchSetAside adds the gauge of inbound messages set aside, read from
// the database at each scrape: above zero, something a student sent could
// not be dealt with and waits for an operator (collegebot inbox list).
func (m *Metrics) WatchSetAside(r SetAsideCounter) {
	m.reg.MustRegister(&setAside{log: m.log, r: r})
}

// setAsideDesc is the gauge WatchSetAside reports.
var setAsideDesc = desc("inbox_set_aside",
	"Inbound messages set aside after their last failed try, waiting for collegebot inbox retry.")

// setAside is a collector that counts the messages set aside when scraped.
type setAside struct {
	log *slog.Logger
	r   SetAsideCounter
}

// Describe implements prometheus.Collector.
func (c *setAside) Describe(ch chan<- *prometheus.Desc) { ch <- setAsideDesc }

// Collect implements prometheus.Collector. A failed read is logged and
// the gauge left out (backlog_up already says the database is unread).
func (c *setAside) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), backlogTimeout)
	defer cancel()
	n, err := c.r.CountSetAside(ctx)
	if err != nil {
		c.log.Error("counting the inbound messages set aside", "err", err)
		return
	}
	ch <- gauge(setAsideDesc, float64(n))
}
