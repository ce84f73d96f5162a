package sqlite

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Restore puts a copy of the backup at backupPath in place of the database
// at dbPath. It refuses, with ErrInUse, while any process holds the
// database's lock (every collegebot command that opens the database does),
// and holds it alone meanwhile, so nothing opens the database half-way.
//
// The copy is written beside the database, flushed and checked with
// CheckBackup before anything else changes; a backup that fails the check
// leaves everything as it was. The database being replaced is kept, with
// its -wal, as "<db>.before-restore-<UTC time>", whose name Restore
// returns ("" when there was none), so a restore can be undone by
// restoring that file. The copy then takes the database's name in one
// rename. The schema of an older backup is brought up to date by the next
// Open.
func Restore(ctx context.Context, dbPath, backupPath string) (kept string, err error) {
	if same, _ := sameFile(dbPath, backupPath); same {
		return "", fmt.Errorf("sqlite: %s is the database itself", backupPath)
	}
	lk, err := lockExclusive(dbPath)
	if err != nil {
		return "", err
	}
	defer lk.Close()
	tmp, err := copyBeside(dbPath, backupPath)
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp) // gone by rename once in place
	if _, err := checkBackup(ctx, tmp); err != nil {
		return "", fmt.Errorf("sqlite: %s cannot be restored: %w", backupPath, err)
	}
	if kept, err = setAside(dbPath, time.Now().UTC()); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		return kept, fmt.Errorf("sqlite: putting the restored database in place: %w", err)
	}
	return kept, syncDir(filepath.Dir(dbPath))
}

// copyBeside copies the backup to a new file in the database's directory,
// flushed to disk and owned as the database is, and returns its name.
func copyBeside(dbPath, backupPath string) (string, error) {
	src, err := os.Open(backupPath)
	if err != nil {
		return "", fmt.Errorf("sqlite: opening the backup: %w", err)
	}
	defer src.Close()
	dst, err := os.CreateTemp(filepath.Dir(dbPath), "."+filepath.Base(dbPath)+".restore-*")
	if err != nil {
		return "", fmt.Errorf("sqlite: restoring: %w", err)
	}
	_, err = io.Copy(dst, src)
	if err == nil {
		err = dst.Sync()
	}
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst.Name())
		return "", fmt.Errorf("sqlite: copying %s: %w", backupPath, err)
	}
	matchOwner(dst.Name(), dbPath)
	return dst.Name(), nil
}

// setAside keeps the database as it was under a new name, with its -wal
// (whose commits belong to it and to nothing else), and removes its -shm,
// which SQLite rebuilds. The database keeps its own name until the
// restored copy replaces it in one rename.
func setAside(dbPath string, now time.Time) (string, error) {
	if _, err := os.Stat(dbPath); errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	kept, err := linkFree(dbPath, dbPath+".before-restore-"+now.Format("20060102-150405"))
	if err != nil {
		return "", fmt.Errorf("sqlite: keeping the database as it was: %w", err)
	}
	if err := os.Rename(dbPath+"-wal", kept+"-wal"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return kept, fmt.Errorf("sqlite: keeping the database's -wal: %w", err)
	}
	if err := os.Remove(dbPath + "-shm"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return kept, fmt.Errorf("sqlite: removing the database's -shm: %w", err)
	}
	return kept, nil
}

// linkFree links path to name, or to name-2, name-3 and so on if name is
// taken (two restores in one second), and returns the name it used.
func linkFree(path, name string) (string, error) {
	try := name
	for i := 2; ; i++ {
		err := os.Link(path, try)
		if !errors.Is(err, fs.ErrExist) || i > 100 {
			return try, err
		}
		try = fmt.Sprintf("%s-%d", name, i)
	}
}

// sameFile reports whether two paths name one file.
func sameFile(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(fa, fb), nil
}
