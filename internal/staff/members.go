package staff

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"collegebot/internal/college"
	"collegebot/internal/phone"
)

func memberCommands() map[string]command {
	return map[string]command{
		"staff": {role: college.Admin, usage: "staff [add NAME ROLE PHONE|tg:ID | remove ID | safeguarding ID on|off]",
			about: "list, add or remove staff", run: (*request).staff},
	}
}

// staff lists, adds or removes members of staff.
func (r *request) staff() error {
	verb, rest, _ := strings.Cut(r.args, " ")
	switch strings.ToLower(verb) {
	case "":
		return r.listStaff()
	case "add":
		return r.addStaff(strings.Fields(rest))
	case "remove":
		return r.removeStaff(strings.TrimSpace(rest))
	case "safeguarding":
		return r.safeguardingFlag(strings.Fields(rest))
	}
	return problemf("Send %s to list staff, %s add NAME ROLE PHONE (or tg:ID), or %s remove ID.",
		r.cmd("staff"), r.cmd("staff"), r.cmd("staff"))
}

func (r *request) listStaff() error {
	ms, err := r.tx.StaffList()
	if err != nil {
		return err
	}
	lines := []string{fmt.Sprintf("%d staff:", len(ms))}
	for _, m := range ms {
		lines = append(lines, Describe(m))
	}
	r.say("%s", strings.Join(lines, "\n"))
	return nil
}

// addStaff reads NAME ROLE ADDRESS; a name may have several words.
func (r *request) addStaff(f []string) error {
	if len(f) < 3 {
		return problemf("Send %s add NAME ROLE PHONE, e.g. %s add Sam Green facilitator 07700 900123.",
			r.cmd("staff"), r.cmd("staff"))
	}
	m := college.StaffMember{}
	i := len(f) - 1
	addr := f[i]
	for i > 1 { // a phone number typed with spaces: gather its digits
		if _, err := college.ParseRole(f[i-1]); err == nil || !phoneWord(f[i-1]) {
			break
		}
		i--
		addr = f[i] + " " + addr
	}
	role, err := college.ParseRole(f[i-1])
	if err != nil {
		return problemf("%v.", err)
	}
	m.Name, m.Role = strings.Join(f[:i-1], " "), role
	if id, ok := strings.CutPrefix(strings.ToLower(addr), "tg:"); ok {
		m.TelegramID = id
	} else {
		m.Phone = addr
	}
	m, err = Add(r.tx, m)
	if err != nil {
		return err
	}
	r.say("Added %s.", Describe(m))
	return nil
}

// phoneWord reports whether a word can be part of a phone number typed
// with spaces: digits, and + ( ) - only.
func phoneWord(w string) bool {
	return strings.Trim(w, "0123456789+()-") == "" && strings.ContainsAny(w, "0123456789")
}

func (r *request) removeStaff(arg string) error {
	id, ok := ParseNumber(arg)
	if !ok {
		return problemf("Send %s remove ID, with the number %s shows.", r.cmd("staff"), r.cmd("staff"))
	}
	m, err := Remove(r.tx, id)
	if err != nil {
		return err
	}
	r.say("Removed %s.", Describe(m))
	return nil
}

// Describe shows a member on one line: number, name, role and addresses.
func Describe(m college.StaffMember) string {
	s := fmt.Sprintf("%d %s (%s)", m.ID, m.Name, m.Role)
	if m.Phone != "" {
		s += " " + m.Phone
	}
	if m.TelegramID != "" {
		s += " tg:" + m.TelegramID
	}
	if m.Safeguarding {
		s += ", safeguarding"
	}
	return s
}

// Add checks a new member's details and stores them: a name, a role, and
// a UK phone number or a Telegram chat id (a number) to reach them on.
// Mistakes are a *Problem.
func Add(tx college.StaffTx, m college.StaffMember) (college.StaffMember, error) {
	m.Name = strings.TrimSpace(m.Name)
	if m.Name == "" {
		return m, problemf("A member of staff needs a name.")
	}
	role, err := college.ParseRole(string(m.Role))
	if err != nil {
		return m, problemf("%v.", err)
	}
	m.Role = role
	if m.Phone == "" && m.TelegramID == "" {
		return m, problemf("Give %s a phone number or a Telegram id to reach them on.", m.Name)
	}
	if m.Phone != "" {
		p, err := phone.Normalize(m.Phone)
		if err != nil || !phone.Valid(p) {
			return m, problemf("%q is not a UK phone number.", m.Phone)
		}
		m.Phone = p
	}
	if _, err := strconv.ParseInt(m.TelegramID, 10, 64); m.TelegramID != "" && err != nil {
		return m, problemf("%q is not a Telegram id: it is a number, such as 123456789.", m.TelegramID)
	}
	added, err := tx.AddStaff(m)
	if errors.Is(err, college.ErrConflict) {
		return m, problemf("That phone number or Telegram id is already on the staff list.")
	}
	return added, err
}

// Remove deletes a member of staff, but never the last admin, who is the
// only one who can add others.
func Remove(tx college.StaffTx, id int64) (college.StaffMember, error) {
	ms, err := tx.StaffList()
	if err != nil {
		return college.StaffMember{}, err
	}
	var m college.StaffMember
	admins := 0
	for _, x := range ms {
		if x.ID == id {
			m = x
		}
		if x.Role == college.Admin {
			admins++
		}
	}
	switch {
	case m.ID == 0:
		return m, problemf("No member of staff has the number %d.", id)
	case m.Role == college.Admin && admins == 1:
		return m, problemf("%s is the only admin; add another admin first.", m.Name)
	}
	return m, tx.RemoveStaff(id)
}
