package sqlite

import (
	"context"
	"fmt"
)

// SeedCrowd adds n registered students for load tests and benchmarks,
// written straight into the tables (making them through the API would
// take longer than what is measured): each has a phone, +4477 and eight
// digits; every fifth also has a Telegram chat (a number from 6000000000)
// and last wrote from it; every tenth opted out of SMS; every other one
// said yes to college news. Their ids follow the students already there.
func (db *DB) SeedCrowd(ctx context.Context, n int) error {
	return db.update(ctx, func(t *tx) error {
		var first int64
		if err := t.queryRow(`SELECT coalesce(max(id), 0) + 1 FROM student`).Scan(&first); err != nil {
			return err
		}
		for _, q := range []string{
			`WITH RECURSIVE k(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM k WHERE i < ?1 + ?2 - 1)
			INSERT INTO student (id, first_name, consent_at, news_at, created_at, last_active)
			SELECT i, 'S' || i, '2026-01-01 00:00:00', CASE WHEN i % 2 = 0 THEN '2026-01-01 00:00:00' END,
				'2026-01-01 00:00:00', '2026-01-01 00:00:00' FROM k`,
			`INSERT INTO contact (student_id, channel, address, opted_out)
			SELECT id, 'sms', printf('+4477%08d', id), CASE WHEN id % 10 = 0 THEN '2026-01-02 00:00:00' END
			FROM student WHERE id >= ?1`,
			`INSERT INTO contact (student_id, channel, address)
			SELECT id, 'telegram', 6000000000 + id FROM student WHERE id % 5 = 0 AND id >= ?1`,
			`INSERT INTO inbox (channel, provider_id, address, body, received_at, processed_at)
			SELECT 'telegram', 'crowd' || id, 6000000000 + id, 'hi', '2026-01-03 00:00:00', '2026-01-03 00:00:00'
			FROM student WHERE id % 5 = 0 AND id >= ?1`,
		} {
			if _, err := t.tx.ExecContext(t.ctx, q, first, n); err != nil {
				return fmt.Errorf("sqlite: seeding a crowd of %d: %w", n, err)
			}
		}
		return nil
	})
}
