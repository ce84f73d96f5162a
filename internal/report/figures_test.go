package report_test

import (
	"slices"
	"testing"

	"collegebot/internal/report"
)

// Every figure of the fixture term, counted by hand from springTerm.
func TestFiguresOfAFixtureTerm(t *testing.T) {
	r := build(t, springTerm(t), "spring 2026")

	if want := day(1, 12, 0); !r.Period.From.Equal(want) || !r.Period.To.Equal(day(3, 24, 0)) {
		t.Errorf("period %v to %v, want 12 Jan to 24 Mar 00:00", r.Period.From, r.Period.To)
	}
	if r.Title != "Spring 2026 (12 Jan to 23 Mar 2026)" {
		t.Errorf("title %q", r.Title)
	}
	// New: C D E N F G (Jan), H I O (Feb), J (Mar); not B (5 Jan, before
	// the term), K (not registered). Active: those, A and B (booked), M
	// (last active 20 Feb); not L.
	// Offers: F's taken, H's declined; L's in December not counted.
	// Finished: ANX, SLP and WALK.
	// Answered "describes": C D F H O public, E carer, G rather not: 7.
	for _, c := range []struct {
		name      string
		got, want int
	}{
		{"new students", r.NewStudents, 10},
		{"active students", r.ActiveStudents, 13},
		{"offers made", r.OffersMade, 2},
		{"offers taken", r.OffersTaken, 1},
		{"courses finished", r.CoursesFinished, 3},
		{"answered describes", r.Answered, 7},
	} {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}

	// Places: ANX A B C D E N (6 x 3 sessions), SLP B F (2 x 2 live
	// sessions), WALK C E G H I (5 x 4): 13 places, 42 session bookings,
	// 10 students. Marks (a attended, x absent, p apologies):
	//   ANX  aaa axa apx xxx aap aaa  11 a, 5 x, 2 p
	//   SLP  aa ap                     3 a, 0 x, 1 p (B's mark at the cancelled third not counted)
	//   WALK aaaa aaxx axxx aaap a(D)  11 a, 5 x, 1 p
	// Completed (at least half of the live sessions): ANX A B E N (C 1 of
	// 3, D 0), SLP B F, WALK C E H (G 1 of 4, I 0): 9 of 13.
	// FFT, courses finished in the term: ANX 1 2 1 6 5 2, SLP 3 (F asked,
	// not answered), WALK 1 2 4: 10 answers, 6 very good or good.
	want := report.Tally{Students: 10, Enrolments: 13, Bookings: 42, Attended: 25, Missed: 10,
		Apologies: 4, Finishers: 13, Completed: 9, Responses: 10, Positive: 6}
	if r.Totals != want {
		t.Errorf("totals\n got %+v\nwant %+v", r.Totals, want)
	}
	if r.FFT != [7]int{0, 3, 3, 1, 1, 1, 1} {
		t.Errorf("FFT by score = %v", r.FFT)
	}
	checkMonths(t, r.Months)
	checkGroups(t, r)
	checkAnswers(t, r)
}

