package sqlite

import (
	"context"
	"database/sql"
	"sync"
)

// maxStmts bounds the statements a pool keeps prepared. Every query in this
// package is a constant, so the bound is never reached; it is there so
// that a query built at run time could not grow the cache without end.
const maxStmts = 256

// stmtCache keeps the statements run on one pool prepared, so each is
// parsed and planned once instead of in every transaction: SQLite takes
// longer to plan a query of several joins than to run it on a college's
// data (the due sweep spent two thirds of its time in the planner).
//
// A statement cannot be prepared on the pool while a transaction holds the
// writer, its only connection, so a query the cache has not seen runs
// unprepared and is noted; the pool prepares it when the transaction ends.
type stmtCache struct {
	pool   *sql.DB
	mu     sync.Mutex
	stmts  map[string]*sql.Stmt
	missed map[string]bool
}

// newStmtCache returns an empty cache for a pool.
func newStmtCache(pool *sql.DB) *stmtCache {
	return &stmtCache{pool: pool, stmts: map[string]*sql.Stmt{}, missed: map[string]bool{}}
}

// get returns the prepared statement for query, or nil (noting the query)
// when it is not prepared yet.
func (c *stmtCache) get(query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.stmts[query]; ok {
		return st
	}
	if len(c.stmts)+len(c.missed) < maxStmts {
		c.missed[query] = true
	}
	return nil
}

// prepareMissed prepares the queries run unprepared since it was last
// called. It is called between transactions, and holds no lock while it
// waits for a connection, which a transaction that has begun meanwhile may
// hold. A query that fails to prepare runs unprepared again, where its
// error is reported.
func (c *stmtCache) prepareMissed(ctx context.Context) {
	c.mu.Lock()
	var qs []string
	for q := range c.missed {
		qs = append(qs, q)
		delete(c.missed, q)
	}
	c.mu.Unlock()
	for _, q := range qs {
		st, err := c.pool.PrepareContext(ctx, q)
		if err != nil {
			continue
		}
		c.mu.Lock()
		if _, ok := c.stmts[q]; ok {
			st.Close()
		} else {
			c.stmts[q] = st
		}
		c.mu.Unlock()
	}
}

// close closes the prepared statements.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, st := range c.stmts {
		st.Close()
		delete(c.stmts, q)
	}
}

// stmt returns query prepared for use in the transaction, or nil when it
// is not prepared yet.
func (t *tx) stmt(query string) *sql.Stmt {
	if t.stmts == nil {
		return nil
	}
	if st, ok := t.bound[query]; ok {
		return st
	}
	st := t.stmts.get(query)
	if st == nil {
		return nil
	}
	st = t.tx.StmtContext(t.ctx, st)
	if t.bound != nil {
		t.bound[query] = st
	}
	return st
}
