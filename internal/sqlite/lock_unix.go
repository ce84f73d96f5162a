//go:build unix

package sqlite

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// Lock is an advisory lock on a database, held on the file "<db>.lock"
// beside it. Every process that uses the database holds it shared; a
// restore needs it alone, so it can tell that nothing has the database
// open before it puts another file in its place. The kernel lets go of it
// when the process ends, however it ends.
type Lock struct{ f *os.File }

// LockShared takes the database's lock shared, as every process that uses
// the database should for as long as it has it open. It fails at once,
// with ErrRestoring, while a restore is replacing the file.
func LockShared(dbPath string) (*Lock, error) {
	l, err := lock(dbPath, syscall.LOCK_SH)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return nil, fmt.Errorf("sqlite: %s: %w", dbPath, ErrRestoring)
	}
	return l, err
}

// lockExclusive takes the database's lock alone, failing at once with
// ErrInUse while any process holds it.
func lockExclusive(dbPath string) (*Lock, error) {
	l, err := lock(dbPath, syscall.LOCK_EX)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return nil, fmt.Errorf("sqlite: %s: %w", dbPath, ErrInUse)
	}
	return l, err
}

// lock opens (creating if need be) the lock file and locks it without
// waiting. The file is opened read-only, which is all flock needs, so a
// lock file that root created (fly ssh console runs as root) still serves
// the unprivileged server.
func lock(dbPath string, how int) (*Lock, error) {
	path := dbPath + ".lock"
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("sqlite: opening the lock file %s: %w", path, err)
	}
	for {
		err = syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	matchOwner(path, dbPath)
	return &Lock{f: f}, nil
}

// Close lets go of the lock.
func (l *Lock) Close() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close() // closing the last descriptor releases the lock
	l.f = nil
	return err
}

// matchOwner gives a file that root created the owner of like, or of
// like's directory when like does not exist: the server runs
// unprivileged, and must be able to read and replace what an operator
// made through fly ssh console. SQLite does the same for its -wal and
// -shm files. Anything else is left as it is.
func matchOwner(path, like string) {
	if os.Geteuid() != 0 {
		return
	}
	fi, err := os.Stat(like)
	if err != nil {
		fi, err = os.Stat(filepath.Dir(like))
	}
	if err != nil {
		return
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		_ = os.Chown(path, int(st.Uid), int(st.Gid)) // best effort: root may still read it
	}
}
