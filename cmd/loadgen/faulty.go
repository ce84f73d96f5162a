package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"collegebot/internal/providerstub"
	"collegebot/internal/sqlite"
)

// faultyOptions shape a run against failing providers.
type faultyOptions struct {
	students    int
	recipients  int
	sms         float64
	rate        float64
	conns       int
	duration    time.Duration
	settle      time.Duration
	sendTimeout time.Duration
	share       float64
	seed        uint64
	mps         float64
	bin         string
	keep        bool
}

func faultyCmd() *cobra.Command {
	var o faultyOptions
	cmd := &cobra.Command{
		Use:   "faulty",
		Short: "Run collegebot serve against providers that fail a share of sends, then check every message ended",
		Long: `faulty runs collegebot serve with stub providers that fail a share of the
sends (--share, 0.2 by default): 500s, 429s, time-outs (the message is taken but
the answer never comes) and recipients gone (Twilio 21610, Telegram 403 blocked).
It drives inbound SMS and Telegram messages for --duration and has a member of
staff broadcast to --recipients students by SMS, then waits for the outbox to
settle and checks: every message sent or failed with a reason, none left
pending or claimed, every recipient reported gone opted out, and the stubs'
records in agreement with the messages marked sent. A message sent twice is
allowed only where a time-out made it unknowable, and is reported.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := o.check(); err != nil {
				return err
			}
			return faultyRun(cmd.Context(), o, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.students, "students", 200, "simulated students sending messages")
	f.IntVar(&o.recipients, "recipients", 300, "students the broadcast goes to")
	f.Float64Var(&o.sms, "sms", 0.8, "share of students (and of recipients) on SMS; the rest on Telegram")
	f.Float64Var(&o.rate, "rate", 20, "inbound messages a second")
	f.IntVar(&o.conns, "conns", 16, "connections sending at once")
	f.DurationVar(&o.duration, "duration", 10*time.Second, "how long to send inbound messages for")
	f.DurationVar(&o.settle, "settle", 5*time.Minute, "how long to wait at the end for every message to be sent or failed")
	f.DurationVar(&o.sendTimeout, "send-timeout", 2*time.Second, "COLLEGEBOT_SEND_TIMEOUT; the stubs hold a timed-out answer 5s longer")
	f.Float64Var(&o.share, "share", 0.2, "share of send calls the stubs fail")
	f.Uint64Var(&o.seed, "seed", 1, "seed of the stubs' faults")
	f.Float64Var(&o.mps, "mps", 100, "TWILIO_MPS: the SMS segments a second collegebot sends")
	f.StringVar(&o.bin, "bin", "", "a collegebot binary to run (default: build one)")
	f.BoolVar(&o.keep, "keep", false, "keep the database and serve.log afterwards")
	return cmd
}

// check bounds a run: loadgen always stops by itself.
func (o faultyOptions) check() error {
	switch {
	case o.students < 1 || o.students > 900:
		return fmt.Errorf("--students must be 1 to 900")
	case o.recipients < 1 || o.recipients > 20_000:
		return fmt.Errorf("--recipients must be 1 to 20000")
	case o.sms < 0 || o.sms > 1:
		return fmt.Errorf("--sms must be a share from 0 to 1")
	case o.share < 0 || o.share > 0.5:
		return fmt.Errorf("--share must be from 0 to 0.5")
	case o.rate <= 0 || o.rate > 1000:
		return fmt.Errorf("--rate must be over 0 and at most 1000")
	case o.conns < 1 || o.conns > 256:
		return fmt.Errorf("--conns must be 1 to 256")
	case o.duration <= 0 || o.duration > 5*time.Minute:
		return fmt.Errorf("--duration must be over 0 and at most 5m")
	case o.settle <= 0 || o.settle > 15*time.Minute:
		return fmt.Errorf("--settle must be over 0 and at most 15m")
	case o.sendTimeout < time.Second || o.sendTimeout > time.Minute:
		return fmt.Errorf("--send-timeout must be from 1s to 1m")
	case o.mps <= 0:
		return fmt.Errorf("--mps must be over 0")
	}
	return nil
}

// faultyRun runs the faulty-provider test and prints its report.
func faultyRun(ctx context.Context, o faultyOptions, w io.Writer) error {
	faults := providerstub.Faults{Share: o.share, Seed: o.seed, Hold: o.sendTimeout + 5*time.Second}
	t, err := newTarget(ctx, o.bin, faults, o.mps)
	if err != nil {
		return err
	}
	defer t.close(o.keep, w)
	profile, err := quietProfile(t.dir)
	if err != nil {
		return err
	}
	extra := []string{"COLLEGEBOT_COLLEGE=" + profile, "COLLEGEBOT_SEND_TIMEOUT=" + o.sendTimeout.String()}
	// A session a week away: its students are the broadcast's audience,
	// and no reminder of it falls due in the run.
	if _, err := seedFanOut(ctx, t.db, o.recipients, o.sms, time.Now().Add(7*24*time.Hour)); err != nil {
		return err
	}
	fmt.Fprintf(w, "faulty: the stubs fail %.0f%% of sends (seed %d; time-outs held past %s); %d students (%.0f%% on SMS) sending %.0f a second for %s; a broadcast to %d\n",
		o.share*100, o.seed, o.sendTimeout, o.students, o.sms*100, o.rate, o.duration, o.recipients)
	if err := t.startWith(ctx, extra); err != nil {
		return err
	}
	db, err := sqlite.Open(ctx, t.db)
	if err != nil {
		return err
	}
	defer db.Close()
	began := time.Now()
	letters, id, err := drive(ctx, t, db, o)
	if err != nil {
		return err
	}
	took, unsettled, err := settled(ctx, db, o.settle)
	if err != nil {
		return err
	}
	if err := t.stop(); err != nil {
		return err
	}
	fmt.Fprintf(w, "stopped sending at %.1fs; the outbox settled %s later\n",
		time.Since(began).Seconds()-took.Seconds(), took.Round(100*time.Millisecond))
	v := &verdict{w: w}
	v.check(unsettled == "", "settled within %s %s", o.settle, unsettled)
	if err := audit(ctx, v, db, t, letters, fanOut{}, nil, true); err != nil {
		return err
	}
	if err := checkFaulty(ctx, v, db, t, id); err != nil {
		return err
	}
	return v.err()
}

// drive sends the crowd's messages for o.duration and, meanwhile, the
// broadcast; it returns every message sent, and the broadcast's id.
func drive(ctx context.Context, t *target, db *sqlite.DB, o faultyOptions) ([]letter, int64, error) {
	c := newCourier(t.base(), o.conns)
	finish := c.start(ctx, newCrowd(o.students, o.sms, "f"), o.rate, o.conns)
	id, err := broadcast(ctx, c, db)
	if err == nil {
		err = sleep(ctx, o.duration)
	}
	return finish(), id, err
}
