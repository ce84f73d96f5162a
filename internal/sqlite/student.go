package sqlite

import (
	"errors"
	"fmt"
	"time"

	"collegebot/internal/college"
)

const contactColumns = `id, student_id, channel, address, opted_out`

// lastWroteFromFirst orders a student's contacts (c) as the one to reach
// them on comes first: the one they last wrote from, else their oldest.
const lastWroteFromFirst = `(SELECT max(i.id) FROM inbox i
	WHERE i.channel = c.channel AND i.address = c.address) DESC NULLS LAST, c.id`

// scanContact reads a row of contactColumns.
func scanContact(s scanner) (college.Contact, error) {
	var c college.Contact
	err := s.Scan(&c.ID, &c.StudentID, &c.Channel, &c.Address, nullTimeCol{&c.OptedOut})
	return c, err
}

// FindContact returns the contact for an address on a channel.
func (t *tx) FindContact(ch college.Channel, addr string) (college.Contact, error) {
	c, err := scanContact(t.queryRow(`SELECT `+contactColumns+` FROM contact
		WHERE channel = ? AND address = ?`, ch, addr))
	if err != nil {
		return c, fmt.Errorf("sqlite: finding contact %s: %w", ch, err)
	}
	return c, nil
}

// CreateStudent makes a new, unregistered student reached at addr; an
// address already in use is ErrConflict.
func (t *tx) CreateStudent(ch college.Channel, addr, lang string) (college.Student, college.Contact, error) {
	if lang == "" {
		lang = "en"
	}
	s := college.Student{Lang: lang, LastActive: t.now}
	c := college.Contact{Channel: ch, Address: addr}
	err := t.queryRow(`INSERT INTO student (lang, created_at, last_active)
		VALUES (?, ?, ?) RETURNING id`, lang, t.stamp(), t.stamp()).Scan(&s.ID)
	if err != nil {
		return s, c, fmt.Errorf("sqlite: creating student: %w", err)
	}
	c.StudentID = s.ID
	err = t.queryRow(`INSERT INTO contact (student_id, channel, address)
		VALUES (?, ?, ?) RETURNING id`, s.ID, ch, addr).Scan(&c.ID)
	if err != nil {
		return s, c, fmt.Errorf("sqlite: creating %s contact: %w", ch, err)
	}
	return s, c, nil
}

// studentColumns are a student's columns, for studentFields, with the
// table named s.
const studentColumns = `s.id, s.first_name, s.lang, s.consent_at, s.consent_version,
	s.news_at, s.news_version, s.discreet, s.heard, s.describes, s.district, s.last_active, s.erased_at`

// studentFields are where a row of studentColumns is scanned to.
func studentFields(s *college.Student) []any {
	return []any{&s.ID, &s.FirstName, &s.Lang, nullTimeCol{&s.ConsentAt}, &s.ConsentVersion,
		nullTimeCol{&s.NewsAt}, &s.NewsVersion, &s.Discreet, answerCol{&s.Heard},
		answerCol{&s.Describes}, answerCol{&s.District}, timeCol{&s.LastActive}, nullTimeCol{&s.ErasedAt}}
}

// Student returns a student by id.
func (t *tx) Student(id int64) (college.Student, error) {
	var s college.Student
	err := t.queryRow(`SELECT `+studentColumns+` FROM student s WHERE s.id = ?`, id).Scan(studentFields(&s)...)
	if err != nil {
		return s, fmt.Errorf("sqlite: reading student %d: %w", id, err)
	}
	return s, nil
}

// SaveStudent stores a student's changed fields. A zero LastActive keeps the
// stored one; erasure is EraseStudent's alone.
func (t *tx) SaveStudent(s college.Student) error {
	var active any
	if !s.LastActive.IsZero() {
		active = formatTime(s.LastActive)
	}
	err := t.execOne(`UPDATE student SET first_name = ?, lang = ?, consent_at = ?,
		consent_version = ?, news_at = ?, news_version = ?, discreet = ?, heard = ?,
		describes = ?, district = ?, last_active = coalesce(?, last_active) WHERE id = ?`,
		s.FirstName, s.Lang, nullTime(s.ConsentAt), s.ConsentVersion, nullTime(s.NewsAt),
		s.NewsVersion, s.Discreet, answerValue(s.Heard), answerValue(s.Describes),
		answerValue(s.District), active, s.ID)
	if err != nil {
		return fmt.Errorf("sqlite: saving student %d: %w", s.ID, err)
	}
	return nil
}

// Contacts returns a student's contacts, the one they last wrote from
// first, then oldest first.
func (t *tx) Contacts(studentID int64) ([]college.Contact, error) {
	cs, err := queryAll(t, scanContact, `SELECT `+contactColumns+` FROM contact c
		WHERE student_id = ? ORDER BY `+lastWroteFromFirst, studentID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing contacts of student %d: %w", studentID, err)
	}
	return cs, nil
}

// SetOptOut records that a contact opted out at a time, or back in (nil).
func (t *tx) SetOptOut(contactID int64, at *time.Time) error {
	err := t.execOne(`UPDATE contact SET opted_out = ? WHERE id = ?`, nullTime(at), contactID)
	if err != nil {
		return fmt.Errorf("sqlite: setting opt-out of contact %d: %w", contactID, err)
	}
	if at == nil {
		return nil
	}
	var ch college.Channel
	var addr string
	if err := t.queryRow(`SELECT channel, address FROM contact WHERE id = ?`, contactID).Scan(&ch, &addr); err != nil {
		return fmt.Errorf("sqlite: opting out contact %d: %w", contactID, err)
	}
	if err := t.cancelQueuedTo(ch, addr); err != nil {
		return fmt.Errorf("sqlite: opting out contact %d: %w", contactID, err)
	}
	return nil
}

