//go:build unix

package sqlite

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestLockSharedByUsersExclusiveForARestore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "collegebot.db")
	restore, err := lockExclusive(db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LockShared(db); !errors.Is(err, ErrRestoring) {
		t.Errorf("opening during a restore: %v, want ErrRestoring", err)
	}
	restore.Close()
	serve, err := LockShared(db)
	if err != nil {
		t.Fatal(err)
	}
	cli, err := LockShared(db)
	if err != nil {
		t.Fatalf("a second user beside serve: %v", err)
	}
	if _, err := lockExclusive(db); !errors.Is(err, ErrInUse) {
		t.Errorf("restoring while two use it: %v, want ErrInUse", err)
	}
	serve.Close()
	if _, err := lockExclusive(db); !errors.Is(err, ErrInUse) {
		t.Errorf("restoring while one still uses it: %v, want ErrInUse", err)
	}
	cli.Close()
	if l, err := lockExclusive(db); err != nil {
		t.Errorf("restoring once nothing uses it: %v", err)
	} else {
		l.Close()
	}
}

// TestRootMakesFilesTheServerCanUse is an operator on fly ssh console, as
// root, backing up and restoring a database that the unprivileged server
// owns: what root makes must belong to the server's user.
func TestRootMakesFilesTheServerCanUse(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root")
	}
	const server = 65532
	dir := t.TempDir()
	os.Chown(dir, server, server)
	path := filepath.Join(dir, "collegebot.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	os.Chown(path, server, server) // as if serve had made it
	lk, err := LockShared(path)
	if err != nil {
		t.Fatal(err)
	}
	lk.Close()
	backup := filepath.Join(dir, "backups", "collegebot-20260302-0230.db")
	if err := db.Backup(context.Background(), backup); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(dir, "restored", "collegebot.db")
	os.Mkdir(filepath.Dir(fresh), 0o700)
	os.Chown(filepath.Dir(fresh), server, server)
	if _, err := Restore(context.Background(), fresh, backup); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path + ".lock", filepath.Dir(backup), backup, fresh, fresh + ".lock"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if uid := fi.Sys().(*syscall.Stat_t).Uid; uid != server {
			t.Errorf("%s belongs to %d, want the server's user %d", filepath.Base(p), uid, server)
		}
	}
}

func TestLockSendingIsOneProcessAtATime(t *testing.T) {
	db := filepath.Join(t.TempDir(), "collegebot.db")
	first, sole, err := LockSending(db)
	if err != nil || !sole {
		t.Fatalf("LockSending = %v, %v", sole, err)
	}
	if _, _, err := LockSending(db); !errors.Is(err, ErrInUse) {
		t.Errorf("a second sender: %v, want ErrInUse", err)
	}
	if _, err := LockShared(db); err != nil {
		t.Errorf("a user beside the sender: %v", err)
	}
	first.Close()
	next, sole, err := LockSending(db)
	if err != nil || !sole {
		t.Fatalf("after the first let go: %v, %v", sole, err)
	}
	next.Close()
}
