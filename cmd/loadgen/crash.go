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

// crashOptions shape a crash run.
type crashOptions struct {
	kills          int
	students       int
	sms            float64
	rate           float64
	conns          int
	reminders      int
	minGap, maxGap time.Duration
	settle         time.Duration
	seed           uint64
	mps            float64
	dueNow         bool
	bin            string
	keep           bool
}

func crashCmd() *cobra.Command {
	var o crashOptions
	cmd := &cobra.Command{
		Use:   "crash",
		Short: "Kill collegebot serve at random moments under load and a reminder fan-out, then check nothing was lost",
		Long: `crash runs collegebot serve with stub providers, drives inbound SMS and Telegram
messages at it and books a course whose reminders fall due as the run starts,
kills the server with SIGKILL at random moments (--kills times, seeded) and
restarts it. Messages that got no answer are sent again with the same provider
id, as Twilio and Telegram do. Then it stops sending, waits for the server to
finish, and checks the inbox, the outbox and the stubs' own records: every
message answered 2xx stored once and handled, every due reminder sent and
received, nothing sent twice but where the sender could not know. It exits
non-zero on any loss or unexplained duplicate.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := o.check(); err != nil {
				return err
			}
			return crashRun(cmd.Context(), o, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.kills, "kills", 20, "how many times to kill the server")
	f.IntVar(&o.students, "students", 500, "simulated students sending messages")
	f.Float64Var(&o.sms, "sms", 0.8, "share of students (and of reminders) on SMS; the rest on Telegram")
	f.Float64Var(&o.rate, "rate", 100, "inbound messages a second")
	f.IntVar(&o.conns, "conns", 32, "connections sending at once")
	f.IntVar(&o.reminders, "reminders", 3000, "students booked on the session whose reminders fall due")
	f.DurationVar(&o.minGap, "min-gap", 500*time.Millisecond, "shortest time from a start to the next kill")
	f.DurationVar(&o.maxGap, "max-gap", 4*time.Second, "longest time from a start to the next kill")
	f.DurationVar(&o.settle, "settle", 3*time.Minute, "how long to wait at the end for everything to be handled and sent")
	f.Uint64Var(&o.seed, "seed", 1, "seed of the kill times")
	f.Float64Var(&o.mps, "mps", 500, "TWILIO_MPS: the SMS segments a second collegebot sends")
	f.BoolVar(&o.dueNow, "due-now", false, "queue the reminders with `collegebot jobs run due` as soon as serve is up, not at its next minute")
	f.StringVar(&o.bin, "bin", "", "a collegebot binary to run (default: build one)")
	f.BoolVar(&o.keep, "keep", false, "keep the database and serve.log afterwards")
	return cmd
}

// check bounds a run: loadgen always stops by itself.
func (o crashOptions) check() error {
	switch {
	case o.kills < 1 || o.kills > 200:
		return fmt.Errorf("--kills must be 1 to 200")
	case o.students < 1 || o.students > 20_000:
		return fmt.Errorf("--students must be 1 to 20000")
	case o.reminders < 0 || o.reminders > 20_000:
		return fmt.Errorf("--reminders must be 0 to 20000")
	case o.sms < 0 || o.sms > 1:
		return fmt.Errorf("--sms must be a share from 0 to 1")
	case o.rate <= 0 || o.rate > 5000:
		return fmt.Errorf("--rate must be over 0 and at most 5000")
	case o.conns < 1 || o.conns > 256:
		return fmt.Errorf("--conns must be 1 to 256")
	case o.minGap <= 0 || o.maxGap < o.minGap || o.maxGap > time.Minute:
		return fmt.Errorf("--min-gap must be over 0, and --max-gap at least that and at most 1m")
	case o.settle <= 0 || o.settle > 10*time.Minute:
		return fmt.Errorf("--settle must be over 0 and at most 10m")
	case o.mps <= 0:
		return fmt.Errorf("--mps must be over 0")
	}
	return nil
}

// crashRun runs the crash test and prints its report.
func crashRun(ctx context.Context, o crashOptions, w io.Writer) error {
	t, err := newTarget(ctx, o.bin, providerstub.Faults{}, o.mps)
	if err != nil {
		return err
	}
	defer t.close(o.keep, w)
	profile, err := quietProfile(t.dir)
	if err != nil {
		return err
	}
	extra := []string{"COLLEGEBOT_COLLEGE=" + profile}
	fan, err := seedFanOut(ctx, t.db, o.reminders, o.sms, soonDue(time.Now()))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "crash: %d kills (seed %d), %d students (%.0f%% on SMS) sending %.0f a second, %d reminders falling due\n",
		o.kills, o.seed, o.students, o.sms*100, o.rate, o.reminders)
	if err := t.startWith(ctx, extra); err != nil {
		return err
	}
	if o.dueNow {
		if err := t.runJob(ctx, "due", extra); err != nil {
			return err
		}
	}
	db, err := sqlite.Open(ctx, t.db)
	if err != nil {
		return err
	}
	defer db.Close()
	k := &killer{t: t, db: db, extra: extra, fan: fan, o: o, w: w}
	letters, err := k.run(ctx)
	if err != nil {
		return err
	}
	return k.report(ctx, letters)
}
