package conversation

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/sms"
)

// line is one course in MY, with when it next meets for ordering, and
// whether it was worded discreetly (so named by no code).
type line struct {
	text     string
	next     time.Time
	discreet bool
}

// my lists the student's courses, soonest first, from the from-th; as many
// as fit two SMS segments, with MORE for the rest.
func (t *turn) my(from int) error {
	es, err := t.tx.Enrolments(t.st.ID)
	if err != nil {
		return err
	}
	if len(es) == 0 {
		t.say("my.none", nil)
		return nil
	}
	lines, err := t.myLines(es)
	if err != nil {
		return err
	}
	t.clear()
	footer := "my.footer"
	if slices.ContainsFunc(lines, func(l line) bool { return l.discreet }) {
		footer = "discreet.my_footer"
	}
	text, n := t.fit(t.text("my.header", nil), lines[min(from, len(lines)):], t.text(footer, nil), t.text("my.more", nil))
	t.out = append(t.out, college.Reply{Text: text})
	t.d.Choices = nil
	if from+n < len(lines) {
		t.d.Set("more", "my:"+strconv.Itoa(from+n))
	}
	return nil
}

// fit joins header, as many lines as fit in pageSegments with footer (or
// more, when some are left out) and reports how many it took.
func (t *turn) fit(header string, lines []line, footer, more string) (string, int) {
	n := len(lines)
	for ; n > 1; n-- {
		end := footer
		if n < len(lines) {
			end = more
		}
		if sms.Count(joinLines(header, lines[:n], end)).Segments <= pageSegments {
			break
		}
	}
	end := footer
	if n < len(lines) {
		end = more
	}
	return joinLines(header, lines[:n], end), n
}

func joinLines(header string, lines []line, footer string) string {
	parts := []string{header}
	for _, l := range lines {
		parts = append(parts, l.text)
	}
	return strings.Join(append(parts, footer), "\n")
}

func (t *turn) myLines(es []college.Enrolment) ([]line, error) {
	var out []line
	for _, e := range es {
		l, err := t.myLine(e)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	slices.SortStableFunc(out, func(a, b line) int { return a.next.Compare(b.next) })
	return out, nil
}

func (t *turn) myLine(e college.Enrolment) (line, error) {
	c, err := t.tx.CourseByID(e.CourseID)
	if err != nil {
		return line{}, err
	}
	args := t.courseArgs(c)
	next, err := t.nextSession(c)
	if err != nil {
		return line{}, err
	}
	l := line{next: farFuture, discreet: discreetOn(t.in.Channel, c, t.st)}
	if next != nil {
		l.next = next.Start
	}
	key := "my.booked"
	switch {
	case e.Status == college.Waiting:
		key, args["Pos"] = "my.waiting", e.Position
	case e.Status == college.Offered:
		key = "my.offered"
	case next == nil:
		key = "my.booked_done"
	default:
		args["When"] = t.when(next.Start)
	}
	l.text = t.text(t.wording(t.in.Channel, key, c, next, args))
	return l, nil
}

// farFuture sorts courses with no session to come last.
var farFuture = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
