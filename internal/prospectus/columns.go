package prospectus

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"collegebot/internal/college"
)

// The columns of the prospectus CSV.
const (
	colCode         = "course_code"
	colTitle        = "title"
	colTopic        = "topic"
	colSummary      = "summary"
	colDescription  = "description"
	colMode         = "mode"
	colCapacity     = "capacity"
	colMinAge       = "min_age"
	colCohort       = "cohort"
	colSensitive    = "sensitive"
	colTerm         = "term"
	colFacilitators = "facilitators"
	colPartner      = "partner"
	colStart        = "session_start"
	colEnd          = "session_end"
	colVenue        = "venue"
	colAddress      = "venue_address"
	colPostcode     = "venue_postcode"
	colOnlineURL    = "online_url"
	// colAccess holds a venue's accessibility notes: an extension to the
	// columns of DESIGN.md §5, whose data model has the notes but whose CSV
	// has no column for them.
	colAccess = "venue_access"
)

// Columns returns the standard header of a prospectus CSV, in the order
// Write writes it. The optional venue_access column is not among them.
func Columns() []string {
	return []string{
		colCode, colTitle, colTopic, colSummary, colDescription, colMode,
		colCapacity, colMinAge, colCohort, colSensitive, colTerm,
		colFacilitators, colPartner, colStart, colEnd, colVenue, colAddress,
		colPostcode, colOnlineURL,
	}
}

// requiredColumns returns the columns every file must have.
func requiredColumns() []string {
	return []string{colCode, colTitle, colTopic, colMode, colCapacity, colStart, colEnd}
}

// known reports whether a column name is one Parse understands.
func known(col string) bool {
	for _, c := range Columns() {
		if c == col {
			return true
		}
	}
	return col == colAccess
}

// header maps each column name to its index in a row.
type header map[string]int

// parseHeader reads a header row: names in any order and any case, with
// spaces around them ignored and spaces or dashes inside read as
// underscores ("Course Code" is course_code). It returns the problems with
// it, if any.
func parseHeader(rec []string) (header, []string) {
	h := header{}
	var errs []string
	for i, raw := range rec {
		col := columnName(raw)
		_, dup := h[col]
		switch {
		case col == "":
			errs = append(errs, fmt.Sprintf("column %d has no name", i+1))
		case dup:
			errs = append(errs, fmt.Sprintf("column %q appears twice", col))
		case !known(col):
			errs = append(errs, fmt.Sprintf("unknown column %q", strings.TrimSpace(raw)))
		}
		h[col] = i
	}
	for _, col := range requiredColumns() {
		if _, ok := h[col]; !ok {
			errs = append(errs, fmt.Sprintf("missing column %q", col))
		}
	}
	return h, errs
}

// columnName returns the column a header cell names.
func columnName(cell string) string {
	words := strings.FieldsFunc(strings.ToLower(cell), func(r rune) bool {
		return r == '_' || r == '-' || unicode.IsSpace(r)
	})
	return strings.Join(words, "_")
}

// field is one column's value as Write writes it.
type field struct {
	col, val string
}

// courseFields returns the course columns of c in their written form, which
// is also the form in which Parse compares the rows of one course.
func courseFields(c college.Course) []field {
	return []field{
		{colCode, c.Code},
		{colTitle, c.Title},
		{colTopic, c.Topic},
		{colSummary, c.Summary},
		{colDescription, c.Description},
		{colMode, string(c.Mode)},
		{colCapacity, strconv.Itoa(c.Capacity)},
		{colMinAge, minAgeText(c.MinAge)},
		{colCohort, c.Cohort},
		{colSensitive, yesOrEmpty(c.Sensitive)},
		{colTerm, c.Term},
		{colFacilitators, c.Facilitators},
		{colPartner, c.Partner},
	}
}

// sessionFields returns the session columns of s in their written form,
// with times as wall-clock times in loc.
func sessionFields(s college.SessionSpec, loc *time.Location) []field {
	fs := []field{
		{colStart, formatTime(s.Start, loc)},
		{colEnd, formatTime(s.End, loc)},
		{colOnlineURL, s.OnlineURL},
	}
	if v := s.Venue; v != nil {
		fs = append(fs, field{colVenue, v.Name}, field{colAddress, v.Address},
			field{colPostcode, v.Postcode}, field{colAccess, v.Access})
	}
	return fs
}

// minAgeText writes no minimum age as an empty cell.
func minAgeText(age int) string {
	if age == 0 {
		return ""
	}
	return strconv.Itoa(age)
}

func yesOrEmpty(b bool) string {
	if b {
		return "yes"
	}
	return ""
}
