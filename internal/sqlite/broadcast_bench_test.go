package sqlite_test

import (
	"context"
	"testing"

	"collegebot/internal/college"
)

// bigCollege fills the database with n registered students (SeedCrowd).
func bigCollege(b *testing.B, db *TestDB, n int) {
	b.Helper()
	if err := db.SeedCrowd(context.Background(), n); err != nil {
		b.Fatal(err)
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
