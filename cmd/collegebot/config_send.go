package main

import (
	"fmt"
	"time"
)

// Bounds of COLLEGEBOT_SEND_TIMEOUT.
const (
	defaultSendTimeout = 30 * time.Second
	minSendTimeout     = time.Second
	maxSendTimeout     = 5 * time.Minute
)

// sendTimeoutFromEnv reads COLLEGEBOT_SEND_TIMEOUT: how long one call to
// Twilio or Telegram may take before the outbox gives it up as of unknown
// outcome (and, on Twilio, looks it up). A lane sends one message at a
// time, so each call that times out holds up the channel that long.
func sendTimeoutFromEnv(getenv func(string) string) (time.Duration, error) {
	v := getenv("COLLEGEBOT_SEND_TIMEOUT")
	if v == "" {
		return defaultSendTimeout, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < minSendTimeout || d > maxSendTimeout {
		return 0, fmt.Errorf("COLLEGEBOT_SEND_TIMEOUT=%q must be a duration from %s to %s, such as 30s (the default)",
			v, minSendTimeout, maxSendTimeout)
	}
	return d, nil
}
