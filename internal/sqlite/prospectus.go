package sqlite

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"collegebot/internal/college"
)

// ImportProspectus makes the stored prospectus match p, in one transaction:
// it adds and updates terms, topics, partners, venues and courses, and
// matches each course's sessions by their order. A changed session is
// updated (and marked moved if its start changed); a stored session beyond
// the course's count is cancelled. onChange, which may be nil, is called in
// the same transaction for each of those sessions, so it can queue messages
// to the students booked. Importing the same prospectus again writes nothing and
// returns a zero result. Courses missing from p are left as they are.
//
// A topic is matched by name in any case, ignoring spaces around it, so the
// first spelling stored stays. A course whose capacity is lowered below the
// places already booked or offered keeps them all, with a warning in the
// result: no one new can book until enough have left.
func (db *DB) ImportProspectus(ctx context.Context, p college.Prospectus,
	onChange func(college.Tx, college.SessionChange) error) (college.ImportResult, error) {
	var res college.ImportResult
	err := db.update(ctx, func(t *tx) error {
		im := importer{t: t, onChange: onChange, venues: map[venueKey]int64{}}
		if err := im.run(p); err != nil {
			return err
		}
		res = im.res
		return nil
	})
	if err != nil {
		return college.ImportResult{}, fmt.Errorf("sqlite: importing prospectus: %w", err)
	}
	return res, nil
}

// HasProspectus reports whether any course is stored.
func (db *DB) HasProspectus(ctx context.Context) (bool, error) {
	var has bool
	err := db.view(ctx, func(t *tx) error {
		return t.queryRow(`SELECT EXISTS (SELECT 1 FROM course)`).Scan(&has)
	})
	if err != nil {
		return false, fmt.Errorf("sqlite: looking for a prospectus: %w", err)
	}
	return has, nil
}

// importer is one run of ImportProspectus.
type importer struct {
	t        *tx
	onChange func(college.Tx, college.SessionChange) error
	res      college.ImportResult
	venues   map[venueKey]int64
	topics   []college.Topic
}

// venueKey is what identifies a venue in a prospectus.
type venueKey struct{ name, postcode string }

// run imports the partners, then every course with its sessions.
func (im *importer) run(p college.Prospectus) error {
	topics, err := im.t.Topics()
	if err != nil {
		return err
	}
	im.topics = topics
	for _, pa := range p.Partners {
		if _, err := im.partner(pa); err != nil {
			return err
		}
	}
	for _, cs := range p.Courses {
		if err := im.course(cs); err != nil {
			return fmt.Errorf("course %s (line %d): %w", cs.Code, cs.Line, err)
		}
	}
	return nil
}

// courseColumns are the columns an import writes, in courseArgs' order.
const courseColumns = `(code, title, topic_id, term_id, summary, description, mode, capacity,
	min_age, cohort, sensitive, facilitators, partner_id)`

// courseValues are the placeholders for courseArgs.
const courseValues = `(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)`

// course adds or updates one course, then its sessions.
func (im *importer) course(cs college.CourseSpec) error {
	args, err := im.courseArgs(cs.Course)
	if err != nil {
		return err
	}
	var id int64
	var capacity int
	err = im.t.queryRow(`SELECT id, capacity FROM course WHERE code = ?`, cs.Code).Scan(&id, &capacity)
	switch {
	case errors.Is(err, college.ErrNotFound):
		err = im.insertCourse(&id, args)
	case err == nil:
		err = im.updateCourse(id, args, capacity > cs.Capacity)
	}
	if err != nil {
		return err
	}
	c, err := im.t.CourseByID(id)
	if err != nil {
		return err
	}
	return im.sessions(c, cs.Sessions)
}

// insertCourse adds a course and sets id.
func (im *importer) insertCourse(id *int64, args []any) error {
	err := im.t.queryRow(`INSERT INTO course `+courseColumns+` VALUES `+courseValues+
		` RETURNING id`, args...).Scan(id)
	if err == nil {
		im.res.CoursesAdded++
	}
	return err
}

