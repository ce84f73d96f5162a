package college

import (
	"fmt"
	"time"
)

// Profile is one college's settings: who it is and how it talks to students.
type Profile struct {
	Name        string `toml:"name"`
	MinAge      int    `toml:"min_age"`
	Nation      string `toml:"nation"` // england, wales, scotland or northern_ireland
	Phone       string `toml:"phone"`  // how to reach a person
	OfficeHours string `toml:"office_hours"`
	PrivacyURL  string `toml:"privacy_url"`
	// ConsentVersion names the wording a student agreed to, recorded with
	// their consent.
	ConsentVersion string `toml:"consent_version"`
	Reminders      struct {
		DayBefore   string `toml:"day_before"`   // local time the day before, "10:00"
		HoursBefore int    `toml:"hours_before"` // the second reminder; 0 for none
	} `toml:"reminders"`
	QuietHours string `toml:"quiet_hours"` // "21:00-08:00": no bulk sends then; "" for none
	OfferHold  string `toml:"offer_hold"`  // how long a waiting-list offer holds a place
	// Retention is how long message texts and inactive students' details
	// are kept.
	Retention Retention `toml:"retention"`
}

// DefaultProfile is the demo college's profile, used when none is given.
func DefaultProfile() Profile {
	p := Profile{
		Name:           "Calderbrook Recovery College",
		MinAge:         16,
		Nation:         "england",
		Phone:          "01924 000 000",
		OfficeHours:    "Mon-Fri 9-5",
		PrivacyURL:     "calderbrook.example/privacy",
		ConsentVersion: "2026-09",
		QuietHours:     "21:00-08:00",
		OfferHold:      "24h",
		Retention:      DefaultRetention(),
	}
	p.Reminders.DayBefore = "10:00"
	p.Reminders.HoursBefore = 2
	return p
}

// Validate reports the first setting that cannot work.
func (p Profile) Validate() error {
	switch {
	case p.Name == "":
		return fmt.Errorf("profile: name is empty")
	case p.MinAge < 0 || p.MinAge > 120:
		return fmt.Errorf("profile: min_age %d is not an age", p.MinAge)
	case p.PrivacyURL == "":
		return fmt.Errorf("profile: privacy_url is empty (students are shown it before they agree)")
	case p.ConsentVersion == "":
		return fmt.Errorf("profile: consent_version is empty")
	}
	if _, err := p.Hold(); err != nil {
		return err
	}
	if err := p.validateTiming(); err != nil {
		return err
	}
	return p.Retention.Validate()
}

// Hold returns how long a waiting-list offer holds a place.
func (p Profile) Hold() (time.Duration, error) {
	if p.OfferHold == "" {
		return OfferHold, nil
	}
	d, err := time.ParseDuration(p.OfferHold)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("profile: offer_hold %q is not a duration such as 24h", p.OfferHold)
	}
	return d, nil
}
