package main

import (
	"fmt"
	"io"
	"strings"

	"collegebot/internal/college"
	"collegebot/internal/sqlite"
)

// verdict prints a run's checks as they are made and counts the failures.
type verdict struct {
	w      io.Writer
	failed int
}

// check prints one check, ok or FAIL.
func (v *verdict) check(ok bool, format string, args ...any) {
	mark := "ok  "
	if !ok {
		mark = "FAIL"
		v.failed++
	}
	fmt.Fprintf(v.w, "  %s %s\n", mark, fmt.Sprintf(format, args...))
}

// note prints a figure that is neither right nor wrong.
func (v *verdict) note(format string, args ...any) {
	fmt.Fprintf(v.w, "       %s\n", fmt.Sprintf(format, args...))
}

// err is the run's outcome: nil when every check passed.
func (v *verdict) err() error {
	if v.failed == 0 {
		return nil
	}
	return fmt.Errorf("%d checks failed", v.failed)
}

// checkInbound checks every message the crowd sent against the inbox: each
// one answered 2xx is stored once and handled, with its replies queued
// (none to a sender who opted out, or was found gone).
func checkInbound(v *verdict, letters []letter, inbox []sqlite.Timing, rows []sqlite.OutboxRow, out map[college.Channel]map[string]bool) {
	stored := map[string][]sqlite.Timing{}
	for _, r := range inbox {
		k := string(r.Channel) + ":" + r.ProviderID
		stored[k] = append(stored[k], r)
	}
	replies := replyCounts(rows)
	var answered, resent, tries, unanswered, refused, missing, twice, unhandled, noReply, quiet int
	for _, l := range letters {
		tries += l.tries
		if l.tries > 1 {
			resent++
		}
		switch {
		case l.refused():
			refused++
			continue
		case !l.answered():
			unanswered++
			continue
		}
		answered++
		k := string(l.ch) + ":" + l.id
		ins := stored[k]
		switch {
		case len(ins) == 0:
			missing++
		case len(ins) > 1:
			twice++
		case ins[0].Processed.IsZero():
			unhandled++
		case replies[k] > 0:
		case out[ins[0].Channel][ins[0].Address]:
			quiet++
		default:
			noReply++
		}
	}
	fmt.Fprintf(v.w, "inbound: %d messages, %d answered 2xx; %d resent after no answer (%d tries in all)\n",
		len(letters), answered, resent, tries)
	v.check(unanswered == 0 && refused == 0, "every message answered 2xx in the end: %d never were, %d refused", unanswered, refused)
	v.check(missing == 0, "every message answered 2xx is in the inbox: %d missing", missing)
	v.check(twice == 0, "each once: %d stored twice", twice)
	v.check(unhandled == 0, "each handled: %d not", unhandled)
	v.check(noReply == 0, "each with its replies queued: %d without", noReply)
	if quiet > 0 {
		v.note("%d handled with no reply: the sender had opted out, or was found gone", quiet)
	}
}

// replyCounts counts the replies queued to each inbound message, students'
// ("reply:<channel>:<provider id>:<n>") and staff's ("staff:..."), by
// "<channel>:<provider id>".
func replyCounts(rows []sqlite.OutboxRow) map[string]int {
	out := map[string]int{}
	for _, r := range rows {
		rest, ok := strings.CutPrefix(r.Key, "reply:")
		if !ok {
			rest, ok = strings.CutPrefix(r.Key, "staff:")
		}
		if i := strings.LastIndexByte(rest, ':'); ok && i > 0 {
			out[rest[:i]]++
		}
	}
	return out
}

// checkReminders checks that every place booked on the fan-out's session
// was sent its reminder once, and the provider has it (delivered holds
// the ids of the messages the providers' records confirm).
func checkReminders(v *verdict, f fanOut, rows []sqlite.OutboxRow, delivered map[int64]bool) {
	byKey := map[string]sqlite.OutboxRow{}
	for _, r := range rows {
		byKey[r.Key] = r
	}
	var queued, sent, received int
	for _, e := range f.enrolments {
		r, ok := byKey[f.key(e)]
		if !ok {
			continue
		}
		queued++
		if r.Status == "sent" || r.Status == "delivered" {
			sent++
		}
		if delivered[r.ID] {
			received++
		}
	}
	n := len(f.enrolments)
	fmt.Fprintf(v.w, "reminders: %d places booked on a session starting %s\n", n, f.start.Local().Format("15:04:05"))
	v.check(queued == n, "every due reminder queued, once each: %d of %d", queued, n)
	v.check(sent == n, "every one marked sent: %d of %d", sent, n)
	v.check(received == n, "and in the provider's record: %d of %d", received, n)
}
