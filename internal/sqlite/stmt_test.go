package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"collegebot/internal/college"
)

// TestStatementsArePreparedOnceUsed: a query runs unprepared the first
// time, is prepared when its transaction ends, and is then reused, on the
// writer and on the readers alike.
func TestStatementsArePreparedOnceUsed(t *testing.T) {
	db := openInternal(t)
	ctx := context.Background()
	const q = `SELECT count(*) FROM student WHERE lang = ?`
	count := func(t *tx) (n int, err error) { return n, t.queryRow(q, "en").Scan(&n) }
	for i := range 2 {
		prepared := db.writerStmts.stmts[q] != nil
		if err := db.update(ctx, func(t *tx) error {
			_, _, err := t.CreateStudent(college.SMS, fmt.Sprint("+44770090000", i), "en")
			if err == nil {
				_, err = count(t)
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if prepared != (i == 1) {
			t.Errorf("update %d: prepared before = %v", i, prepared)
		}
	}
	var n int
	for range 2 {
		if err := db.view(ctx, func(t *tx) (err error) { n, err = count(t); return err }); err != nil {
			t.Fatal(err)
		}
	}
	if n != 2 || db.readerStmts.stmts[q] == nil || db.writerStmts.stmts[q] == nil {
		t.Errorf("count = %d; prepared on the readers %v, the writer %v", n,
			db.readerStmts.stmts[q] != nil, db.writerStmts.stmts[q] != nil)
	}
}

// TestStatementCacheUnderContention: transactions that begin while another
// one's queries are being prepared neither deadlock nor fail.
func TestStatementCacheUnderContention(t *testing.T) {
	db := openInternal(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for i := range 50 {
		wg.Go(func() {
			q := fmt.Sprintf(`SELECT count(*) + %d FROM student`, i%10)
			errs <- db.update(ctx, func(t *tx) error {
				_, _, err := t.CreateStudent(college.SMS, fmt.Sprint("+4477009001", i), "en")
				var n int
				return cmpErr(err, t.queryRow(q).Scan(&n))
			})
			errs <- db.view(ctx, func(t *tx) error { var n int; return t.queryRow(q).Scan(&n) })
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

// openInternal opens a database in a temporary directory for tests that
// look inside it.
func openInternal(t *testing.T) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "college.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// cmpErr returns the first error that is not nil.
func cmpErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
