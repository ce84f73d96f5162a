//go:build unix

package sqlite

import (
	"errors"
	"fmt"
	"syscall"
)

// LockSending takes the database's sending lock, on the file
// "<db>.send.lock" beside it, which the one process that sends the outbox
// (collegebot serve) holds for as long as it runs. It fails at once with
// ErrInUse while another process holds it. The kernel lets go of it when
// the process ends, however it ends, so its holder knows that a message
// still claimed was claimed by a process that has died, and may take it
// back at once (LapseClaims) rather than wait out the lease: sole is true.
func LockSending(dbPath string) (l *Lock, sole bool, err error) {
	l, err = lock(dbPath+".send", syscall.LOCK_EX)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return nil, false, fmt.Errorf("sqlite: %s: another process sends from this database: %w", dbPath, ErrInUse)
	}
	return l, err == nil, err
}
