package sqlite_test

import (
	"context"
	"testing"

	"collegebot/internal/college"
)

// BenchmarkQueueBroadcast100kTwoLanguages is BenchmarkQueueBroadcast100k
// with a third of the students in Welsh, sent a Welsh text: each row
// looks its language's message up.
func BenchmarkQueueBroadcast100kTwoLanguages(b *testing.B) {
	const students = 100_000
	db := MustOpenDB(b)
	bigCollege(b, db, students)
	if _, err := db.Raw(b).Exec(`UPDATE student SET lang = 'cy' WHERE id % 3 = 0`); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	a := college.Audience{Scope: college.ScopeAll}
	m := college.BroadcastMessage{Text: "The college is closed on Monday.", Segments: 1,
		Langs: map[string]college.LangMessage{"cy": {Text: "Mae'r coleg ar gau ddydd Llun.", Segments: 1}}}
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
	if got := db.Int(b, `SELECT count(*) FROM outbox WHERE lang = 'cy' AND body LIKE 'Mae%'`); got != students/3 {
		b.Fatalf("%d Welsh messages, want %d", got, students/3)
	}
}

// BenchmarkReachByLang100k counts the same audience by language, as a
// preview does.
func BenchmarkReachByLang100k(b *testing.B) {
	db := MustOpenDB(b)
	bigCollege(b, db, 100_000)
	if _, err := db.Raw(b).Exec(`UPDATE student SET lang = 'cy' WHERE id % 3 = 0`); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for b.Loop() {
		err := db.OfficeView(ctx, func(tx college.OfficeTx) error {
			_, err := tx.ReachByLang(college.Audience{Scope: college.ScopeAll}, college.KindService)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
