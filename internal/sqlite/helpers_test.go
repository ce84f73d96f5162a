package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/sqlite"
)

// start is when every test database's clock begins: a Monday morning.
func start() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) }

// TestDB is a database in a temporary directory with a clock the test moves.
type TestDB struct {
	*sqlite.DB
	Path  string
	clock atomic.Int64 // unix seconds
	raw   *sql.DB
}

// MustOpenDB opens a fresh database whose clock stands at start() until the
// test moves it, and closes it when the test ends.
func MustOpenDB(tb testing.TB) *TestDB {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "college.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tdb := &TestDB{DB: db, Path: path}
	tdb.SetNow(start())
	db.Now = func() time.Time { return time.Unix(tdb.clock.Load(), 0) }
	tb.Cleanup(func() {
		if err := tdb.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return tdb
}

// SetNow sets the database's clock.
func (d *TestDB) SetNow(t time.Time) { d.clock.Store(t.Unix()) }

// Advance moves the database's clock on.
func (d *TestDB) Advance(dur time.Duration) { d.clock.Add(int64(dur / time.Second)) }

// Raw opens the file directly, to look at or write what the API would not.
func (d *TestDB) Raw(tb testing.TB) *sql.DB {
	tb.Helper()
	if d.raw != nil {
		return d.raw
	}
	raw, err := sql.Open("sqlite", d.Path+"?_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)")
	if err != nil {
		tb.Fatalf("opening raw: %v", err)
	}
	tb.Cleanup(func() { raw.Close() })
	d.raw = raw
	return raw
}

// Int runs a query for one integer.
func (d *TestDB) Int(tb testing.TB, query string, args ...any) int {
	tb.Helper()
	var n int
	if err := d.Raw(tb).QueryRow(query, args...).Scan(&n); err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	return n
}

// String runs a query for one string.
func (d *TestDB) String(tb testing.TB, query string, args ...any) string {
	tb.Helper()
	var s sql.NullString
	if err := d.Raw(tb).QueryRow(query, args...).Scan(&s); err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	return s.String
}

// MustUpdate runs fn in an update and fails the test on an error.
func (d *TestDB) MustUpdate(tb testing.TB, fn func(college.Tx) error) {
	tb.Helper()
	if err := d.Update(context.Background(), fn); err != nil {
		tb.Fatalf("Update: %v", err)
	}
}

// MustStudent creates a student reached by SMS at addr.
func (d *TestDB) MustStudent(tb testing.TB, addr string) college.Student {
	tb.Helper()
	var s college.Student
	d.MustUpdate(tb, func(tx college.Tx) (err error) {
		s, _, err = tx.CreateStudent(college.SMS, addr, "en")
		return err
	})
	return s
}

// MustCourse returns a course by code.
func (d *TestDB) MustCourse(tb testing.TB, code string) college.Course {
	tb.Helper()
	var c college.Course
	err := d.View(context.Background(), func(tx college.Tx) (err error) {
		c, err = tx.Course(code)
		return err
	})
	if err != nil {
		tb.Fatalf("Course(%s): %v", code, err)
	}
	return c
}

// MustImport imports p and returns what changed.
func (d *TestDB) MustImport(tb testing.TB, p college.Prospectus,
	onChange func(college.Tx, college.SessionChange) error) college.ImportResult {
	tb.Helper()
	res, err := d.ImportProspectus(context.Background(), p, onChange)
	if err != nil {
		tb.Fatalf("ImportProspectus: %v", err)
	}
	return res
}
