package sqlite

import (
	"fmt"

	"collegebot/internal/college"
)

// members selects the students of each scope of audience; ?1 is the id of
// the course, term or topic it names. A course's students hold a place
// (booked or offered); a term's or topic's hold one or completed a course
// of it; a waiting list's wait for a place.
func members(s college.Scope) string {
	switch s {
	case college.ScopeCourse:
		return `SELECT student_id FROM enrolment WHERE course_id = ?1 AND status IN ('booked', 'offered')`
	case college.ScopeWaiting:
		return `SELECT student_id FROM enrolment WHERE course_id = ?1 AND status = 'waiting'`
	case college.ScopeTerm, college.ScopeTopic:
		return `SELECT DISTINCT e.student_id FROM enrolment e JOIN course co ON co.id = e.course_id
			WHERE co.` + string(s) + `_id = ?1 AND e.status IN ('booked', 'offered', 'completed')`
	}
	return `SELECT id FROM student WHERE ?1 = 0`
}

// recipients picks, for each student of an audience (aud) who may be sent
// the message, one contact to send it to: the one they last wrote from,
// else their first, never one that opted out. Registered students only,
// not erased, with no safeguarding alert open, and with ?2 (news) only
// those who said yes to news; terminal contacts only when terminal is set.
func recipients(terminal bool) string {
	only := ` AND c.channel <> 'terminal'`
	if terminal {
		only = ""
	}
	return `, pick AS (
	SELECT c.id, c.student_id, c.channel, c.address, s.lang, s.discreet,
		row_number() OVER (PARTITION BY c.student_id ORDER BY ` + lastWroteFromFirst + `) AS n
	FROM aud JOIN student s ON s.id = aud.student_id JOIN contact c ON c.student_id = s.id
	WHERE c.opted_out IS NULL AND s.consent_at IS NOT NULL AND s.first_name <> '' AND s.erased_at IS NULL
		AND (?2 = 0 OR s.news_at IS NOT NULL)` + only + notPaused + `)`
}

// notPaused leaves out students with a safeguarding alert not cleared:
// automated messages to them pause until staff clear it.
const notPaused = `
		AND NOT EXISTS (SELECT 1 FROM alert a WHERE a.student_id = s.id AND a.cleared_at IS NULL)`

// chosen keeps each student's one contact, on channel ?3 when it is set.
const chosen = ` FROM pick WHERE n = 1 AND (?3 = '' OR channel = ?3)`

// audienceQuery is the query over an audience's recipients that ends in
// tail, whose FROM is chosen.
func audienceQuery(a college.Audience, head, tail string) string {
	return `WITH aud(student_id) AS (` + members(a.Scope) + `)` + recipients(a.Terminal) + head + tail + chosen
}

// reachCounts counts an audience's recipients by channel, and the
// discreet, for reachDest.
const reachCounts = `coalesce(sum(channel = 'sms'), 0), coalesce(sum(channel = 'telegram'), 0),
	coalesce(sum(channel = 'terminal'), 0), coalesce(sum(discreet), 0)`

// reachDest is where a row of reachCounts is read into.
func reachDest(r *college.Reach) []any { return []any{&r.SMS, &r.Telegram, &r.Terminal, &r.Discreet} }

// Reach counts who an audience reaches with a kind of message, by channel.
func (t *tx) Reach(a college.Audience, kind college.Kind) (college.Reach, error) {
	var r college.Reach
	id, err := t.scopeID(a)
	if err != nil {
		return r, err
	}
	q := audienceQuery(a, " ", `SELECT `+reachCounts)
	err = t.queryRow(q, id, kind == college.KindNews, a.Channel).Scan(reachDest(&r)...)
	if err != nil {
		return r, fmt.Errorf("sqlite: counting audience %s: %w", a, err)
	}
	return r, nil
}

// QueueBroadcast writes a draft's message to the outbox, in one
// statement, for everyone its audience reaches now, as bulk keyed
// broadcast:<id>:<contact>, and marks it queued. Each student gets the
// message in their language (m.Langs, passed as JSON and read as the
// table msg), or m.Text when it has none. A broadcast that is not a draft
// is ErrConflict, and queues nothing.
func (t *tx) QueueBroadcast(b college.Broadcast, m college.BroadcastMessage) (int, error) {
	err := t.setBroadcast(b.ID, `UPDATE broadcast SET status = 'queued', queued_at = ?2,
		notify_channel = ?3, notify_address = ?4 WHERE id = ?1 AND status = 'draft'`,
		t.stamp(), b.NotifyChannel, b.NotifyAddress)
	if err != nil {
		return 0, fmt.Errorf("sqlite: queuing broadcast %d: %w", b.ID, err)
	}
	id, err := t.scopeID(b.Audience)
	if err != nil {
		return 0, fmt.Errorf("sqlite: queuing broadcast %d: %w", b.ID, err)
	}
	notBefore := m.NotBefore
	if notBefore.IsZero() {
		notBefore = t.now
	}
	langs, err := langMessages(m)
	if err != nil {
		return 0, fmt.Errorf("sqlite: queuing broadcast %d: %w", b.ID, err)
	}
	q := audienceQuery(b.Audience, `, msg(lang, body, segments) AS MATERIALIZED (SELECT key,
		json_extract(value, '$.text'), json_extract(value, '$.segments') FROM json_each(?11))
		INSERT INTO outbox (purpose, student_id, channel, address,
		kind, priority, lang, body, segments, not_before, created_at, broadcast_id) `,
		`SELECT 'broadcast:' || ?4 || ':' || id, student_id, channel, address, ?5, ?6, lang,
		coalesce((SELECT body FROM msg WHERE msg.lang = pick.lang), ?7),
		CASE channel WHEN 'sms' THEN coalesce((SELECT segments FROM msg WHERE msg.lang = pick.lang), ?8) ELSE 0 END,
		?9, ?10, ?4`) + ` ON CONFLICT (purpose) DO NOTHING`
	res, err := t.exec(q, id, b.Kind == college.KindNews, b.Audience.Channel, b.ID, b.Kind, college.Bulk,
		m.Text, m.Segments, formatTime(notBefore), t.stamp(), langs)
	if err != nil {
		return 0, fmt.Errorf("sqlite: queuing broadcast %d: %w", b.ID, err)
	}
	n, err := res.RowsAffected()
	if err == nil {
		_, err = t.exec(`UPDATE broadcast SET recipients = ? WHERE id = ?`, n, b.ID)
	}
	return int(n), err
}

// scopeID returns the id of the course, term or topic an audience names,
// or ErrNotFound, or 0 for everyone.
func (t *tx) scopeID(a college.Audience) (int64, error) {
	var id int64
	var err error
	switch a.Scope {
	case college.ScopeAll:
		return 0, nil
	case college.ScopeCourse, college.ScopeWaiting:
		var c college.Course
		c, err = t.Course(a.Name)
		id = c.ID
	case college.ScopeTerm:
		err = t.queryRow(`SELECT id FROM term WHERE name = ? COLLATE NOCASE`, a.Name).Scan(&id)
	case college.ScopeTopic:
		err = t.queryRow(`SELECT id FROM topic WHERE name = ?`, a.Name).Scan(&id)
	default:
		return 0, fmt.Errorf("sqlite: audience %s: %w", a, college.ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("sqlite: no %s %q: %w", a.Scope, a.Name, err)
	}
	return id, nil
}
