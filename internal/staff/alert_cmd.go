package staff

import (
	"errors"
	"fmt"
	"strings"

	"collegebot/internal/college"
)

// Crisis alerts are acknowledged and cleared by their number, given in
// the alert. Members with the safeguarding flag may, whatever their role,
// and so may admins and staff, who are next in line for the repeats;
// facilitators without the flag are never alerted, and may not.
func alertCommands() map[string]command {
	return map[string]command{
		"ack": {role: college.Facilitator, usage: "ack ID",
			about: "acknowledge a safeguarding alert: it stops repeating", run: (*request).ackAlert},
		"clear": {role: college.Facilitator, usage: "clear ID",
			about: "close a safeguarding alert: the student's reminders and news start again", run: (*request).clearAlert},
		"alerts": {role: college.Facilitator, usage: "alerts",
			about: "safeguarding alerts not yet cleared", run: (*request).openAlerts},
	}
}

// mayHandleAlerts reports whether a member may acknowledge and clear
// alerts.
func mayHandleAlerts(m college.StaffMember) bool {
	return m.Safeguarding || m.Role.Can(college.StaffRole)
}

func (r *request) ackAlert() error {
	a, st, err := r.alertAt(r.args)
	if err != nil {
		return err
	}
	if err := r.Desk.Ack(r.tx, &a, r.member.Name); err != nil {
		return err
	}
	r.say("Acknowledged alert %d (%s): it will not repeat. Send %s %d when it is dealt with; their reminders and news stay paused until then.",
		a.ID, handoffName(st, r.in.Channel), r.cmd("clear"), a.ID)
	return nil
}

func (r *request) clearAlert() error {
	a, st, err := r.alertAt(r.args)
	if err != nil {
		return err
	}
	if err := r.Desk.Clear(r.tx, &a, r.member.Name); err != nil {
		return err
	}
	r.say("Cleared alert %d (%s). Their reminders and news start again; what fell due meanwhile was not sent.",
		a.ID, handoffName(st, r.in.Channel))
	return nil
}

// openAlerts lists the alerts not cleared, newest first.
func (r *request) openAlerts() error {
	if !mayHandleAlerts(r.member) {
		return problemf("Only staff with the safeguarding flag, admins and staff see alerts.")
	}
	as, err := r.tx.Alerts(true)
	if err != nil {
		return err
	}
	if len(as) == 0 {
		r.say("No safeguarding alerts are open.")
		return nil
	}
	lines := []string{"Open safeguarding alerts:"}
	for _, a := range as {
		st, err := r.tx.Student(a.StudentID)
		if err != nil {
			return err
		}
		state := "NOT acknowledged"
		if a.Acked != nil {
			state = "acknowledged by " + a.AckedBy
		}
		lines = append(lines, fmt.Sprintf("%d %s, %s, %s", a.ID, handoffName(st, r.in.Channel),
			a.Raised.In(r.loc).Format("Mon 2 Jan 15:04"), state))
	}
	lines = append(lines, fmt.Sprintf("%s ID to acknowledge, %s ID when dealt with.", r.cmd("ack"), r.cmd("clear")))
	r.say("%s", strings.Join(lines, "\n"))
	return nil
}

// alertAt reads an alert's number and returns it with its student, once
// the member is known to be one who may handle alerts.
func (r *request) alertAt(ref string) (college.Alert, college.Student, error) {
	if !mayHandleAlerts(r.member) {
		return college.Alert{}, college.Student{}, problemf(
			"Only staff with the safeguarding flag, admins and staff can %s alerts.", r.name)
	}
	id, ok := ParseNumber(ref)
	if !ok {
		return college.Alert{}, college.Student{}, problemf("Send %s ID, ID being the alert's number (%s lists them).",
			r.cmd(r.name), r.cmd("alerts"))
	}
	a, err := r.tx.Alert(id)
	if errors.Is(err, college.ErrNotFound) {
		return a, college.Student{}, problemf("There is no alert %d. %s lists the open ones.", id, r.cmd("alerts"))
	} else if err != nil {
		return a, college.Student{}, err
	}
	st, err := r.tx.Student(a.StudentID)
	return a, st, err
}

