package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/pressly/goose/v3"
	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// FileInfo is what a look inside a database file found.
type FileInfo struct {
	Version int64 // the schema version the file is at
	Latest  int64 // the newest schema version this build knows
	// Problems are what SQLite's integrity or quick check reported; none
	// for a sound file.
	Problems []string
}

// CheckBackup checks that the file at path is a sound collegebot database
// that this build can open: SQLite's integrity_check finds nothing wrong,
// and its schema is no newer than this build's migrations (an older one is
// brought up to date when it is opened). It reads the file as it stands,
// ignoring any -wal beside it, which is what a restore copies, and changes
// nothing. A file that fails is reported with ErrNotDatabase, ErrDamaged
// or ErrTooNew.
func CheckBackup(ctx context.Context, path string) (FileInfo, error) {
	info, err := checkBackup(ctx, path)
	if err != nil {
		return info, fmt.Errorf("sqlite: %s: %w", path, err)
	}
	return info, nil
}

// checkBackup is CheckBackup with errors that do not name the file.
func checkBackup(ctx context.Context, path string) (FileInfo, error) {
	info, err := inspect(ctx, path, "mode=ro&immutable=1", "integrity_check")
	switch {
	case err != nil:
		return info, err
	case len(info.Problems) > 0:
		return info, fmt.Errorf("%w: %s", ErrDamaged, strings.Join(info.Problems, "; "))
	case info.Version > info.Latest:
		return info, fmt.Errorf("%w (schema version %d; this one knows up to %d)", ErrTooNew, info.Version, info.Latest)
	}
	return info, nil
}

// Inspect looks inside a database that may be in use, read-only: its
// schema version and what SQLite's quick_check reports. It changes
// nothing, and does not bring the schema up to date as Open does.
func Inspect(ctx context.Context, path string) (FileInfo, error) {
	info, err := inspect(ctx, path, "mode=ro", "quick_check")
	if err != nil {
		return info, fmt.Errorf("sqlite: %s: %w", path, err)
	}
	return info, nil
}

// inspect opens path read-only with the given URI parameters and reads
// its schema version and the output of an integrity pragma. Its errors do
// not name the file.
func inspect(ctx context.Context, path, params, pragma string) (FileInfo, error) {
	info := FileInfo{Latest: LatestVersion()}
	abs, err := filepath.Abs(path)
	if err != nil {
		return info, err
	}
	if _, err := os.Stat(abs); err != nil {
		return info, err
	}
	u := url.URL{Scheme: "file", Path: abs, RawQuery: params + "&_pragma=busy_timeout(5000)"}
	conn, err := sql.Open("sqlite", u.String())
	if err != nil {
		return info, err
	}
	defer conn.Close()
	if info.Version, err = schemaVersion(ctx, conn); err != nil {
		return info, err
	}
	if info.Problems, err = integrity(ctx, conn, pragma); err != nil {
		return info, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	return info, nil
}

// schemaVersion returns the schema version goose recorded, or
// ErrNotDatabase for a file that is not SQLite or has no such record.
func schemaVersion(ctx context.Context, conn *sql.DB) (int64, error) {
	var tables int
	err := conn.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'goose_db_version'`).Scan(&tables)
	if err != nil {
		return 0, unreadable(err)
	}
	if tables == 0 {
		return 0, fmt.Errorf("%w: it has no schema version (goose_db_version)", ErrNotDatabase)
	}
	var v sql.NullInt64
	if err := conn.QueryRowContext(ctx, `SELECT max(version_id) FROM goose_db_version`).Scan(&v); err != nil {
		return 0, fmt.Errorf("%w: reading its schema version: %v", ErrNotDatabase, err)
	}
	return v.Int64, nil
}

// unreadable classifies a failure to read a file's schema: SQLite found
// it damaged, or it is not a database at all.
func unreadable(err error) error {
	var se *msqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_CORRUPT {
		return fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	return fmt.Errorf("%w: %v", ErrNotDatabase, err)
}

// integrity runs integrity_check or quick_check and returns what it
// reported other than "ok".
func integrity(ctx context.Context, conn *sql.DB, pragma string) ([]string, error) {
	rows, err := conn.QueryContext(ctx, `PRAGMA `+pragma+`(20)`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	return problems, rows.Err()
}

// LatestVersion is the newest schema version among this build's
// migrations: a database at it is up to date.
func LatestVersion() int64 {
	names, _ := fs.Glob(migrationFS, "migrations/*.sql")
	var latest int64
	for _, n := range names {
		if v, err := goose.NumericComponent(filepath.Base(n)); err == nil && v > latest {
			latest = v
		}
	}
	return latest
}
