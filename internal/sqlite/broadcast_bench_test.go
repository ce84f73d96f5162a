package sqlite_test

import (
	"context"
	"testing"

	"collegebot/internal/college"
)

// bigCollege fills the database with n registered students, each with a
// phone; every fifth has a Telegram chat too and last wrote from it, and
// every tenth opted out of SMS. Written straight into the tables: making
// them through the API would take longer than what is measured.
func bigCollege(b *testing.B, db *TestDB, n int) {
	b.Helper()
	for _, q := range []string{
		`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?1)
		INSERT INTO student (id, first_name, consent_at, news_at, created_at, last_active)
		SELECT i, 'S' || i, '2026-01-01 00:00:00', CASE WHEN i % 2 = 0 THEN '2026-01-01 00:00:00' END,
			'2026-01-01 00:00:00', '2026-01-01 00:00:00' FROM k`,
		`INSERT INTO contact (student_id, channel, address, opted_out)
		SELECT id, 'sms', printf('+4477%08d', id), CASE WHEN id % 10 = 0 THEN '2026-01-02 00:00:00' END
		FROM student WHERE id <= ?1`,
		`INSERT INTO contact (student_id, channel, address)
		SELECT id, 'telegram', 'tg' || id FROM student WHERE id % 5 = 0 AND id <= ?1`,
		`INSERT INTO inbox (channel, provider_id, address, body, received_at)
		SELECT 'telegram', 'u' || id, 'tg' || id, 'hi', '2026-01-03 00:00:00' FROM student WHERE id % 5 = 0 AND id <= ?1`,
	} {
		if _, err := db.Raw(b).Exec(q, n); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkQueueBroadcast100k queues a service broadcast to all of a
// college of 100,000 students (80,000 by SMS, 20,000 on Telegram, of
// whom 10,000 opted out of SMS): the INSERT … SELECT of QueueBroadcast in one transaction.
func BenchmarkQueueBroadcast100k(b *testing.B) {
	const students = 100_000
	db := MustOpenDB(b)
	bigCollege(b, db, students)
	benchQueueBroadcast(b, db, college.BroadcastMessage{Text: "The college is closed on Monday.", Segments: 1}, students)
}

// benchQueueBroadcast measures queuing m as a service broadcast to all of
// the college, afresh each time, and fails unless it reaches students.
func benchQueueBroadcast(b *testing.B, db *TestDB, m college.BroadcastMessage, students int) {
	b.Helper()
	ctx := context.Background()
	a := college.Audience{Scope: college.ScopeAll}
	for b.Loop() {
		b.StopTimer()
		if _, err := db.Raw(b).Exec(`DELETE FROM outbox`); err != nil {
			b.Fatal(err)
		}
		var bc college.Broadcast
		db.mustOffice(b, func(tx college.OfficeTx) (err error) {
			bc, err = tx.AddBroadcast(college.Broadcast{Audience: a, Kind: college.KindService, Body: m.Text})
			return err
		})
		b.StartTimer()
		var n int
		err := db.Office(ctx, func(tx college.OfficeTx) (err error) {
			n, err = tx.QueueBroadcast(bc, m)
			return err
		})
		if err != nil || n != students {
			b.Fatalf("queued %d (%v), want %d", n, err, students)
		}
	}
}

// BenchmarkReach100k counts the same audience, as a preview does.
func BenchmarkReach100k(b *testing.B) {
	db := MustOpenDB(b)
	bigCollege(b, db, 100_000)
	ctx := context.Background()
	for b.Loop() {
		err := db.OfficeView(ctx, func(tx college.OfficeTx) error {
			_, err := tx.Reach(college.Audience{Scope: college.ScopeAll}, college.KindService)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
