package staff

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"collegebot/internal/college"
	"collegebot/internal/sms"
)

// Hand-offs: a student who sent TALK is answered by staff through the bot,
// so the student sees the college, never a personal number. REF is the
// hand-off's number, given in the alert.
func handoffCommands() map[string]command {
	return map[string]command{
		"reply": {role: college.StaffRole, usage: "reply REF message",
			about: "answer a student who asked for a person", run: (*request).reply},
		"close": {role: college.StaffRole, usage: "close REF",
			about: "close a hand-off when you are done", run: (*request).closeHandoff},
		"handoffs": {role: college.StaffRole, usage: "handoffs",
			about: "students waiting for a person", run: (*request).handoffs},
	}
}

// reply sends the member's message to the student of a hand-off, from the
// college, on the contact the student last wrote from.
func (r *request) reply() error {
	ref, text, _ := strings.Cut(r.args, " ")
	h, st, err := r.handoffAt(ref)
	if err != nil {
		return err
	}
	name := handoffName(st, r.in.Channel)
	if h.Closed != nil {
		return problemf("Hand-off %d is closed, so nothing was sent. If %s asks again, a new one opens.", h.ID, name)
	}
	if text = strings.TrimSpace(text); text == "" {
		return problemf("What should it say? Send %s %d your message.", r.cmd("reply"), h.ID)
	}
	ct, err := r.tx.LastContact(h.StudentID)
	if errors.Is(err, college.ErrNotFound) {
		return problemf("%s has no way to be reached now, so nothing was sent.", upperFirst(name))
	} else if err != nil {
		return err
	}
	if ct.OptedOut != nil {
		return problemf("%s has opted out of our messages (STOP), so nothing was sent.", upperFirst(name))
	}
	o := r.toStudent(h, st, ct, text)
	if n := utf8.RuneCountInString(o.Text); ct.Channel != college.Telegram && n > maxBroadcast {
		return problemf("That is %s characters with the college's name; a text can be at most %s, so nothing was sent.",
			grouped(n), grouped(maxBroadcast))
	}
	if err := r.tx.Enqueue(o); err != nil {
		return err
	}
	now := r.now
	h.Replied, h.RepliedBy, h.RepliedByID = &now, r.member.Name, r.member.ID
	if err := r.tx.SaveHandoff(h); err != nil {
		return err
	}
	r.say("Sent to %s.%s", name, sentNote(o))
	return nil
}

// toStudent is a member's message to a student, as from the college. Off
// Telegram it is folded into GSM-7, as every text a student gets is.
func (r *request) toStudent(h college.Handoff, st college.Student, ct college.Contact, text string) college.Outgoing {
	o := college.Outgoing{
		Key:       fmt.Sprintf("handoff:%d:reply:%s:%s", h.ID, r.in.Channel, r.in.ProviderID),
		StudentID: st.ID, Channel: ct.Channel, Address: ct.Address, Lang: st.Lang,
		Kind: college.KindReply, Priority: college.Interactive, NotBefore: r.now,
		Reply: college.Reply{Text: r.profile.Name + ": " + text},
	}
	if ct.Channel != college.Telegram {
		o.Text, _ = sms.ToGSM7(o.Text)
		o.Segments = sms.Count(o.Text).Segments
	}
	return o
}

// sentNote tells the member what a text to a student costs, when it costs
// more than one segment.
func sentNote(o college.Outgoing) string {
	switch {
	case o.Channel == college.Telegram:
		return " (Telegram)"
	case !sms.IsGSM7(o.Text):
		return fmt.Sprintf(" It has characters plain SMS lacks (emoji?), so it went as %d segments.", o.Segments)
	case o.Segments > 1:
		return fmt.Sprintf(" It was %d SMS segments.", o.Segments)
	}
	return ""
}

// closeHandoff closes a hand-off: the student's messages get the bot's
// usual answers again.
func (r *request) closeHandoff() error {
	h, st, err := r.handoffAt(r.args)
	if err != nil {
		return err
	}
	if h.Closed != nil {
		return problemf("Hand-off %d is already closed.", h.ID)
	}
	now := r.now
	h.Closed = &now
	if err := r.tx.SaveHandoff(h); err != nil {
		return err
	}
	r.say("Closed hand-off %d (%s). What they send now gets the usual answers.", h.ID, handoffName(st, r.in.Channel))
	return nil
}

// handoffs lists the open hand-offs, oldest first.
func (r *request) handoffs() error {
	hs, err := r.tx.OpenHandoffs()
	if err != nil {
		return err
	}
	if len(hs) == 0 {
		r.say("No one is waiting for a person.")
		return nil
	}
	lines := []string{"Open hand-offs:"}
	for _, h := range hs {
		st, err := r.tx.Student(h.StudentID)
		if err != nil {
			return err
		}
		who := "not answered yet"
		if h.Replied != nil {
			who = "answered by " + h.RepliedBy
		}
		lines = append(lines, fmt.Sprintf("%d %s, since %s, %s", h.ID, handoffName(st, r.in.Channel),
			h.Opened.In(r.loc).Format("Mon 2 Jan 15:04"), who))
	}
	lines = append(lines, fmt.Sprintf("Answer with %s REF your message.", r.cmd("reply")))
	r.say("%s", strings.Join(lines, "\n"))
	return nil
}

// handoffAt reads a hand-off's number and returns it with its student. A
// student who deleted their details cannot be answered, and is said so.
func (r *request) handoffAt(ref string) (college.Handoff, college.Student, error) {
	id, ok := ParseNumber(ref)
	if !ok {
		return college.Handoff{}, college.Student{}, problemf(
			"Send %s, REF being the hand-off's number from the alert (%s lists them).",
			r.cmd(r.commands[r.name].usage), r.cmd("handoffs"))
	}
	h, err := r.tx.Handoff(id)
	if errors.Is(err, college.ErrNotFound) {
		return h, college.Student{}, problemf("There is no hand-off %d. %s lists the open ones.", id, r.cmd("handoffs"))
	} else if err != nil {
		return h, college.Student{}, err
	}
	st, err := r.tx.Student(h.StudentID)
	if err != nil {
		return h, st, err
	}
	if st.ErasedAt != nil {
		return h, st, problemf("The student of hand-off %d asked us to delete their details, so they cannot be messaged.", id)
	}
	return h, st, nil
}
