package conversation

import (
	"errors"

	"collegebot/internal/college"
)

// drop asks the student to confirm leaving a course or its waiting list.
func (t *turn) drop(cmd Command) error {
	code := t.resolveCode(cmd)
	if code == "" {
		return t.dropWhich()
	}
	return t.dropCode(code)
}

func (t *turn) dropCode(code string) error {
	c, ok, err := t.course(code)
	if !ok || err != nil {
		return err
	}
	e, err := t.tx.Enrolment(t.st.ID, c.ID)
	if errors.Is(err, college.ErrNotFound) || (err == nil && !e.Status.Active()) {
		t.say(t.worded("drop.none", c, nil, t.courseArgs(c)))
		return nil
	} else if err != nil {
		return err
	}
	key := "drop.confirm"
	if e.Status == college.Waiting {
		key = "drop.confirm_waiting"
	}
	key, args := t.worded(key, c, nil, t.courseArgs(c))
	t.ask(askDrop, key, args)
	t.d.Set("course", c.Code)
	return nil
}

// dropWhich handles DROP without a code: fine when there is one course to
// leave, otherwise the student picks from their courses.
func (t *turn) dropWhich() error {
	es, err := t.tx.Enrolments(t.st.ID)
	if err != nil || len(es) == 0 {
		t.say("my.none", nil)
		return err
	}
	var cs []college.Choice
	for _, e := range es {
		c, err := t.tx.CourseByID(e.CourseID)
		if err != nil {
			return err
		}
		if len(es) == 1 {
			return t.dropCode(c.Code)
		}
		cs = append(cs, college.Choice{Label: t.label(c), Command: "DROP " + c.Code})
	}
	t.say("drop.which", nil, cs...)
	return nil
}

func (t *turn) confirmDrop(yes bool) error {
	c, err := t.tx.Course(t.d.Get("course"))
	if err != nil {
		return err
	}
	t.clear()
	if !yes {
		t.say(t.worded("drop.kept", c, nil, t.courseArgs(c)))
		return nil
	}
	e, err := t.tx.Enrolment(t.st.ID, c.ID)
	if err != nil {
		return err
	}
	t.say(t.worded("drop.done", c, nil, t.courseArgs(c)))
	return t.release(e)
}
