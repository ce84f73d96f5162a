package staff_test

import (
	"testing"

	"collegebot/internal/college"
)

// A mistyped role is named back as typed, whatever the name's length and
// however the phone number is spaced, and nobody is added.
func TestStaffAddNamesTheWrongRole(t *testing.T) {
	r := newRoomRig(t)
	r.says(college.Telegram, roomSue, "/staff add Eve boss 07700900555",
		`"boss" is not a role: use admin, staff or facilitator.`)
	r.says(college.Telegram, roomSue, "/staff add Sam Green manager 07700 900123",
		`"manager" is not a role: use admin, staff or facilitator.`)
	if n := r.number(`SELECT count(*) FROM staff`); n != 3 {
		t.Errorf("%d staff after two mistakes, want 3", n)
	}
	r.says(college.Telegram, roomSue, "/staff add Sam Green facilitator 07700 900123",
		"Added 4 Sam Green (facilitator) +447700900123.")
}
