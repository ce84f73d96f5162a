package sqlite

import (
	"database/sql"
	"fmt"

	"collegebot/internal/college"
)

// courseSelect reads courses with the names of their topic, term and partner;
// courseDest scans its columns.
const courseSelect = `SELECT c.id, c.code, c.title, tp.name, c.summary, c.description,
	c.mode, c.capacity, c.min_age, c.cohort, c.sensitive, coalesce(tm.name, ''),
	c.facilitators, coalesce(p.name, '')`

// courseFrom joins a course (c) to the tables courseSelect names.
const courseFrom = ` FROM course c JOIN topic tp ON tp.id = c.topic_id
	LEFT JOIN term tm ON tm.id = c.term_id LEFT JOIN partner p ON p.id = c.partner_id`

// placesLeftOf is the places a course (c) has neither booked nor offered.
const placesLeftOf = `max(0, c.capacity - (SELECT count(*) FROM enrolment e
	WHERE e.course_id = c.id AND e.status IN ('booked', 'offered')))`

// courseDest returns scan destinations for courseSelect's columns.
func courseDest(c *college.Course) []any {
	return []any{&c.ID, &c.Code, &c.Title, &c.Topic, &c.Summary, &c.Description,
		&c.Mode, &c.Capacity, &c.MinAge, &c.Cohort, &c.Sensitive, &c.Term,
		&c.Facilitators, &c.Partner}
}

// Topics returns the prospectus topics in order.
func (t *tx) Topics() ([]college.Topic, error) {
	ts, err := queryAll(t, func(s scanner) (college.Topic, error) {
		var tp college.Topic
		return tp, s.Scan(&tp.ID, &tp.Name, &tp.Position)
	}, `SELECT id, name, position FROM topic ORDER BY position, id`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing topics: %w", err)
	}
	return ts, nil
}

// ListedTopics returns, in order, the topics with an open course that
// still has a session to come, in one query rather than a Listings each.
func (t *tx) ListedTopics() ([]college.Topic, error) {
	ts, err := queryAll(t, func(s scanner) (college.Topic, error) {
		var tp college.Topic
		return tp, s.Scan(&tp.ID, &tp.Name, &tp.Position)
	}, `SELECT id, name, position FROM topic tp WHERE EXISTS (SELECT 1 FROM course c
		JOIN session n ON n.course_id = c.id AND n.status <> 'cancelled' AND n.starts_at > ?
		WHERE c.topic_id = tp.id AND c.status = 'open') ORDER BY position, id`, t.stamp())
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing topics with courses: %w", err)
	}
	return ts, nil
}

// Course returns a course by its code, in any case.
func (t *tx) Course(code string) (college.Course, error) {
	var c college.Course
	err := t.queryRow(courseSelect+courseFrom+` WHERE c.code = ?`, code).Scan(courseDest(&c)...)
	if err != nil {
		return c, fmt.Errorf("sqlite: reading course %q: %w", code, err)
	}
	return c, nil
}

// CourseByID returns a course by id.
func (t *tx) CourseByID(id int64) (college.Course, error) {
	var c college.Course
	err := t.queryRow(courseSelect+courseFrom+` WHERE c.id = ?`, id).Scan(courseDest(&c)...)
	if err != nil {
		return c, fmt.Errorf("sqlite: reading course %d: %w", id, err)
	}
	return c, nil
}

// PlacesLeft returns how many places a course has neither booked nor offered.
func (t *tx) PlacesLeft(courseID int64) (int, error) {
	var n int
	err := t.queryRow(`SELECT `+placesLeftOf+` FROM course c WHERE c.id = ?`, courseID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("sqlite: counting places on course %d: %w", courseID, err)
	}
	return n, nil
}

// Listings returns the open courses of a topic that have a live session
// still to start, each with that session and its places left, in order of
// that session's start, then code.
func (t *tx) Listings(topicID int64) ([]college.CourseListing, error) {
	ls, err := queryAll(t, scanListing, courseSelect+`, `+sessionColumns+`, `+placesLeftOf+courseFrom+`
		JOIN session s ON s.id = (SELECT n.id FROM session n WHERE n.course_id = c.id
			AND n.status <> 'cancelled' AND n.starts_at > ?1 ORDER BY n.starts_at, n.seq LIMIT 1)
		LEFT JOIN venue v ON v.id = s.venue_id
		WHERE c.topic_id = ?2 AND c.status = 'open'
		ORDER BY s.starts_at, c.code`, t.stamp(), topicID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing courses of topic %d: %w", topicID, err)
	}
	return ls, nil
}

// scanListing reads a row of courseSelect, sessionColumns and places left.
func scanListing(s scanner) (college.CourseListing, error) {
	var l college.CourseListing
	var r sessionRow
	dest := append(courseDest(&l.Course), r.dest()...)
	if err := s.Scan(append(dest, &l.PlacesLeft)...); err != nil {
		return l, err
	}
	next := r.session()
	l.Next = &next
	return l, nil
}

// Sessions returns a course's sessions in order, cancelled ones included,
// each with its venue (nil online).
func (t *tx) Sessions(courseID int64) ([]college.Session, error) {
	ss, err := queryAll(t, scanSession, `SELECT `+sessionColumns+` FROM session s
		LEFT JOIN venue v ON v.id = s.venue_id WHERE s.course_id = ? ORDER BY s.seq`, courseID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing sessions of course %d: %w", courseID, err)
	}
	return ss, nil
}

// sessionColumns reads a session (s) and its venue (v), left-joined.
const sessionColumns = `s.id, s.course_id, s.seq, s.starts_at, s.ends_at, s.online_url, s.status,
	v.id, coalesce(v.name, ''), coalesce(v.address, ''), coalesce(v.postcode, ''),
	coalesce(v.access, '')`

// sessionRow is a session being scanned, with a venue that may be missing.
type sessionRow struct {
	s       college.Session
	venueID sql.NullInt64
	v       college.Venue
}

// dest returns scan destinations for sessionColumns.
func (r *sessionRow) dest() []any {
	return []any{&r.s.ID, &r.s.CourseID, &r.s.Seq, timeCol{&r.s.Start}, timeCol{&r.s.End},
		&r.s.OnlineURL, &r.s.Status, &r.venueID, &r.v.Name, &r.v.Address, &r.v.Postcode,
		&r.v.Access}
}

// session returns the scanned session with its venue attached.
func (r *sessionRow) session() college.Session {
	s := r.s
	if r.venueID.Valid {
		v := r.v
		v.ID = r.venueID.Int64
		s.Venue = &v
	}
	return s
}

// scanSession reads a row of sessionColumns.
func scanSession(s scanner) (college.Session, error) {
	var r sessionRow
	err := s.Scan(r.dest()...)
	return r.session(), err
}
