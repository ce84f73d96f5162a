package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// A short run at a fixed rate: every message answered 200 is handled
// (loadRun fails otherwise), and the table has its rows.
func TestLoadRun(t *testing.T) {
	needServe(t)
	var out bytes.Buffer
	o := loadOptions{students: 30, sms: 0.5, rate: 100, conns: 8, duration: 2 * time.Second,
		mps: 100, bin: testBin, ceiling: true}
	if err := loadRun(context.Background(), o, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{"webhook answered (serve)", "stored -> handled", "webhook -> replies queued",
		"bare handler (ceiling)", "serve / ceiling"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q in\n%s", want, out.String())
		}
	}
	for _, line := range strings.Split(out.String(), "\n") {
		if f := strings.Fields(line); len(f) > 0 && strings.HasPrefix(line, "webhook answered") && f[len(f)-1] != "0" {
			t.Errorf("errors: %s", line)
		}
	}
}

// A broadcast to a crowd is queued at once, and a student's reply still
// comes while it is being sent.
func TestBroadcastRun(t *testing.T) {
	needServe(t)
	var out bytes.Buffer
	o := broadcastOptions{recipients: 2000, watch: 3 * time.Second, mps: 10, bin: testBin}
	if err := broadcastRun(context.Background(), o, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{"to everyone: 20", "messages queued in", "sending held at", "ahead of the broadcast"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q in\n%s", want, out.String())
		}
	}
}

// Bad options are refused before anything starts: loadgen always stops.
func TestLoadOptionsBounded(t *testing.T) {
	good := loadOptions{students: 10, duration: time.Second, conns: 1, sms: 0.5}
	for name, o := range map[string]loadOptions{
		"no students":   {duration: time.Second, conns: 1},
		"endless":       {students: 10, duration: time.Hour, conns: 1},
		"no connection": {students: 10, duration: time.Second},
		"negative rate": {students: 10, duration: time.Second, conns: 1, rate: -1},
	} {
		if o.check() == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if err := good.check(); err != nil {
		t.Error(err)
	}
}
