//go:build !unix

package sqlite

import "errors"

// Lock stands in for the advisory lock, which needs flock(2): without it
// nothing can tell whether a database is in use, so Restore refuses.
type Lock struct{}

// LockShared does nothing on systems without flock(2).
func LockShared(string) (*Lock, error) { return &Lock{}, nil }

// lockExclusive refuses: it cannot tell whether the database is in use.
func lockExclusive(string) (*Lock, error) {
	return nil, errors.New("sqlite: restore needs file locks (flock), which this system lacks")
}

// Close does nothing.
func (*Lock) Close() error { return nil }

// matchOwner does nothing.
func matchOwner(string, string) {}
