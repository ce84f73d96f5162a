package staff

import (
	"regexp"
	"strings"

	"collegebot/internal/college"
)

// Notifier gives the desk what tells students of the session changes staff
// make (the conversation engine). Without one, session changes refuse to
// run.
func Notifier(n college.ChangeNotifier) Option {
	return func(d *Desk) { d.changes = n }
}

func sessionCommands() map[string]command {
	return map[string]command{
		"session": {role: college.StaffRole,
			usage: "session list CODE | cancel CODE/N | move CODE/N DATE TIME (or venue NAME) | cancel CODE",
			about: "list a course's sessions; cancel or move one, telling everyone booked; cancel a whole course",
			run:   (*request).session},
	}
}

// session lists, cancels or moves sessions, or cancels a whole course.
func (r *request) session() error {
	f := strings.Fields(r.args)
	verb := ""
	if len(f) > 0 {
		verb = strings.ToLower(f[0])
	}
	switch {
	case verb == "list" && len(f) == 2:
		return r.listSessions(f[1])
	case verb == "cancel" && len(f) >= 2 && !strings.Contains(f[1], "/"):
		return r.cancelCourse(f[1], len(f) == 3 && strings.EqualFold(f[2], "confirm"))
	case verb == "cancel" && len(f) == 2:
		ch, err := CancelSession(r.tx, r.changes, f[1], r.loc)
		return r.told(ch, err)
	case verb == "move" && len(f) >= 3:
		return r.moveSession(f[1], f[2:])
	}
	c := r.cmd("session")
	return problemf("Send %s list CODE to see a course's sessions; %s cancel CODE/N; "+
		"%s move CODE/N 2026-03-04 10:00 (or venue NAME); %s cancel CODE for the whole course.", c, c, c, c)
}

func (r *request) listSessions(code string) error {
	text, err := SessionList(r.tx, code, r.loc)
	if err == nil {
		r.say("%s", text)
	}
	return err
}

// told answers a session change with what it did.
func (r *request) told(ch Change, err error) error {
	if err == nil {
		r.say("%s", ch.Describe(r.loc))
	}
	return err
}

// cancelCourse cancels a whole course once confirmed; until then it says
// what that would do and offers the confirmation.
func (r *request) cancelCourse(code string, confirmed bool) error {
	if confirmed {
		cc, told, err := CancelCourse(r.tx, r.changes, code)
		if err == nil {
			r.say("%s", DescribeCancellation(cc, told))
		}
		return err
	}
	preview, err := CoursePreview(r.tx, code, r.loc)
	if err != nil {
		return err
	}
	cmd := "session cancel " + strings.ToUpper(code) + " confirm"
	r.offer(preview+"\nTo cancel one session instead, name it as "+strings.ToUpper(code)+"/N.",
		college.Choice{Label: "Cancel the whole course", Command: cmd})
	return nil
}

// moveSession moves a session to a new date or time, or venue, or link.
func (r *request) moveSession(ref string, words []string) error {
	m, err := chatMove(words)
	if err != nil {
		return err
	}
	return r.told(MoveSession(r.tx, r.changes, ref, m, r.loc))
}

var (
	dateWord  = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	clockWord = regexp.MustCompile(`^\d{1,2}:\d{2}$`)
)

// chatMove reads a move as typed in a chat: a date and time, or either
// (the other kept), then perhaps "venue NAME" or "online LINK".
func chatMove(words []string) (Move, error) {
	var m Move
	var date, clock string
	for i := 0; i < len(words); i++ {
		w := words[i]
		switch lw := strings.ToLower(w); {
		case lw == "venue" && i+1 < len(words):
			m.Venue, i = strings.Join(words[i+1:], " "), len(words)
		case lw == "online" && i+1 < len(words):
			m.Online, i = words[i+1], i+1
		case lw == "to" || lw == "at" || lw == "on":
		case dateWord.MatchString(w):
			date = w
		case clockWord.MatchString(w):
			clock = w
		default:
			return m, problemf("I didn't follow %q: give a date and time such as 2026-03-04 10:00, "+
				"or venue and its name, or online and the link.", w)
		}
	}
	m.Start = strings.TrimSpace(date + " " + clock)
	return m, nil
}
