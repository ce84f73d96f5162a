package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"collegebot/internal/college"
	"collegebot/internal/providerstub"
	"collegebot/internal/sqlite"
)

// loadOptions shape a run of inbound load.
type loadOptions struct {
	students int
	sms      float64 // share of students on SMS
	rate     float64 // messages a second; 0 as fast as possible
	conns    int
	duration time.Duration
	mps      float64
	bin      string
	keep     bool
	ceiling  bool
	profile  string // write serve's CPU profile here
}

func runCmd(o *loadOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Drive signed inbound SMS and Telegram updates at collegebot serve, then at the bare ceiling",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := o.check(); err != nil {
				return err
			}
			return loadRun(cmd.Context(), *o, cmd.OutOrStdout())
		},
	}
	loadFlags(cmd, o)
	cmd.Flags().BoolVar(&o.ceiling, "ceiling", true, "also drive the same load at a bare handler that only checks signatures")
	return cmd
}

// loadFlags are the flags every load-driving command shares.
func loadFlags(cmd *cobra.Command, o *loadOptions) {
	f := cmd.Flags()
	f.IntVar(&o.students, "students", 2000, "simulated students")
	f.Float64Var(&o.sms, "sms", 0.5, "share of students on SMS (the rest on Telegram)")
	f.Float64Var(&o.rate, "rate", 0, "inbound messages a second; 0 for as fast as the connections go")
	f.IntVar(&o.conns, "conns", 64, "connections sending at once")
	f.DurationVar(&o.duration, "duration", 10*time.Second, "how long to send for (at most 5m)")
	f.Float64Var(&o.mps, "mps", 10, "TWILIO_MPS: the SMS segments a second collegebot sends")
	f.StringVar(&o.bin, "bin", "", "a collegebot binary to run (default: build one)")
	f.BoolVar(&o.keep, "keep", false, "keep the database and serve.log afterwards")
	f.StringVar(&o.profile, "profile", "", "write collegebot serve's CPU profile during the load to this file (go tool pprof)")
}

// check bounds a run: loadgen always stops by itself.
func (o loadOptions) check() error {
	switch {
	case o.students < 1 || o.students > 100_000:
		return fmt.Errorf("--students must be 1 to 100000")
	case o.duration <= 0 || o.duration > 5*time.Minute:
		return fmt.Errorf("--duration must be over 0 and at most 5m")
	case o.conns < 1 || o.conns > 1024:
		return fmt.Errorf("--conns must be 1 to 1024")
	case o.sms < 0 || o.sms > 1:
		return fmt.Errorf("--sms must be a share from 0 to 1")
	case o.rate < 0:
		return fmt.Errorf("--rate must be 0 (as fast as possible) or more")
	}
	return nil
}

// loadRun drives the load at collegebot serve and, when asked, at the
// bare ceiling, and prints what each came to.
func loadRun(ctx context.Context, o loadOptions, w io.Writer) error {
	t, err := newTarget(ctx, o.bin, providerstub.Faults{}, o.mps)
	if err != nil {
		return err
	}
	defer t.close(o.keep, w)
	if err := t.start(ctx); err != nil {
		return err
	}
	fmt.Fprintf(w, "%d students (%.0f%% on SMS), %s, %d connections, for %s\n",
		o.students, o.sms*100, rateText(o.rate), o.conns, o.duration)
	since := time.Now().Add(-time.Second)
	profiled := make(chan error, 1)
	if o.profile != "" {
		go func() { profiled <- t.profile(ctx, o.duration, o.profile) }()
	} else {
		profiled <- nil
	}
	samples := fire(ctx, newCrowd(o.students, o.sms, "a"), t.base(), o.rate, o.conns, o.duration)
	db, err := sqlite.Open(ctx, t.db)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := drained(ctx, db, time.Minute); err != nil {
		return err
	}
	if err := <-profiled; err != nil {
		return err
	}
	timings, err := db.Timings(ctx, since)
	if err != nil {
		return err
	}
	header(w)
	serve := ofCalls("webhook answered (serve)", samples)
	serve.print(w)
	lag, e2e, lost := through(samples, timings)
	lag.print(w)
	e2e.print(w)
	if lost > 0 {
		return fmt.Errorf("%d messages answered 200 were not handled", lost)
	}
	if !o.ceiling {
		return nil
	}
	t.stop()
	return ceiling(ctx, o, serve, w)
}

// ceiling drives the same load at the bare handler and prints the ratio.
func ceiling(ctx context.Context, o loadOptions, serve summary, w io.Writer) error {
	b, err := startBare(ctx)
	if err != nil {
		return err
	}
	defer b.stop()
	bare := ofCalls("bare handler (ceiling)", fire(ctx, newCrowd(o.students, o.sms, "b"), b.base(), o.rate, o.conns, o.duration))
	bare.print(w)
	if bare.perSecond > 0 && bare.p99 > 0 {
		fmt.Fprintf(w, "serve / ceiling: %.2f of the throughput, %.1fx the p99\n",
			serve.perSecond/bare.perSecond, float64(serve.p99)/float64(bare.p99))
	}
	return nil
}

// drained waits until every stored message has been handled.
func drained(ctx context.Context, db *sqlite.DB, within time.Duration) error {
	var n int
	done, err := poll(ctx, within, 50*time.Millisecond, func() (bool, error) {
		var err error
		n, err = db.Waiting(ctx)
		return n == 0, err
	})
	if err == nil && !done {
		err = fmt.Errorf("%d messages still waiting in the inbox after %s", n, within)
	}
	return err
}

// poll calls done every interval until it reports true or an error, or
// within has passed (then it reports false), or ctx ends.
func poll(ctx context.Context, within, every time.Duration, done func() (bool, error)) (bool, error) {
	deadline := time.Now().Add(within)
	for {
		ok, err := done()
		if ok || err != nil {
			return ok, err
		}
		if time.Now().After(deadline) {
			return false, nil
		}
		if err := sleep(ctx, every); err != nil {
			return false, err
		}
	}
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

// through matches the calls with the inbox's record: how long each
// message waited to be handled once stored, and from the call to its
// replies being queued (handled and queued are one transaction).
func through(samples []sample, timings []sqlite.Timing) (lag, e2e summary, lost int) {
	type key struct {
		ch college.Channel
		id string
	}
	byID := map[key]sqlite.Timing{}
	for _, tm := range timings {
		byID[key{tm.Channel, tm.ProviderID}] = tm
	}
	var lags, ends []time.Duration
	var first, last time.Time
	for _, s := range samples {
		if s.status != 200 {
			continue
		}
		tm, ok := byID[key{s.ch, s.id}]
		if !ok || tm.Processed.IsZero() {
			lost++
			continue
		}
		lags = append(lags, tm.Processed.Sub(tm.Received))
		ends = append(ends, tm.Processed.Sub(s.start))
		if first.IsZero() || s.start.Before(first) {
			first = s.start
		}
		if tm.Processed.After(last) {
			last = tm.Processed
		}
	}
	return summarise("stored -> handled (inbox lag)", lags, 0, 0),
		summarise("webhook -> replies queued", ends, lost, last.Sub(first)), lost
}

func rateText(rate float64) string {
	if rate == 0 {
		return "as fast as possible"
	}
	return fmt.Sprintf("%.0f a second", rate)
}
