package sqlite

import (
	"fmt"
	"time"

	"collegebot/internal/college"
)

// The facts of a report: plain selections and counts over a span [?1, ?2),
// which internal/report turns into figures. A live session is one not
// cancelled, of a course not cancelled.

var _ college.ReportTx = (*tx)(nil)

// liveSession joins a course's live sessions (s) to courses (c).
const liveSession = ` JOIN session s ON s.course_id = c.id AND s.status <> 'cancelled'`

// spanCourses selects the ids of open courses with a live session starting
// in the span, or whose last live session ended in it.
const spanCourses = `SELECT c.id FROM course c` + liveSession + ` WHERE c.status = 'open'
	GROUP BY c.id HAVING sum(s.starts_at >= ?1 AND s.starts_at < ?2) > 0
	OR (max(s.ends_at) >= ?1 AND max(s.ends_at) < ?2)`

// finishedCourses selects the ids of open courses whose last live session
// ended in the span.
const finishedCourses = `SELECT c.id FROM course c` + liveSession + ` WHERE c.status = 'open'
	GROUP BY c.id HAVING max(s.ends_at) >= ?1 AND max(s.ends_at) < ?2`

// reportSpan runs a report query on a span and wraps its error.
func reportSpan[T any](t *tx, what string, scan func(scanner) (T, error), query string, from, to time.Time) ([]T, error) {
	out, err := queryAll(t, scan, query, formatTime(from), formatTime(to))
	if err != nil {
		return nil, fmt.Errorf("sqlite: reading report %s from %s: %w", what, formatTime(from), err)
	}
	return out, nil
}

// ReportTerms returns every term with its first live session's start and
// last one's end, in order of the first (terms with none last, by name).
func (t *tx) ReportTerms() ([]college.TermSpan, error) {
	ts, err := queryAll(t, scanTermSpan, `SELECT t.name, min(s.starts_at), max(s.ends_at) FROM term t
		LEFT JOIN course c ON c.term_id = t.id AND c.status = 'open'
		LEFT JOIN session s ON s.course_id = c.id AND s.status <> 'cancelled'
		GROUP BY t.id ORDER BY min(s.starts_at) IS NULL, min(s.starts_at), t.name`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing terms: %w", err)
	}
	return ts, nil
}

func scanTermSpan(s scanner) (college.TermSpan, error) {
	var ts college.TermSpan
	var first, last *time.Time
	err := s.Scan(&ts.Name, nullTimeCol{&first}, nullTimeCol{&last})
	if first != nil && last != nil {
		ts.First, ts.Last = *first, *last
	}
	return ts, err
}

// ReportStudents returns the registered students created, last active,
// booked at a live session, or marked at a session, in the span.
func (t *tx) ReportStudents(from, to time.Time) ([]college.ReportStudent, error) {
	return reportSpan(t, "students", scanReportStudent, `SELECT st.id, st.created_at,
		st.created_at >= ?1 AND st.created_at < ?2, st.heard, st.describes, st.district
		FROM student st WHERE st.consent_at IS NOT NULL AND (
			(st.created_at >= ?1 AND st.created_at < ?2)
			OR (st.last_active >= ?1 AND st.last_active < ?2)
			OR EXISTS (SELECT 1 FROM enrolment e JOIN course c ON c.id = e.course_id`+liveSession+`
				WHERE e.student_id = st.id AND e.status IN ('booked', 'completed') AND c.status = 'open'
				AND s.starts_at >= ?1 AND s.starts_at < ?2)
			OR EXISTS (SELECT 1 FROM attendance a JOIN session s ON s.id = a.session_id
				WHERE a.student_id = st.id AND s.starts_at >= ?1 AND s.starts_at < ?2))
		ORDER BY st.id`, from, to)
}

func scanReportStudent(s scanner) (college.ReportStudent, error) {
	var r college.ReportStudent
	err := s.Scan(&r.ID, timeCol{&r.Created}, &r.New,
		answerCol{&r.Heard}, answerCol{&r.Describes}, answerCol{&r.District})
	return r, err
}

// ReportCourses returns the open courses with a live session starting in
// the span or whose last live session ended in it, by code.
func (t *tx) ReportCourses(from, to time.Time) ([]college.ReportCourse, error) {
	return reportSpan(t, "courses", scanReportCourse, `SELECT c.id, c.code, c.title, tp.name,
		coalesce(p.name, ''), sum(s.starts_at >= ?1 AND s.starts_at < ?2), count(*), max(s.ends_at)
		FROM course c JOIN topic tp ON tp.id = c.topic_id LEFT JOIN partner p ON p.id = c.partner_id`+liveSession+`
		WHERE c.id IN (`+spanCourses+`) GROUP BY c.id ORDER BY c.code, c.id`, from, to)
}

