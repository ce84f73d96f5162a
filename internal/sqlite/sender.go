package sqlite

import (
	"fmt"
	"time"

	"collegebot/internal/college"
)

// Sender returns, in one query, what a turn of the conversation reads
// first: the contact for an address on a channel, its student, and the
// student's live dialogue (an empty one when there is none or it has
// expired). stored reports whether a dialogue row is stored at all, live
// or expired, so that clearing one that is not there can be skipped. No
// contact is ErrNotFound.
func (t *tx) Sender(ch college.Channel, addr string) (c college.Contact, s college.Student, d college.Dialogue, stored bool, err error) {
	var state *string
	var expires *time.Time
	err = t.queryRow(`SELECT c.id, c.student_id, c.channel, c.address, c.opted_out, `+studentColumns+`,
		d.state, d.data, d.choices, d.expires_at
		FROM contact c JOIN student s ON s.id = c.student_id
		LEFT JOIN dialogue d ON d.student_id = c.student_id
		WHERE c.channel = ? AND c.address = ?`, ch, addr).Scan(append(append(
		[]any{&c.ID, &c.StudentID, &c.Channel, &c.Address, nullTimeCol{&c.OptedOut}}, studentFields(&s)...),
		&state, jsonCol{&d.Data}, jsonCol{&d.Choices}, nullTimeCol{&expires})...)
	if err != nil {
		return c, s, d, false, fmt.Errorf("sqlite: finding the sender on %s: %w", ch, err)
	}
	stored = state != nil
	// As Dialogue reads it: one whose time is up is no dialogue at all.
	if !stored || expires == nil || !expires.After(t.now) {
		return c, s, college.Dialogue{StudentID: s.ID}, stored, nil
	}
	d.StudentID, d.State, d.Expires = s.ID, *state, *expires
	return c, s, d, true, nil
}
