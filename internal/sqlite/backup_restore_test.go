package sqlite_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"collegebot/internal/sqlite"
)

// restoreRig is a database with 2 students, closed as collegebot leaves
// it, and a backup of another with 6.
type restoreRig struct {
	dir, db, backup string
}

func newRestoreRig(t *testing.T) restoreRig {
	t.Helper()
	r := restoreRig{dir: t.TempDir()}
	r.db = filepath.Join(r.dir, "collegebot.db")
	r.backup = filepath.Join(t.TempDir(), "collegebot-20260302-0230.db")
	db, err := sqlite.Open(context.Background(), r.backup+".src")
	if err != nil {
		t.Fatal(err)
	}
	addPairs(t, db, 0, 3)
	if err := db.Backup(context.Background(), r.backup); err != nil {
		t.Fatal(err)
	}
	db.Close()
	live, err := sqlite.Open(context.Background(), r.db)
	if err != nil {
		t.Fatal(err)
	}
	addPairs(t, live, 10, 1)
	live.Close()
	lk, err := sqlite.LockShared(r.db) // as the app that had it open did
	if err != nil {
		t.Fatal(err)
	}
	lk.Close()
	return r
}

// snapshot is a directory's files and their contents.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, n := range dirNames(t, dir) {
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		out[n] = b
	}
	return out
}

func TestRestoreRefusedWhileTheDatabaseIsInUse(t *testing.T) {
	r := newRestoreRig(t)
	lk, err := sqlite.LockShared(r.db) // as collegebot serve holds it
	if err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, r.dir)
	_, err = sqlite.Restore(context.Background(), r.db, r.backup)
	if !errors.Is(err, sqlite.ErrInUse) {
		t.Fatalf("restore over a database in use: %v, want ErrInUse", err)
	}
	if after := snapshot(t, r.dir); !sameFiles(before, after) {
		t.Errorf("a refused restore changed the directory: %q, was %q", fileNames(after), fileNames(before))
	}
	lk.Close()

	kept, err := sqlite.Restore(context.Background(), r.db, r.backup)
	if err != nil {
		t.Fatalf("restore once nothing holds the database: %v", err)
	}
	if n := countIn(t, r.db); n != 6 {
		t.Errorf("the restored database has %d students, want the backup's 6", n)
	}
	if !strings.HasPrefix(filepath.Base(kept), "collegebot.db.before-restore-") || countIn(t, kept) != 2 {
		t.Errorf("the database as it was should be kept, with its 2 students, as %q", kept)
	}
}

func TestRestoredDatabaseOpensAndCanBeUndone(t *testing.T) {
	r := newRestoreRig(t)
	kept, err := sqlite.Restore(context.Background(), r.db, r.backup)
	if err != nil {
		t.Fatal(err)
	}
	for _, stale := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(r.db + stale); err == nil {
			t.Errorf("%s is left beside the restored database", stale)
		}
	}
	db, err := sqlite.Open(context.Background(), r.db)
	if err != nil {
		t.Fatal(err)
	}
	addPairs(t, db, 20, 1)
	st, err := db.Stats(context.Background())
	db.Close()
	if err != nil || st.Students != 8 {
		t.Fatalf("the restored database, written to: %d students, %v; want 8", st.Students, err)
	}
	if _, err := sqlite.Restore(context.Background(), r.db, kept); err != nil {
		t.Fatalf("undoing the restore: %v", err)
	}
	if n := countIn(t, r.db); n != 2 {
		t.Errorf("after undoing, the database has %d students, want the original 2", n)
	}
}

func TestRestoreRefusesABadBackupAndChangesNothing(t *testing.T) {
	r := newRestoreRig(t)
	notes := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(notes, bytes.Repeat([]byte("not a database "), 500), 0o600)
	for _, tt := range []struct {
		name, path string
		want       error
	}{
		{"not a database", notes, sqlite.ErrNotDatabase},
		{"damaged", unindexed(t, r.backup), sqlite.ErrDamaged},
		{"the database itself", r.db, nil},
	} {
		before := snapshot(t, r.dir)
		_, err := sqlite.Restore(context.Background(), r.db, tt.path)
		if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) || !strings.Contains(err.Error(), tt.path) {
			t.Errorf("%s: %v, want an error naming %s and saying %v", tt.name, err, tt.path, tt.want)
		}
		if after := snapshot(t, r.dir); !sameFiles(before, after) {
			t.Errorf("%s: the directory changed: %q, was %q", tt.name, fileNames(after), fileNames(before))
		}
	}
}

func TestRestoreWhereThereIsNoDatabase(t *testing.T) {
	r := newRestoreRig(t)
	fresh := filepath.Join(t.TempDir(), "collegebot.db")
	kept, err := sqlite.Restore(context.Background(), fresh, r.backup)
	if err != nil || kept != "" {
		t.Fatalf("restore onto a new volume: kept %q, %v", kept, err)
	}
	if n := countIn(t, fresh); n != 6 {
		t.Errorf("restored %d students, want 6", n)
	}
}

func sameFiles(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

func fileNames(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
