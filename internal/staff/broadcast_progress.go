package staff

import (
	"context"
	"fmt"
	"math"
	"time"

	"collegebot/internal/college"
)

// Progress tells staff how their broadcasts go. For each broadcast still
// running, sent from Telegram, it edits the one message that follows it
// (once that message is sent) whenever the counts of sent, failed or
// cancelled change; sent by SMS or from the terminal, it texts once when
// nothing is left to send. A broadcast with nothing left is then marked
// finished and looked at no more.
func (d *Desk) Progress(ctx context.Context) error {
	return d.office.Office(ctx, func(tx college.OfficeTx) error {
		bs, err := tx.RunningBroadcasts()
		if err != nil {
			return err
		}
		for _, b := range bs {
			if err := d.progressOf(tx, b); err != nil {
				return fmt.Errorf("staff: progress of broadcast %d: %w", b.ID, err)
			}
		}
		return nil
	})
}

// WatchBroadcasts runs Progress every interval until ctx ends. A round that fails
// is logged, and the next one tries again.
func (d *Desk) WatchBroadcasts(ctx context.Context, every time.Duration) error {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
			if err := d.Progress(ctx); err != nil && ctx.Err() == nil {
				d.log.Error("broadcast progress", "err", err)
			}
		}
	}
}

// progressOf tells the member who sent a broadcast how it goes, if there
// is news for them, and marks it finished when nothing is left.
func (d *Desk) progressOf(tx college.OfficeTx, b college.Broadcast) error {
	p, err := tx.BroadcastProgress(b.ID)
	if err != nil {
		return err
	}
	now := tx.Now()
	var o *college.Outgoing
	switch b.NotifyChannel {
	case "":
	case college.Telegram:
		o = d.progressEdit(b, p, now)
	default:
		if p.Done() && b.Status == college.BroadcastQueued { // a stop was answered already
			m := staffMessage(fmt.Sprintf("broadcast:%d:finished", b.ID), b.NotifyChannel, b.NotifyAddress,
				college.Reply{Text: StatusText(b, p, now, d.loc)}, now)
			o = &m
		}
	}
	if o != nil {
		if err := tx.Enqueue(*o); err != nil {
			return err
		}
	}
	if p.Done() {
		return tx.FinishBroadcast(b.ID)
	}
	return nil
}

// progressEdit is the edit of a broadcast's Telegram progress message to
// its counts now, keyed by them so unchanged counts queue nothing. Until
// the message is sent there is nothing to edit; if it never was, the last
// word comes as a message of its own.
func (d *Desk) progressEdit(b college.Broadcast, p college.Progress, now time.Time) *college.Outgoing {
	if p.Sent+p.Failed+p.Cancelled == 0 && !p.Done() {
		return nil // the message says so already
	}
	key := fmt.Sprintf("broadcast:%d:progress:%d:%d:%d", b.ID, p.Sent, p.Failed, p.Cancelled)
	if p.Done() {
		key += ":done"
	}
	if b.ProgressSent == "" {
		if !p.Done() {
			return nil
		}
		key = fmt.Sprintf("broadcast:%d:finished", b.ID)
	}
	o := staffMessage(key, college.Telegram, b.NotifyAddress, d.progressReply(b, p, now), now)
	o.Edit = b.ProgressSent
	return &o
}

// progressReply is the progress message: how it goes and, while it runs,
// a button to stop it.
func (d *Desk) progressReply(b college.Broadcast, p college.Progress, now time.Time) college.Reply {
	r := college.Reply{Text: StatusText(b, p, now, d.loc)}
	if !p.Done() && b.Status == college.BroadcastQueued {
		r.Choices = []college.Choice{{Label: "Stop", Command: fmt.Sprintf("broadcast stop %d", b.ID)}}
	}
	return r
}

// StatusText says what a broadcast is and how it goes, for staff:
// "Broadcast 12, news to course:MH1: 312 / 1,240 sent, 2 failed, about 2
// min left."
func StatusText(b college.Broadcast, p college.Progress, now time.Time, loc *time.Location) string {
	name := fmt.Sprintf("Broadcast %d, %s to %s", b.ID, b.Kind, b.Audience)
	switch {
	case b.Status == college.BroadcastDraft:
		return fmt.Sprintf("%s, is a draft for %s: not sent yet.", name, studentCount(b.Recipients))
	case b.Status == college.BroadcastDiscarded:
		return name + ", was discarded: nothing was sent."
	case b.Status == college.BroadcastStopped:
		return fmt.Sprintf("%s, stopped: %s.", name, ProgressLine(p, now, loc))
	case p.Done():
		return fmt.Sprintf("%s, finished: %s.", name, ProgressLine(p, now, loc))
	}
	return fmt.Sprintf("%s: %s.", name, ProgressLine(p, now, loc))
}

// ProgressLine counts how a broadcast goes and, while messages are left,
// when it should be done: "312 / 1,240 sent, 2 failed, about 2 min left".
func ProgressLine(p college.Progress, now time.Time, loc *time.Location) string {
	s := fmt.Sprintf("%s / %s sent", grouped(p.Sent), grouped(p.Total))
	if p.Failed > 0 {
		s += fmt.Sprintf(", %s failed", grouped(p.Failed))
	}
	if p.Cancelled > 0 {
		s += fmt.Sprintf(", %s not sent", grouped(p.Cancelled))
	}
	if p.Done() {
		return s
	}
	if now.Before(p.Start) {
		return s + ", starts " + startsAt(p.Start, now, loc) + " after quiet hours"
	}
	left, ok := p.Left(now)
	if !ok {
		return s + ", starting"
	}
	return s + ", " + timeLeft(left)
}

// startsAt shows when a broadcast starts: "at 08:00", or "Tue 08:00" on
// another day.
func startsAt(t, now time.Time, loc *time.Location) string {
	t, now = t.In(loc), now.In(loc)
	if t.YearDay() == now.YearDay() && t.Year() == now.Year() {
		return "at " + t.Format("15:04")
	}
	return t.Format("Mon 15:04")
}

// timeLeft says roughly how long is left: "about 2 min left".
func timeLeft(d time.Duration) string {
	mins := int(math.Round(d.Minutes()))
	switch {
	case mins < 1:
		return "less than a minute left"
	case mins < 60:
		return fmt.Sprintf("about %d min left", mins)
	}
	return fmt.Sprintf("about %d h %d min left", mins/60, mins%60)
}
