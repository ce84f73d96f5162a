package outbox

import (
	"errors"
	"fmt"
	"time"
)

// Alive reports whether the dispatcher is running and each channel's loop
// has shown life within the last within, by the dispatcher's clock. A loop
// shows life each time it looks for messages (at least every Poll while
// idle) and before each message it sends, so a healthy loop is silent at
// most for one send and one look-up of an earlier attempt, each bounded by
// SendTimeout, and a wait for its rate limit. A within of 0 or less means
// that much and a margin: 2 SendTimeouts, a Poll and 30 s.
func (d *Dispatcher) Alive(within time.Duration) error {
	if within <= 0 {
		within = 2*d.SendTimeout + d.Poll + 30*time.Second
	}
	if !d.running.Load() {
		return errors.New("outbox: the dispatcher is not running")
	}
	now := d.Now()
	for _, l := range d.lanes {
		last := l.lastBeat.Load()
		if last == 0 {
			return fmt.Errorf("outbox: the %s loop is not running", l.ch.Name)
		}
		if quiet := now.Sub(time.Unix(0, last)); quiet > within {
			return fmt.Errorf("outbox: the %s loop has shown no life for %s (more than %s)",
				l.ch.Name, quiet.Round(time.Second), within)
		}
	}
	return nil
}

// beat records that the lane's loop is alive.
func (l *lane) beat() { l.lastBeat.Store(l.d.Now().UnixNano()) }
