// Package sqlite stores the college's records in one SQLite file. It is the
// only package that writes SQL: every change runs in a transaction on a single
// writer connection that takes the write lock up front, and read-only queries
// use a separate pool of query-only connections.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"runtime"
	"time"

	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"collegebot/internal/college"
)

// migrationFS holds the schema migrations, applied in order by goose at Open.
//
//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is the college's database: one writer connection through which every
// change passes in turn, and a pool of read-only connections beside it.
type DB struct {
	// Now returns the current time; tests replace it. Times it returns are
	// used in UTC, truncated to the second.
	Now func() time.Time

	writer *sql.DB
	reader *sql.DB
	// The writer goroutine takes changes from changes until closing is
	// closed, and closes stopped when it has finished.
	changes          chan change
	closing, stopped chan struct{}
	// checkpointer copies the log into the database beside the writer;
	// checkpointed is closed when it has stopped.
	checkpointer *sql.DB
	checkpointed chan struct{}
	// Statements prepared on each pool.
	writerStmts, readerStmts *stmtCache
}

var _ college.Store = (*DB)(nil)

// Open opens (creating if need be) the SQLite file at path and brings its
// schema up to date. path must name a file: the writer and the readers are
// separate connections and an in-memory database is not shared between them.
func Open(ctx context.Context, path string) (*DB, error) {
	writer, err := sql.Open("sqlite", writerDSN(path))
	if err != nil {
		return nil, fmt.Errorf("sqlite: opening %s: %w", path, err)
	}
	// One writer: changes queue in Go rather than fight over SQLite's lock.
	writer.SetMaxOpenConns(1)
	if err := migrate(ctx, writer); err != nil {
		writer.Close()
		return nil, err
	}
	reader, err := sql.Open("sqlite", readerDSN(path))
	if err == nil {
		n := max(4, runtime.NumCPU())
		reader.SetMaxOpenConns(n)
		// Kept open, all of them: database/sql closes all but two idle
		// connections, and a new one parses the schema again before its
		// first query.
		reader.SetMaxIdleConns(n)
		err = reader.PingContext(ctx)
	}
	if err != nil {
		writer.Close()
		return nil, fmt.Errorf("sqlite: opening readers on %s: %w", path, err)
	}
	checkpointer, err := sql.Open("sqlite", checkpointDSN(path))
	if err != nil {
		writer.Close()
		reader.Close()
		return nil, fmt.Errorf("sqlite: opening the checkpointer on %s: %w", path, err)
	}
	checkpointer.SetMaxOpenConns(1)
	db := &DB{Now: time.Now, writer: writer, reader: reader, checkpointer: checkpointer, checkpointed: make(chan struct{}),
		writerStmts: newStmtCache(writer), readerStmts: newStmtCache(reader),
		changes: make(chan change, 4*maxGroup), closing: make(chan struct{}), stopped: make(chan struct{})}
	go db.write()
	go db.checkpoint(checkpointer)
	return db, nil
}

// writerDSN returns the data source name of the writer connection.
func writerDSN(path string) string {
	q := url.Values{}
	// Wait for a checkpoint or another process instead of failing at once.
	q.Add("_pragma", "busy_timeout(5000)")
	// Readers and the writer do not block one another in write-ahead logging.
	q.Add("_pragma", "journal_mode(WAL)")
	// In WAL mode NORMAL cannot corrupt the file and saves an fsync per commit.
	q.Add("_pragma", "synchronous(NORMAL)")
	// SQLite leaves foreign keys unchecked unless each connection asks.
	q.Add("_pragma", "foreign_keys(1)")
	// The checkpointer copies the log back, not the commit that fills it.
	q.Add("_pragma", "wal_autocheckpoint(0)")
	// Each change of a group runs in a savepoint, whose journal SQLite
	// otherwise spills to a temporary file, a write to it for every page a
	// change touches first.
	q.Add("_pragma", "temp_store(MEMORY)")
	// Take the write lock at BEGIN: a deferred transaction that reads, then
	// writes, fails with SQLITE_BUSY under contention despite the timeout.
	q.Set("_txlock", "immediate")
	return path + "?" + q.Encode()
}

// checkpointDSN returns the data source name of the checkpointer.
func checkpointDSN(path string) string {
	return path + "?" + url.Values{"_pragma": {"busy_timeout(5000)"}}.Encode()
}

