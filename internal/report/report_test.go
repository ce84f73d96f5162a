package report_test

import (
	"context"
	"testing"

	"collegebot/internal/college"
	"collegebot/internal/report"
)

// springTerm builds the fixture term, Spring 2026: ANX (3 sessions from
// Mon 12 Jan, partner Calder NHS Trust), SLP (2 live sessions from Mon 2
// Feb; a third was cancelled) and WALK (4 sessions from Mon 2 Mar to Mon 23
// Mar, partner Calderbrook Harriers), all finished by the term's end; and
// ART in Summer 2026. The term runs from 12 Jan to 23 Mar inclusive.
//
// Students (describes / heard / district), registered unless said:
//
//	A  1 Dec 2025   public / "Poster" / WF1        ANX
//	B  5 Jan        services / "GP" / WF1          ANX, SLP
//	C  12 Jan       public / "poster" / WF2        ANX, WALK
//	D  13 Jan       public / "  Poster " / WF2     ANX (WALK booked, then dropped)
//	E  14 Jan       carer / "friend" / skipped     ANX, WALK
//	N  15 Jan       public / "poster" / WF1        ANX; erased since
//	F  20 Jan       public / "poster" / WF1        SLP, from the waiting list
//	G  25 Jan       rather_not / - / -             WALK
//	H  3 Feb        public / "poster" / WF3        WALK; offered SLP, declined
//	I  10 Feb       skipped / skipped / WF3        WALK
//	K  15 Feb       not registered
//	O  20 Feb       public / "Poster" / WF2        nothing booked
//	J  5 Mar        - / - / -                      nothing booked
//	L  1 Jun 2025   public / - / WF1               ART (summer) only
//	M  1 Oct 2025   services / - / WF9             last active 20 Feb
func springTerm(t *testing.T) *builder {
	b := newBuilder(t)
	b.importProspectus(day(0, 1, 9), false)
	b.importProspectus(day(2, 10, 9), true) // cancels SLP's third session
	for _, s := range []struct {
		letter                     string
		month, day                 int
		registered                 bool
		heard, describes, district college.Answer
	}{
		{"L", -6, 1, true, unasked, answer("public"), answer("WF1")},
		{"M", -2, 1, true, unasked, answer("services"), answer("WF9")},
		{"A", 0, 1, true, answer("Poster"), answer("public"), answer("WF1")},
		{"B", 1, 5, true, answer("GP"), answer("services"), answer("WF1")},
		{"C", 1, 12, true, answer("poster"), answer("public"), answer("WF2")},
		{"D", 1, 13, true, answer("  Poster "), answer("public"), answer("WF2")},
		{"E", 1, 14, true, answer("friend"), answer("carer"), skipped},
		{"N", 1, 15, true, answer("poster"), answer("public"), answer("WF1")},
		{"F", 1, 20, true, answer("poster"), answer("public"), answer("WF1")},
		{"G", 1, 25, true, unasked, answer("rather_not"), unasked},
		{"H", 2, 3, true, answer("poster"), answer("public"), answer("WF3")},
		{"I", 2, 10, true, skipped, skipped, answer("WF3")},
		{"K", 2, 15, false, unasked, unasked, unasked},
		{"O", 2, 20, true, answer("Poster"), answer("public"), answer("WF2")},
		{"J", 3, 5, true, unasked, unasked, unasked},
	} {
		at := day(s.month, s.day, 12)
		if s.month < 0 {
			at = day(1, s.day, 12).AddDate(0, s.month-1, 0) // L: 1 Jun 2025, M: 1 Oct 2025
		}
		b.student(s.letter, at, s.registered, s.heard, s.describes, s.district)
	}
	b.activeAt("M", day(2, 20, 12))

	for _, letter := range []string{"A", "B", "C", "D", "E", "N"} {
		b.enrol("ANX", letter, college.Booked, day(1, 10, 9))
	}
	b.enrol("SLP", "B", college.Booked, day(1, 10, 9))
	b.offer("SLP", "F", day(1, 29, 10), true)
	b.offer("SLP", "H", day(2, 5, 10), false)
	for _, letter := range []string{"C", "E", "G", "H", "I"} {
		b.enrol("WALK", letter, college.Booked, day(2, 20, 9))
	}
	d := b.enrol("WALK", "D", college.Booked, day(2, 20, 9))
	b.setStatus(d, college.Dropped, day(3, 3, 9))
	b.offer("ART", "L", day(0, 15, 10), true) // before the term: not counted

	for _, m := range []struct{ code, letter, marks string }{
		{"ANX", "A", "aaa"}, {"ANX", "B", "axa"}, {"ANX", "C", "apx"},
		{"ANX", "D", "xxx"}, {"ANX", "E", "aap"}, {"ANX", "N", "aaa"},
		{"SLP", "B", "aaa"}, // the third, cancelled, does not count
		{"SLP", "F", "ap"},
		{"WALK", "C", "aaaa"}, {"WALK", "E", "aaxx"}, {"WALK", "G", "axxx"},
		{"WALK", "H", "aaap"}, {"WALK", "D", "a"}, // D came once, then dropped
		{"ART", "L", "a"},
	} {
		b.marks(m.code, m.letter, m.marks)
	}
	for _, f := range []struct {
		code, letter string
		score        int
	}{
		{"ANX", "A", 1}, {"ANX", "B", 2}, {"ANX", "C", 1}, {"ANX", "D", 6}, {"ANX", "E", 5}, {"ANX", "N", 2},
		{"SLP", "B", 3}, {"SLP", "F", 0},
		{"WALK", "C", 1}, {"WALK", "E", 2}, {"WALK", "H", 4},
		{"ART", "L", 1},
	} {
		b.score(f.code, f.letter, f.score)
	}
	messages(b)
	b.erase("N")
	return b
}

// messages sends the fixture's messages: in January 3 SMS (1, 2 and 1
// segments) and 2 Telegram; in February 6 SMS of 1 segment, 1 delivered
// SMS of 3, 1 Telegram and 1 Telegram edit; none in March. Not counted: a
// pending and a failed SMS in January, and one sent in December 2025.
func messages(b *builder) {
	for i, segs := range []int{1, 2, 1} {
		b.message(college.SMS, segs, day(1, 13+i, 11), "sent", false)
	}
	b.message(college.Telegram, 0, day(1, 20, 11), "sent", false)
	b.message(college.Telegram, 0, day(1, 21, 11), "sent", false)
	b.message(college.SMS, 1, day(1, 22, 11), "pending", false)
	b.message(college.SMS, 1, day(1, 23, 11), "failed", false)
	for i := range 6 {
		b.message(college.SMS, 1, day(2, 2+i, 11), "sent", false)
	}
	b.message(college.SMS, 3, day(2, 12, 11), "delivered", false)
	b.message(college.Telegram, 0, day(2, 13, 11), "sent", false)
	b.message(college.Telegram, 0, day(2, 14, 11), "sent", true)
	b.message(college.SMS, 1, day(0, 20, 11), "sent", false)
}

// build reports on a term of the fixture.
func build(t *testing.T, b *builder, term string) report.Report {
	t.Helper()
	var r report.Report
	err := b.db.OfficeView(context.Background(), func(tx college.OfficeTx) error {
		rt := tx.(college.ReportTx)
		terms, err := rt.ReportTerms()
		if err != nil {
			return err
		}
		p, err := report.Term(terms, term, london)
		if err != nil {
			return err
		}
		prof := college.DefaultProfile() // 4p a segment, completing at half the sessions
		r, err = report.Build(rt, p, prof, london)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}
