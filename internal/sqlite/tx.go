package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"collegebot/internal/college"
)

// tx is one transaction as the rest of the module sees it. It carries the
// context of the call that began it, since college.Tx methods take none, the
// moment it acts at, and its pool's prepared statements.
type tx struct {
	ctx context.Context
	tx  *sql.Tx
	now time.Time
	// at is now to the nanosecond, for the few records that measure
	// time taken; zero in a read.
	at    time.Time
	stmts *stmtCache
	// bound holds the statements already bound to this transaction,
	// shared by the changes of a group; nil in a read.
	bound map[string]*sql.Stmt
}

var _ college.Tx = (*tx)(nil)

// Now returns the moment the transaction acts at, in UTC.
func (t *tx) Now() time.Time { return t.now }

// stamp returns the transaction's moment as stored.
func (t *tx) stamp() string { return formatTime(t.now) }

// exec runs a statement and maps constraint failures onto domain errors.
func (t *tx) exec(query string, args ...any) (sql.Result, error) {
	var res sql.Result
	var err error
	if st := t.stmt(query); st != nil {
		res, err = st.ExecContext(t.ctx, args...)
	} else {
		res, err = t.tx.ExecContext(t.ctx, query, args...)
	}
	return res, domainErr(err)
}

// execOne runs a statement that must change a row; none is ErrNotFound.
func (t *tx) execOne(query string, args ...any) error {
	res, err := t.exec(query, args...)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return college.ErrNotFound
	}
	return nil
}

// queryRow runs a query for one row; Scan reports no row as ErrNotFound.
func (t *tx) queryRow(query string, args ...any) row {
	if st := t.stmt(query); st != nil {
		return row{st.QueryRowContext(t.ctx, args...)}
	}
	return row{t.tx.QueryRowContext(t.ctx, query, args...)}
}

// row is a single-row result whose Scan speaks in domain errors.
type row struct{ r *sql.Row }

// Scan copies the row into dest, or reports ErrNotFound when there is none.
func (r row) Scan(dest ...any) error { return domainErr(r.r.Scan(dest...)) }

// scanner is a *sql.Rows or a row.
type scanner interface{ Scan(dest ...any) error }

// queryAll runs a query and reads every row it returns with scan.
func queryAll[T any](t *tx, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	var rows *sql.Rows
	var err error
	if st := t.stmt(query); st != nil {
		rows, err = st.QueryContext(t.ctx, args...)
	} else {
		rows, err = t.tx.QueryContext(t.ctx, query, args...)
	}
	if err != nil {
		return nil, domainErr(err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, domainErr(rows.Err())
}

// domainErr maps a driver error onto the domain error it means, keeping the
// original in the chain.
func domainErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return college.ErrNotFound
	}
	var se *msqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() {
	case sqlite3.SQLITE_CONSTRAINT_TRIGGER:
		// The capacity triggers' RAISE message is our own; it has no code.
		if strings.Contains(se.Error(), college.ErrCourseFull.Error()) {
			return fmt.Errorf("%w: %w", college.ErrCourseFull, err)
		}
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return fmt.Errorf("%w: %w", college.ErrConflict, err)
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return fmt.Errorf("%w: %w", college.ErrNotFound, err)
	}
	return err
}
