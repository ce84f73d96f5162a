package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// A short run against stubs failing a fifth of the sends: every message
// ends sent or failed with a reason, and those gone are opted out
// (faultyRun fails otherwise).
func TestFaultyRun(t *testing.T) {
	needServe(t)
	ctx, cancel := context.WithTimeout(t.Context(), 4*time.Minute)
	defer cancel()
	var out bytes.Buffer
	o := faultyOptions{students: 100, recipients: 40, sms: 0.7, rate: 40, conns: 4, duration: 2500 * time.Millisecond,
		settle: 3 * time.Minute, sendTimeout: 2 * time.Second, share: 0.2, seed: 3, mps: 100, bin: testBin}
	if err := faultyRun(ctx, o, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	report := out.String()
	for _, want := range []string{"broadcast 1: 40 messages", "sms provider:", "telegram provider:",
		"every student the provider said is gone is opted out"} {
		if !strings.Contains(report, want) {
			t.Errorf("no %q in\n%s", want, report)
		}
	}
	if strings.Contains(report, "FAIL") || strings.Contains(report, "outbox: 0 messages") {
		t.Errorf("a check failed, or a channel was not used:\n%s", report)
	}
}
