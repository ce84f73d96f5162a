// Package metrics counts what collegebot does, for Prometheus: messages in
// and out by channel and result, send latency, throttling, the inbox
// worker's lag, job runs, and (read from the database at each scrape) the
// queues' depth and age and the open safeguarding alerts.
//
// It is the only package that imports the Prometheus client. The rest of
// collegebot reports through plain function fields (an adapter's Observe),
// which cmd/collegebot points at this package's methods. Nothing here
// carries a phone number, a chat id, a name or a message: labels are
// channels, results and job names only.
package metrics

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"collegebot/internal/college"
)

// namespace prefixes every collegebot metric.
const namespace = "collegebot"

// Metrics is collegebot's metrics on a registry of its own, so that nothing
// a library registers globally is served, and tests each get a fresh set.
type Metrics struct {
	reg *prometheus.Registry
	log *slog.Logger

	inbound   *prometheus.CounterVec   // channel, result
	reports   *prometheus.CounterVec   // channel, status
	outbound  *prometheus.CounterVec   // channel, result
	send      *prometheus.HistogramVec // channel
	throttled *prometheus.CounterVec   // channel
	handled   *prometheus.CounterVec   // channel, result
	latency   *prometheus.HistogramVec // channel
	jobRuns   *prometheus.CounterVec   // job, result
	jobTook   *prometheus.HistogramVec // job
}

// New returns the metrics of a server whose channels are channels: their
// counters start at zero, so that a rate is defined from the first scrape.
// The Go runtime's and the process's own metrics come with them.
func New(log *slog.Logger, channels ...college.Channel) *Metrics {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	m := &Metrics{reg: prometheus.NewRegistry(), log: log.With("comp", "metrics")}
	m.counters()
	m.histograms()
	m.reg.MustRegister(m.inbound, m.reports, m.outbound, m.send, m.throttled, m.handled, m.latency,
		m.jobRuns, m.jobTook,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, ch := range channels {
		m.start(ch)
	}
	return m
}

// start creates a channel's series at zero.
func (m *Metrics) start(ch college.Channel) {
	c := string(ch)
	for _, r := range inboundResults {
		m.inbound.WithLabelValues(c, r)
	}
	for _, r := range sendResults {
		m.outbound.WithLabelValues(c, r)
	}
	for _, r := range handledResults {
		m.handled.WithLabelValues(c, r)
	}
	m.send.WithLabelValues(c)
	m.latency.WithLabelValues(c)
	m.throttled.WithLabelValues(c)
}

// Registry is where the metrics are registered, for tests and for adding
// a collector.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handler serves the metrics in Prometheus's text format. With a token, a
// request must carry it as "Authorization: Bearer <token>", or is refused
// with 401.
func (m *Metrics) Handler(token string) http.Handler {
	h := promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		// A collector that fails is logged; the rest are served.
		ErrorHandling:       promhttp.ContinueOnError,
		ErrorLog:            errorLog{m.log},
		MaxRequestsInFlight: 2,
	})
	if token == "" {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !bearer(r, token) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="collegebot metrics"`)
			http.Error(w, "a bearer token is needed (COLLEGEBOT_METRICS_TOKEN)", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// bearer reports whether a request carries the token. Both sides are
// hashed first so that the comparison takes the same time whatever the
// lengths.
func bearer(r *http.Request, token string) bool {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return false
	}
	g, w := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(token))
	return subtle.ConstantTimeCompare(g[:], w[:]) == 1
}

// errorLog bridges promhttp's error log into slog.
type errorLog struct{ log *slog.Logger }

// Println implements promhttp.Logger.
func (l errorLog) Println(v ...any) {
	l.log.Error("serving metrics", "err", strings.TrimSpace(fmt.Sprintln(v...)))
}
