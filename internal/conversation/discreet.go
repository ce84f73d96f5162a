package conversation

import (
	"errors"

	"collegebot/internal/college"
	"collegebot/messages"
)

// Discreet texts. A course marked sensitive, and every course of a student
// who sent PRIVATE, is never named on SMS or the terminal, whose texts show
// on lock screens, shared phones and bills: no title, no code (a curious
// reader could look one up), no topic, no facilitator. The text names the
// course by when and where it meets ("your session is tomorrow, Tue 12 Jan
// 10:00, at Calder Library, WF1 2DD"), and INFO on its own, sent back,
// shows the course (infoAlone): a reply to the student's own request is
// information they asked for. Telegram keeps the code alone (courseName)
// and sends such messages with protect_content (protects).

// discreetKeys maps every text that names a course to its discreet
// wording. A text missing here would name the course: a test checks every
// catalog text that names one is here or in revealing.
var discreetKeys = map[string]string{
	"join.booked": "discreet.booked", "join.already": "discreet.already",
	"join.already_waiting": "discreet.already_waiting", "join.full": "discreet.full",
	"join.waiting": "discreet.waiting", "join.not_waiting": "discreet.not_waiting",
	"course.none_left": "discreet.none_left",
	"offer.made":       "discreet.offer", "offer.declined": "discreet.offer_declined",
	"offer.expired": "discreet.offer_expired", "offer.lapsed": "discreet.offer_lapsed",
	"my.booked": "discreet.my_booked", "my.booked_done": "discreet.my_done",
	"my.waiting": "discreet.my_waiting", "my.offered": "discreet.my_offered",
	"drop.confirm": "discreet.drop_confirm", "drop.confirm_waiting": "discreet.drop_confirm_waiting",
	"drop.done": "discreet.drop_done", "drop.kept": "discreet.drop_kept", "drop.none": "discreet.drop_none",
	"reminder.day": "discreet.day", "reminder.day_online": "discreet.day_online",
	"reminder.soon": "discreet.soon", "reminder.soon_online": "discreet.soon_online",
	"missed.you": "discreet.missed", "fft.ask": "discreet.fft",
	"session.moved": "discreet.moved", "session.cancelled": "discreet.cancelled",
	"course_cancelled.booked": "discreet.course_booked", "course_cancelled.waiting": "discreet.course_waiting",
}

// revealing lists the texts that name a course on purpose, because the
// student asked what it is.
var revealing = map[string]string{
	"course.details": "INFO: the details of a course the student asked for",
	"courses.item":   "a topic's list of courses, which the student asked to browse",
	"unknown.course": "echoes a code the student typed that names no course",
}

// discreetOn reports whether a text about course c to student st on
// channel ch must name no course.
func discreetOn(ch college.Channel, c college.Course, st college.Student) bool {
	return billed(ch) && (c.Sensitive || st.Discreet)
}

// wording returns the key and arguments of a text about course c to the
// turn's student on channel ch: as given, or its discreet wording, with the
// course's name taken out and when and where it meets put in (session s,
// or the course's next or last when s is nil).
func (t *turn) wording(ch college.Channel, key string, c college.Course, s *college.Session, args messages.Args) (string, messages.Args) {
	dk, ok := discreetKeys[key]
	if !ok || !discreetOn(ch, c, t.st) {
		return key, args
	}
	delete(args, "Code")
	delete(args, "Title")
	delete(args, "Course")
	if s == nil {
		s = t.refSession(c)
	}
	t.placeArgs(s, args)
	return dk, args
}

// worded is wording for a reply to this turn's student, which is then
// about c.
func (t *turn) worded(key string, c college.Course, s *college.Session, args messages.Args) (string, messages.Args) {
	return t.wordedFor(t.in.Channel, key, c, s, args)
}

// wordedFor is wording for a message that is about c: what INFO on its
// own will show, and what decides whether Telegram protects it.
func (t *turn) wordedFor(ch college.Channel, key string, c college.Course, s *college.Session, args messages.Args) (string, messages.Args) {
	t.subject = c
	return t.wording(ch, key, c, s, args)
}

// placeArgs says when and where session s meets, where args do not say it
// already; an in-person place is its name and postcode as stored, never
// more (a street address adds nothing a student needs on a lock screen).
func (t *turn) placeArgs(s *college.Session, args messages.Args) {
	if s == nil {
		s = &college.Session{}
	}
	if _, ok := args["When"]; !ok {
		args["When"] = t.when(s.Start)
	}
	if _, ok := args["Date"]; !ok {
		args["Date"] = t.day(s.Start)
	}
	switch _, ok := args["Where"]; {
	case s.Venue != nil:
		args["Where"] = t.where(*s)
	case !ok:
		args["Where"] = t.text("course.online", nil)
	}
}

// refSession is the session a discreet text names a course by: its next
// live one, else its last; nil when it has none.
func (t *turn) refSession(c college.Course) *college.Session {
	ss, err := t.tx.Sessions(c.ID)
	if err != nil || len(ss) == 0 {
		return nil
	}
	if s, ok := college.NextSession(ss, t.now); ok {
		return &s
	}
	return &ss[len(ss)-1]
}

// label names a course in a list of choices to this turn's student: its
// name, or the day and place it next meets, kept short ("Course on Thu 28
// Jan, St Anne's Church Hall") so a list of five fits two segments.
func (t *turn) label(c college.Course) string {
	if !discreetOn(t.in.Channel, c, t.st) {
		return courseName(c, t.st)
	}
	args := messages.Args{}
	s := t.refSession(c)
	if s != nil {
		args["When"] = t.day(s.Start)
	}
	t.placeArgs(s, args)
	if s != nil && s.Venue != nil {
		args["Where"] = s.Venue.Name
	}
	return t.text("discreet.label", args)
}

// protects reports whether a message to st on ch goes with Telegram's
// protect_content: for a student who sent PRIVATE, and about a sensitive
// course.
func (t *turn) protects(ch college.Channel, st college.Student) bool {
	return ch == college.Telegram && (st.Discreet || t.subject.Sensitive)
}

// infoAlone answers INFO with no code. It shows the course the last
// message we sent was about (a reminder that named no course, say), else
// the student's one course, else asks which of theirs; a student with none
// is asked for a code.
func (t *turn) infoAlone() error {
	id, err := t.tx.LastAbout(t.st.ID)
	if err != nil {
		return err
	}
	if id != 0 {
		c, err := t.tx.CourseByID(id)
		if err == nil {
			return t.details(c)
		} else if !errors.Is(err, college.ErrNotFound) {
			return err
		}
	}
	return t.infoWhich()
}

// infoWhich offers the student's courses to ask about, named in full:
// they asked.
func (t *turn) infoWhich() error {
	es, err := t.tx.Enrolments(t.st.ID)
	if err != nil {
		return err
	}
	var cs []college.Choice
	var only college.Course
	for _, e := range es {
		if !e.Status.Active() {
			continue
		}
		if only, err = t.tx.CourseByID(e.CourseID); err != nil {
			return err
		}
		cs = append(cs, college.Choice{Label: only.Code + " " + only.Title, Command: "INFO " + only.Code})
	}
	switch len(cs) {
	case 0:
		t.say("unknown.no_code", map[string]any{"Verb": "INFO", "Example": t.exampleCode()})
		return nil
	case 1:
		return t.details(only)
	}
	t.say("discreet.info_which", nil, cs...)
	return nil
}

// firstOf returns the first of sessions, or nil.
func firstOf(ss []college.Session) *college.Session {
	if len(ss) == 0 {
		return nil
	}
	return &ss[0]
}
