package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Errors of backups and restores, for errors.Is.
var (
	// ErrInUse is a restore refused because a process has the database
	// open: collegebot serve, or another collegebot command.
	ErrInUse = errors.New("the database is in use")
	// ErrRestoring is an open refused because a restore is replacing the
	// database file.
	ErrRestoring = errors.New("a restore is replacing the database")
	// ErrNotDatabase is a file that is not a collegebot database.
	ErrNotDatabase = errors.New("not a collegebot database")
	// ErrDamaged is a database that fails SQLite's integrity check.
	ErrDamaged = errors.New("the database is damaged")
	// ErrTooNew is a database whose schema is newer than this build's.
	ErrTooNew = errors.New("the database was made by a newer collegebot")
)

// Backup writes an online, consistent copy of the database to path: VACUUM
// INTO, a snapshot as of one moment, compacted. It runs on a connection of
// its own, so the writer and the readers carry on meanwhile. It refuses a
// path that exists, and writes under a temporary name beside path first,
// so that a backup cut short never has the final name. It creates path's
// directory if need be. What it creates belongs to the database's owner,
// even when root makes it (fly ssh console runs as root), so the server
// can prune it later.
func (db *DB) Backup(ctx context.Context, path string) error {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("sqlite: backing up to %s: %w", path, fs.ErrExist)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("sqlite: backing up: %w", err)
	}
	src, err := db.file(ctx)
	if err != nil {
		return err
	}
	if err := mkdirLike(filepath.Dir(path), src); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("sqlite: backing up: %w", err)
	}
	tmp.Close()
	defer os.Remove(tmp.Name()) // once linked, the backup keeps its own name
	if err := vacuumInto(ctx, src, tmp.Name()); err != nil {
		return err
	}
	if err := syncFile(tmp.Name()); err != nil {
		return err
	}
	matchOwner(tmp.Name(), src)
	// A link, unlike a rename, refuses to replace a file that appeared
	// meanwhile.
	if err := os.Link(tmp.Name(), path); err != nil {
		return fmt.Errorf("sqlite: backing up: %w", err)
	}
	return syncDir(filepath.Dir(path))
}

// file returns the path of the database's main file, as SQLite has it.
func (db *DB) file(ctx context.Context) (string, error) {
	var path string
	err := db.reader.QueryRowContext(ctx, `SELECT file FROM pragma_database_list WHERE name = 'main'`).Scan(&path)
	if err != nil {
		return "", fmt.Errorf("sqlite: finding the database file: %w", err)
	}
	return path, nil
}

// vacuumInto copies the database at src to dst, which must be absent or
// empty. VACUUM INTO needs a connection that may write (the read pool is
// query-only) but only reads src, so in WAL mode nothing waits for it. It
// opens one as the checkpointer's are: with the busy timeout, and nothing
// else.
func vacuumInto(ctx context.Context, src, dst string) error {
	conn, err := sql.Open("sqlite", checkpointDSN(src))
	if err != nil {
		return fmt.Errorf("sqlite: backing up: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `VACUUM INTO ?`, dst); err != nil {
		return fmt.Errorf("sqlite: backing up %s: %w", src, err)
	}
	return nil
}

// mkdirLike creates dir, if it does not exist, owned as like is.
func mkdirLike(dir, like string) error {
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		return nil // there already, or a failure that the next step reports
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("sqlite: backing up: %w", err)
	}
	matchOwner(dir, like)
	return nil
}

// syncFile flushes a file's contents to disk.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sqlite: syncing %s: %w", path, err)
	}
	return nil
}

// syncDir flushes a directory, so that a file's new name survives a crash.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, fs.ErrInvalid) {
		return fmt.Errorf("sqlite: syncing %s: %w", dir, err)
	}
	return nil
}
