package staff

import (
	"errors"
	"fmt"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/sms"
	"collegebot/messages"
)

// SendBroadcast queues a draft broadcast for everyone its audience reaches now, as
// bulk messages that wait out quiet hours, and returns it as queued with
// how many it queued. The member of staff at addr on notify is told how
// it goes: on Telegram by one message, queued now and edited as it goes
// (see Progress); elsewhere by a text when it has finished. Without
// notify nobody is told. A broadcast that is not a draft is a *Problem.
func (d *Desk) SendBroadcast(tx college.OfficeTx, id int64, notify college.Channel, addr string) (college.Broadcast, int, error) {
	b, err := draftOf(tx, id)
	if err != nil {
		return b, 0, err
	}
	now := tx.Now()
	m, err := broadcastMessage(b, college.QuietUntil(now, d.profile, d.loc))
	if err != nil {
		return b, 0, err
	}
	b.NotifyChannel, b.NotifyAddress = notify, addr
	b.Audience.Terminal = d.inTerminal()
	n, err := tx.QueueBroadcast(b, m)
	if err != nil {
		return b, 0, err
	}
	if n == 0 {
		return b, 0, problemf("Nobody in %s can be sent it now: %s Nothing was sent.", b.Audience, nobodyWhy(b.Kind))
	}
	b.Status, b.Recipients, b.QueuedAt = college.BroadcastQueued, n, &now
	if notify == college.Telegram {
		err = d.queueProgress(tx, b)
	}
	return b, n, err
}

// broadcastMessage is what the students of each language are sent, from
// notBefore: the default's text, and each other language's.
func broadcastMessage(b college.Broadcast, notBefore time.Time) (college.BroadcastMessage, error) {
	m := college.BroadcastMessage{NotBefore: notBefore, Langs: map[string]college.LangMessage{}}
	cat, err := messages.Load()
	if err != nil {
		return m, err
	}
	texts, _, err := langTexts(cat, b)
	if err != nil {
		return m, err
	}
	for l, text := range texts {
		lm := college.LangMessage{Text: text, Segments: sms.Count(text).Segments}
		if l == messages.Default {
			m.Text, m.Segments = lm.Text, lm.Segments
		} else {
			m.Langs[l] = lm
		}
	}
	return m, nil
}

// draftOf returns a broadcast that is still a draft, or a *Problem.
func draftOf(tx college.OfficeTx, id int64) (college.Broadcast, error) {
	b, err := broadcastOf(tx, id)
	if err == nil && b.Status != college.BroadcastDraft {
		return b, problemf("Broadcast %d is %s already: it can be sent once.", id, b.Status)
	}
	return b, err
}

// broadcastOf returns a broadcast, or a *Problem when there is none.
func broadcastOf(tx college.OfficeTx, id int64) (college.Broadcast, error) {
	b, err := tx.Broadcast(id)
	if errors.Is(err, college.ErrNotFound) {
		return b, problemf("There is no broadcast %d.", id)
	}
	return b, err
}

// queueProgress queues the Telegram message that tells the member how a
// broadcast goes, and remembers it to edit.
func (d *Desk) queueProgress(tx college.OfficeTx, b college.Broadcast) error {
	p, err := tx.BroadcastProgress(b.ID)
	if err != nil {
		return err
	}
	key := fmt.Sprintf("broadcast:%d:progress", b.ID)
	o := staffMessage(key, b.NotifyChannel, b.NotifyAddress, d.progressReply(b, p, tx.Now()), tx.Now())
	if err := tx.Enqueue(o); err != nil {
		return err
	}
	return tx.SetBroadcastProgress(b.ID, key)
}

// StopBroadcast stops a queued broadcast: what is still waiting in the queue is
// cancelled and never sent; what is being sent or was sent stays. It
// returns the broadcast as stopped and how many messages it cancelled. One
// that is not queued is a *Problem.
func (d *Desk) StopBroadcast(tx college.OfficeTx, id int64) (college.Broadcast, int, error) {
	b, err := broadcastOf(tx, id)
	if err != nil {
		return b, 0, err
	}
	if b.Status != college.BroadcastQueued {
		return b, 0, problemf("Broadcast %d is %s: only a queued broadcast can be stopped.", id, b.Status)
	}
	n, err := tx.StopBroadcast(id)
	b.Status = college.BroadcastStopped
	return b, n, err
}

// DiscardBroadcast drops a draft broadcast. One that is not a draft is a *Problem.
func (d *Desk) DiscardBroadcast(tx college.OfficeTx, id int64) (college.Broadcast, error) {
	b, err := broadcastOf(tx, id)
	if err != nil {
		return b, err
	}
	if b.Status != college.BroadcastDraft {
		return b, problemf("Broadcast %d is %s: only a draft can be discarded (a queued one can be stopped).", id, b.Status)
	}
	b.Status = college.BroadcastDiscarded
	return b, tx.DiscardBroadcast(id)
}

// StopText says what stopping a broadcast did.
func StopText(b college.Broadcast, cancelled int, p college.Progress) string {
	s := fmt.Sprintf("Stopped broadcast %d: %s not sent, %s sent", b.ID, grouped(cancelled), grouped(p.Sent))
	if p.Pending > 0 {
		s += fmt.Sprintf(", %s being sent as you stopped it", grouped(p.Pending))
	}
	return s + "."
}
