package sqlite

import (
	"context"
	"fmt"
)

// Writable checks that the database takes a write by committing one to the
// heartbeat row, so a full disk or a read-only file shows in the health
// check before a student's message is lost to it.
func (db *DB) Writable(ctx context.Context) error {
	return db.update(ctx, func(t *tx) error {
		_, err := t.exec(`INSERT INTO heartbeat (id, beat_at) VALUES (1, ?)
			ON CONFLICT (id) DO UPDATE SET beat_at = excluded.beat_at`, t.stamp())
		if err != nil {
			return fmt.Errorf("sqlite: health: %w", err)
		}
		return nil
	})
}
