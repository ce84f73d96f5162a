package sqlite_test

import (
	"context"
	"testing"

	"collegebot/internal/college"
)

// bigBilingualCollege is bigCollege with every third student in Welsh.
func bigBilingualCollege(b *testing.B, db *TestDB, n int) {
	b.Helper()
	bigCollege(b, db, n)
	if _, err := db.Raw(b).Exec(`UPDATE student SET lang = 'cy' WHERE id % 3 = 0`); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkQueueBroadcast100kTwoLanguages is BenchmarkQueueBroadcast100k
// with a third of the students in Welsh, sent a Welsh text: each row
// looks its language's message up.
func BenchmarkQueueBroadcast100kTwoLanguages(b *testing.B) {
	const students = 100_000
	db := MustOpenDB(b)
	bigBilingualCollege(b, db, students)
	m := college.BroadcastMessage{Text: "The college is closed on Monday.", Segments: 1,
		Langs: map[string]college.LangMessage{"cy": {Text: "Mae'r coleg ar gau ddydd Llun.", Segments: 1}}}
	benchQueueBroadcast(b, db, m, students)
	if got := db.Int(b, `SELECT count(*) FROM outbox WHERE lang = 'cy' AND body LIKE 'Mae%'`); got != students/3 {
		b.Fatalf("%d Welsh messages, want %d", got, students/3)
	}
}

// BenchmarkReachByLang100k counts the same audience by language, as a
// preview does.
func BenchmarkReachByLang100k(b *testing.B) {
	db := MustOpenDB(b)
	bigBilingualCollege(b, db, 100_000)
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
