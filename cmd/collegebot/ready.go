package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// The limits /readyz holds the server to.
const (
	// readyTimeout bounds the checks of one request.
	readyTimeout = 3 * time.Second
	// dueWithin is how recently the due job, which runs every minute,
	// must have succeeded; a server younger than this is given the time.
	dueWithin = 3 * time.Minute
)

// check is one line of /readyz: what was checked, and what was found.
type check struct {
	name   string
	detail string // what was found when it passed
	err    error  // why it failed
}

// readyz reports whether collegebot can do its work, one line per check:
// the database takes a write, the outbox dispatcher's loops turn, and the
// due job (reminders, offers, surveys) succeeded lately. It answers 200
// when every check passes and 503 when one fails. It names no student and
// no message, only what to look at.
func (m *Main) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
	defer cancel()
	checks := []check{m.checkDB(ctx), m.checkDispatcher(), m.checkDue(ctx, time.Now())}
	var b strings.Builder
	code := http.StatusOK
	for _, c := range checks {
		if c.err != nil {
			code = http.StatusServiceUnavailable
			m.log.Warn("not ready", "comp", "main", "check", c.name, "err", c.err)
			fmt.Fprintf(&b, "%s: FAIL: %v\n", c.name, c.err)
			continue
		}
		fmt.Fprintf(&b, "%s: ok: %s\n", c.name, c.detail)
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	fmt.Fprint(w, b.String())
}

// checkDB commits a write to the heartbeat row. It gives up when ctx
// ends, since a write waiting on a held lock sees that only when SQLite's
// busy timeout runs out.
func (m *Main) checkDB(ctx context.Context) check {
	done := make(chan error, 1)
	go func() { done <- m.db.Writable(ctx) }()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		err = fmt.Errorf("no write committed within %s: %w", readyTimeout, ctx.Err())
	}
	if err != nil {
		return check{name: "database", err: fmt.Errorf("not writable: %w", err)}
	}
	return check{name: "database", detail: "writable"}
}

// checkDispatcher asks the outbox dispatcher whether its loops turn.
func (m *Main) checkDispatcher() check {
	if err := m.disp.Alive(0); err != nil {
		return check{name: "dispatcher", err: err}
	}
	return check{name: "dispatcher", detail: "running"}
}

// checkDue reads the due job's last success from the ledger.
func (m *Main) checkDue(ctx context.Context, now time.Time) check {
	last, err := m.db.LastSuccess(ctx, "due")
	if err != nil {
		return check{name: "due job", err: err}
	}
	detail, err := dueReady(last, now, m.started)
	return check{name: "due job", detail: detail, err: err}
}

// dueReady judges the due job's last success (zero: none) at now, for a
// server started at started.
func dueReady(last, now, started time.Time) (string, error) {
	ago := func(t time.Time) string { return now.Sub(t).Round(time.Second).String() }
	switch {
	case !last.IsZero() && now.Sub(last) <= dueWithin:
		return "last succeeded " + ago(last) + " ago", nil
	case now.Sub(started) < dueWithin:
		return "started " + ago(started) + " ago; waiting for the first run", nil
	case last.IsZero():
		return "", errors.New("no successful run in the ledger, and the server started " + ago(started) +
			" ago; see collegebot jobs list")
	}
	return "", fmt.Errorf("last succeeded %s ago, more than %s; see collegebot jobs list", ago(last), dueWithin)
}
