package college

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Student is someone who has talked to the college. Personal fields are
// emptied on erasure, leaving an anonymous row for the college's figures.
type Student struct {
	ID             int64
	FirstName      string
	Lang           string
	ConsentAt      *time.Time // when they agreed we may keep their details
	ConsentVersion string
	NewsAt         *time.Time // when they said yes to college news; nil if not
	NewsVersion    string
	Discreet       bool // texts must not name a course or health topic
	Heard          Answer
	Describes      Answer
	District       Answer // postcode district, e.g. WF1
	LastActive     time.Time
	ErasedAt       *time.Time
}

// Registered reports whether the student has given a name and consent.
func (s Student) Registered() bool { return s.FirstName != "" && s.ConsentAt != nil }

// Answer is the reply to an optional question, asked at most once.
type Answer struct {
	Asked bool
	Value string // empty when skipped
}

// Contact is one address (a phone number or chat) through which a student is
// reached on one channel.
type Contact struct {
	ID        int64
	StudentID int64
	Channel   Channel
	Address   string
	OptedOut  *time.Time
}

// Describes answers: which best describes the student. Keys are stored; the
// words shown come from the message catalog.
var Describes = []string{"public", "services", "carer", "worker", "rather_not"}

// Eligibility is a self-declared answer to a course's condition.
type Eligibility struct {
	Question string // "age:18" or "cohort:women"
	Yes      bool
}

// AgeQuestion names the question that asks whether a student is at least
// min years old.
func AgeQuestion(min int) string { return "age:" + strconv.Itoa(min) }

// CohortQuestion names the question that asks whether a student belongs to
// a course's cohort.
func CohortQuestion(cohort string) string { return "cohort:" + strings.ToLower(cohort) }

// MinAgeFor returns the age a student must confirm for a course, or 0 when
// the college's own minimum age already covers it (everyone enrolled has
// agreed to that at registration).
func MinAgeFor(c Course, collegeMin int) int {
	if c.MinAge > collegeMin {
		return c.MinAge
	}
	return 0
}

var districtRE = regexp.MustCompile(`^[A-Z]{1,2}[0-9][0-9A-Z]?$`)

// PostcodeDistrict returns the outward part of a UK postcode in its usual
// form ("wf1" or "WF1 2DD" gives "WF1") and whether it has the right shape.
func PostcodeDistrict(s string) (string, bool) {
	s = strings.Map(func(r rune) rune {
		if ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9') {
			return r
		}
		return ' '
	}, strings.ToUpper(s))
	f := strings.Fields(s)
	switch {
	case len(f) == 0:
		return "", false
	case len(f) > 1 && len(f[0]) <= 2 && len(f[1]) <= 2 && !districtRE.MatchString(f[0]):
		s = f[0] + f[1] // "WF 1"
	default:
		s = f[0]
	}
	if len(s) > 4 && !strings.Contains(s, " ") {
		// A full postcode typed without its space: the inward part is 3 long.
		s = s[:len(s)-3]
	}
	return s, districtRE.MatchString(s)
}
