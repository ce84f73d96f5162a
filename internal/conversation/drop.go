package conversation

import (
	"errors"
	"strings"

	"collegebot/internal/college"
)

// drop asks the student to confirm leaving a course or its waiting list.
func (t *turn) drop(arg string) error {
	code := t.resolveCode(arg)
	if code == "" {
		return t.dropOnly()
	}
	c, ok, err := t.course(code)
	if !ok || err != nil {
		return err
	}
	e, err := t.tx.Enrolment(t.st.ID, c.ID)
	if errors.Is(err, college.ErrNotFound) || (err == nil && !e.Status.Active()) {
		t.say("drop.none", courseArgs(c))
		return nil
	} else if err != nil {
		return err
	}
	key := "drop.confirm"
	if e.Status == college.Waiting {
		key = "drop.confirm_waiting"
	}
	t.ask(askDrop, key, courseArgs(c))
	t.d.Set("course", c.Code)
	return nil
}

// dropOnly handles DROP without a code: fine when there is one course to
// leave, otherwise the student is asked which.
func (t *turn) dropOnly() error {
	es, err := t.tx.Enrolments(t.st.ID)
	if err != nil {
		return err
	}
	if len(es) != 1 {
		t.say("unknown.no_code", map[string]any{"Verb": "DROP", "Example": t.exampleCode()})
		return nil
	}
	c, err := t.tx.CourseByID(es[0].CourseID)
	if err != nil {
		return err
	}
	return t.drop(c.Code)
}

func (t *turn) confirmDrop(yes bool) error {
	c, err := t.tx.Course(t.d.Get("course"))
	if err != nil {
		return err
	}
	t.clear()
	if !yes {
		t.say("drop.kept", courseArgs(c))
		return nil
	}
	e, err := t.tx.Enrolment(t.st.ID, c.ID)
	if err != nil {
		return err
	}
	held := e.Status.HoldsPlace()
	e.Status, e.OfferExpires = college.Dropped, nil
	if err := t.tx.SetEnrolment(e); err != nil {
		return err
	}
	t.say("drop.done", courseArgs(c))
	if held {
		return t.offerFreed(c.ID)
	}
	return nil
}

// my lists the student's courses with their next session.
func (t *turn) my() error {
	es, err := t.tx.Enrolments(t.st.ID)
	if err != nil {
		return err
	}
	if len(es) == 0 {
		t.say("my.none", nil)
		return nil
	}
	lines := []string{t.text("my.header", nil)}
	for _, e := range es {
		line, err := t.myLine(e)
		if err != nil {
			return err
		}
		lines = append(lines, line)
	}
	lines = append(lines, t.text("my.footer", nil))
	t.out = append(t.out, college.Reply{Text: strings.Join(lines, "\n")})
	t.d.Choices = nil
	return nil
}

func (t *turn) myLine(e college.Enrolment) (string, error) {
	c, err := t.tx.CourseByID(e.CourseID)
	if err != nil {
		return "", err
	}
	args := courseArgs(c)
	switch e.Status {
	case college.Waiting:
		return t.text("my.waiting", withArgs(args, "Pos", e.Position)), nil
	case college.Offered:
		return t.text("my.offered", args), nil
	}
	next, err := t.nextSession(c)
	if err != nil || next == nil {
		return t.text("my.booked_done", args), err
	}
	return t.text("my.booked", withArgs(args, "When", t.when(next.Start))), nil
}
