package main

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestConfigSendTimeout(t *testing.T) {
	for v, want := range map[string]time.Duration{"": 30 * time.Second, "2s": 2 * time.Second, "1m30s": 90 * time.Second} {
		c, err := configFromEnv(envOf("COLLEGEBOT_SEND_TIMEOUT", v))
		if err != nil || c.SendTimeout != want {
			t.Errorf("COLLEGEBOT_SEND_TIMEOUT=%q: %s, %v; want %s", v, c.SendTimeout, err, want)
		}
	}
	for _, v := range []string{"30", "fast", "500ms", "0s", "-5s", "6m"} {
		_, err := configFromEnv(envOf("COLLEGEBOT_SEND_TIMEOUT", v))
		if err == nil || !strings.Contains(err.Error(), "COLLEGEBOT_SEND_TIMEOUT") {
			t.Errorf("COLLEGEBOT_SEND_TIMEOUT=%q: error %v, want one naming the variable", v, err)
		}
	}
}

// TestServeRefusesASecondServeOnOneDatabase: two servers would each take
// back, as they start, what the other has claimed.
func TestServeRefusesASecondServeOnOneDatabase(t *testing.T) {
	db := seededDB(t)
	tw := newStubTwilio(t)
	first := startServer(t, db, tw)
	m, err := newMain(context.Background(), first.cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	err = m.Run(context.Background())
	m.Close()
	if err == nil || !strings.Contains(err.Error(), "another collegebot serve is running") {
		t.Fatalf("a second serve: %v, want a refusal", err)
	}
	first.stop()
	again := startServer(t, db, tw)
	if !again.m.disp.Sole {
		t.Error("once the first stopped, the next serve is not the sole sender")
	}
}