// Ack records that a member of staff (by name) has seen an alert: it
// stops repeating, and the others told of it are told who has it. An
// alert already acknowledged or cleared is a *Problem.
func (d *Desk) Ack(tx college.Tx, a *college.Alert, by string) error {
	switch {
	case a.Cleared != nil:
		return problemf("Alert %d was cleared by %s.", a.ID, a.ClearedBy)
	case a.Acked != nil:
		return problemf("Alert %d was already acknowledged by %s at %s.", a.ID, a.AckedBy,
			a.Acked.In(d.loc).Format("Mon 2 Jan 15:04"))
	}
	now := tx.Now()
	a.Acked, a.AckedBy = &now, by
	if err := tx.SaveAlert(*a); err != nil {
		return err
	}
	return d.tellHandling(tx, *a, by, "ack", fmt.Sprintf("%s has acknowledged alert %d (%%s): it will not repeat.", by, a.ID))
}

// Clear closes an alert, acknowledging it if nobody had: automated
// messages to the student start again. The others told of it are told.
func (d *Desk) Clear(tx college.Tx, a *college.Alert, by string) error {
	if a.Cleared != nil {
		return problemf("Alert %d was already cleared by %s.", a.ID, a.ClearedBy)
	}
	now := tx.Now()
	if a.Acked == nil {
		a.Acked, a.AckedBy = &now, by
	}
	a.Cleared, a.ClearedBy = &now, by
	if err := tx.SaveAlert(*a); err != nil {
		return err
	}
	return d.tellHandling(tx, *a, by, "clear", fmt.Sprintf("%s has cleared alert %d (%%s).", by, a.ID))
}

// tellHandling tells the members handling an alert, except the one named
// by, what happened; format has a %s for the student's name.
func (d *Desk) tellHandling(tx college.Tx, a college.Alert, by, what, format string) error {
	ms, err := d.handling(tx, a)
	if err != nil {
		return err
	}
	st, err := tx.Student(a.StudentID)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if m.Name == by {
			continue
		}
		text := func(ch college.Channel) string { return fmt.Sprintf(format, handoffName(st, ch)) }
		if _, err := d.notify(tx, m, fmt.Sprintf("alert:%d:%s:%d", a.ID, what, m.ID), text); err != nil {
			return err
		}
	}
	return nil
}

// safeguardingFlag turns a member's safeguarding flag on or off (#staff
// safeguarding ID on|off, admins only): flagged members are told at once
// of every crisis alert, and first in line for its repeats.
func (r *request) safeguardingFlag(f []string) error {
	usage := problemf("Send %s safeguarding ID on (or off), with the number %s shows.", r.cmd("staff"), r.cmd("staff"))
	if len(f) != 2 {
		return usage
	}
	id, ok := ParseNumber(f[0])
	on, known := map[string]bool{"on": true, "off": false}[strings.ToLower(f[1])]
	if !ok || !known {
		return usage
	}
	m, err := SetSafeguarding(r.tx, id, on)
	if err != nil {
		return err
	}
	if on {
		r.say("%s is now told at once of every safeguarding alert: %s.", m.Name, Describe(m))
		return nil
	}
	r.say("%s is no longer told of safeguarding alerts at once: %s.", m.Name, Describe(m))
	return nil
}

// SetSafeguarding turns a member's safeguarding flag on or off and returns
// them as they are now. An unknown number is a *Problem.
func SetSafeguarding(tx college.Tx, id int64, on bool) (college.StaffMember, error) {
	err := tx.SetSafeguarding(id, on)
	if errors.Is(err, college.ErrNotFound) {
		return college.StaffMember{}, problemf("No member of staff has the number %d.", id)
	} else if err != nil {
		return college.StaffMember{}, err
	}
	ms, err := tx.StaffList()
	for _, m := range ms {
		if m.ID == id {
			return m, err
		}
	}
	return college.StaffMember{}, err
}
