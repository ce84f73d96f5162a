package staff

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"collegebot/internal/college"
	"collegebot/internal/sms"
)

// Handoff alerts staff that a student asked for a person (TALK): every
// admin and member of staff, not facilitators, on the best channel that
// reaches them, with the student's first name, how to reach them, their
// last few messages and how to answer. The desk is the conversation
// engine's alerter.
func (d *Desk) Handoff(tx college.Tx, h college.Handoff) error {
	return d.alertHandoff(tx, h, "%s asked to talk to a person (ref %d).")
}

// SetAside alerts staff, as Handoff does, that the bot could not deal
// with a student's message (the inbox set it aside after its tries) and
// the student was told staff would reply: the message is the last of
// those quoted.
func (d *Desk) SetAside(tx college.Tx, h college.Handoff) error {
	return d.alertHandoff(tx, h, "The bot could not deal with a message from %s (ref %d). They were told staff will reply.")
}

// alertHandoff tells every answerer of hand-off h, headed by headline (a
// format taking the student's name and the hand-off's ref).
func (d *Desk) alertHandoff(tx college.Tx, h college.Handoff, headline string) error {
	st, err := tx.Student(h.StudentID)
	if err != nil {
		return fmt.Errorf("staff: alerting hand-off %d: %w", h.ID, err)
	}
	said, err := tx.LastSaid(h.StudentID, college.LastSaidCount)
	if err != nil {
		return fmt.Errorf("staff: alerting hand-off %d: %w", h.ID, err)
	}
	cts, err := tx.Contacts(h.StudentID)
	if err != nil {
		return fmt.Errorf("staff: alerting hand-off %d: %w", h.ID, err)
	}
	ms, err := answerers(tx)
	if err != nil {
		return fmt.Errorf("staff: alerting hand-off %d: %w", h.ID, err)
	}
	key := fmt.Sprintf("handoff:%d:alert:%d", h.ID, h.Alerted.Unix())
	return d.tellAnswerers(tx, h, ms, key, func(ch college.Channel) string {
		return alertText(h, headline, handoffName(st, ch), cts, said, ch)
	})
}

// maxForwardSMS is the most of a student's message forwarded to staff by
// SMS, about three segments: a long Telegram message is cut, not sent as
// twenty texts.
const maxForwardSMS = 450

// Forward passes on what a student said while their hand-off is open, as
// "Ann (ref 12): text": to the member of staff who last replied, or to
// every admin and member of staff while nobody has (or they have left).
func (d *Desk) Forward(tx college.Tx, h college.Handoff, in college.Inbound) error {
	st, err := tx.Student(h.StudentID)
	if err != nil {
		return fmt.Errorf("staff: forwarding on hand-off %d: %w", h.ID, err)
	}
	ms, err := answerers(tx)
	if err != nil {
		return fmt.Errorf("staff: forwarding on hand-off %d: %w", h.ID, err)
	}
	for _, m := range ms {
		if m.ID == h.RepliedByID {
			ms = []college.StaffMember{m}
			break
		}
	}
	key := fmt.Sprintf("handoff:%d:fwd:%s:%s", h.ID, in.Channel, in.ProviderID)
	return d.tellAnswerers(tx, h, ms, key, func(ch college.Channel) string {
		return fmt.Sprintf("%s (ref %d): %s", upperFirst(handoffName(st, ch)), h.ID, clipFor(ch, in.Text, maxForwardSMS))
	})
}

// tellAnswerers queues a text to each member, worded for the channel
// that reaches them, and logs a warning when it reaches nobody.
func (d *Desk) tellAnswerers(tx college.Tx, h college.Handoff, ms []college.StaffMember, key string, text func(college.Channel) string) error {
	told := 0
	for _, m := range ms {
		sent, err := d.notify(tx, m, fmt.Sprintf("%s:%d", key, m.ID), text)
		if err != nil {
			return fmt.Errorf("staff: telling %s about hand-off %d: %w", m.Name, h.ID, err)
		}
		if sent {
			told++
		}
	}
	if told == 0 {
		d.log.Warn("no staff to tell about a hand-off: add an admin or staff member with a phone or Telegram id",
			"handoff", h.ID)
	}
	return nil
}

// answerers are the members who answer hand-offs: admins and staff.
func answerers(tx college.Tx) ([]college.StaffMember, error) {
	all, err := tx.StaffList()
	var ms []college.StaffMember
	for _, m := range all {
		if m.Role.Can(college.StaffRole) {
			ms = append(ms, m)
		}
	}
	return ms, err
}

// alertText is the alert for one member, on the channel that reaches them.
func alertText(h college.Handoff, headline, name string, cts []college.Contact, said []college.Said, ch college.Channel) string {
	if strings.HasPrefix(headline, "%s") {
		name = upperFirst(name)
	}
	lines := []string{
		fmt.Sprintf(headline, name, h.ID),
		"Reach: " + reachable(cts),
	}
	if len(said) > 0 {
		lines = append(lines, "Last messages:")
	}
	for _, s := range said {
		lines = append(lines, `"`+clipQuote(s.Text, 80)+`"`)
	}
	p := prefix(ch)
	lines = append(lines, fmt.Sprintf("Answer: %sreply %d your message", p, h.ID),
		fmt.Sprintf("Done: %sclose %d", p, h.ID))
	return strings.Join(lines, "\n")
}

// reachable says how a student can be reached: each contact that has not
// opted out.
func reachable(cts []college.Contact) string {
	var ways []string
	for _, c := range cts {
		switch {
		case c.OptedOut != nil:
			continue
		case c.Channel == college.Telegram:
			ways = append(ways, "Telegram")
		case c.Channel == college.SMS:
			ways = append(ways, "SMS "+c.Address)
		default:
			ways = append(ways, string(c.Channel)+" "+c.Address)
		}
	}
	if len(ways) == 0 {
		return "no way left (they opted out)"
	}
	return strings.Join(ways, ", ")
}

// handoffName is the student's first name, or "a new student" when they
// have not registered; plain letters on channels billed by the segment.
func handoffName(st college.Student, ch college.Channel) string {
	name := strings.TrimSpace(st.FirstName)
	if ch != college.Telegram {
		name = strings.TrimSpace(sms.Plain(name))
	}
	if name == "" {
		return "a new student"
	}
	return name
}

// upperFirst starts a text with a capital letter.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// clipFor is a student's message as staff read it on a channel: whole on
// Telegram; elsewhere, where each segment is paid for, cut to at most n
// characters.
func clipFor(ch college.Channel, text string, n int) string {
	text = strings.TrimSpace(text)
	if ch == college.Telegram {
		return text
	}
	return clipQuote(text, n)
}

// clipQuote shortens a text to at most n characters, on a word if it can.
func clipQuote(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n-3])
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return cut + "..."
}
