package main

import (
	"context"
	"fmt"
	"io"
	"os/exec"
	"time"

	"collegebot/internal/sqlite"
)

// startWith is start with more of the server's environment: extra
// settings come after the target's own, so they win.
func (t *target) startWith(ctx context.Context, extra []string) error {
	if t.addr == "" {
		port, err := freePort()
		if err != nil {
			return err
		}
		metrics, err := freePort()
		if err != nil {
			return err
		}
		t.addr, t.metricsAddr = fmt.Sprintf("127.0.0.1:%d", port), fmt.Sprintf("127.0.0.1:%d", metrics)
	}
	t.cmd = exec.Command(t.bin, "serve")
	t.cmd.Env = append(t.env(), extra...)
	t.cmd.Stdout, t.cmd.Stderr = t.log, t.log
	t.cmd.SysProcAttr = dieWithParent()
	if err := t.cmd.Start(); err != nil {
		return fmt.Errorf("starting collegebot serve: %w", err)
	}
	t.exited = make(chan error, 1)
	go func(c *exec.Cmd) { t.exited <- c.Wait() }(t.cmd)
	return t.waitHealthy(ctx)
}

// runJob runs `collegebot jobs run NAME` on the target's database, as an
// operator would beside the server.
func (t *target) runJob(ctx context.Context, name string, extra []string) error {
	cmd := exec.CommandContext(ctx, t.bin, "jobs", "run", name)
	cmd.Env = append(t.env(), extra...)
	cmd.Stdout, cmd.Stderr = io.Discard, t.log
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("collegebot jobs run %s: %w (see %s)", name, err, t.log.Name())
	}
	return nil
}

// settled waits until the inbox is handled and nothing in the outbox is
// waiting to go, or within has passed; it reports how long that took and
// what was still waiting.
func settled(ctx context.Context, db *sqlite.DB, within time.Duration) (time.Duration, string, error) {
	began := time.Now()
	var waiting, unsent int
	done, err := poll(ctx, within, 250*time.Millisecond, func() (bool, error) {
		var err error
		if waiting, err = db.Waiting(ctx); err != nil {
			return false, err
		}
		rows, err := db.OutboxRows(ctx)
		unsent = 0
		for _, r := range rows {
			if r.Status == "pending" || r.Status == "sending" {
				unsent++
			}
		}
		return waiting == 0 && unsent == 0, err
	})
	took := time.Since(began)
	if err != nil || done {
		return took, "", err
	}
	return took, fmt.Sprintf("%d inbound messages not handled and %d outbound not sent after %s", waiting, unsent, within), nil
}
