package conversation

import (
	"errors"

	"collegebot/internal/college"
)

// details describes a course: when, where, places left and who it is for.
func (t *turn) details(c college.Course) error {
	ss, err := t.tx.Sessions(c.ID)
	if err != nil {
		return err
	}
	var live []college.Session
	for _, s := range ss {
		if s.Live() && s.Start.After(t.now) {
			live = append(live, s)
		}
	}
	t.subject = c // asked for: named in full, and what INFO alone shows next
	if len(live) == 0 {
		t.say("course.none_left", t.courseArgs(c))
		return nil
	}
	places, act, err := t.standing(c)
	if err != nil {
		return err
	}
	args := t.courseArgs(c)
	args["Summary"], args["Dates"] = c.Summary, t.dates(live)
	args["Where"], args["Places"], args["Who"] = t.venue(live[0]), places, t.who(c)
	t.clear()
	t.d.Set("viewing", c.Code)
	t.say("course.details", args, act)
	return nil
}

// standing says where the course stands for this student, and what they
// can do about it: book, join the waiting list, or leave.
func (t *turn) standing(c college.Course) (string, college.Choice, error) {
	e, err := t.tx.Enrolment(t.st.ID, c.ID)
	if err == nil && (e.Status == college.Booked || e.Status == college.Waiting) {
		key := "course.booked"
		if e.Status == college.Waiting {
			key = "course.waiting"
		}
		return t.text(key, nil), college.Choice{Label: t.text("course.leave", nil), Command: "DROP " + c.Code}, nil
	} else if err != nil && !errors.Is(err, college.ErrNotFound) {
		return "", college.Choice{}, err
	}
	left, err := t.tx.PlacesLeft(c.ID)
	if left <= 0 && e.Status != college.Offered {
		return t.places(left), college.Choice{Label: t.text("course.wait", nil), Command: "WAIT " + c.Code}, err
	}
	return t.places(left), college.Choice{Label: t.text("course.book", nil), Command: "JOIN " + c.Code}, err
}

func (t *turn) dates(live []college.Session) string {
	first := t.when(live[0].Start)
	if len(live) == 1 {
		return t.text("course.dates_one", map[string]any{"First": first})
	}
	last := t.dayMonth(live[len(live)-1].Start)
	return t.text("course.sessions", map[string]any{"Count": len(live), "First": first, "Last": last})
}

// venue names where a course meets, for its details.
func (t *turn) venue(s college.Session) string {
	if s.Venue == nil {
		return t.text("course.online", nil)
	}
	return t.where(s)
}

func (t *turn) places(left int) string {
	if left <= 0 {
		return t.text("course.full", nil)
	}
	return t.text("course.places_left", map[string]any{"Count": left})
}

func (t *turn) who(c college.Course) string {
	switch {
	case c.Cohort != "":
		return t.text("course.cohort", map[string]any{"Cohort": c.Cohort})
	case c.MinAge > t.profile.MinAge:
		return t.text("course.adults", map[string]any{"Age": c.MinAge})
	case t.profile.MinAge > 0:
		return t.text("course.anyone", map[string]any{"Age": t.profile.MinAge})
	}
	return t.text("course.anyone_all", nil)
}
