package main

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"collegebot/internal/sqlite"
)

// minFree is the free space below which the database's file system needs
// attention: a few nights of backups, or a busy term's messages.
const minFree = 100 << 20

// checkDatabase checks the database without changing it: that it exists,
// its schema is current, SQLite's quick_check passes and it takes a write;
// then the free space beside it. It leaves the database open for the
// backup check, and returns what closes it (nil when it did not open).
func (d *doctor) checkDatabase(ctx context.Context, path string) func() {
	what := "database " + path
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		d.fix(what, "it does not exist: check COLLEGEBOT_DB, and on Fly.io that the volume is mounted at /data "+
			"(fly volumes list); collegebot serve creates the database when it first starts")
		return nil
	}
	info, err := sqlite.Inspect(ctx, path)
	switch {
	case err != nil:
		d.fix(what, "%v: stop collegebot serve and restore the newest backup (collegebot restore)", err)
		return nil
	case len(info.Problems) > 0:
		d.fix(what, "SQLite's quick_check found damage (%s): stop collegebot serve and restore the newest backup",
			strings.Join(info.Problems, "; "))
		return nil
	case info.Version > info.Latest:
		d.fix(what, "its schema (version %d) is newer than this collegebot's (%d): run the newer collegebot", info.Version, info.Latest)
		return nil
	case info.Version < info.Latest:
		d.fix(what, "its schema is at version %d of %d: restart collegebot serve, which brings it up to date", info.Version, info.Latest)
		return nil
	}
	closeDB := d.open(ctx, what, path, info.Version)
	d.checkDisk(filepath.Dir(path))
	return closeDB
}

// open opens the database as collegebot does (its schema is current, so
// nothing is migrated), checks that it takes a write, and says what it
// holds.
func (d *doctor) open(ctx context.Context, what, path string, version int64) func() {
	db, closeDB, err := openShared(ctx, path)
	switch {
	case errors.Is(err, sqlite.ErrRestoring):
		d.fix(what, "%v: wait for the restore to finish", err)
		return nil
	case err != nil:
		d.fix(what, "it does not open (%v): check that its files belong to the user collegebot runs as", err)
		return nil
	}
	if err := db.Writable(ctx); err != nil {
		d.fix(what, "it does not take writes (%v): check the free space and that the files belong to the user collegebot runs as", err)
		return closeDB
	}
	st, err := db.Stats(ctx)
	if err != nil {
		d.fix(what, "it cannot be read (%v): restore the newest backup", err)
		return closeDB
	}
	d.db = db
	d.ok("%s: schema version %d (current), quick_check ok, takes writes; %d students, %d courses",
		what, version, st.Students, st.Courses)
	return closeDB
}

// checkDisk checks the free space on the database's file system.
func (d *doctor) checkDisk(dir string) {
	free, err := freeSpace(dir)
	switch {
	case err != nil:
		d.ok("disk space beside the database: unknown here (%v)", err)
	case free < minFree:
		d.fix("disk space", "only %s free beside the database (%s): extend the volume (fly volumes extend) "+
			"or keep fewer backups (COLLEGEBOT_BACKUP_KEEP)", size(int64(free)), dir)
	default:
		d.ok("disk space: %s free beside the database (%s)", size(int64(free)), dir)
	}
}
