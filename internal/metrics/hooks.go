package metrics

import (
	"slices"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"collegebot/internal/college"
)

// The results each counter knows, created at zero for every channel.
var (
	inboundResults = []string{college.InboundStored, college.InboundDuplicate, college.InboundIgnored,
		college.InboundForged, college.InboundMalformed, college.InboundError}
	sendResults = []string{college.SendSent, college.SendFailed, college.SendRetry, college.SendThrottled,
		college.SendUncertain, college.SendOptedOut}
	handledResults = []string{"handled", "failed", "given_up"}
	// reportStatuses are Twilio's message statuses, and a status callback
	// refused; anything else counts as "other", so a label never takes a
	// value from outside this list.
	// https://www.twilio.com/docs/messaging/api/message-resource#message-status-values
	reportStatuses = []string{"accepted", "scheduled", "canceled", "queued", "sending", "sent", "failed",
		"delivered", "undelivered", "receiving", "received", "read", "partially_delivered",
		college.InboundForged, college.InboundMalformed, college.InboundError}
)

// counters defines the counters.
func (m *Metrics) counters() {
	m.inbound = counter("inbound_total",
		"Inbound webhook requests and Telegram updates, by what became of them: stored, duplicate, "+
			"ignored (Telegram updates the bot does not read), forged, malformed or error.", "channel", "result")
	m.reports = counter("delivery_reports_total",
		"Delivery status callbacks from the provider, by the status they report, or forged, malformed or error.",
		"channel", "status")
	m.outbound = counter("outbound_total",
		"Calls to a provider to send a message, by outcome: sent, failed, retry, throttled, uncertain or opted_out.",
		"channel", "result")
	m.throttled = counter("throttled_total",
		"Sends the provider refused with 429 Too Many Requests.", "channel")
	m.handled = counter("inbound_handled_total",
		"Inbound messages the inbox worker handled (replies committed), failed to (each try), or gave up on and set aside (given_up).", "channel", "result")
	m.jobRuns = counter("job_runs_total", "Scheduled job runs, by result: ok or failed.", "job", "result")
}

// histograms defines the histograms.
func (m *Metrics) histograms() {
	m.send = histogram("send_seconds", "How long one call to the provider to send a message took.",
		[]float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}, "channel")
	m.latency = histogram("inbound_latency_seconds",
		"From the webhook receiving a message to its replies being committed to the outbox.",
		[]float64{.001, .002, .005, .01, .015, .02, .03, .05, .1, .25, .5, 1, 2.5, 5, 10}, "channel")
	m.jobTook = histogram("job_seconds", "How long a scheduled job run took.",
		[]float64{.01, .1, .5, 1, 5, 15, 60, 300}, "job")
}

func counter(name, help string, labels ...string) *prometheus.CounterVec {
	return prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: name, Help: help}, labels)
}

func histogram(name, help string, buckets []float64, labels ...string) *prometheus.HistogramVec {
	return prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: namespace, Name: name, Help: help,
		Buckets: buckets}, labels)
}

// Inbound returns the Observe hook of a channel's webhook or poller: it
// counts one request or update with its result (college.Inbound*).
func (m *Metrics) Inbound(ch college.Channel) func(result string) {
	return func(result string) { m.inbound.WithLabelValues(string(ch), known(result, inboundResults)).Inc() }
}

// DeliveryReport returns the hook of a channel's delivery status callback:
// it counts one callback with the status it reports.
func (m *Metrics) DeliveryReport(ch college.Channel) func(status string) {
	return func(status string) { m.reports.WithLabelValues(string(ch), known(status, reportStatuses)).Inc() }
}

// Sent is the outbox dispatcher's Observe hook: it counts one call to a
// provider with its outcome (college.Send*) and how long it took; a 429 is
// counted as throttled too.
func (m *Metrics) Sent(ch college.Channel, result string, took time.Duration) {
	c := string(ch)
	m.outbound.WithLabelValues(c, known(result, sendResults)).Inc()
	m.send.WithLabelValues(c).Observe(took.Seconds())
	if result == college.SendThrottled {
		m.throttled.WithLabelValues(c).Inc()
	}
}

// Handled is the inbox worker's Observe hook: it counts one inbound message
// handled or failed, and for one handled, the time from the webhook to its
// replies' commit.
func (m *Metrics) Handled(ch college.Channel, result string, lag time.Duration) {
	m.handled.WithLabelValues(string(ch), known(result, handledResults)).Inc()
	if result == "handled" {
		m.latency.WithLabelValues(string(ch)).Observe(lag.Seconds())
	}
}

// JobRun is the job runner's Observe hook: it counts one recorded run, ok or
// failed, and how long it took.
func (m *Metrics) JobRun(job string, took time.Duration, err error) {
	result := "ok"
	if err != nil {
		result = "failed"
	}
	m.jobRuns.WithLabelValues(job, result).Inc()
	m.jobTook.WithLabelValues(job).Observe(took.Seconds())
}

// Jobs creates the scheduled jobs' counters at zero.
func (m *Metrics) Jobs(names ...string) {
	for _, j := range names {
		m.jobRuns.WithLabelValues(j, "ok")
		m.jobRuns.WithLabelValues(j, "failed")
	}
}

// known returns v if it is one of the values a label may take, or "other":
// a label's values stay few whatever a caller passes.
func known(v string, values []string) string {
	if slices.Contains(values, v) {
		return v
	}
	return "other"
}
