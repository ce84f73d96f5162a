package staff

import (
	"fmt"
	"strconv"
	"strings"

	"collegebot/internal/college"
)

func registerCommands() map[string]command {
	return map[string]command{
		"register": {role: college.Facilitator,
			usage: "register CODE[/N] | register mark CODE/N attended 1 3 absent 2",
			about: "a session's register (CODE alone: today's), and marking who came",
			run:   (*request).register},
	}
}

// register shows a register, or marks it: by numbers typed, or by a
// Telegram button ("mark SESSION STUDENT a|x").
func (r *request) register() error {
	f := strings.Fields(r.args)
	mark := len(f) > 0 && strings.EqualFold(f[0], "mark")
	switch {
	case mark && len(f) == 4 && isID(f[1]) && isID(f[2]) && (f[3] == "a" || f[3] == "x"):
		return r.markButton(f[1], f[2], f[3] == "a")
	case mark && len(f) >= 3:
		return r.markNumbers(f[1], f[2:])
	case !mark && len(f) == 1:
		return r.showRegister(f[0])
	}
	c := r.cmd("register")
	return problemf("Send %s CODE for today's register of a course, or %s CODE/N for its session N; "+
		"to mark it, %s mark CODE/N attended 1 3 absent 2.", c, c, c)
}

// isID reports whether s is a record's id, as a button carries it.
func isID(s string) bool {
	_, err := strconv.ParseInt(s, 10, 64)
	return err == nil
}

// mayMark refuses a facilitator a course they do not facilitate; staff
// and admins see every register.
func (r *request) mayMark(c college.Course) error {
	if r.member.Role == college.Facilitator && !r.member.Facilitates(c) {
		r.log.Warn("register refused: not the facilitator's course", "staff", r.member.ID, "course", c.Code)
		return problemf("Sorry, %s is not one of your courses: you can see the registers of the courses you facilitate.", c.Code)
	}
	return nil
}

// showRegister answers with a register. On Telegram, once the session
// has started, each student has two buttons: here, and absent.
func (r *request) showRegister(ref string) error {
	reg, err := FindRegister(r.tx, ref, r.loc)
	if err == nil {
		err = r.mayMark(reg.Course)
	}
	if err != nil {
		return err
	}
	text, err := RegisterText(r.tx, reg, r.profile, r.loc)
	if err != nil {
		return err
	}
	open := reg.Session.Live() && !reg.Session.Start.After(r.now) && len(reg.Students) > 0
	switch {
	case open && r.in.Channel == college.Telegram:
		r.offer(text, markButtons(reg)...)
	case open:
		r.say("%s\nTo mark it, send %s mark %s/%d attended 1 3 absent 2.", text, r.cmd("register"), reg.Course.Code, reg.Session.Seq)
	default:
		r.say("%s", text)
	}
	return nil
}

// markButtons are a register's buttons: for each student, here and
// absent. Their commands carry ids, well inside Telegram's 64 bytes.
func markButtons(reg college.Register) []college.Choice {
	var cs []college.Choice
	for i, l := range reg.Students {
		for _, b := range []struct{ label, mark string }{{"here", "a"}, {"absent", "x"}} {
			cs = append(cs, college.Choice{Label: fmt.Sprintf("%d %s: %s", i+1, studentName(l), b.label),
				Command: fmt.Sprintf("register mark %d %d %s", reg.Session.ID, l.StudentID, b.mark)})
		}
	}
	return cs
}

// markButton records one student's mark from a button press, and says
// how the register stands.
func (r *request) markButton(session, student string, here bool) error {
	sid, _ := strconv.ParseInt(session, 10, 64)
	stid, _ := strconv.ParseInt(student, 10, 64)
	reg, err := r.tx.SessionRegister(sid)
	if err == nil {
		err = r.mayMark(reg.Course)
	}
	if err != nil {
		return err
	}
	_, n, ok := reg.Line(stid)
	if !ok {
		return problemf("That student is no longer on the %s/%d register.", reg.Course.Code, reg.Session.Seq)
	}
	m := Marks{Absent: []int{n}}
	if here {
		m = Marks{Attended: []int{n}}
	}
	if reg, err = Mark(r.tx, reg, m); err != nil {
		return err
	}
	l, n, _ := reg.Line(stid)
	r.say("%s/%d: %d %s %s. %d of %d marked.", reg.Course.Code, reg.Session.Seq, n, studentName(l),
		markWords[l.Status], reg.Marked(), len(reg.Students))
	return nil
}

// markNumbers records marks typed by the students' numbers on the
// register: "attended 1 3 4 absent 2".
func (r *request) markNumbers(ref string, words []string) error {
	reg, err := RegisterToMark(r.tx, ref, r.loc)
	if err == nil {
		err = r.mayMark(reg.Course)
	}
	if err != nil {
		return err
	}
	m, err := ParseMarks(words)
	if err != nil {
		return err
	}
	if reg, err = Mark(r.tx, reg, m); err != nil {
		return err
	}
	r.say("%s/%d: %s. %d of %d marked.", reg.Course.Code, reg.Session.Seq, Tally(reg), reg.Marked(), len(reg.Students))
	return nil
}

// Tally counts a register's marks: "5 attended, 1 absent, 1 apologies".
func Tally(reg college.Register) string {
	var parts []string
	for _, st := range []string{college.Attended, college.Absent, college.Apologies} {
		n := 0
		for _, l := range reg.Students {
			if l.Status == st {
				n++
			}
		}
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, st))
		}
	}
	if len(parts) == 0 {
		return "nothing marked"
	}
	return strings.Join(parts, ", ")
}

// ParseMarks reads marks as typed: a word (attended or here, absent,
// apologies) and the numbers it applies to, separated by spaces or commas;
// "attended all" marks everyone else attended.
func ParseMarks(words []string) (Marks, error) {
	var m Marks
	var cur *[]int
	for _, w := range words {
		switch lw := strings.ToLower(w); {
		case lw == "attended" || lw == "here" || lw == "present":
			cur = &m.Attended
		case lw == "absent" || lw == "away":
			cur = &m.Absent
		case lw == "apologies":
			cur = &m.Apologies
		case lw == "all" && cur == &m.Attended:
			m.AllAttended = true
		case cur == nil:
			return m, problemf("Start with attended, absent or apologies, then the numbers: attended 1 3 absent 2.")
		default:
			for _, part := range strings.FieldsFunc(w, func(r rune) bool { return r == ',' }) {
				n, err := strconv.Atoi(part)
				if err != nil {
					return m, problemf("%q is not a number on the register.", part)
				}
				*cur = append(*cur, n)
			}
		}
	}
	return m, nil
}
