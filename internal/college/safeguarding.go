package college

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Safeguarding is how the college's staff handle crisis alerts.
type Safeguarding struct {
	// RepeatAfter is how long an alert waits for someone to acknowledge
	// it before it repeats to the next person, in office hours: "30m".
	RepeatAfter string `toml:"repeat_after"`
}

// DefaultRepeatAfter is how long an alert waits to repeat unless the
// profile says otherwise.
const DefaultRepeatAfter = 30 * time.Minute

// Nations are the nations whose crisis contacts the catalog holds, by
// the profile's nation; England is the default.
var Nations = []string{"england", "wales", "scotland", "northern_ireland"}

// maxCrisisContacts is the longest crisis_contacts a profile may give:
// with the reply's opening it still fits two SMS segments.
const maxCrisisContacts = 240

// CrisisNation returns the nation whose crisis contacts the college's
// students are given: the profile's, or England.
// "Northern Ireland" and "northern-ireland" are read as northern_ireland.
func (p Profile) CrisisNation() string {
	n := strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(strings.TrimSpace(p.Nation)))
	if n == "" {
		return "england"
	}
	return n
}

// RepeatAfter returns how long an alert waits to repeat.
func (p Profile) RepeatAfter() (time.Duration, error) {
	if p.Safeguarding.RepeatAfter == "" {
		return DefaultRepeatAfter, nil
	}
	d, err := time.ParseDuration(p.Safeguarding.RepeatAfter)
	if err != nil || d < time.Minute {
		return 0, fmt.Errorf("profile: safeguarding.repeat_after %q is not a duration of a minute or more, such as 30m",
			p.Safeguarding.RepeatAfter)
	}
	return d, nil
}

// InOfficeHours reports whether t falls within the college's office
// hours. A profile with none ("") is always in them.
func (p Profile) InOfficeHours(t time.Time, loc *time.Location) bool {
	oh, err := ParseOfficeHours(p.OfficeHours)
	return err != nil || oh.Contain(t.In(loc))
}

// validateSafeguarding reports the first safeguarding setting that cannot
// work: the nation, the college's own crisis contacts, office hours and
// how long an alert waits.
func (p Profile) validateSafeguarding() error {
	if n := p.CrisisNation(); !slices.Contains(Nations, n) {
		return fmt.Errorf("profile: nation %q is not one of %s", p.Nation, strings.Join(Nations, ", "))
	}
	if err := validContacts(p.CrisisContacts); err != nil {
		return err
	}
	if _, err := ParseOfficeHours(p.OfficeHours); err != nil {
		return fmt.Errorf("profile: office_hours %q is not days and hours such as \"Mon-Fri 9-5\" or "+
			"\"Mon-Thu 09:00-17:00; Fri 09:00-16:30\": %w", p.OfficeHours, err)
	}
	_, err := p.RepeatAfter()
	return err
}

// validContacts checks a college's own crisis contacts: plain characters
// that every phone shows and SMS sends at full length, a number to call
// or text, and short enough for the reply to fit two texts.
func validContacts(s string) error {
	if s == "" {
		return nil
	}
	if n := utf8.RuneCountInString(s); n > maxCrisisContacts {
		return fmt.Errorf("profile: crisis_contacts is %d characters; keep it to %d so the reply fits two texts", n, maxCrisisContacts)
	}
	for _, r := range s {
		if r < ' ' || r > '~' || strings.ContainsRune("[]{}~^|\\`", r) {
			return fmt.Errorf("profile: crisis_contacts has %q: use plain letters, digits and punctuation, "+
				"no curly quotes, dashes or emoji, so it goes as plain SMS", r)
		}
	}
	if !strings.ContainsAny(s, "0123456789") {
		return fmt.Errorf("profile: crisis_contacts %q has no number to call or text", s)
	}
	return nil
}
