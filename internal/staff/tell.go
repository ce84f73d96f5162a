package staff

import (
	"context"

	"collegebot/internal/college"
)

// maxStaffSMS is the longest text sent to staff by SMS: ten segments. A
// longer digest is cut, saying where to read the rest.
const maxStaffSMS = 1500

// Members returns the staff list, read without taking the write lock.
func (d *Desk) Members(ctx context.Context) ([]college.StaffMember, error) {
	var ms []college.StaffMember
	err := d.office.OfficeView(ctx, func(tx college.OfficeTx) (err error) {
		ms, err = tx.StaffList()
		return err
	})
	return ms, err
}

// Tell queues text to a member of staff on the first live channel that
// reaches them; a key already queued is ignored, so a job run twice tells
// once. Texts too long for SMS are cut there.
func (d *Desk) Tell(ctx context.Context, m college.StaffMember, key, text string) error {
	return d.office.Office(ctx, func(tx college.OfficeTx) error {
		sent, err := d.notify(tx, m, key, func(ch college.Channel) string { return fit(ch, text) })
		if err == nil && !sent {
			d.log.Warn("no way to reach a member of staff on the channels in use", "staff", m.ID)
		}
		return err
	})
}

// fit cuts a text that goes by SMS to maxStaffSMS characters.
func fit(ch college.Channel, text string) string {
	r := []rune(text)
	if len(r) <= maxStaffSMS || ch != college.SMS {
		return text
	}
	return string(r[:maxStaffSMS-40]) + "\n(cut short: see the rest on the server)"
}
