package demo

import (
	"errors"
	"fmt"

	"collegebot/internal/college"
)

// Staff are the demo college's staff (Robin Hart has the safeguarding
// role, so crisis alerts go to Robin), reached in the terminal by their
// numbers (Ofcom's drama range): an admin, a member of staff, and two
// peer trainers who facilitate demo courses. `collegebot chat --as` one of
// these numbers tries the staff commands.
func Staff() []college.StaffMember {
	return []college.StaffMember{
		{Name: "Robin Hart", Role: college.Admin, Phone: "+447700900990", Safeguarding: true},
		{Name: "Jo Baker", Role: college.StaffRole, Phone: "+447700900991"},
		{Name: "Sam Reid", Role: college.Facilitator, Phone: "+447700900992"},
		{Name: "Lou Marsh", Role: college.Facilitator, Phone: "+447700900993"},
	}
}

// seedStaff adds the demo staff, unless an earlier Seed already did.
func seedStaff(tx college.Tx) error {
	for _, m := range Staff() {
		_, err := tx.StaffAt(college.SMS, m.Phone)
		if err == nil {
			continue
		}
		if !errors.Is(err, college.ErrNotFound) {
			return err
		}
		if _, err := tx.AddStaff(m); err != nil {
			return fmt.Errorf("adding %s: %w", m.Name, err)
		}
	}
	return nil
}