// readerDSN returns the data source name of the read-only connections.
func readerDSN(path string) string {
	q := url.Values{}
	// Wait for a checkpoint instead of failing at once.
	q.Add("_pragma", "busy_timeout(5000)")
	// Foreign keys are per connection; a reader keeps the same rules.
	q.Add("_pragma", "foreign_keys(1)")
	// A reader that tries to write fails instead of racing the writer.
	q.Add("_pragma", "query_only(1)")
	return path + "?" + q.Encode()
}

// migrate applies the embedded migrations that the file has not yet had.
func migrate(ctx context.Context, db *sql.DB) error {
	fsys, err := fs.Sub(migrationFS, "migrations")
	if err != nil {
		return fmt.Errorf("sqlite: reading migrations: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, fsys)
	if err != nil {
		return fmt.Errorf("sqlite: preparing migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("sqlite: migrating: %w", err)
	}
	return nil
}

// Close stops the writer goroutine once the group it is committing is
// done, then closes the readers and the writer.
func (db *DB) Close() error {
	select {
	case <-db.closing:
		return nil // closed already
	default:
	}
	close(db.closing)
	<-db.stopped
	<-db.checkpointed
	db.checkpointer.Close()
	db.readerStmts.close()
	db.writerStmts.close()
	rerr := db.reader.Close()
	if err := db.writer.Close(); err != nil {
		return fmt.Errorf("sqlite: closing writer: %w", err)
	}
	if rerr != nil {
		return fmt.Errorf("sqlite: closing readers: %w", rerr)
	}
	return nil
}

// now returns the database's clock reading as stored: UTC, whole seconds.
func (db *DB) now() time.Time { return db.Now().UTC().Truncate(time.Second) }

// Update runs fn in one write transaction that acts at a single moment:
// everything fn does is stored together, or nothing is when it fails.
func (db *DB) Update(ctx context.Context, fn func(college.Tx) error) error {
	return db.update(ctx, func(t *tx) error { return fn(t) })
}

// View runs fn in a read-only transaction on the read pool; fn sees one
// consistent snapshot and any write it attempts fails.
func (db *DB) View(ctx context.Context, fn func(college.Tx) error) error {
	return db.view(ctx, func(t *tx) error { return fn(t) })
}

// Office runs fn in one write transaction with the office's records as
// well as the students': staff work, stored together or not at all.
func (db *DB) Office(ctx context.Context, fn func(college.OfficeTx) error) error {
	return db.update(ctx, func(t *tx) error { return fn(t) })
}

// OfficeView runs fn in a read-only transaction on the read pool.
func (db *DB) OfficeView(ctx context.Context, fn func(college.OfficeTx) error) error {
	return db.view(ctx, func(t *tx) error { return fn(t) })
}

// view runs fn in a read-only transaction on the read pool.
func (db *DB) view(ctx context.Context, fn func(*tx) error) error {
	sqlTx, err := db.reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("sqlite: beginning read: %w", err)
	}
	defer db.readerStmts.prepareMissed(ctx)
	defer sqlTx.Rollback()
	return fn(&tx{ctx: ctx, tx: sqlTx, now: db.now(), stmts: db.readerStmts})
}

// Stats counts the main records, for the command line and health checks.
type Stats struct {
	Courses  int // courses in the prospectus
	Sessions int // sessions not cancelled
	Students int // students not erased
	Bookings int // enrolments holding a place: booked or offered
	Waiting  int // enrolments on a waiting list
}

// Stats counts the main records in one consistent read.
func (db *DB) Stats(ctx context.Context) (Stats, error) {
	var s Stats
	err := db.view(ctx, func(t *tx) error {
		return t.queryRow(`SELECT
			(SELECT count(*) FROM course),
			(SELECT count(*) FROM session WHERE status <> 'cancelled'),
			(SELECT count(*) FROM student WHERE erased_at IS NULL),
			(SELECT count(*) FROM enrolment WHERE status IN ('booked', 'offered')),
			(SELECT count(*) FROM enrolment WHERE status = 'waiting')`).
			Scan(&s.Courses, &s.Sessions, &s.Students, &s.Bookings, &s.Waiting)
	})
	if err != nil {
		return Stats{}, fmt.Errorf("sqlite: counting records: %w", err)
	}
	return s, nil
}
