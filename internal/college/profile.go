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
	// SMS is what texts cost the college, for broadcast previews.
	SMS SMSCost `toml:"sms"`
	// CompletionShare is the share of a course's sessions a student must
	// attend to complete it ("graduate"); 0 means the default, a half.
	CompletionShare float64 `toml:"completion_share"`
	// CrisisContacts, when set, replaces the nation's crisis contacts in
	// the reply to a message that suggests a crisis.
	CrisisContacts string `toml:"crisis_contacts"`
	// Safeguarding is how crisis alerts repeat to staff.
	Safeguarding Safeguarding `toml:"safeguarding"`
}

// SMSCost is the price of texts and the college's monthly budget for them,
// in pounds.
type SMSCost struct {
	PricePerSegment float64 `toml:"price_per_segment"`
	MonthlyBudget   float64 `toml:"monthly_budget"` // 0 for none
}

// DefaultCompletionShare is the share of sessions a student attends to
// complete a course unless the profile says otherwise.
const DefaultCompletionShare = 0.5

// Completed reports whether a student who attended attended of a course's
// sessions (cancelled ones not counted) completed it.
func (p Profile) Completed(attended, sessions int) bool {
	share := p.CompletionShare
	if share <= 0 {
		share = DefaultCompletionShare
	}
	return sessions > 0 && float64(attended) >= share*float64(sessions)-1e-9
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
		SMS:            SMSCost{PricePerSegment: 0.04, MonthlyBudget: 60},
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
	if p.CompletionShare < 0 || p.CompletionShare > 1 {
		return fmt.Errorf("profile: completion_share %v is not a share between 0 and 1", p.CompletionShare)
	}
	if p.SMS.PricePerSegment < 0 || p.SMS.MonthlyBudget < 0 {
		return fmt.Errorf("profile: sms price_per_segment and monthly_budget cannot be negative")
	}
	if _, err := p.Hold(); err != nil {
		return err
	}
	if err := p.validateTiming(); err != nil {
		return err
	}
	if err := p.validateSafeguarding(); err != nil {
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
