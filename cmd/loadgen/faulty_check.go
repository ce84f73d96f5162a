package main

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/providerstub"
	"collegebot/internal/sqlite"
)

// broadcastText is what the member of staff, the demo's admin, broadcasts.
const broadcastText = "Sleep well is on as planned. Bring a notebook on the day."

// broadcast has the member of staff draft a broadcast to the fan-out
// course's students by SMS and then send it, as they would, and returns
// its id once it is queued.
func broadcast(ctx context.Context, c *courier, db *sqlite.DB) (int64, error) {
	c.post(ctx, staffSMS(1, "#broadcast course:"+fanOutCode+" service "+broadcastText))
	b, err := awaitBroadcast(ctx, db, college.BroadcastDraft)
	if err != nil {
		return 0, err
	}
	c.post(ctx, staffSMS(2, fmt.Sprintf("#broadcast send %d", b.ID)))
	_, err = awaitBroadcast(ctx, db, college.BroadcastQueued)
	return b.ID, err
}

// staffSMS is the n-th text from the member of staff.
func staffSMS(n int, body string) message {
	return smsMessage(admin, fmt.Sprintf("SMfb%030d", n), body)
}

// awaitBroadcast waits, at most a minute, for the broadcast to be in a
// status.
func awaitBroadcast(ctx context.Context, db *sqlite.DB, status college.BroadcastStatus) (college.Broadcast, error) {
	var found college.Broadcast
	done, err := poll(ctx, time.Minute, 100*time.Millisecond, func() (bool, error) {
		var bs []college.Broadcast
		err := db.OfficeView(ctx, func(tx college.OfficeTx) (err error) {
			bs, err = tx.Broadcasts(10)
			return err
		})
		i := slices.IndexFunc(bs, func(b college.Broadcast) bool { return b.Body == broadcastText && b.Status == status })
		if i >= 0 {
			found = bs[i]
		}
		return i >= 0, err
	})
	if err == nil && !done {
		err = fmt.Errorf("the broadcast was not %s within a minute", status)
	}
	return found, err
}

// checkFaulty checks what the faults came to: every recipient a provider
// said is gone opted out, and the broadcast's every message ended.
func checkFaulty(ctx context.Context, v *verdict, db *sqlite.DB, t *target, id int64) error {
	rows, err := db.OutboxRows(ctx)
	if err != nil {
		return err
	}
	for _, s := range []struct {
		ch   college.Channel
		stub faultRecord
	}{{college.SMS, t.twilio}, {college.Telegram, t.telegram}} {
		if err := checkGone(ctx, v, db, s.ch, s.stub); err != nil {
			return err
		}
	}
	checkBroadcast(v, id, rows)
	reasons(v, rows)
	return nil
}

// faultRecord is what a stub says of the calls it failed.
type faultRecord interface {
	Calls() (int, map[providerstub.Fault]int)
	Refused() []providerstub.Refusal
}

// checkGone checks that every student the provider said is gone (Twilio
// 21610, Telegram 403) is opted out.
func checkGone(ctx context.Context, v *verdict, db *sqlite.DB, ch college.Channel, stub faultRecord) error {
	calls, faults := stub.Calls()
	fmt.Fprintf(v.w, "%s provider: %d send calls, failed: %d with 500, %d with 429, %d timed out, %d recipient gone\n",
		ch, calls, faults[providerstub.Fail500], faults[providerstub.Fail429], faults[providerstub.FailTimeout], faults[providerstub.FailGone])
	out, err := db.OptedOut(ctx, ch)
	if err != nil {
		return err
	}
	gone := map[string]bool{}
	for _, r := range stub.Refused() {
		switch {
		case r.Fault != providerstub.FailGone:
		case r.To == admin:
			v.note("the member of staff's number was reported gone: staff are no student contact to opt out")
		default:
			gone[r.To] = true
		}
	}
	marked := 0
	for to := range gone {
		if out[to] {
			marked++
		}
	}
	v.check(marked == len(gone), "every student the provider said is gone is opted out: %d of %d", marked, len(gone))
	return nil
}

// checkBroadcast checks that each of the broadcast's messages ended.
func checkBroadcast(v *verdict, id int64, rows []sqlite.OutboxRow) {
	by := map[string]int{}
	n := 0
	for _, r := range rows {
		if r.BroadcastID == id && r.StudentID != 0 && r.Edit == "" {
			by[r.Status]++
			n++
		}
	}
	fmt.Fprintf(v.w, "broadcast %d: %d messages: %s\n", id, n, counts(by))
	v.check(n > 0 && by["pending"]+by["sending"] == 0, "every one of them ended: %d still pending or claimed", by["pending"]+by["sending"])
}

// reasons prints why messages failed or were cancelled, most common first.
func reasons(v *verdict, rows []sqlite.OutboxRow) {
	by := map[string]int{}
	for _, r := range rows {
		if r.Status == "failed" || r.Status == "cancelled" {
			by[r.Status+": "+short(r.Error)]++
		}
	}
	keys := slices.SortedFunc(maps.Keys(by), func(a, b string) int { return by[b] - by[a] })
	for _, k := range keys {
		v.note("%4d %s", by[k], k)
	}
}

// short cuts a failure's reason down to what says why.
func short(reason string) string {
	if i := strings.Index(reason, "outbox message "); i >= 0 {
		if j := strings.Index(reason[i:], ": "); j >= 0 {
			reason = reason[i+j+2:]
		}
	}
	if len(reason) > 90 {
		reason = reason[:90] + "..."
	}
	return reason
}

// counts prints statuses and their counts, in order of status.
func counts(by map[string]int) string {
	var parts []string
	for _, s := range slices.Sorted(maps.Keys(by)) {
		parts = append(parts, fmt.Sprintf("%d %s", by[s], s))
	}
	return strings.Join(parts, ", ")
}
