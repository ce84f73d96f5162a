package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/metrics"
)

// observe sets up the server's metrics and points the hooks of the outbox
// dispatcher, the job runner and the inbox worker at them; the backlog is
// read from the database at each scrape. The webhooks' and the poller's
// hooks are set where they are built.
func (m *Main) observe() {
	var chans []college.Channel
	if m.cfg.SMS() {
		chans = append(chans, college.SMS)
	}
	if m.tg != nil {
		chans = append(chans, college.Telegram)
	}
	var jobs []string
	for _, s := range m.jobs.List() {
		jobs = append(jobs, s.Name)
	}
	m.metrics = metrics.New(m.log, chans...)
	m.metrics.Jobs(jobs...)
	m.metrics.WatchBacklog(m.db, chans, jobs)
	m.disp.Observe = m.metrics.Sent
	m.jobs.Observe = m.metrics.JobRun
	m.worker.Observe = m.metrics.Handled
	if m.cfg.MetricsToken != "" {
		m.log.Info("GET /metrics needs the bearer token in COLLEGEBOT_METRICS_TOKEN", "comp", "main")
	}
}

// serveMetrics serves GET /metrics on COLLEGEBOT_METRICS_ADDR, when it is
// set, until ctx ends: a port the public service does not expose, so the
// metrics need no token where only the platform's scraper can reach them.
// The same private port serves Go's profiler under /debug/pprof/.
func (m *Main) serveMetrics(ctx context.Context) error {
	if m.cfg.MetricsAddr == "" {
		return nil
	}
	ln, err := net.Listen("tcp", m.cfg.MetricsAddr)
	if err != nil {
		return fmt.Errorf("COLLEGEBOT_METRICS_ADDR=%s: %w", m.cfg.MetricsAddr, err)
	}
	m.metricsLn = ln
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.metrics.Handler(m.cfg.MetricsToken))
	// Go's profiler, on the private port only: what loadgen --profile reads.
	mux.HandleFunc("GET /debug/pprof/", pprof.Index)
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("GET /debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	m.start(func() error {
		<-ctx.Done()
		return srv.Close()
	})
	m.start(func() error {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	})
	m.log.Info("serving metrics", "comp", "main", "addr", ln.Addr().String())
	return nil
}
