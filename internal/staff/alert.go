package staff

import (
	"errors"
	"fmt"
	"strings"

	"collegebot/internal/college"
)

// Crisis alerts: a student's message suggested a risk to life. The
// engine has already answered them with the crisis contacts and recorded
// the alert; the desk tells staff at once, in the same transaction, and
// opens a hand-off so they can answer the student through the bot.

// Crisis tells staff of an alert just raised: every member with the
// safeguarding flag or, with nobody flagged, every admin, on the best
// channel that reaches them. The alert records who was told: its repeats
// go to the next person in line (RepeatAlerts).
func (d *Desk) Crisis(tx college.Tx, a college.Alert) error {
	all, err := tx.StaffList()
	if err != nil {
		return fmt.Errorf("staff: alerting %d: %w", a.ID, err)
	}
	ms, flagged := college.FirstAlerted(all)
	if !flagged {
		d.log.Warn("nobody has the safeguarding flag, so a crisis alert went to the admins: "+
			"turn it on with #staff safeguarding ID on", "alert", a.ID)
	}
	c, err := d.crisisCase(tx, a)
	if err != nil {
		return err
	}
	for _, m := range ms {
		key := fmt.Sprintf("alert:%d:raised:%d", a.ID, m.ID)
		sent, err := d.notify(tx, m, key, func(ch college.Channel) string { return c.text(ch, "") })
		if err != nil {
			return fmt.Errorf("staff: alerting %s to alert %d: %w", m.Name, a.ID, err)
		}
		if sent {
			a.Told = append(a.Told, m.ID)
		}
	}
	if len(a.Told) == 0 {
		d.log.Error("nobody could be told of a crisis alert: add staff with a phone or Telegram id and the safeguarding flag",
			"alert", a.ID)
	}
	return tx.SaveAlert(a)
}

// CrisisAgain passes a further crisis message from a student whose alert
// is still open to the staff told of it, and to whoever acknowledged it.
func (d *Desk) CrisisAgain(tx college.Tx, a college.Alert, in college.Inbound) error {
	c, err := d.crisisCase(tx, a)
	if err != nil {
		return err
	}
	ms, err := d.handling(tx, a)
	if err != nil {
		return err
	}
	again := func(ch college.Channel) string { return c.text(ch, "wrote again: "+quoted(in.Text, ch)) }
	for _, m := range ms {
		key := fmt.Sprintf("alert:%d:again:%s:%s:%d", a.ID, in.Channel, in.ProviderID, m.ID)
		if _, err := d.notify(tx, m, key, again); err != nil {
			return fmt.Errorf("staff: telling %s of alert %d: %w", m.Name, a.ID, err)
		}
	}
	return nil
}

// handling returns the members handling an alert: those told of it and
// whoever acknowledged it; when none of them is still on
// the staff list, those told of a new alert.
func (d *Desk) handling(tx college.Tx, a college.Alert) ([]college.StaffMember, error) {
	all, err := tx.StaffList()
	if err != nil {
		return nil, fmt.Errorf("staff: reading the staff list: %w", err)
	}
	var ms []college.StaffMember
	for _, m := range all {
		if a.WasTold(m.ID) || (a.AckedBy != "" && m.Name == a.AckedBy) {
			ms = append(ms, m)
		}
	}
	if len(ms) == 0 {
		ms, _ = college.FirstAlerted(all)
	}
	return ms, nil
}

// crisisCase is what staff are told about an alert: the alert, the
// student, how to reach them and the hand-off that answers them.
type crisisCase struct {
	alert   college.Alert
	student college.Student
	reach   string
	handoff int64
}

// crisisCase gathers an alert's case, opening a hand-off for the student
// if none is open, so staff can answer them through the bot.
func (d *Desk) crisisCase(tx college.Tx, a college.Alert) (crisisCase, error) {
	c := crisisCase{alert: a}
	var err error
	if c.student, err = tx.Student(a.StudentID); err != nil {
		return c, fmt.Errorf("staff: alert %d: %w", a.ID, err)
	}
	cts, err := tx.Contacts(a.StudentID)
	if err != nil {
		return c, fmt.Errorf("staff: alert %d: %w", a.ID, err)
	}
	c.reach = reachable(cts)
	h, err := tx.OpenHandoffOf(a.StudentID)
	if errors.Is(err, college.ErrNotFound) {
		h, err = tx.OpenHandoff(a.StudentID)
	}
	if err != nil {
		return c, fmt.Errorf("staff: alert %d: opening a hand-off: %w", a.ID, err)
	}
	c.handoff = h.ID
	return c, nil
}

// text is the alert as a member reads it on a channel. note, when given,
// replaces the student's first message: "wrote again: ...".
func (c crisisCase) text(ch college.Channel, note string) string {
	a, p := c.alert, prefix(ch)
	name := handoffName(c.student, ch)
	lines := []string{fmt.Sprintf("SAFEGUARDING ALERT %d: %s may be at risk.", a.ID, upperFirst(name))}
	if note == "" {
		note = "wrote: " + quoted(a.Text, ch)
	}
	lines = append(lines, upperFirst(name)+" "+note, "Reach: "+c.reach)
	if a.Signposted {
		lines = append(lines, "They were sent the crisis contacts.")
	} else {
		lines = append(lines, "They opted out of our texts (STOP), so the bot could NOT send them the crisis contacts.")
	}
	lines = append(lines,
		fmt.Sprintf("Reply via the bot: %sreply %d your message", p, c.handoff),
		fmt.Sprintf("Seen it? Send %sack %d", p, a.ID),
		fmt.Sprintf("Dealt with? %sclear %d (their reminders pause till then)", p, a.ID))
	return strings.Join(lines, "\n")
}

// maxCrisisQuoteSMS is the most of a student's crisis message quoted to
// staff by SMS.
const maxCrisisQuoteSMS = 300

// quoted is a student's message in quotes, cut short for SMS.
func quoted(text string, ch college.Channel) string {
	return `"` + clipFor(ch, text, maxCrisisQuoteSMS) + `"`
}
