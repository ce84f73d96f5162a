package main

import (
	"fmt"
	"io"
	"slices"
	"time"
)

// summary is what a set of timings comes to.
type summary struct {
	name               string
	n, errors          int
	perSecond          float64
	p50, p95, p99, max time.Duration
}

// summarise works out throughput and percentiles of calls that took took
// over elapsed.
func summarise(name string, took []time.Duration, errors int, elapsed time.Duration) summary {
	s := summary{name: name, n: len(took), errors: errors}
	if elapsed > 0 {
		s.perSecond = float64(len(took)) / elapsed.Seconds()
	}
	if len(took) == 0 {
		return s
	}
	slices.Sort(took)
	at := func(q float64) time.Duration { return took[min(len(took)-1, int(q*float64(len(took))))] }
	s.p50, s.p95, s.p99, s.max = at(0.50), at(0.95), at(0.99), took[len(took)-1]
	return s
}

// ofCalls summarises webhook calls: those answered 2xx count, the rest are
// errors.
func ofCalls(name string, ss []sample) summary {
	var took []time.Duration
	errs := 0
	var first, last time.Time
	for _, s := range ss {
		if s.status < 200 || s.status > 299 {
			errs++
			continue
		}
		took = append(took, s.took)
		if first.IsZero() || s.start.Before(first) {
			first = s.start
		}
		if end := s.start.Add(s.took); end.After(last) {
			last = end
		}
	}
	return summarise(name, took, errs, last.Sub(first))
}

// header prints the table's heading.
func header(w io.Writer) {
	fmt.Fprintf(w, "%-34s %8s %9s %8s %8s %8s %8s %7s\n", "", "messages", "per sec", "p50", "p95", "p99", "max", "errors")
}

// print prints one row.
func (s summary) print(w io.Writer) {
	rate := "-"
	if s.perSecond > 0 {
		rate = fmt.Sprintf("%.0f", s.perSecond)
	}
	fmt.Fprintf(w, "%-34s %8d %9s %8s %8s %8s %8s %7d\n", s.name, s.n, rate,
		ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max), s.errors)
}

// ms shows a duration in milliseconds.
func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond)) }
