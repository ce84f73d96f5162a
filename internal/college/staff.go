package college

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Role says what a member of staff may do.
type Role string

// The staff roles. Admins manage staff; staff run the college's messaging;
// facilitators see the registers of their own courses.
const (
	Admin       Role = "admin"
	StaffRole   Role = "staff"
	Facilitator Role = "facilitator"
)

// ParseRole reads a role name in any case.
func ParseRole(s string) (Role, error) {
	switch r := Role(strings.ToLower(strings.TrimSpace(s))); r {
	case Admin, StaffRole, Facilitator:
		return r, nil
	}
	return "", fmt.Errorf("%q is not a role: use admin, staff or facilitator", s)
}

// Can reports whether a role carries the rights of another: an admin can
// do what staff can, and staff what facilitators can.
func (r Role) Can(need Role) bool { return r.rank() >= need.rank() }

func (r Role) rank() int {
	switch r {
	case Admin:
		return 3
	case StaffRole:
		return 2
	case Facilitator:
		return 1
	}
	return 0
}

// StaffMember is someone who works for the college and may use staff
// commands from their phone (Phone, E.164, by SMS) or Telegram chat
// (TelegramID, the chat id).
type StaffMember struct {
	ID         int64
	Name       string
	Role       Role
	Phone      string
	TelegramID string
	Created    time.Time
	// Safeguarding marks a member told at once of every crisis alert.
	Safeguarding bool
}

// Address returns where the member is reached on a channel, or "" if not
// there. The terminal is keyed by phone number, as SMS is.
func (m StaffMember) Address(ch Channel) string {
	switch ch {
	case SMS, Terminal:
		return m.Phone
	case Telegram:
		return m.TelegramID
	}
	return ""
}

// Facilitates reports whether the member is named among a course's
// facilitators: a list of names separated by commas or semicolons,
// matched in any case, each
// perhaps followed by a note in brackets ("Sam Green (peer trainer)").
func (m StaffMember) Facilitates(c Course) bool {
	name := strings.ToLower(strings.TrimSpace(m.Name))
	if name == "" {
		return false
	}
	split := func(r rune) bool { return r == ',' || r == ';' }
	for _, n := range strings.FieldsFunc(strings.ToLower(c.Facilitators), split) {
		n, _, _ = strings.Cut(n, "(")
		if strings.TrimSpace(n) == name {
			return true
		}
	}
	return false
}

// Office is where staff work on the records: the student-facing records
// and the office's own, in one write transaction.
type Office interface {
	Office(ctx context.Context, fn func(OfficeTx) error) error
}

// OfficeTx is one unit of staff work: everything a Tx does (which
// includes the staff list and hand-offs, which the student conversation
// needs too), and broadcasts, session changes, registers and reports.
type OfficeTx interface {
	Tx
	BroadcastTx
	SessionTx
	RegisterTx
	ReportTx
}

// StaffTx keeps the staff list.
type StaffTx interface {
	// AddStaff stores a new member; a phone or Telegram id already given
	// to another member is ErrConflict.
	AddStaff(m StaffMember) (StaffMember, error)
	// StaffList returns every member, by name.
	StaffList() ([]StaffMember, error)
	// RemoveStaff deletes a member.
	RemoveStaff(id int64) error
	// StaffAt returns the member reached at an address on a channel.
	StaffAt(ch Channel, addr string) (StaffMember, error)
}