// SetEligibility records a self-declared answer to a course condition,
// replacing an earlier answer to the same question.
func (t *tx) SetEligibility(studentID int64, e college.Eligibility) error {
	_, err := t.exec(`INSERT INTO eligibility (student_id, question, yes, answered_at)
		VALUES (?, ?, ?, ?) ON CONFLICT (student_id, question)
		DO UPDATE SET yes = excluded.yes, answered_at = excluded.answered_at`,
		studentID, e.Question, e.Yes, t.stamp())
	if err != nil {
		return fmt.Errorf("sqlite: recording %s for student %d: %w", e.Question, studentID, err)
	}
	return nil
}

// Eligibility returns the stored answer to a question; asked is false when
// the student has not answered it.
func (t *tx) Eligibility(studentID int64, question string) (college.Eligibility, bool, error) {
	e := college.Eligibility{Question: question}
	err := t.queryRow(`SELECT yes FROM eligibility WHERE student_id = ? AND question = ?`,
		studentID, question).Scan(&e.Yes)
	switch {
	case errors.Is(err, college.ErrNotFound):
		return e, false, nil
	case err != nil:
		return e, false, fmt.Errorf("sqlite: reading %s of student %d: %w", question, studentID, err)
	}
	return e, true, nil
}

// Dialogue returns the student's live dialogue, or an empty one when there
// is none or it has expired.
func (t *tx) Dialogue(studentID int64) (college.Dialogue, error) {
	d := college.Dialogue{StudentID: studentID}
	err := t.queryRow(`SELECT state, data, choices, expires_at FROM dialogue
		WHERE student_id = ? AND expires_at > ?`, studentID, t.stamp()).
		Scan(&d.State, jsonCol{&d.Data}, jsonCol{&d.Choices}, timeCol{&d.Expires})
	switch {
	case errors.Is(err, college.ErrNotFound):
		return college.Dialogue{StudentID: studentID}, nil
	case err != nil:
		return d, fmt.Errorf("sqlite: reading dialogue of student %d: %w", studentID, err)
	}
	return d, nil
}

// SaveDialogue stores a dialogue, to expire after college.DialogueTTL unless
// it says otherwise; an empty State clears it.
func (t *tx) SaveDialogue(d college.Dialogue) error {
	if d.State == "" {
		if _, err := t.exec(`DELETE FROM dialogue WHERE student_id = ?`, d.StudentID); err != nil {
			return fmt.Errorf("sqlite: clearing dialogue of student %d: %w", d.StudentID, err)
		}
		return nil
	}
	if d.Expires.IsZero() {
		d.Expires = t.now.Add(college.DialogueTTL)
	}
	data, err := jsonValue(d.Data, "{}")
	if err != nil {
		return err
	}
	choices, err := jsonValue(d.Choices, "[]")
	if err != nil {
		return err
	}
	_, err = t.exec(`INSERT INTO dialogue (student_id, state, data, choices, expires_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (student_id) DO UPDATE SET state = excluded.state,
		data = excluded.data, choices = excluded.choices, expires_at = excluded.expires_at`,
		d.StudentID, d.State, data, choices, formatTime(d.Expires))
	if err != nil {
		return fmt.Errorf("sqlite: saving dialogue of student %d: %w", d.StudentID, err)
	}
	return nil
}

// EraseStudent empties a student's personal fields and removes what ties the
// anonymous row left behind to a person: their contacts, dialogue and
// answers, their queued messages, the text, addresses and shared phone
// numbers of the messages already exchanged, and the comments of their
// feedback. Enrolments, attendance and feedback scores stay, for the
// figures.
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
		{"blanking inbox", `UPDATE inbox SET body = '', payload = '', phone = '',
			address = CASE WHEN processed_at IS NULL THEN address ELSE '' END
			WHERE (channel, address) IN (SELECT channel, address FROM contact WHERE student_id = ?1)`},
		// A number the student shared from another chat, as their own.
		{"blanking shared numbers", `UPDATE inbox SET phone = '' WHERE phone <> ''
			AND phone IN (SELECT address FROM contact WHERE student_id = ?1 AND channel = 'sms')`},
		{"deleting queued messages", `DELETE FROM outbox WHERE student_id = ?1 AND status = 'pending'`},
		// A blank body also stops a retry of a send in flight (see Retry).
		{"blanking outbox", `UPDATE outbox SET body = '', choices = '[]', address = ''
			WHERE student_id = ?1`},
		{"deleting dialogue", `DELETE FROM dialogue WHERE student_id = ?1`},
		{"deleting answers", `DELETE FROM eligibility WHERE student_id = ?1`},
		// Comments are free text, and may name anyone; scores are figures.
		{"blanking feedback comments", `UPDATE feedback SET comment = '' WHERE student_id = ?1`},
		{"deleting contacts", `DELETE FROM contact WHERE student_id = ?1`},
		// Staff can no longer reach them; the closing says why.
		{"closing hand-offs", `UPDATE handoff SET closed_at = (SELECT erased_at FROM student
			WHERE id = ?1) WHERE student_id = ?1 AND closed_at IS NULL`},
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
