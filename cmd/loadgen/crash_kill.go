package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"strconv"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/conversation"
	"collegebot/internal/sqlite"
	"collegebot/messages"
)

// fanOutWait bounds the wait for the reminders to be queued: the server's
// due sweep runs at the start of each minute.
const fanOutWait = 150 * time.Second

// killer kills and restarts the server while the crowd sends, and then
// checks what came of it.
type killer struct {
	t     *target
	db    *sqlite.DB // the target's, to watch and check
	extra []string
	fan   fanOut
	o     crashOptions
	w     io.Writer
	kills []time.Time
	began time.Time
}

// run drives the crowd at the server while killing and restarting it, and
// returns every message sent once the last is answered or given up.
func (k *killer) run(ctx context.Context) ([]letter, error) {
	k.began = time.Now()
	c := newCourier(k.t.base(), k.o.conns)
	finish := c.start(ctx, newCrowd(k.o.students, k.o.sms, "c"), k.o.rate, k.o.conns)
	err := k.killAll(ctx)
	return finish(), err
}

// killAll kills the server o.kills times at seeded random moments,
// restarting it each time. Half the kills wait for the reminders to be
// queued, so that they fall while the fan-out is being sent.
func (k *killer) killAll(ctx context.Context) error {
	rnd := rand.New(rand.NewPCG(k.o.seed, 0x6b696c6c))
	for i := 1; i <= k.o.kills; i++ {
		gap := k.o.minGap + time.Duration(rnd.Int64N(int64(k.o.maxGap-k.o.minGap)+1))
		if err := sleep(ctx, gap); err != nil {
			return err
		}
		if i > k.o.kills/2 {
			if err := k.awaitFanOut(ctx); err != nil {
				return err
			}
		}
		if err := k.t.kill(); err != nil {
			return fmt.Errorf("kill %d: %w", i, err)
		}
		k.kills = append(k.kills, time.Now())
		began := time.Now()
		if err := k.t.startWith(ctx, k.extra); err != nil {
			return fmt.Errorf("restart %d: %w", i, err)
		}
		fmt.Fprintf(k.w, "kill %2d at %6.1fs; up again in %s\n", i, time.Since(k.began).Seconds(),
			time.Since(began).Round(time.Millisecond))
	}
	return nil
}

// awaitFanOut waits until the reminders are queued, at most fanOutWait.
func (k *killer) awaitFanOut(ctx context.Context) error {
	if len(k.fan.enrolments) == 0 {
		return nil
	}
	first := k.fan.key(k.fan.enrolments[0])
	queued, err := poll(ctx, fanOutWait, 250*time.Millisecond, func() (bool, error) {
		rows, err := k.db.OutboxRows(ctx)
		return slices.ContainsFunc(rows, func(r sqlite.OutboxRow) bool { return r.Key == first }), err
	})
	if err == nil && !queued {
		err = fmt.Errorf("the reminders were not queued within %s of the kills starting", fanOutWait)
	}
	return err
}

// report waits for the server to finish, stops it and checks the inbox,
// the outbox and the stubs' records against each other.
func (k *killer) report(ctx context.Context, letters []letter) error {
	took, unsettled, err := settled(ctx, k.db, k.o.settle)
	if err != nil {
		return err
	}
	if err := k.t.stop(); err != nil {
		return err
	}
	fmt.Fprintf(k.w, "stopped sending at %.1fs; everything settled %s later\n",
		time.Since(k.began).Seconds()-took.Seconds(), took.Round(100*time.Millisecond))
	k.recoveries()
	v := &verdict{w: k.w}
	v.check(unsettled == "", "settled within %s %s", k.o.settle, unsettled)
	if err := audit(ctx, v, k.db, k.t, letters, k.fan, k.kills, false); err != nil {
		return err
	}
	return v.err()
}

// recoveries prints what the server's log says it did after the kills:
// messages a dead run had claimed taken back, and sends found to have
// arrived (not repeated).
func (k *killer) recoveries() {
	log, err := os.ReadFile(k.t.log.Name())
	if err != nil {
		return
	}
	back := 0
	for _, m := range takenBack.FindAllSubmatch(log, -1) {
		n, _ := strconv.Atoi(string(m[1]))
		back += n
	}
	fmt.Fprintf(k.w, "after the kills the server took back %d claimed messages; %d sends were found to have arrived; %d looked-up messages were another's with the same words\n",
		back, bytes.Count(log, []byte(`msg="reconciled: an earlier attempt arrived"`)),
		bytes.Count(log, []byte(`msg="the provider's message with the same words is another's: not found"`)))
}

// takenBack matches the server's log line on taking back the claims of a
// run that died.
var takenBack = regexp.MustCompile(`msg="took back the messages an earlier run claimed".* messages=(\d+)`)

// audit checks the inbox against the messages sent, and each channel's
// outbox against its stub's record; with a fan-out, its reminders too.
func audit(ctx context.Context, v *verdict, db *sqlite.DB, t *target, letters []letter, fan fanOut, kills []time.Time, mayFail bool) error {
	inbox, err := db.InboxRows(ctx)
	if err != nil {
		return err
	}
	rows, err := db.OutboxRows(ctx)
	if err != nil {
		return err
	}
	out := map[college.Channel]map[string]bool{}
	for _, ch := range []college.Channel{college.SMS, college.Telegram} {
		if out[ch], err = db.OptedOut(ctx, ch); err != nil {
			return err
		}
	}
	checkInbound(v, letters, inbox, rows, out)
	cat, err := messages.Load()
	if err != nil {
		return err
	}
	sms := newLedger(college.SMS, rows, t.twilio.Sent())
	sms.lookup, sms.mayFail, sms.kills = true, mayFail, kills
	sms.render = func(r sqlite.OutboxRow) string { return conversation.RenderSMS(cat, r.Lang, r.Reply) }
	tg := newLedger(college.Telegram, rows, t.telegram.Sent())
	tg.mayFail, tg.kills = mayFail, kills
	tg.render = func(r sqlite.OutboxRow) string { return r.Text }
	delivered := sms.check(v)
	for id := range tg.check(v) {
		delivered[id] = true
	}
	if len(fan.enrolments) > 0 {
		checkReminders(v, fan, rows, delivered)
	}
	return nil
}