func scanReportCourse(s scanner) (college.ReportCourse, error) {
	var c college.ReportCourse
	err := s.Scan(&c.ID, &c.Code, &c.Title, &c.Topic, &c.Partner, &c.Sessions, &c.Total, timeCol{&c.LastEnd})
	return c, err
}

// ReportPlaces returns the places booked or completed on the span's
// courses, with the live sessions of the course each student attended.
func (t *tx) ReportPlaces(from, to time.Time) ([]college.ReportPlace, error) {
	return reportSpan(t, "places", scanReportPlace, `SELECT e.student_id, e.course_id,
		(SELECT count(*) FROM attendance a JOIN session s ON s.id = a.session_id
			WHERE a.student_id = e.student_id AND s.course_id = e.course_id
			AND s.status <> 'cancelled' AND a.status = 'attended')
		FROM enrolment e WHERE e.status IN ('booked', 'completed')
		AND e.course_id IN (`+spanCourses+`) ORDER BY e.id`, from, to)
}

func scanReportPlace(s scanner) (college.ReportPlace, error) {
	var p college.ReportPlace
	err := s.Scan(&p.StudentID, &p.CourseID, &p.Attended)
	return p, err
}

// ReportMarks returns the register marks at live sessions starting in the
// span.
func (t *tx) ReportMarks(from, to time.Time) ([]college.ReportMark, error) {
	return reportSpan(t, "marks", scanReportMark, `SELECT a.student_id, s.course_id, a.status
		FROM attendance a JOIN session s ON s.id = a.session_id AND s.status <> 'cancelled'
		JOIN course c ON c.id = s.course_id AND c.status = 'open'
		WHERE s.starts_at >= ?1 AND s.starts_at < ?2 ORDER BY s.id, a.student_id`, from, to)
}

func scanReportMark(s scanner) (college.ReportMark, error) {
	var m college.ReportMark
	err := s.Scan(&m.StudentID, &m.CourseID, &m.Status)
	return m, err
}

// ReportOffers returns the enrolments offered a place in the span. An offer
// leaves no mark on the enrolment once taken or lapsed, but its message
// does: the outbox key "offer:<enrolment>:<time>" (conversation's offer).
func (t *tx) ReportOffers(from, to time.Time) ([]college.ReportOffer, error) {
	return reportSpan(t, "offers", scanReportOffer, `SELECT e.id, e.course_id,
		e.status IN ('booked', 'completed') FROM enrolment e WHERE e.id IN (
			SELECT CAST(substr(o.purpose, 7, instr(substr(o.purpose, 7), ':') - 1) AS INTEGER)
			FROM outbox o WHERE o.purpose LIKE 'offer:%' AND o.created_at >= ?1 AND o.created_at < ?2)
		ORDER BY e.id`, from, to)
}

func scanReportOffer(s scanner) (college.ReportOffer, error) {
	var o college.ReportOffer
	err := s.Scan(&o.EnrolmentID, &o.CourseID, &o.Taken)
	return o, err
}

// ReportScores returns the Friends and Family Test answers (1 to 6) about
// courses whose last live session ended in the span.
func (t *tx) ReportScores(from, to time.Time) ([]college.ReportScore, error) {
	return reportSpan(t, "scores", scanReportScore, `SELECT f.student_id, f.course_id, f.score
		FROM feedback f WHERE f.score BETWEEN 1 AND 6
		AND f.course_id IN (`+finishedCourses+`) ORDER BY f.id`, from, to)
}

func scanReportScore(s scanner) (college.ReportScore, error) {
	var f college.ReportScore
	err := s.Scan(&f.StudentID, &f.CourseID, &f.Score)
	return f, err
}

// ReportMessages counts the messages the provider accepted (sent or
// delivered) by when they were sent, and their segments, by channel. An
// edit of a message already sent is not a message.
func (t *tx) ReportMessages(from, to time.Time) ([]college.MessageCount, error) {
	return reportSpan(t, "messages", scanMessageCount, `SELECT channel, count(*), coalesce(sum(segments), 0)
		FROM outbox WHERE status IN ('sent', 'delivered') AND edit_of = ''
		AND sent_at >= ?1 AND sent_at < ?2 GROUP BY channel ORDER BY channel`, from, to)
}

func scanMessageCount(s scanner) (college.MessageCount, error) {
	var m college.MessageCount
	err := s.Scan(&m.Channel, &m.Messages, &m.Segments)
	return m, err
}
