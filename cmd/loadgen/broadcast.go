package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"time"

	"github.com/spf13/cobra"

	"collegebot/internal/providerstub"
	"collegebot/internal/sqlite"
)

// admin is the demo's administrator, Robin Hart, who sends broadcasts by SMS.
const admin = "+447700900990"

// broadcastOptions shape a broadcast run.
type broadcastOptions struct {
	recipients int
	watch      time.Duration
	mps        float64
	bin        string
	keep       bool
}

func broadcastCmd() *cobra.Command {
	var o broadcastOptions
	cmd := &cobra.Command{
		Use:   "broadcast",
		Short: "Time queuing a broadcast to a big college, then watch the send rate and replies overtaking it",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.recipients < 1 || o.recipients > 500_000 || o.watch <= 0 || o.watch > 5*time.Minute {
				return fmt.Errorf("--recipients must be 1 to 500000 and --watch over 0 and at most 5m")
			}
			return broadcastRun(cmd.Context(), o, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.recipients, "recipients", 100_000, "students added to the demo college")
	f.DurationVar(&o.watch, "watch", 20*time.Second, "how long to watch the sending once queued")
	f.Float64Var(&o.mps, "mps", 10, "TWILIO_MPS: the SMS segments a second collegebot sends")
	f.StringVar(&o.bin, "bin", "", "a collegebot binary to run (default: build one)")
	f.BoolVar(&o.keep, "keep", false, "keep the database and serve.log afterwards")
	return cmd
}

// broadcastRun queues a service broadcast to everyone, as the demo's
// admin would by SMS, and reports how long queuing took, the rate the
// sender then holds, and how long students' replies wait meanwhile.
func broadcastRun(ctx context.Context, o broadcastOptions, w io.Writer) error {
	t, err := newTarget(ctx, o.bin, providerstub.Faults{}, o.mps)
	if err != nil {
		return err
	}
	defer t.close(o.keep, w)
	db, err := sqlite.Open(ctx, t.db)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.SeedCrowd(ctx, o.recipients); err != nil {
		return err
	}
	if err := t.start(ctx); err != nil {
		return err
	}
	id, err := draft(ctx, t)
	if err != nil {
		return err
	}
	queued, took, err := queue(ctx, t, db, id)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "broadcast %d to everyone: %d messages queued in %s (from the send command's webhook to the rows being visible)\n",
		id, queued, took.Round(time.Millisecond))
	return watch(ctx, t, o, w)
}

// draftID finds the broadcast's id in the preview sent to the admin.
var draftID = regexp.MustCompile(`#broadcast send (\d+)`)

// draft has the admin write a broadcast and returns its id from the
// preview, once it arrives.
func draft(ctx context.Context, t *target) (int64, error) {
	if err := t.text(ctx, admin, "SMbroadcastdraft", "#broadcast all service The college is closed on Monday 1 Dec. Courses that day move to Monday 8 Dec."); err != nil {
		return 0, err
	}
	var id int64
	done, err := poll(ctx, time.Minute, 20*time.Millisecond, func() (bool, error) {
		for _, text := range t.twilio.SentTo(admin) {
			if m := draftID.FindStringSubmatch(text); m != nil {
				_, err := fmt.Sscan(m[1], &id)
				return true, err
			}
		}
		return false, nil
	})
	if err == nil && !done {
		err = fmt.Errorf("no broadcast preview reached the admin within a minute: %q", t.twilio.SentTo(admin))
	}
	return id, err
}

// queue sends the admin's send command and times until the broadcast's
// messages are in the outbox.
func queue(ctx context.Context, t *target, db *sqlite.DB, id int64) (int, time.Duration, error) {
	start := time.Now()
	if err := t.text(ctx, admin, "SMbroadcastsend", fmt.Sprintf("#broadcast send %d", id)); err != nil {
		return 0, 0, err
	}
	var n int
	done, err := poll(ctx, time.Minute, 5*time.Millisecond, func() (bool, error) {
		var err error
		n, err = db.BroadcastQueued(ctx, id)
		return n > 0, err
	})
	took := time.Since(start)
	if err == nil && !done {
		err = fmt.Errorf("broadcast %d was not queued within a minute", id)
	}
	return n, took, err
}

// watch measures the send rate once the broadcast is queued, while
// students text in and their replies overtake it.
func watch(ctx context.Context, t *target, o broadcastOptions, w io.Writer) error {
	sms0, tg0 := t.twilio.Count(), t.telegram.Count()
	start := time.Now()
	var waits []time.Duration
	for i := 0; time.Since(start) < o.watch; i++ {
		from := fmt.Sprintf("+4477009%05d", 50000+i)
		sent := time.Now()
		if err := t.text(ctx, from, fmt.Sprintf("SMovertake%05d", i), "courses"); err != nil {
			return err
		}
		if _, err := poll(ctx, 30*time.Second, 5*time.Millisecond, func() (bool, error) {
			return len(t.twilio.SentTo(from)) > 0, nil
		}); err != nil {
			return err
		}
		waits = append(waits, time.Since(sent))
		if err := sleep(ctx, time.Second); err != nil {
			return err
		}
	}
	secs := time.Since(start).Seconds()
	smsRate := float64(t.twilio.Count()-sms0) / secs
	fmt.Fprintf(w, "sending held at %.1f SMS a second (TWILIO_MPS=%g) and %.1f Telegram messages a second\n",
		smsRate, o.mps, float64(t.telegram.Count()-tg0)/secs)
	s := summarise("", waits, 0, 0)
	fmt.Fprintf(w, "%d students texted meanwhile: each reply arrived after %s (median), %s at most, ahead of the broadcast\n",
		len(waits), ms(s.p50), ms(s.max))
	return nil
}

// text posts one signed inbound SMS.
func (t *target) text(ctx context.Context, from, sid, body string) error {
	req := smsMessage(from, sid, body).req(t.base()).WithContext(ctx)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("the webhook answered %s", resp.Status)
	}
	return nil
}
