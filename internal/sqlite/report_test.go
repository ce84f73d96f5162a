package sqlite_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"collegebot/internal/college"
)

// reportView runs fn on the report facts of a read transaction.
func reportView(t *testing.T, db *TestDB, fn func(college.ReportTx) error) {
	t.Helper()
	err := db.OfficeView(context.Background(), func(tx college.OfficeTx) error { return fn(tx) })
	if err != nil {
		t.Fatal(err)
	}
}

// The fixture with a summer course, SUM, and ANX1's third session cancelled
// by a second import. Spring 2026 is then ANX1 (Tue 3 and 10 Mar, 10:00 to
// 12:00) and SLP (Wed 4 and 11 Mar, 18:00 to 20:00).
func reportFixture(t *testing.T) *TestDB {
	db := MustOpenDB(t)
	p := fixture()
	p.Courses = append(p.Courses, college.CourseSpec{Course: college.Course{Code: "SUM", Title: "Summer walks",
		Topic: "Physical health", Mode: college.InPerson, Capacity: 5, Term: "Summer 2026"},
		Sessions: []college.SessionSpec{meeting(60, 10, park())}})
	db.MustImport(t, p, nil)
	p.Courses[0].Sessions = p.Courses[0].Sessions[:2]
	db.MustImport(t, p, nil)
	return db
}

func TestReportTermsAndCourses(t *testing.T) {
	db := reportFixture(t)
	reportView(t, db, func(tx college.ReportTx) error {
		terms, err := tx.ReportTerms()
		want := []college.TermSpan{{Name: "Spring 2026", First: at(1, 10, 0), Last: at(9, 20, 0)},
			{Name: "Summer 2026", First: at(60, 10, 0), Last: at(60, 12, 0)}}
		if err != nil || !slices.Equal(terms, want) {
			t.Errorf("terms = %+v, %v", terms, err)
		}
		// Mon 9 to Mon 16 March: one live session of each of ANX1, SLP and
		// WALK; OLD was over, SUM is to come.
		cs, err := tx.ReportCourses(at(7, 0, 0), at(14, 0, 0))
		wantCourses := []college.ReportCourse{
			{Code: "ANX1", Title: "Understanding anxiety", Topic: "Mental health", Partner: "Calder NHS Trust",
				Sessions: 1, Total: 2, LastEnd: at(8, 12, 0)},
			{Code: "SLP", Title: "Better sleep", Topic: "Mental health", Sessions: 1, Total: 2, LastEnd: at(9, 20, 0)},
			{Code: "WALK", Title: "Walking for wellbeing", Topic: "Physical health", Partner: "Calderbrook Harriers",
				Sessions: 1, Total: 2, LastEnd: at(8, 16, 0)},
		}
		for i := range cs {
			cs[i].ID = 0
		}
		if err != nil || !slices.Equal(cs, wantCourses) {
			t.Errorf("courses\n got %+v\nwant %+v (%v)", cs, wantCourses, err)
		}
		return nil
	})
}

func TestReportStudentsAndOffers(t *testing.T) {
	db := reportFixture(t)
	slp := db.MustCourse(t, "SLP")
	ids, enrolments := map[string]int64{}, map[string]int64{}
	for i, name := range []string{"ann", "bob", "cat", "dan"} {
		s := db.MustStudent(t, fmt.Sprintf("+44770090090%d", i))
		ids[name] = s.ID
		if name == "bob" {
			continue // never registered
		}
		db.MustUpdate(t, func(tx college.Tx) error {
			now := tx.Now()
			s.FirstName, s.ConsentAt, s.District = name, &now, college.Answer{Asked: true, Value: "WF1"}
			return tx.SaveStudent(s)
		})
	}
	// ann takes an offer, cat declines one; dan's was a month ago.
	for _, o := range []struct {
		name  string
		ago   time.Duration
		taken bool
	}{{"ann", 0, true}, {"cat", 0, false}, {"dan", 30 * 24 * time.Hour, true}} {
		db.SetNow(start().Add(-o.ago))
		db.MustUpdate(t, func(tx college.Tx) error {
			e, err := tx.Enrol(ids[o.name], slp.ID, college.Waiting)
			if err != nil {
				return err
			}
			err = tx.Enqueue(college.Outgoing{Key: fmt.Sprintf("offer:%d:%d", e.ID, tx.Now().Unix()),
				Channel: college.SMS, Address: "+447700900999", Kind: college.KindService,
				Reply: college.Reply{Text: "A place"}, NotBefore: tx.Now()})
			if err != nil {
				return err
			}
			e.Status = college.Dropped
			if o.taken {
				e.Status = college.Booked
			}
			enrolments[o.name] = e.ID
			return tx.SetEnrolment(e)
		})
	}
	db.SetNow(start())
	db.MustUpdate(t, func(tx college.Tx) error { return tx.EraseStudent(ids["cat"]) })

	reportView(t, db, func(tx college.ReportTx) error {
		ss, err := tx.ReportStudents(at(-1, 0, 0), at(1, 0, 0))
		var got []string
		for _, s := range ss {
			got = append(got, fmt.Sprintf("%d new=%v district=%+v", s.ID, s.New, s.District))
		}
		// bob never registered; cat's district went with her erasure.
		want := []string{
			fmt.Sprintf("%d new=true district={Asked:true Value:WF1}", ids["ann"]),
			fmt.Sprintf("%d new=true district={Asked:false Value:}", ids["cat"]),
			fmt.Sprintf("%d new=true district={Asked:true Value:WF1}", ids["dan"]),
		}
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("students\n got %q\nwant %q (%v)", got, want, err)
		}
		offers, err := tx.ReportOffers(at(-1, 0, 0), at(1, 0, 0))
		wantOffers := []college.ReportOffer{{EnrolmentID: enrolments["ann"], CourseID: slp.ID, Taken: true},
			{EnrolmentID: enrolments["cat"], CourseID: slp.ID, Taken: false}}
		if err != nil || !slices.Equal(offers, wantOffers) {
			t.Errorf("offers = %+v, want %+v (%v)", offers, wantOffers, err)
		}
		return nil
	})
}
