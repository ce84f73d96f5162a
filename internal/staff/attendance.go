package staff

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"collegebot/internal/college"
)

// Registers, as both the staff commands and the command line show and
// mark them. Students are numbered as the register lists them (by first
// name), and marked by those numbers.

// FindRegister returns the register of the session ref names: "MH1/2",
// or a bare "MH1" for the course's session today (the one that started
// last, or today's next; on another day the one that started last).
func FindRegister(tx college.OfficeTx, ref string, loc *time.Location) (college.Register, error) {
	r, err := college.ParseSessionRef(ref)
	if err != nil {
		return college.Register{}, problemf("%v.", err)
	}
	c, ss, err := FindCourse(tx, r.Code)
	if err != nil {
		return college.Register{}, err
	}
	s, ok := r.Pick(ss)
	if r.N == 0 {
		s, ok = college.TodaysSession(ss, tx.Now(), loc)
	}
	if !ok {
		return college.Register{}, problemf("%s has no such session:\n%s", c.Code, strings.Join(sessionLines(c, ss, loc), "\n"))
	}
	return tx.SessionRegister(s.ID)
}

// RegisterToMark returns the register of the session ref names, which
// must be "CODE/N": marks are never put on a session guessed from the date.
func RegisterToMark(tx college.OfficeTx, ref string, loc *time.Location) (college.Register, error) {
	if sr, err := college.ParseSessionRef(ref); err == nil && sr.N == 0 {
		reg, err := FindRegister(tx, ref, loc)
		if err != nil {
			return reg, err
		}
		return reg, problemf("Name the session to mark as CODE/N: today's is %s/%d.", reg.Course.Code, reg.Session.Seq)
	}
	return FindRegister(tx, ref, loc)
}

// markWords are how a register shows what was recorded.
var markWords = map[string]string{"": "booked", college.Attended: "attended",
	college.Absent: "absent", college.Apologies: "apologies"}

// studentName is a student as a register shows them.
func studentName(l college.RegisterLine) string {
	if l.FirstName == "" {
		return "(removed)"
	}
	return l.FirstName
}

// RegisterText shows a register: the session, then a numbered line for
// each student with what is recorded, then how many are marked; once the
// course has ended, how many completed it.
func RegisterText(tx college.OfficeTx, reg college.Register, p college.Profile, loc *time.Location) (string, error) {
	s := reg.Session
	lines := []string{fmt.Sprintf("%s/%d %s", reg.Course.Code, s.Seq, reg.Course.Title), sessionLine(s, loc)}
	if !s.Live() {
		lines[1] += " (cancelled)"
	}
	for i, l := range reg.Students {
		lines = append(lines, fmt.Sprintf("%d %s: %s", i+1, studentName(l), markWords[l.Status]))
	}
	if len(reg.Students) == 0 {
		lines = append(lines, "Nobody is booked.")
	} else {
		lines = append(lines, fmt.Sprintf("%d of %d marked.", reg.Marked(), len(reg.Students)))
	}
	done, err := Completion(tx, reg.Course, p)
	if err != nil || done == "" {
		return strings.Join(lines, "\n"), err
	}
	return strings.Join(append(lines, done), "\n"), nil
}

// Completion says, once a course has ended, how many of the students
// booked on it completed it (attended the profile's share of its live
// sessions); before then it says nothing.
func Completion(tx college.OfficeTx, c college.Course, p college.Profile) (string, error) {
	ss, err := tx.Sessions(c.ID)
	if err != nil || !college.CourseEnded(ss, tx.Now()) {
		return "", err
	}
	as, err := tx.CourseAttendance(c.ID)
	if err != nil {
		return "", err
	}
	live, done := college.LiveSessions(ss), 0
	for _, a := range as {
		if p.Completed(a.Attended, live) {
			done++
		}
	}
	return fmt.Sprintf("Course ended: %d of %d completed (attended at least %d of %d sessions).",
		done, len(as), toComplete(p, live), live), nil
}

// CompletionDetail lists, for each student booked on a course, how many
// of its live sessions they attended, and whether that completes it.
func CompletionDetail(tx college.OfficeTx, c college.Course, p college.Profile) (string, error) {
	ss, err := tx.Sessions(c.ID)
	if err != nil {
		return "", err
	}
	as, err := tx.CourseAttendance(c.ID)
	if err != nil {
		return "", err
	}
	live := college.LiveSessions(ss)
	lines := []string{fmt.Sprintf("%s %s: %d booked, %s (%d to complete)", c.Code, c.Title,
		len(as), countOf(live, "session", "sessions"), toComplete(p, live))}
	for i, a := range as {
		line := fmt.Sprintf("%d %s: attended %d of %d", i+1, studentName(college.RegisterLine{FirstName: a.FirstName}), a.Attended, live)
		if p.Completed(a.Attended, live) {
			line += ", completed"
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n"), nil
}

// toComplete returns the fewest sessions of live that complete a course.
func toComplete(p college.Profile, live int) int {
	for n := 0; n < live; n++ {
		if p.Completed(n, live) {
			return n
		}
	}
	return live
}

// Marks are what to record on a register, by the students' numbers on it.
type Marks struct {
	Attended, Absent, Apologies []int
	// AllAttended marks everyone not named otherwise as attended, except
	// students who sent apologies.
	AllAttended bool
}

// Mark records marks on a register and returns it as it now is. Absent
// never replaces apologies a student sent (college.Tx.SetAttendance);
// attended does. A session is marked attended or absent only once it has
// started.
func Mark(tx college.OfficeTx, reg college.Register, m Marks) (college.Register, error) {
	want, err := m.byStudent(reg)
	if err != nil {
		return reg, err
	}
	ref := fmt.Sprintf("%s/%d", reg.Course.Code, reg.Session.Seq)
	for _, st := range []string{college.Attended, college.Absent} {
		if slices.Contains(want, st) && reg.Session.Start.After(tx.Now()) {
			return reg, problemf("%s has not started yet: only apologies can be recorded.", ref)
		}
	}
	if !reg.Session.Live() {
		return reg, problemf("%s was cancelled.", ref)
	}
	for i, st := range want {
		if st == "" {
			continue
		}
		if err := tx.SetAttendance(reg.Session.ID, reg.Students[i].StudentID, st); err != nil {
			return reg, err
		}
	}
	return tx.SessionRegister(reg.Session.ID)
}

// byStudent returns the mark for each line of a register ("" for none).
// A number not on the register, or given two marks, is a Problem.
func (m Marks) byStudent(reg college.Register) ([]string, error) {
	want := make([]string, len(reg.Students))
	for _, set := range []struct {
		st   string
		nums []int
	}{{college.Attended, m.Attended}, {college.Absent, m.Absent}, {college.Apologies, m.Apologies}} {
		st := set.st
		for _, n := range set.nums {
			switch {
			case n < 1 || n > len(want):
				return nil, problemf("The register has no number %d: it runs from 1 to %d.", n, len(want))
			case want[n-1] != "" && want[n-1] != st:
				return nil, problemf("Number %d is marked both %s and %s.", n, want[n-1], st)
			}
			want[n-1] = st
		}
	}
	for i, l := range reg.Students {
		if m.AllAttended && want[i] == "" && l.Status != college.Apologies {
			want[i] = college.Attended
		}
	}
	if !slices.ContainsFunc(want, func(s string) bool { return s != "" }) {
		return nil, problemf("Say whom to mark, by their numbers on the register.")
	}
	return want, nil
}
