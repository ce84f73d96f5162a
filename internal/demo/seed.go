package demo

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"collegebot/internal/college"
)

// Seeder is a store the demo college can be loaded into: its records, and a
// way to import a prospectus.
type Seeder interface {
	college.Store
	ImportProspectus(ctx context.Context, p college.Prospectus, onChange func(college.Tx, college.SessionChange) error) (college.ImportResult, error)
}

// waitingSeed is how many students Seed puts on FullCourse's waiting list.
const waitingSeed = 3

// firstPhone is the number of the first demo student, in Ofcom's range of
// mobile numbers kept for drama (+447700900000 to +447700900999).
const firstPhone = 447700900100

// Seed loads the demo college into s: the prospectus for the term starting
// after today, then, in one transaction, a dozen registered students on the
// terminal channel (+447700900100 to +447700900111) with bookings. FullCourse
// is booked to capacity with a waiting list behind it; a few other courses
// have some places taken. Students already seeded are left as they are.
func Seed(ctx context.Context, s Seeder, today time.Time, loc *time.Location) error {
	if _, err := s.ImportProspectus(ctx, Prospectus(today, loc), nil); err != nil {
		return fmt.Errorf("demo: importing the prospectus: %w", err)
	}
	if err := s.Update(ctx, seedStudents); err != nil {
		return fmt.Errorf("demo: seeding students: %w", err)
	}
	if err := s.Update(ctx, seedStaff); err != nil {
		return fmt.Errorf("demo: seeding staff: %w", err)
	}
	return nil
}

// seedStudents creates the demo students and their enrolments, unless an
// earlier Seed already did.
func seedStudents(tx college.Tx) error {
	_, err := tx.FindContact(college.Terminal, phone(0))
	if err == nil {
		return nil
	}
	if !errors.Is(err, college.ErrNotFound) {
		return fmt.Errorf("looking for earlier demo students: %w", err)
	}
	ids, err := createStudents(tx)
	if err != nil {
		return err
	}
	if err := fillCourse(tx, ids); err != nil {
		return err
	}
	for _, b := range bookings() {
		if err := enrol(tx, ids[b.student], b.code, college.Booked); err != nil {
			return err
		}
	}
	return nil
}

// createStudents registers the demo students and returns their ids in the
// order of people().
func createStudents(tx college.Tx) ([]int64, error) {
	version := college.DefaultProfile().ConsentVersion
	now := tx.Now()
	var ids []int64
	for i, p := range people() {
		st, _, err := tx.CreateStudent(college.Terminal, phone(i), "en")
		if err != nil {
			return nil, fmt.Errorf("creating student %s: %w", p.FirstName, err)
		}
		st.FirstName, st.Discreet = p.FirstName, p.Discreet
		st.Heard, st.Describes, st.District = p.Heard, p.Describes, p.District
		st.ConsentAt, st.ConsentVersion, st.LastActive = &now, version, now
		if err := tx.SaveStudent(st); err != nil {
			return nil, fmt.Errorf("registering student %s: %w", p.FirstName, err)
		}
		ids = append(ids, st.ID)
	}
	return ids, nil
}

// fillCourse books the first students onto every place of FullCourse and
// puts the next ones on its waiting list.
func fillCourse(tx college.Tx, ids []int64) error {
	c, err := tx.Course(FullCourse)
	if err != nil {
		return fmt.Errorf("finding course %s: %w", FullCourse, err)
	}
	if len(ids) < c.Capacity+waitingSeed {
		return fmt.Errorf("%d demo students cannot fill %s's %d places and wait", len(ids), FullCourse, c.Capacity)
	}
	for i, id := range ids[:c.Capacity+waitingSeed] {
		status := college.Booked
		if i >= c.Capacity {
			status = college.Waiting
		}
		if err := enrol(tx, id, FullCourse, status); err != nil {
			return err
		}
	}
	return nil
}

// enrol books a student onto a course, or onto its waiting list, first
// recording their yes to any age or cohort question the course asks.
func enrol(tx college.Tx, studentID int64, code string, status college.EnrolmentStatus) error {
	c, err := tx.Course(code)
	if err != nil {
		return fmt.Errorf("finding course %s: %w", code, err)
	}
	var questions []string
	if age := college.MinAgeFor(c, college.DefaultProfile().MinAge); age > 0 {
		questions = append(questions, college.AgeQuestion(age))
	}
	if c.Cohort != "" {
		questions = append(questions, college.CohortQuestion(c.Cohort))
	}
	for _, q := range questions {
		if err := tx.SetEligibility(studentID, college.Eligibility{Question: q, Yes: true}); err != nil {
			return fmt.Errorf("recording %s for student %d: %w", q, studentID, err)
		}
	}
	if _, err := tx.Enrol(studentID, c.ID, status); err != nil {
		return fmt.Errorf("enrolling student %d on %s as %s: %w", studentID, code, status, err)
	}
	return nil
}

// phone returns the terminal address of the i-th demo student.
func phone(i int) string {
	return "+" + strconv.Itoa(firstPhone+i)
}
