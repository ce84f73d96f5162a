package sqlite

import (
	"fmt"

	"collegebot/internal/college"
)

// sessions matches a course's stored sessions to its specs by order: the
// n-th spec adds or updates session n, and stored sessions beyond the last
// spec are cancelled.
func (im *importer) sessions(c college.Course, specs []college.SessionSpec) error {
	stored, err := im.t.Sessions(c.ID)
	if err != nil {
		return err
	}
	bySeq := make(map[int]college.Session, len(stored))
	for _, s := range stored {
		bySeq[s.Seq] = s
	}
	for i, spec := range specs {
		old, ok := bySeq[i+1]
		if !ok {
			err = im.addSession(c, i+1, spec)
		} else {
			err = im.updateSession(c, old, spec)
		}
		if err != nil {
			return fmt.Errorf("session %d (line %d): %w", i+1, spec.Line, err)
		}
	}
	for _, old := range stored {
		if old.Seq > len(specs) && old.Live() {
			if err := im.cancelSession(c, old); err != nil {
				return fmt.Errorf("cancelling session %d: %w", old.Seq, err)
			}
		}
	}
	return nil
}

// addSession stores a new session of a course.
func (im *importer) addSession(c college.Course, seq int, spec college.SessionSpec) error {
	venue, err := im.venue(spec.Venue)
	if err != nil {
		return err
	}
	_, err = im.t.exec(`INSERT INTO session (course_id, seq, starts_at, ends_at, venue_id, online_url)
		VALUES (?, ?, ?, ?, ?, ?)`, c.ID, seq, formatTime(spec.Start), formatTime(spec.End),
		nullID(venue), spec.OnlineURL)
	if err == nil {
		im.res.SessionsAdded++
	}
	return err
}

// updateSession rewrites a stored session that differs from its spec, or
// that was cancelled and is back, and reports the change.
func (im *importer) updateSession(c college.Course, old college.Session, spec college.SessionSpec) error {
	venue, err := im.venue(spec.Venue)
	if err != nil {
		return err
	}
	var oldVenue int64
	if old.Venue != nil {
		oldVenue = old.Venue.ID
	}
	moved := formatTime(old.Start) != formatTime(spec.Start)
	if !moved && formatTime(old.End) == formatTime(spec.End) && venue == oldVenue &&
		old.OnlineURL == spec.OnlineURL && old.Live() {
		return nil
	}
	status := old.Status
	switch {
	case moved:
		status = college.Moved
	case !old.Live():
		status = college.Scheduled
	}
	_, err = im.t.exec(`UPDATE session SET starts_at = ?, ends_at = ?, venue_id = ?,
		online_url = ?, status = ? WHERE id = ?`, formatTime(spec.Start), formatTime(spec.End),
		nullID(venue), spec.OnlineURL, status, old.ID)
	if err != nil {
		return err
	}
	im.res.SessionsUpdated++
	return im.changed(c, old)
}

// cancelSession cancels a stored session its course no longer lists.
func (im *importer) cancelSession(c college.Course, old college.Session) error {
	if _, err := im.t.exec(`UPDATE session SET status = 'cancelled' WHERE id = ?`, old.ID); err != nil {
		return err
	}
	im.res.SessionsCancelled++
	return im.changed(c, old)
}

// changed records a session's change (markChanged) and tells onChange how
// it was, and now is.
func (im *importer) changed(c college.Course, old college.Session) error {
	if err := im.t.markChanged(old.ID); err != nil {
		return err
	}
	if im.onChange == nil {
		return nil
	}
	s, err := scanSession(im.t.queryRow(`SELECT `+sessionColumns+` FROM session s
		LEFT JOIN venue v ON v.id = s.venue_id WHERE s.id = ?`, old.ID))
	if err != nil {
		return err
	}
	return im.onChange(im.t, college.SessionChange{Course: c, Old: old, New: s})
}

// venue adds a venue or fills in the details it gives, and returns its id,
// or 0 for none. Details left empty never blank stored ones: accessibility
// notes, for one, are kept by staff and are not in the prospectus sheet.
func (im *importer) venue(v *college.Venue) (int64, error) {
	if v == nil || v.Name == "" {
		return 0, nil
	}
	key := venueKey{v.Name, v.Postcode}
	if id, ok := im.venues[key]; ok {
		return id, nil
	}
	_, err := im.t.exec(`INSERT INTO venue (name, postcode, address, access) VALUES (?, ?, ?, ?)
		ON CONFLICT (name, postcode) DO UPDATE SET
			address = iif(excluded.address = '', address, excluded.address),
			access = iif(excluded.access = '', access, excluded.access)
		WHERE (excluded.address <> '' AND excluded.address <> address)
		   OR (excluded.access <> '' AND excluded.access <> access)`,
		v.Name, v.Postcode, v.Address, v.Access)
	if err != nil {
		return 0, fmt.Errorf("venue %s: %w", v.Name, err)
	}
	var id int64
	if err := im.t.queryRow(`SELECT id FROM venue WHERE name = ? AND postcode = ?`,
		v.Name, v.Postcode).Scan(&id); err != nil {
		return 0, fmt.Errorf("venue %s: %w", v.Name, err)
	}
	im.venues[key] = id
	return id, nil
}