// updateCourse rewrites a stored course only where it differs from args;
// lowered says whether its capacity goes down.
func (im *importer) updateCourse(id int64, args []any, lowered bool) error {
	res, err := im.t.exec(`UPDATE course SET `+courseColumns+` = `+courseValues+`
		WHERE id = ?14 AND `+courseColumns+` IS NOT `+courseValues, append(args, id)...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n > 0 {
		im.res.CoursesUpdated++
	}
	if lowered {
		return im.checkCapacity(id)
	}
	return nil
}

// checkCapacity warns when a course has fewer places than are booked or
// offered. Nobody loses a place, but the capacity triggers let no one new
// book (or be offered a place) until enough have left.
func (im *importer) checkCapacity(id int64) error {
	var code string
	var capacity, booked, offered int
	err := im.t.queryRow(`SELECT c.code, c.capacity,
			(SELECT count(*) FROM enrolment WHERE course_id = c.id AND status = 'booked'),
			(SELECT count(*) FROM enrolment WHERE course_id = c.id AND status = 'offered')
		FROM course c WHERE c.id = ?`, id).Scan(&code, &capacity, &booked, &offered)
	if err != nil {
		return fmt.Errorf("counting places: %w", err)
	}
	if booked+offered > capacity {
		im.res.Warnings = append(im.res.Warnings, capacityWarning(code, capacity, booked, offered))
	}
	return nil
}

// capacityWarning says plainly what a capacity below the places taken means.
func capacityWarning(code string, capacity, booked, offered int) string {
	taken := "booked"
	if offered > 0 {
		taken = "booked or offered"
	}
	return fmt.Sprintf("course %s: capacity %d is below the %d places already %s; "+
		"nobody loses a place, but no one new can book until fewer than %d are %s",
		code, capacity, booked+offered, taken, capacity, taken)
}

// courseArgs returns a course's values for courseColumns, adding the topic,
// term and partner it names when they are new.
func (im *importer) courseArgs(c college.Course) ([]any, error) {
	topic, err := im.topic(c.Topic)
	if err != nil {
		return nil, err
	}
	term, err := im.named(`INSERT INTO term (name) VALUES (?1) ON CONFLICT (name) DO NOTHING`,
		`SELECT id FROM term WHERE name = ?`, c.Term)
	if err != nil {
		return nil, err
	}
	partner, err := im.partner(college.Partner{Name: c.Partner})
	if err != nil {
		return nil, err
	}
	return []any{c.Code, c.Title, topic, term, c.Summary, c.Description, c.Mode, c.Capacity,
		c.MinAge, c.Cohort, c.Sensitive, c.Facilitators, partner}, nil
}

// topic returns the id of the stored topic whose name matches name in any
// case and ignoring spaces around it, adding the topic after the others
// when there is none. The first spelling stored stays.
func (im *importer) topic(name string) (int64, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return 0, errors.New("no topic")
	}
	for _, t := range im.topics {
		if strings.EqualFold(strings.TrimSpace(t.Name), name) {
			return t.ID, nil
		}
	}
	t := college.Topic{Name: name}
	err := im.t.queryRow(`INSERT INTO topic (name, position)
		VALUES (?, (SELECT coalesce(max(position), 0) + 1 FROM topic))
		RETURNING id, position`, name).Scan(&t.ID, &t.Position)
	if err != nil {
		return 0, fmt.Errorf("topic %s: %w", name, err)
	}
	im.topics = append(im.topics, t)
	return t.ID, nil
}

// named inserts a row by name unless it exists and returns its id, or NULL
// for an empty name.
func (im *importer) named(insert, lookup, name string) (any, error) {
	if name == "" {
		return nil, nil
	}
	if _, err := im.t.exec(insert, name); err != nil {
		return nil, err
	}
	var id int64
	if err := im.t.queryRow(lookup, name).Scan(&id); err != nil {
		return nil, err
	}
	return id, nil
}

// partner adds a partner or fills in the details it gives, and returns its
// id, or NULL for no name. Details left empty never blank stored ones.
func (im *importer) partner(p college.Partner) (any, error) {
	if p.Name == "" {
		return nil, nil
	}
	_, err := im.t.exec(`INSERT INTO partner (name, kind, contact) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET
			kind = iif(excluded.kind = '', kind, excluded.kind),
			contact = iif(excluded.contact = '', contact, excluded.contact)
		WHERE (excluded.kind <> '' AND excluded.kind <> kind)
		   OR (excluded.contact <> '' AND excluded.contact <> contact)`, p.Name, p.Kind, p.Contact)
	if err != nil {
		return nil, fmt.Errorf("partner %s: %w", p.Name, err)
	}
	var id int64
	if err := im.t.queryRow(`SELECT id FROM partner WHERE name = ?`, p.Name).Scan(&id); err != nil {
		return nil, fmt.Errorf("partner %s: %w", p.Name, err)
	}
	return id, nil
}
