package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"collegebot/internal/college"
	"collegebot/internal/sqlite"
)

// addPairs creates n pairs of students, each pair in one transaction, so
// that a consistent copy always holds an even number of them.
func addPairs(tb testing.TB, db *sqlite.DB, from, n int) {
	tb.Helper()
	for i := from; i < from+n; i++ {
		err := db.Update(context.Background(), func(tx college.Tx) error {
			for j := range 2 {
				if _, _, err := tx.CreateStudent(college.SMS, fmt.Sprintf("+4477009%05d", 2*i+j), "en"); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			tb.Fatalf("adding pair %d: %v", i, err)
		}
	}
}

// countIn counts the students in the database file at path, read as a
// plain SQLite file.
func countIn(tb testing.TB, path string) int {
	tb.Helper()
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		tb.Fatal(err)
	}
	defer raw.Close()
	var n int
	if err := raw.QueryRow(`SELECT count(*) FROM student`).Scan(&n); err != nil {
		tb.Fatalf("counting students in %s: %v", path, err)
	}
	return n
}

// dirNames lists a directory.
func dirNames(tb testing.TB, dir string) []string {
	tb.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

func TestBackupWhileWritingIsConsistent(t *testing.T) {
	db := MustOpenDB(t)
	addPairs(t, db.DB, 0, 1)
	stop, done := make(chan struct{}), make(chan int)
	go func() {
		i := 1
		for {
			select {
			case <-stop:
				done <- i
				return
			default:
			}
			addPairs(t, db.DB, i, 1)
			i++
		}
	}()
	dst := filepath.Join(t.TempDir(), "backup.db")
	err := db.Backup(context.Background(), dst)
	close(stop)
	pairs := <-done
	if err != nil {
		t.Fatal(err)
	}
	n := countIn(t, dst)
	if n%2 != 0 || n < 2 || n > 2*pairs {
		t.Errorf("the backup holds %d students, want an even number from 2 to %d: a transaction was split", n, 2*pairs)
	}
	if _, err := sqlite.CheckBackup(context.Background(), dst); err != nil {
		t.Errorf("CheckBackup: %v", err)
	}
	t.Logf("backup taken with %d of %d students written", n, 2*pairs)
}

func TestBackupOpensWithTheData(t *testing.T) {
	db := MustOpenDB(t)
	addPairs(t, db.DB, 0, 5)
	dir := t.TempDir()
	dst := filepath.Join(dir, "collegebot-20260302-0230.db")
	if err := db.Backup(context.Background(), dst); err != nil {
		t.Fatal(err)
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"collegebot-20260302-0230.db"}) {
		t.Errorf("the backup directory holds %q, want the backup alone", got)
	}
	restored, err := sqlite.Open(context.Background(), dst)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	st, err := restored.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Students != 10 {
		t.Errorf("the backup has %d students, want 10", st.Students)
	}
}

func TestBackupRefusesAnExistingFile(t *testing.T) {
	db := MustOpenDB(t)
	dst := filepath.Join(t.TempDir(), "backup.db")
	if err := os.WriteFile(dst, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := db.Backup(context.Background(), dst)
	if !errors.Is(err, fs.ErrExist) {
		t.Errorf("backing up over a file: %v, want fs.ErrExist", err)
	}
	if b, _ := os.ReadFile(dst); string(b) != "keep me" {
		t.Errorf("the file was overwritten: %q", b)
	}
	if got := dirNames(t, filepath.Dir(dst)); len(got) != 1 {
		t.Errorf("left behind: %q", got)
	}
}

func TestCheckBackupRefusesWhatCannotBeRestored(t *testing.T) {
	db := MustOpenDB(t)
	addPairs(t, db.DB, 0, 400) // several pages of students
	dir := t.TempDir()
	backup := func(name string) string {
		p := filepath.Join(dir, name)
		if err := db.Backup(context.Background(), p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	junk := filepath.Join(dir, "notes.db")
	os.WriteFile(junk, []byte("These are my notes, not a database. They go on for a while. "+string(make([]byte, 4096))), 0o600)
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	tooNew := backup("new.db")
	execFile(t, tooNew, `INSERT INTO goose_db_version (version_id, is_applied) VALUES (9999, 1)`)
	for _, tt := range []struct {
		path string
		want error
	}{
		{junk, sqlite.ErrNotDatabase},
		{empty, sqlite.ErrNotDatabase},
		{corrupt(t, backup("corrupt.db")), sqlite.ErrDamaged},
		{unindexed(t, backup("unindexed.db")), sqlite.ErrDamaged},
		{tooNew, sqlite.ErrTooNew},
		{filepath.Join(dir, "missing.db"), fs.ErrNotExist},
	} {
		if _, err := sqlite.CheckBackup(context.Background(), tt.path); !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", filepath.Base(tt.path), err, tt.want)
		}
	}
	info, err := sqlite.CheckBackup(context.Background(), backup("good.db"))
	if err != nil || info.Version != sqlite.LatestVersion() || info.Version < 6 {
		t.Errorf("a good backup: %+v, %v; want version %d", info, err, sqlite.LatestVersion())
	}
}

// execFile runs a statement on a database file directly.
func execFile(tb testing.TB, path, stmt string) {
	tb.Helper()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		tb.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(stmt); err != nil {
		tb.Fatalf("%s: %v", stmt, err)
	}
}

// unindexed changes one student's phone number in the file, where only
// one of the table and its index has it: a file SQLite opens and reads,
// whose damage only integrity_check finds. It returns path.
func unindexed(tb testing.TB, path string) string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	i := bytes.LastIndex(b, []byte("+447700900001"))
	if i < 0 {
		tb.Fatal("no student +447700900001 in the file")
	}
	b[i+12] = 'x'
	if err := os.WriteFile(path, b, 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// corrupt overwrites a page in the middle of the file with noise and
// returns path.
func corrupt(tb testing.TB, path string) string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	page := int(b[16])<<8 | int(b[17])
	if page == 1 {
		page = 65536
	}
	for i := len(b) / 2; i < len(b)/2+page; i++ {
		b[i] = byte(i * 7)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}
