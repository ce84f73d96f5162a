package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"time"
)

// maxGroup is the most changes committed together. A change takes a tenth
// of a millisecond or so, so a full group commits within a few
// milliseconds and no caller waits long behind one.
const maxGroup = 64

// errClosed answers a change asked for after Close.
var errClosed = errors.New("sqlite: the database is closed")

// change is one call to update waiting for the writer.
type change struct {
	ctx  context.Context
	fn   func(*tx) error
	done chan error
}

// panicked carries a panic in a change back to the goroutine that asked
// for it, where it is raised again.
type panicked struct {
	value any
	stack []byte
}

func (p *panicked) Error() string {
	return fmt.Sprintf("sqlite: change panicked: %v\n%s", p.value, p.stack)
}

// update runs fn in a write transaction and returns once it is committed
// (or not, with fn's error). Changes asked for at the same time from many
// goroutines are committed together by one writer goroutine (group
// commit): each runs inside its own savepoint, so a change that fails is
// undone alone, and the group pays for one BEGIN and one COMMIT. A change
// is not cancelled once it has begun: ctx is checked before it starts.
func (db *DB) update(ctx context.Context, fn func(*tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c := change{ctx: ctx, fn: fn, done: make(chan error, 1)}
	select {
	case db.changes <- c:
	case <-db.closing:
		return errClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	var err error
	select {
	case err = <-c.done:
	case <-db.stopped:
		select {
		case err = <-c.done:
		default:
			return errClosed
		}
	}
	if p, ok := err.(*panicked); ok {
		panic(p)
	}
	return err
}

// write is the writer goroutine: it takes the changes waiting, up to
// maxGroup, and commits them together, until Close.
func (db *DB) write() {
	defer close(db.stopped)
	for {
		var first change
		select {
		case first = <-db.changes:
		case <-db.closing:
			db.refuseWaiting()
			return
		}
		db.commitGroup(db.gather(first))
	}
}

// gather returns first and the changes waiting behind it, up to maxGroup.
// When none is waiting it yields once before closing the group: the
// callers of the last group were woken as it ended and are about to ask
// for their next change, and Go runs the goroutine a channel send wakes
// right after the sender, so without the yield a group would hold the one
// change whose sender woke the writer (groups of 7 at 64 callers, instead
// of 35). A caller alone is not delayed: with nothing else to run, the
// yield returns at once.
func (db *DB) gather(first change) []change {
	group := []change{first}
	yielded := false
	for len(group) < maxGroup {
		select {
		case c := <-db.changes:
			group = append(group, c)
		default:
			if yielded {
				return group
			}
			yielded = true
			runtime.Gosched()
		}
	}
	return group
}

// refuseWaiting answers the changes still queued at Close.
func (db *DB) refuseWaiting() {
	for {
		select {
		case c := <-db.changes:
			c.done <- errClosed
		default:
			return
		}
	}
}

// commitGroup runs a group of changes in one transaction and tells each
// caller how its change ended.
func (db *DB) commitGroup(group []change) {
	errs := make([]error, len(group))
	err := db.runGroup(group, errs)
	// Rarely anything: a query the writer has not run before.
	db.writerStmts.prepareMissed(context.Background())
	for i, c := range group {
		if err != nil && errs[i] == nil {
			errs[i] = err
		}
		c.done <- errs[i]
	}
}

// runGroup runs the changes in turn and commits those that succeeded. It
// returns an error that undid the whole group (a failed BEGIN or COMMIT,
// or a savepoint SQLite could not roll back to); each change's own error
// is put in errs.
func (db *DB) runGroup(group []change, errs []error) error {
	sqlTx, err := db.writer.BeginTx(context.Background(), nil)
	if err != nil {
		return fmt.Errorf("sqlite: beginning update: %w", err)
	}
	defer sqlTx.Rollback()
	bound := map[string]*sql.Stmt{}
	kept := 0
	for i, c := range group {
		if errs[i] = c.ctx.Err(); errs[i] != nil {
			continue
		}
		if len(group) == 1 {
			errs[i] = db.run(sqlTx, bound, c)
		} else if errs[i], err = db.runSaved(sqlTx, bound, c); err != nil {
			return err
		}
		if errs[i] == nil {
			kept++
		}
	}
	if kept == 0 {
		return nil
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("sqlite: committing update: %w", err)
	}
	return nil
}

// runSaved runs one change of a group inside a savepoint, undoing it alone
// if it fails. The second error is one that spoils the whole transaction.
func (db *DB) runSaved(sqlTx *sql.Tx, bound map[string]*sql.Stmt, c change) (error, error) {
	// Prepared once, like every other statement on the writer.
	t := &tx{ctx: context.Background(), tx: sqlTx, stmts: db.writerStmts, bound: bound}
	if _, err := t.exec("SAVEPOINT change"); err != nil {
		return nil, fmt.Errorf("sqlite: savepoint: %w", err)
	}
	err := db.run(sqlTx, bound, c)
	if err != nil {
		if _, rerr := t.exec("ROLLBACK TO change"); rerr != nil {
			return err, fmt.Errorf("sqlite: undoing a failed change (%v): %w", err, rerr)
		}
	}
	if _, rerr := t.exec("RELEASE change"); rerr != nil {
		return err, fmt.Errorf("sqlite: releasing savepoint: %w", rerr)
	}
	return err, nil
}

// run calls one change's fn, turning a panic into a *panicked error.
func (db *DB) run(sqlTx *sql.Tx, bound map[string]*sql.Stmt, c change) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &panicked{value: p, stack: debug.Stack()}
		}
	}()
	// Not cancelled midway: SQLite would roll back the whole group.
	ctx := context.WithoutCancel(c.ctx)
	at := db.Now().UTC()
	return c.fn(&tx{ctx: ctx, tx: sqlTx, now: at.Truncate(time.Second), at: at,
		stmts: db.writerStmts, bound: bound})
}
