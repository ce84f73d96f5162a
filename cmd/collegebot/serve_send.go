package main

import (
	"errors"
	"fmt"

	"collegebot/internal/sqlite"
)

// lockSending takes the database's sending lock, refusing to run beside
// another collegebot serve on the same database. Holding it, this process
// alone sends the outbox, so its dispatcher takes back at once the
// messages a process that died had claimed (outbox.Dispatcher.Sole),
// rather than leave them, and every later message to the same students,
// waiting out the two-minute lease.
func (m *Main) lockSending() error {
	l, sole, err := sqlite.LockSending(m.cfg.DB)
	if errors.Is(err, sqlite.ErrInUse) {
		return fmt.Errorf("another collegebot serve is running on %s (COLLEGEBOT_DB): stop it first: %w", m.cfg.DB, err)
	}
	if err != nil {
		return err
	}
	m.sendLock, m.disp.Sole = l, sole
	return nil
}
