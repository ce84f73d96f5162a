package staff

import (
	"strings"
	"time"

	"collegebot/internal/college"
)

// Move is when and where staff ask a session to meet instead, as they
// type it. Fields left empty keep what the session had.
type Move struct {
	// Start is the new start, local time: "2026-03-03 11:00", "11:00" on
	// the session's date, or "2026-03-03" at its time. Empty keeps it.
	Start string
	// End is the new end: a time on the new start's date, or a date and
	// time. Empty keeps the session's length.
	End string
	// Venue is a known venue's name, in any case. With VenueAddress or
	// VenuePostcode, a venue not yet known is added.
	Venue                       string
	VenueAddress, VenuePostcode string
	// Online is a link: the session meets online.
	Online string
}

// MoveSession moves the session ref names ("MH1/2") and tells the
// students booked on its course.
func MoveSession(tx college.OfficeTx, n college.ChangeNotifier, ref string, m Move, loc *time.Location) (Change, error) {
	c, s, err := FindSession(tx, ref, loc)
	if err != nil {
		return Change{}, err
	}
	switch {
	case !s.Live():
		return Change{}, problemf("%s/%d is cancelled, so it cannot be moved.", c.Code, s.Seq)
	case !s.Start.After(tx.Now()):
		return Change{}, problemf("%s/%d has started or taken place, so it cannot be moved.", c.Code, s.Seq)
	}
	to, err := m.resolve(tx, s, loc)
	if err != nil {
		return Change{}, err
	}
	if sameMove(to, movedTo(s)) {
		return Change{}, problemf("%s/%d already meets then and there.", c.Code, s.Seq)
	}
	now, err := tx.MoveSession(s.ID, to)
	if err != nil {
		return Change{}, err
	}
	return tellChange(tx, n, Change{Course: c, Old: s, New: now})
}

// movedTo is where and when a session meets now, as a move would say it.
func movedTo(s college.Session) college.SessionMove {
	to := college.SessionMove{Start: s.Start, End: s.End, OnlineURL: s.OnlineURL}
	if s.Venue != nil {
		to.VenueID = s.Venue.ID
	}
	return to
}

// sameMove reports whether two moves meet at the same instants (however
// their times' zones are written) and the same place.
func sameMove(a, b college.SessionMove) bool {
	return a.Start.Equal(b.Start) && a.End.Equal(b.End) && a.VenueID == b.VenueID && a.OnlineURL == b.OnlineURL
}

// resolve applies a move to a session: its new times, and its new venue
// or link.
func (m Move) resolve(tx college.OfficeTx, s college.Session, loc *time.Location) (college.SessionMove, error) {
	to := movedTo(s)
	if m.Start != "" {
		start, err := parseWhen(m.Start, s.Start, loc)
		if err != nil {
			return to, err
		}
		to.Start, to.End = start, start.Add(s.End.Sub(s.Start))
	}
	if m.End != "" {
		end, err := parseWhen(m.End, to.Start, loc)
		if err != nil {
			return to, err
		}
		to.End = end
	}
	when := func(t time.Time) string { return t.In(loc).Format("Mon 2 Jan 15:04") }
	switch {
	case !to.Start.After(tx.Now()):
		return to, problemf("The new time, %s, has passed.", when(to.Start))
	case !to.End.After(to.Start):
		return to, problemf("The session would end (%s) before it starts (%s).", when(to.End), when(to.Start))
	case m.Venue != "" && m.Online != "":
		return to, problemf("Give a venue or an online link, not both.")
	case m.Online != "":
		if !strings.HasPrefix(m.Online, "https://") && !strings.HasPrefix(m.Online, "http://") {
			return to, problemf("%q is not a link: it starts https://.", m.Online)
		}
		to.VenueID, to.OnlineURL = 0, m.Online
	case m.Venue != "":
		v, err := findVenue(tx, m)
		if err != nil {
			return to, err
		}
		to.VenueID, to.OnlineURL = v.ID, ""
	}
	return to, nil
}

// findVenue returns the venue a move names, matched by name in any case
// (and postcode, when given), or adds it when its address or postcode is
// given and no venue matches.
func findVenue(tx college.OfficeTx, m Move) (college.Venue, error) {
	vs, err := tx.Venues()
	if err != nil {
		return college.Venue{}, err
	}
	var found, named []college.Venue
	for _, v := range vs {
		if strings.EqualFold(v.Name, strings.TrimSpace(m.Venue)) {
			named = append(named, v)
			if m.VenuePostcode == "" || postcodeKey(v.Postcode) == postcodeKey(m.VenuePostcode) {
				found = append(found, v)
			}
		}
	}
	switch {
	case len(found) == 1:
		return found[0], nil
	case len(found) > 1:
		return college.Venue{}, problemf("%d venues are called %s: give the postcode too (%s).",
			len(found), m.Venue, strings.Join(venueNames(found), "; "))
	case m.VenueAddress != "" || m.VenuePostcode != "":
		return tx.AddVenue(college.Venue{Name: strings.TrimSpace(m.Venue), Address: strings.TrimSpace(m.VenueAddress),
			Postcode: strings.ToUpper(strings.TrimSpace(m.VenuePostcode))})
	}
	return college.Venue{}, problemf("There is no venue called %s. The venues are: %s. "+
		"(collegebot session move adds one given --venue-address or --venue-postcode.)",
		m.Venue, strings.Join(venueNames(vs), "; "))
}

// venueNames shows venues by name and postcode.
func venueNames(vs []college.Venue) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = strings.TrimSpace(v.Name + " " + v.Postcode)
	}
	if len(out) == 0 {
		out = []string{"none yet"}
	}
	return out
}

// postcodeKey is a postcode for comparing: upper case, no spaces.
func postcodeKey(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// parseWhen reads a local time as staff write it: "2026-03-03 10:00";
// "10:00" on the same date as day; or "2026-03-03" at day's time of day.
func parseWhen(s string, day time.Time, loc *time.Location) (time.Time, error) {
	s = strings.Join(strings.Fields(s), " ")
	switch {
	case dateWord.MatchString(s):
		s += " " + day.In(loc).Format("15:04")
	case !strings.Contains(s, " "):
		s = day.In(loc).Format("2006-01-02") + " " + s
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		return t, problemf("%q is not a date and time such as 2026-03-03 10:00.", s)
	}
	return t, nil
}
