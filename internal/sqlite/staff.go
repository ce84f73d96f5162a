package sqlite

import (
	"fmt"

	"collegebot/internal/college"
)

const staffColumns = `id, name, role, coalesce(phone, ''), coalesce(telegram_id, ''), created_at, safeguarding`

func scanStaff(s scanner) (college.StaffMember, error) {
	var m college.StaffMember
	err := s.Scan(&m.ID, &m.Name, &m.Role, &m.Phone, &m.TelegramID, timeCol{&m.Created}, &m.Safeguarding)
	return m, err
}

// AddStaff stores a new member; a phone or Telegram id another member has
// is ErrConflict.
func (t *tx) AddStaff(m college.StaffMember) (college.StaffMember, error) {
	m.Created = t.now
	res, err := t.exec(`INSERT INTO staff (name, role, phone, telegram_id, created_at, safeguarding)
		VALUES (?, ?, nullif(?, ''), nullif(?, ''), ?, ?)`, m.Name, m.Role, m.Phone, m.TelegramID, t.stamp(), m.Safeguarding)
	if err != nil {
		return m, fmt.Errorf("sqlite: adding staff %s: %w", m.Name, err)
	}
	m.ID, err = res.LastInsertId()
	return m, err
}

// StaffList returns every member, by name.
func (t *tx) StaffList() ([]college.StaffMember, error) {
	return queryAll(t, scanStaff, `SELECT `+staffColumns+` FROM staff ORDER BY name COLLATE NOCASE, id`)
}

// RemoveStaff deletes a member; an unknown id is ErrNotFound.
func (t *tx) RemoveStaff(id int64) error {
	if err := t.execOne(`DELETE FROM staff WHERE id = ?`, id); err != nil {
		return fmt.Errorf("sqlite: removing staff %d: %w", id, err)
	}
	return nil
}

// StaffAt returns the member reached at an address on a channel: by phone
// on SMS and the terminal, by chat id on Telegram.
func (t *tx) StaffAt(ch college.Channel, addr string) (college.StaffMember, error) {
	col := "phone"
	if ch == college.Telegram {
		col = "telegram_id"
	}
	if addr == "" {
		return college.StaffMember{}, college.ErrNotFound
	}
	return scanStaff(t.queryRow(`SELECT `+staffColumns+` FROM staff WHERE `+col+` = ?`, addr))
}
