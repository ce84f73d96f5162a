package sqlite

import "fmt"

// EraseStudent empties a student's personal fields and removes what ties the
// anonymous row left behind to a person: their contacts, dialogue and
// answers, their queued messages, and the text and addresses of the messages
// already exchanged. Enrolments and attendance stay, for the figures.
func (t *tx) EraseStudent(id int64) error {
	steps := []struct {
		what  string
		query string
	}{
		{"blanking student", `UPDATE student SET first_name = '', heard = NULL,
			describes = NULL, district = NULL, erased_at = coalesce(erased_at, ?2)
			WHERE id = ?1`},
		// Before the contacts go: inbox rows are tied to a student only by
		// address. A message not yet processed keeps its address so that it
		// is still answered.
		{"blanking inbox", `UPDATE inbox SET body = '', payload = '',
			address = CASE WHEN processed_at IS NULL THEN address ELSE '' END
			WHERE (channel, address) IN (SELECT channel, address FROM contact WHERE student_id = ?1)`},
		{"deleting queued messages", `DELETE FROM outbox WHERE student_id = ?1 AND status = 'pending'`},
		// A blank body also stops a retry of a send in flight (see Retry).
		{"blanking outbox", `UPDATE outbox SET body = '', choices = '[]', address = ''
			WHERE student_id = ?1`},
		{"deleting dialogue", `DELETE FROM dialogue WHERE student_id = ?1`},
		{"deleting answers", `DELETE FROM eligibility WHERE student_id = ?1`},
		{"deleting contacts", `DELETE FROM contact WHERE student_id = ?1`},
	}
	if err := t.execOne(steps[0].query, id, t.stamp()); err != nil {
		return fmt.Errorf("sqlite: erasing student %d: %s: %w", id, steps[0].what, err)
	}
	for _, s := range steps[1:] {
		if _, err := t.exec(s.query, id); err != nil {
			return fmt.Errorf("sqlite: erasing student %d: %s: %w", id, s.what, err)
		}
	}
	return nil
}
