package sqlite

import (
	"context"
	"database/sql"
	"time"
)

// checkpointEvery is how often the checkpointer copies the write-ahead
// log back into the database file.
const checkpointEvery = time.Second

// checkpoint runs until Close, copying the write-ahead log into the
// database on its own connection, so that the writer never stops to do it
// (SQLite's automatic checkpoint runs inside the commit that fills the
// log, and stalls every change queued behind it for tens of
// milliseconds). A PASSIVE checkpoint waits for no one: what a reader
// still needs is left for the next one.
func (db *DB) checkpoint(conn *sql.DB) {
	defer close(db.checkpointed)
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	for {
		select {
		case <-db.closing:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			// An error (a busy file, say) is left for the next tick.
			conn.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`)
			cancel()
		}
	}
}
