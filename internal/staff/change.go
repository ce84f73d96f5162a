package staff

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"collegebot/internal/college"
)

// Session changes, as both the staff commands and the command line make
// them: each in the caller's transaction, with the students told in it.
// Mistakes are a *Problem.

// Change is a session moved or cancelled, and how many students were told.
type Change struct {
	Course   college.Course
	Old, New college.Session
	Told     int
}

// Describe says what a change did, for the member of staff who made it.
func (c Change) Describe(loc *time.Location) string {
	ref := college.SessionRef{Code: c.Course.Code, N: c.New.Seq}
	if c.New.Status == college.Cancelled {
		return fmt.Sprintf("Cancelled %s, %s. %s", ref, sessionLine(c.Old, loc), toldLine(c.Told))
	}
	return fmt.Sprintf("Moved %s from %s to %s. %s", ref, sessionLine(c.Old, loc), sessionLine(c.New, loc), toldLine(c.Told))
}

// countOf counts a noun: "1 session", "2 sessions".
func countOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// toldLine says how many students were sent a message.
func toldLine(n int) string {
	switch n {
	case 0:
		return "Nobody booked needed telling."
	case 1:
		return "1 student was told."
	}
	return fmt.Sprintf("%d students were told.", n)
}

// sessionLine shows a session on one line: "Tue 3 Mar 10:00-12:00, Calder
// Library".
func sessionLine(s college.Session, loc *time.Location) string {
	where := "online"
	if s.Venue != nil {
		where = s.Venue.Name
	}
	return fmt.Sprintf("%s-%s, %s", s.Start.In(loc).Format("Mon 2 Jan 15:04"), s.End.In(loc).Format("15:04"), where)
}

// FindCourse returns a course by its code, in any case, with its sessions
// in order.
func FindCourse(tx college.Tx, code string) (college.Course, []college.Session, error) {
	c, err := tx.Course(code)
	if errors.Is(err, college.ErrNotFound) {
		return c, nil, problemf("There is no course %s.", strings.ToUpper(code))
	} else if err != nil {
		return c, nil, err
	}
	ss, err := tx.Sessions(c.ID)
	return c, ss, err
}

// FindSession returns the course and session "CODE/N" names. A bare code,
// or a number the course does not have, is a Problem that lists the
// course's sessions.
func FindSession(tx college.Tx, ref string, loc *time.Location) (college.Course, college.Session, error) {
	r, err := college.ParseSessionRef(ref)
	if err != nil {
		return college.Course{}, college.Session{}, problemf("%v.", err)
	}
	c, ss, err := FindCourse(tx, r.Code)
	if err != nil {
		return c, college.Session{}, err
	}
	if s, ok := r.Pick(ss); ok {
		return c, s, nil
	}
	what := fmt.Sprintf("%s has no session %d", c.Code, r.N)
	if r.N == 0 {
		what = "Which session? Name it as " + c.Code + "/N"
	}
	return c, college.Session{}, problemf("%s:\n%s", what, strings.Join(sessionLines(c, ss, loc), "\n"))
}

// sessionLines lists a course's sessions by number, with their status
// when they are not as first planned.
func sessionLines(c college.Course, ss []college.Session, loc *time.Location) []string {
	var out []string
	for _, s := range ss {
		line := fmt.Sprintf("%s/%d %s", c.Code, s.Seq, sessionLine(s, loc))
		if s.Status != college.Scheduled {
			line += " (" + string(s.Status) + ")"
		}
		out = append(out, line)
	}
	if len(out) == 0 {
		out = append(out, c.Code+" has no sessions.")
	}
	return out
}

// SessionList shows a course with its places and its sessions, numbered
// as staff name them.
func SessionList(tx college.OfficeTx, code string, loc *time.Location) (string, error) {
	c, ss, err := FindCourse(tx, code)
	if err != nil {
		return "", err
	}
	head := c.Code + " " + c.Title
	if off, err := tx.CourseCancelled(c.ID); err != nil {
		return "", err
	} else if off {
		head += " (CANCELLED)"
	}
	var counts []string
	for _, st := range []college.EnrolmentStatus{college.Booked, college.Offered, college.Waiting} {
		es, err := tx.CourseEnrolments(c.ID, st)
		if err != nil {
			return "", err
		}
		counts = append(counts, fmt.Sprintf("%d %s", len(es), st))
	}
	head += fmt.Sprintf(": %s of %d places", strings.Join(counts, ", "), c.Capacity)
	return head + "\n" + strings.Join(sessionLines(c, ss, loc), "\n"), nil
}