// Months: January from the 12th, February, March to the 23rd.
// New: Jan C D E N F G, Feb H I O, Mar J. Sent: Jan 3 SMS (4 segments) and
// 2 Telegram; Feb 7 SMS (6 + 3 segments) and 1 Telegram (the edit not
// counted); Mar none. At 4p a segment.
func checkMonths(t *testing.T, got []report.Month) {
	t.Helper()
	want := []report.Month{
		{Start: day(1, 1, 0), NewStudents: 6, Messages: 5, SMS: 3, Segments: 4, Telegram: 2, Cost: 0.16},
		{Start: day(2, 1, 0), NewStudents: 3, Messages: 8, SMS: 7, Segments: 9, Telegram: 1, Cost: 0.36},
		{Start: day(3, 1, 0), NewStudents: 1},
	}
	if len(got) != len(want) {
		t.Fatalf("months = %+v", got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if !g.Start.Equal(w.Start) || g.NewStudents != w.NewStudents || g.Messages != w.Messages ||
			g.SMS != w.SMS || g.Segments != w.Segments || g.Telegram != w.Telegram || !near(g.Cost, w.Cost) {
			t.Errorf("month %d\n got %+v\nwant %+v", i, g, w)
		}
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

// tally is a group's counts in Tally's order.
func tally(name string, n ...int) report.Group {
	return report.Group{Name: name, Tally: report.Tally{Students: n[0], Enrolments: n[1], Bookings: n[2],
		Attended: n[3], Missed: n[4], Apologies: n[5], Finishers: n[6], Completed: n[7],
		Responses: n[8], Positive: n[9]}}
}

func checkGroups(t *testing.T, r report.Report) {
	t.Helper()
	anx := []int{6, 6, 18, 11, 5, 2, 6, 4, 6, 4}
	slp := []int{2, 2, 4, 3, 0, 1, 2, 2, 1, 0}
	walk := []int{5, 5, 20, 11, 5, 1, 5, 3, 3, 2}
	for _, c := range []struct {
		name      string
		got, want []report.Group
	}{
		{"topics", r.Topics, []report.Group{
			tally("Mental health", 7, 8, 22, 14, 5, 3, 8, 6, 7, 4), // ANX + SLP, B in both
			tally("Physical health", walk...)}},
		{"courses", r.Courses, []report.Group{tally("ANX Understanding anxiety", anx...),
			tally("SLP Better sleep", slp...), tally("WALK Walking for wellbeing", walk...)}},
		{"partners", r.Partners, []report.Group{tally("Calder NHS Trust", anx...),
			tally("Calderbrook Harriers", walk...), tally("(no partner)", slp...)}},
		// WF1: A (ANX), B (ANX, SLP), F (SLP). WF2: C (ANX, WALK), D (ANX,
		// and a mark at WALK). WF3: H, I (WALK). Not given: E (skipped;
		// ANX, WALK), G (not asked; WALK), N (erased; ANX).
		{"districts", r.Districts, []report.Group{
			tally("WF1", 3, 4, 10, 8, 1, 1, 4, 4, 3, 2),
			tally("WF2", 2, 3, 10, 6, 4, 1, 3, 1, 3, 2),
			tally("WF3", 2, 2, 8, 3, 0, 1, 2, 1, 1, 0),
			tally("(not given)", 3, 4, 14, 8, 5, 1, 4, 3, 3, 2)}},
	} {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s\n got %+v\nwant %+v", c.name, c.got, c.want)
		}
	}
}

// New students' answers. Describes: C D F H O public, E carer, G rather
// not, I skipped, J and N (erased) not asked. Heard: C D F H O "poster" in
// any case and spacing, E "friend", I skipped, G J N not asked.
func checkAnswers(t *testing.T, r report.Report) {
	t.Helper()
	describes := []report.Answer{{"Member of the public", 5}, {"Using mental health services", 0},
		{"Carer or supporter", 1}, {"Working in health or care", 0}, {"Rather not say", 1},
		{"(not asked)", 2}, {"(skipped)", 1}}
	if !slices.Equal(r.Describes, describes) {
		t.Errorf("describes = %v", r.Describes)
	}
	heard := []report.Answer{{"poster", 5}, {"friend", 1}, {"(not asked)", 3}, {"(skipped)", 1}}
	if !slices.Equal(r.Heard, heard) {
		t.Errorf("heard = %v", r.Heard)
	}
	if public, answered := r.PublicShare(); public != 5 || answered != 7 {
		t.Errorf("public share %d of %d, want 5 of 7", public, answered)
	}
}

// What leaves the server hides counts of 1 to 4, and what is worked out
// from them.
func TestPublicTablesHideSmallNumbers(t *testing.T) {
	r := build(t, springTerm(t), "Spring 2026")
	tables := r.Tables(false)
	summary := column(tables[0], 1)
	want := []string{"10", "13", "13", "42", "39", "25", "64%", "10", "<5", "<5", "<5", "<5", "13", "9",
		"69%", "7", "5", "71%", "10", "60%", "*", "13", "10", "13", "0.52"}
	if !slices.Equal(summary, want) {
		t.Errorf("summary\n got %q\nwant %q", summary, want)
	}
	courses := tables[3]
	slp := row(courses.Rows[1])
	if want := []string{"SLP Better sleep", "<5", "<5", "<5", "<5", "0", "<5", "*", "<5", "<5", "*", "<5", "*"}; !slices.Equal(slp, want) {
		t.Errorf("SLP row\n got %q\nwant %q", slp, want)
	}
	if got := column(tables[7], 0); !slices.Equal(got, []string{"poster", "(not asked)", report.OtherAnswers, "(skipped)"}) {
		t.Errorf("heard answers shown = %q (free text under 5 should be folded)", got)
	}
	if got := column(r.Tables(true)[7], 0); !slices.Contains(got, "friend") {
		t.Errorf("exact heard answers = %q, want friend among them", got)
	}
	if got := column(tables[1], 0); !slices.Equal(got, []string{"2026-01", "2026-02", "2026-03"}) {
		t.Errorf("months = %q", got)
	}
}

func row(vs []report.Value) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Public()
	}
	return out
}

func column(t report.Table, i int) []string {
	var out []string
	for _, r := range t.Rows {
		out = append(out, r[i].Public())
	}
	return out
}

// A course whose last session is still to come has not finished: on Fri
// 20 March WALK (last session Mon 23) counts no completions yet.
func TestCoursesFinishOnlyOnceOver(t *testing.T) {
	b := springTerm(t)
	b.now = day(3, 20, 12)
	r := build(t, b, "Spring 2026")
	if r.CoursesFinished != 2 || r.Totals.Finishers != 8 || r.Totals.Completed != 6 {
		t.Errorf("on 20 March: %d courses finished, %d of %d completed; want 2, 6 of 8 (ANX and SLP)",
			r.CoursesFinished, r.Totals.Completed, r.Totals.Finishers)
	}
}
