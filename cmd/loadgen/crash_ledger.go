package main

import (
	"fmt"
	"slices"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/providerstub"
	"collegebot/internal/sqlite"
)

// ledger is one channel's outbox beside the stub provider's own record
// of what it accepted.
type ledger struct {
	ch   college.Channel
	rows []sqlite.OutboxRow // this channel's
	sent []providerstub.Sent
	// render is the text the provider is given for a message.
	render func(sqlite.OutboxRow) string
	// lookup says whether the channel can ask the provider whether an
	// earlier attempt arrived (Twilio can; Telegram cannot).
	lookup bool
	// mayFail says whether a message may end failed (with a reason): the
	// provider was set to fail some calls.
	mayFail bool
	// kills are when the server was killed.
	kills []time.Time
}

// newLedger picks the channel's rows out of all.
func newLedger(ch college.Channel, all []sqlite.OutboxRow, sent []providerstub.Sent) *ledger {
	l := &ledger{ch: ch, sent: sent}
	for _, r := range all {
		if r.Channel == ch {
			l.rows = append(l.rows, r)
		}
	}
	return l
}

// check compares the outbox with the provider's record and returns the
// ids of the messages the provider's record confirms.
func (l *ledger) check(v *verdict) map[int64]bool {
	l.statuses(v)
	confirmed := l.confirm(v)
	l.extras(v, confirmed)
	return confirmed
}

// statuses checks that every message came to an end: sent, or failed or
// cancelled with the reason.
func (l *ledger) statuses(v *verdict) {
	by := map[string]int{}
	unexplained := 0
	for _, r := range l.rows {
		by[r.Status]++
		if (r.Status == "failed" || r.Status == "cancelled") && r.Error == "" {
			unexplained++
		}
	}
	fmt.Fprintf(v.w, "%s outbox: %d messages: %s; the provider took %d\n", l.ch, len(l.rows), counts(by), len(l.sent))
	v.check(by["pending"]+by["sending"] == 0, "none left unsent (pending or claimed): %d", by["pending"]+by["sending"])
	if l.mayFail {
		v.check(unexplained == 0, "every failed or cancelled message says why: %d do not", unexplained)
	} else {
		v.check(by["failed"] == 0, "none failed: %d", by["failed"])
	}
}

// confirm checks that each message marked sent is in the provider's
// record, to its address, and is no other message's.
func (l *ledger) confirm(v *verdict) map[int64]bool {
	byID := map[string]providerstub.Sent{}
	for _, s := range l.sent {
		if !s.Edit {
			byID[s.ID] = s
		}
	}
	confirmed := map[int64]bool{}
	owner := map[string]int64{}
	var marked, missing, shared int
	for _, r := range l.rows {
		if (r.Status != "sent" && r.Status != "delivered") || r.Edit != "" {
			continue
		}
		marked++
		s, ok := byID[r.ProviderID]
		if !ok || s.To != r.Address {
			missing++
			continue
		}
		if other, taken := owner[r.ProviderID]; taken {
			shared++
			v.note("messages %d and %d are both recorded as %s's %s", other, r.ID, l.ch, r.ProviderID)
			continue
		}
		owner[r.ProviderID] = r.ID
		confirmed[r.ID] = true
	}
	v.check(missing == 0, "every message marked sent is in the provider's record: %d of %d", marked-missing, marked)
	v.check(shared == 0, "no two messages recorded as one the provider took (one of them lost): %d", shared)
	return confirmed
}

// extras accounts for what the provider took beyond the messages marked
// sent: a message sent twice is allowed only where the sender could not
// know the first went (the provider's answer never came, or the server was
// killed with the send in flight on a channel with no look-up).
func (l *ledger) extras(v *verdict, confirmed map[int64]bool) {
	ids := map[string]bool{}
	for _, r := range l.rows {
		if confirmed[r.ID] {
			ids[r.ProviderID] = true
		}
	}
	byText := map[string][]sqlite.OutboxRow{}
	for _, r := range l.rows {
		if r.Edit == "" {
			byText[r.Address+"\x00"+l.render(r)] = append(byText[r.Address+"\x00"+l.render(r)], r)
		}
	}
	var timedOut, killed, twice, stray, reconciled int
	for _, s := range l.sent {
		switch {
		case s.Edit:
			continue
		case ids[s.ID]:
			if s.Held {
				reconciled++
			}
			continue
		}
		rows := byText[s.To+"\x00"+s.Text]
		switch {
		case len(rows) == 0:
			stray++
		case s.Held:
			timedOut++
		case !l.lookup && l.inFlightAtKill(s, rows):
			killed++
		default:
			twice++
			v.note("%s sent to %s twice (message %d, %d attempts)", l.ch, s.To, rows[0].ID, rows[0].Attempts)
		}
	}
	v.check(stray == 0, "the provider took nothing the outbox does not hold: %d", stray)
	v.check(twice == 0, "no message sent twice but where the sender could not know: %d", twice)
	v.note("sent twice, unknowably: %d after the provider's answer never came, %d in flight at a kill (no look-up on %s)",
		timedOut, killed, l.ch)
	if reconciled > 0 {
		v.note("%d sends whose answer never came were found at the provider and not repeated", reconciled)
	}
}

// killWindow is how long after the provider took a message a kill may have
// stopped the server from recording it.
const killWindow = 5 * time.Second

// inFlightAtKill reports whether a message the provider took twice was
// taken shortly before a kill, by a message the server tried more than
// once: its first send went, and the server died before recording it.
func (l *ledger) inFlightAtKill(s providerstub.Sent, rows []sqlite.OutboxRow) bool {
	retried := slices.ContainsFunc(rows, func(r sqlite.OutboxRow) bool { return r.Attempts > 1 })
	return retried && slices.ContainsFunc(l.kills, func(k time.Time) bool {
		return !k.Before(s.At) && k.Sub(s.At) <= killWindow
	})
}