// CancelSession cancels the session ref names ("MH1/2") and tells the
// students booked on its course.
func CancelSession(tx college.OfficeTx, n college.ChangeNotifier, ref string, loc *time.Location) (Change, error) {
	c, s, err := FindSession(tx, ref, loc)
	if err != nil {
		return Change{}, err
	}
	switch {
	case !s.Live():
		return Change{}, problemf("%s/%d is cancelled already.", c.Code, s.Seq)
	case !s.End.After(tx.Now()):
		return Change{}, problemf("%s/%d has already taken place.", c.Code, s.Seq)
	}
	now, err := tx.CancelSession(s.ID)
	if err != nil {
		return Change{}, err
	}
	return tellChange(tx, n, Change{Course: c, Old: s, New: now})
}

// tellChange tells the students booked of a change, and counts them.
func tellChange(tx college.OfficeTx, n college.ChangeNotifier, ch Change) (Change, error) {
	if n == nil {
		return ch, errors.New("staff: no one to tell students of changes (staff.Notifier)")
	}
	var err error
	ch.Told, err = n.TellSessionChanged(tx, college.SessionChange{Course: ch.Course, Old: ch.Old, New: ch.New})
	return ch, err
}

// CancelCourse cancels a whole course: its sessions still to come, and
// every place booked, offered or waited for on it, telling everyone who
// had one. It returns what it did and how many were told.
func CancelCourse(tx college.OfficeTx, n college.ChangeNotifier, code string) (college.CourseCancellation, int, error) {
	if n == nil {
		return college.CourseCancellation{}, 0, errors.New("staff: no one to tell students of changes (staff.Notifier)")
	}
	c, ss, err := FindCourse(tx, code)
	if err != nil {
		return college.CourseCancellation{}, 0, err
	}
	if _, ok := college.NextSession(ss, tx.Now()); !ok {
		return college.CourseCancellation{}, 0, problemf("%s has no sessions to come: there is nothing to cancel.", c.Code)
	}
	cc, err := tx.CancelCourse(c.ID)
	if errors.Is(err, college.ErrConflict) {
		return cc, 0, problemf("%s is cancelled already.", c.Code)
	} else if err != nil {
		return cc, 0, err
	}
	told, err := n.TellCourseCancelled(tx, cc)
	return cc, told, err
}

// DescribeCancellation says what cancelling a course did.
func DescribeCancellation(cc college.CourseCancellation, told int) string {
	return fmt.Sprintf("Cancelled %s %s: %s to come, %s dropped. %s", cc.Course.Code, cc.Course.Title,
		countOf(len(cc.Sessions), "session", "sessions"), countOf(len(cc.Dropped), "place", "places"), toldLine(told))
}

// CoursePreview says what cancelling a course would do, before it is done.
func CoursePreview(tx college.OfficeTx, code string, loc *time.Location) (string, error) {
	c, ss, err := FindCourse(tx, code)
	if err != nil {
		return "", err
	}
	ahead := 0
	for _, s := range ss {
		if s.Live() && s.Start.After(tx.Now()) {
			ahead++
		}
	}
	if ahead == 0 {
		return "", problemf("%s has no sessions to come: there is nothing to cancel.", c.Code)
	}
	var who []string
	for _, st := range []college.EnrolmentStatus{college.Booked, college.Offered, college.Waiting} {
		es, err := tx.CourseEnrolments(c.ID, st)
		if err != nil {
			return "", err
		}
		who = append(who, fmt.Sprintf("%d %s", len(es), st))
	}
	return fmt.Sprintf("Cancelling %s %s cancels its %s to come and tells everyone on it (%s); their places are dropped.",
		c.Code, c.Title, countOf(ahead, "session", "sessions"), strings.Join(who, ", ")), nil
}
