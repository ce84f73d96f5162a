package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// A short crash run: three kills under a small crowd and a reminder
// fan-out, and nothing lost (crashRun fails on any loss or unexplained
// duplicate).
func TestCrashRun(t *testing.T) {
	needServe(t)
	ctx, cancel := context.WithTimeout(t.Context(), 4*time.Minute)
	defer cancel()
	var out bytes.Buffer
	o := crashOptions{kills: 3, students: 100, sms: 0.7, rate: 50, conns: 8, reminders: 200,
		minGap: 300 * time.Millisecond, maxGap: 1500 * time.Millisecond, settle: 2 * time.Minute,
		seed: 1, mps: 50, dueNow: true, bin: testBin}
	if err := crashRun(ctx, o, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	report := out.String()
	if n := strings.Count(report, "\nkill "); n != 3 {
		t.Errorf("%d kills reported, want 3:\n%s", n, report)
	}
	for _, want := range []string{"every message answered 2xx is in the inbox: 0 missing",
		"every due reminder queued, once each: 200 of 200", "and in the provider's record: 200 of 200",
		"sms outbox:", "telegram outbox:"} {
		if !strings.Contains(report, want) {
			t.Errorf("no %q in\n%s", want, report)
		}
	}
	if strings.Contains(report, "FAIL") || strings.Contains(report, "outbox: 0 messages") {
		t.Errorf("a check failed, or a channel was not used:\n%s", report)
	}
}

func TestCrashOptionsAreBounded(t *testing.T) {
	ok := crashOptions{kills: 20, students: 500, sms: 0.8, rate: 100, conns: 32, reminders: 3000,
		minGap: time.Second, maxGap: 2 * time.Second, settle: time.Minute, mps: 500}
	if err := ok.check(); err != nil {
		t.Fatalf("the defaults: %v", err)
	}
	for label, bad := range map[string]func(o *crashOptions){
		"no kills":        func(o *crashOptions) { o.kills = 0 },
		"no rate":         func(o *crashOptions) { o.rate = 0 },
		"gaps reversed":   func(o *crashOptions) { o.maxGap = o.minGap / 2 },
		"endless settle":  func(o *crashOptions) { o.settle = time.Hour },
		"share over 1":    func(o *crashOptions) { o.sms = 1.5 },
		"too many kills":  func(o *crashOptions) { o.kills = 1000 },
		"minute-long gap": func(o *crashOptions) { o.maxGap = 2 * time.Minute },
	} {
		o := ok
		bad(&o)
		if o.check() == nil {
			t.Errorf("%s: accepted", label)
		}
	}
}
