package college_test

import (
	"testing"
	"time"
	_ "time/tzdata" // Europe/London without the system's zone database

	"collegebot/internal/college"
)

// london is the default college zone; 2026's clocks go forward at 01:00 UTC
// on 29 March and back at 01:00 UTC on 25 October.
func london(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// utc is a time in UTC, to the minute.
func utc(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

func TestReminderDue(t *testing.T) {
	loc := london(t)
	p := college.DefaultProfile()
	evening := college.DefaultProfile()
	evening.Reminders.DayBefore, evening.Reminders.HoursBefore = "18:30", 5
	for _, tt := range []struct {
		name  string
		p     college.Profile
		start time.Time // UTC
		kind  college.ReminderKind
		want  time.Time // UTC
	}{
		{"winter: 10:00 GMT the day before", p, utc(2026, 3, 3, 10, 0), college.DayBefore, utc(2026, 3, 2, 10, 0)},
		{"summer: 10:00 BST the day before", p, utc(2026, 6, 2, 9, 0), college.DayBefore, utc(2026, 6, 1, 9, 0)},
		{"Monday after spring forward: Sunday 10:00 BST", p, utc(2026, 3, 30, 9, 0), college.DayBefore, utc(2026, 3, 29, 9, 0)},
		{"Sunday of spring forward: Saturday 10:00 GMT, 23 hours before", p, utc(2026, 3, 29, 9, 0), college.DayBefore, utc(2026, 3, 28, 10, 0)},
		{"Monday after fall back: Sunday 10:00 GMT", p, utc(2026, 10, 26, 10, 0), college.DayBefore, utc(2026, 10, 25, 10, 0)},
		{"Sunday of fall back: Saturday 10:00 BST, 25 hours before", p, utc(2026, 10, 25, 10, 0), college.DayBefore, utc(2026, 10, 24, 9, 0)},
		{"00:30 BST Monday is Monday locally (Sunday in UTC)", p, utc(2026, 6, 7, 23, 30), college.DayBefore, utc(2026, 6, 7, 9, 0)},
		{"first of the month: the last of the one before", p, utc(2026, 4, 1, 9, 0), college.DayBefore, utc(2026, 3, 31, 9, 0)},
		{"another time of day", evening, utc(2026, 3, 30, 9, 0), college.DayBefore, utc(2026, 3, 29, 17, 30)},
		{"soon: 2 hours before", p, utc(2026, 3, 3, 10, 0), college.Soon, utc(2026, 3, 3, 8, 0)},
		{"soon across spring forward: absolute hours", p, utc(2026, 3, 29, 2, 0), college.Soon, utc(2026, 3, 29, 0, 0)},
		{"soon across fall back: absolute hours", p, utc(2026, 10, 25, 2, 0), college.Soon, utc(2026, 10, 25, 0, 0)},
		{"soon, 5 hours", evening, utc(2026, 3, 3, 10, 0), college.Soon, utc(2026, 3, 3, 5, 0)},
	} {
		s := college.Session{Start: tt.start, End: tt.start.Add(2 * time.Hour)}
		if got := college.ReminderDue(s, tt.kind, tt.p, loc); !got.Equal(tt.want) {
			t.Errorf("%s: ReminderDue = %v, want %v", tt.name, got.UTC(), tt.want)
		}
	}
}

func TestFollowUpsGoAtTenTheNextDay(t *testing.T) {
	loc := london(t)
	for _, tt := range []struct {
		name       string
		start, end time.Time // UTC
		want       time.Time // UTC
	}{
		{"winter", utc(2026, 3, 3, 10, 0), utc(2026, 3, 3, 12, 0), utc(2026, 3, 4, 10, 0)},
		{"Saturday before spring forward: Sunday 10:00 BST", utc(2026, 3, 28, 18, 0), utc(2026, 3, 28, 20, 0), utc(2026, 3, 29, 9, 0)},
		{"Saturday before fall back: Sunday 10:00 GMT", utc(2026, 10, 24, 17, 0), utc(2026, 10, 24, 19, 0), utc(2026, 10, 25, 10, 0)},
		{"ends after local midnight: the day after that", utc(2026, 6, 1, 21, 0), utc(2026, 6, 1, 23, 30), utc(2026, 6, 3, 9, 0)},
	} {
		s := college.Session{Start: tt.start, End: tt.end}
		if got := college.FeedbackDue(s, loc); !got.Equal(tt.want) {
			t.Errorf("%s: FeedbackDue = %v, want %v", tt.name, got.UTC(), tt.want)
		}
		if got := college.MissedYouDue(s, loc); !got.Equal(tt.want) {
			t.Errorf("%s: MissedYouDue = %v, want %v", tt.name, got.UTC(), tt.want)
		}
	}
}

func TestQuietUntil(t *testing.T) {
	loc := london(t)
	p := college.DefaultProfile() // 21:00-08:00
	lunch, none := p, p
	lunch.QuietHours, none.QuietHours = "12:00-14:00", ""
	sec := func(t time.Time) time.Time { return t.Add(-time.Second) }
	for _, tt := range []struct {
		name string
		p    college.Profile
		at   time.Time // UTC
		want time.Time // UTC; equal to at when outside
	}{
		{"day", p, utc(2026, 3, 3, 12, 0), utc(2026, 3, 3, 12, 0)},
		{"a second before the window", p, sec(utc(2026, 3, 3, 21, 0)), sec(utc(2026, 3, 3, 21, 0))},
		{"the window's start is inside", p, utc(2026, 3, 3, 21, 0), utc(2026, 3, 4, 8, 0)},
		{"before midnight: next morning", p, utc(2026, 3, 3, 23, 30), utc(2026, 3, 4, 8, 0)},
		{"after midnight: this morning", p, utc(2026, 3, 4, 6, 0), utc(2026, 3, 4, 8, 0)},
		{"a second before the end", p, sec(utc(2026, 3, 4, 8, 0)), utc(2026, 3, 4, 8, 0)},
		{"the window's end is outside", p, utc(2026, 3, 4, 8, 0), utc(2026, 3, 4, 8, 0)},
		{"summer evening: 21:00 BST", p, utc(2026, 6, 1, 20, 0), utc(2026, 6, 2, 7, 0)},
		{"summer, 20:30 BST is outside", p, utc(2026, 6, 1, 19, 30), utc(2026, 6, 1, 19, 30)},
		{"night of spring forward: 08:00 BST, a 10-hour night", p, utc(2026, 3, 28, 22, 0), utc(2026, 3, 29, 7, 0)},
		{"in the skipped hour's place", p, utc(2026, 3, 29, 1, 30), utc(2026, 3, 29, 7, 0)},
		{"07:30 BST on the change day", p, utc(2026, 3, 29, 6, 30), utc(2026, 3, 29, 7, 0)},
		{"08:00 BST on the change day is outside", p, utc(2026, 3, 29, 7, 0), utc(2026, 3, 29, 7, 0)},
		{"night of fall back: 08:00 GMT, a 12-hour night", p, utc(2026, 10, 24, 20, 0), utc(2026, 10, 25, 8, 0)},
		{"01:30 BST, the first of the repeated hour", p, utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 8, 0)},
		{"01:30 GMT, the second", p, utc(2026, 10, 25, 1, 30), utc(2026, 10, 25, 8, 0)},
		{"07:00 UTC on fall-back day is 07:00 GMT: inside", p, utc(2026, 10, 25, 7, 0), utc(2026, 10, 25, 8, 0)},
		{"lunch window: inside", lunch, utc(2026, 3, 3, 12, 30), utc(2026, 3, 3, 14, 0)},
		{"lunch window: evening is outside", lunch, utc(2026, 3, 3, 23, 0), utc(2026, 3, 3, 23, 0)},
		{"lunch window in summer: 14:00 BST", lunch, utc(2026, 6, 1, 11, 0), utc(2026, 6, 1, 13, 0)},
		{"no quiet hours", none, utc(2026, 3, 3, 23, 0), utc(2026, 3, 3, 23, 0)},
	} {
		got := college.QuietUntil(tt.at, tt.p, loc)
		if !got.Equal(tt.want) {
			t.Errorf("%s: QuietUntil(%v) = %v, want %v", tt.name, tt.at, got.UTC(), tt.want)
		}
		if in := college.InQuietHours(tt.at, tt.p, loc); in != tt.want.After(tt.at) {
			t.Errorf("%s: InQuietHours(%v) = %v", tt.name, tt.at, in)
		}
	}
}

func TestProfileValidateTiming(t *testing.T) {
	ok := map[string]func(*college.Profile){
		"no quiet hours":           func(p *college.Profile) { p.QuietHours = "" },
		"quiet not wrapping":       func(p *college.Profile) { p.QuietHours = "12:00-13:30" },
		"no second reminder":       func(p *college.Profile) { p.Reminders.HoursBefore = 0 },
		"two days before":          func(p *college.Profile) { p.Reminders.HoursBefore = 48 },
		"midnight the day before":  func(p *college.Profile) { p.Reminders.DayBefore = "00:00" },
		"day before held to 08:00": func(p *college.Profile) { p.Reminders.DayBefore = "07:00" },
		"day before in lunch quiet": func(p *college.Profile) {
			p.QuietHours, p.Reminders.DayBefore = "12:00-14:00", "13:00"
		},
	}
	bad := map[string]func(*college.Profile){
		"day before empty":              func(p *college.Profile) { p.Reminders.DayBefore = "" },
		"day before one digit":          func(p *college.Profile) { p.Reminders.DayBefore = "9:30" },
		"day before 24:00":              func(p *college.Profile) { p.Reminders.DayBefore = "24:00" },
		"day before 10:60":              func(p *college.Profile) { p.Reminders.DayBefore = "10:60" },
		"day before words":              func(p *college.Profile) { p.Reminders.DayBefore = "ten" },
		"hours before negative":         func(p *college.Profile) { p.Reminders.HoursBefore = -1 },
		"hours before too many":         func(p *college.Profile) { p.Reminders.HoursBefore = 49 },
		"quiet one time":                func(p *college.Profile) { p.QuietHours = "21:00" },
		"quiet empty end":               func(p *college.Profile) { p.QuietHours = "21:00-" },
		"quiet bad hour":                func(p *college.Profile) { p.QuietHours = "25:00-08:00" },
		"quiet spaces":                  func(p *college.Profile) { p.QuietHours = "21:00 - 08:00" },
		"quiet starts where ends":       func(p *college.Profile) { p.QuietHours = "08:00-08:00" },
		"day before held past midnight": func(p *college.Profile) { p.Reminders.DayBefore = "21:30" },
	}
	for name, mutate := range ok {
		p := college.DefaultProfile()
		mutate(&p)
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	for name, mutate := range bad {
		p := college.DefaultProfile()
		mutate(&p)
		if err := p.Validate(); err == nil {
			t.Errorf("%s: Validate accepted it", name)
		}
	}
}
