package jobs

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

// BackupStore makes a consistent copy of the database. *sqlite.DB is one.
type BackupStore interface {
	// Backup writes a copy of the database to path, which must not
	// exist, creating its directory if need be.
	Backup(ctx context.Context, path string) error
}

// BackupSpec runs the nightly backup at 04:00, after the retention
// clean-up (03:30), so a backup never holds what retention has just
// erased, and outside 01:00-02:59, where the clocks change (DESIGN §3).
const BackupSpec = "0 4 * * *"

// backupLayout is how a backup's local time is written in its name.
const backupLayout = "20060102-1504"

// backupName matches the names the backup job gives its files, and no
// other: only these are ever pruned.
var backupName = regexp.MustCompile(`^collegebot-[0-9]{8}-[0-9]{4}\.db$`)

// Backup is the nightly backup: a copy of the database in Dir named
// collegebot-YYYYMMDD-HHMM.db (local time), keeping the newest Keep.
type Backup struct {
	Store BackupStore
	Dir   string
	Keep  int // at least 1
	Loc   *time.Location
}

// Job returns the backup as a scheduled job named "backup".
func (b Backup) Job() Job { return Job{Name: "backup", Spec: BackupSpec, Run: b.Run} }

// fileName is the name the backup job gives a backup taken at t.
func fileName(t time.Time) string { return "collegebot-" + t.Format(backupLayout) + ".db" }

// Run writes the backup for now, unless one of that minute exists (a run
// repeated by hand), then removes the oldest beyond Keep. A dry run only
// counts what it would write and remove.
func (b Backup) Run(ctx context.Context, now time.Time, dry bool, _ func(Planned)) (map[string]int, error) {
	if b.Keep < 1 {
		return nil, fmt.Errorf("jobs: backup: keep %d backups: it must be at least 1", b.Keep)
	}
	have, err := ListBackups(b.Dir)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(b.Dir, fileName(now.In(b.Loc)))
	written := 0
	if !slices.ContainsFunc(have, func(f BackupFile) bool { return f.Path == path }) {
		if err := b.write(ctx, path, dry); err != nil {
			return nil, err
		}
		written = 1
		have = append(have, BackupFile{Path: path})
		slices.SortFunc(have, func(x, y BackupFile) int { return strings.Compare(x.Path, y.Path) })
	}
	pruned, err := b.prune(have, dry)
	return map[string]int{"written": written, "removed": pruned}, err
}

// write makes the backup at path (the store creates Dir if need be).
func (b Backup) write(ctx context.Context, path string, dry bool) error {
	if dry {
		return nil
	}
	if err := b.Store.Backup(ctx, path); err != nil {
		return fmt.Errorf("jobs: backup: %w", err)
	}
	return nil
}

// prune removes the backups beyond the newest Keep, oldest first, and
// returns how many it removed (or would remove).
func (b Backup) prune(have []BackupFile, dry bool) (int, error) {
	if len(have) <= b.Keep {
		return 0, nil
	}
	old := have[:len(have)-b.Keep]
	if dry {
		return len(old), nil
	}
	for i, f := range old {
		if err := os.Remove(f.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return i, fmt.Errorf("jobs: backup: removing an old backup: %w", err)
		}
	}
	return len(old), nil
}

// BackupFile is a backup the backup job made.
type BackupFile struct {
	Path     string
	Size     int64
	Modified time.Time
}

// ListBackups returns the backups the job made in dir, oldest first (by
// name, which is by the local time they were taken); none
// when dir does not exist. Other files in dir are left out.
func ListBackups(dir string) ([]BackupFile, error) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("jobs: listing backups: %w", err)
	}
	var out []BackupFile
	for _, e := range ents {
		if !e.Type().IsRegular() || !backupName.MatchString(e.Name()) {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		out = append(out, BackupFile{Path: filepath.Join(dir, e.Name()), Size: fi.Size(), Modified: fi.ModTime()})
	}
	slices.SortFunc(out, func(x, y BackupFile) int { return strings.Compare(x.Path, y.Path) })
	return out, nil
}
