package college_test

import (
	"testing"
	"time"

	"collegebot/internal/college"
)

func TestPostcodeDistrict(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"WF1", "WF1", true}, {"wf1", "WF1", true}, {" WF1 2DD ", "WF1", true}, {"wf12dd", "WF1", true},
		{"M1", "M1", true}, {"EC1A", "EC1A", true}, {"EC1A 1BB", "EC1A", true}, {"SW1A1AA", "SW1A", true},
		{"WF1.", "WF1", true}, {"wf 1", "WF1", true}, {"WF1 2DD", "WF1", true},
		{"near the park", "NEAR", false}, {"12345", "12", false}, {"", "", false}, {"W", "W", false},
	} {
		got, ok := college.PostcodeDistrict(tt.in)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("PostcodeDistrict(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestOfferExpiry(t *testing.T) {
	now := time.Date(2027, 1, 11, 9, 0, 0, 0, time.UTC)
	at := func(h int) *college.Session { return &college.Session{Start: now.Add(time.Duration(h) * time.Hour)} }
	for _, tt := range []struct {
		name string
		next *college.Session
		want time.Time
	}{
		{"no session", nil, now.Add(24 * time.Hour)},
		{"session far off", at(72), now.Add(24 * time.Hour)},
		{"session tomorrow morning: three hours before it", at(20), now.Add(17 * time.Hour)},
		{"session within three hours: the full hold, not a time already past", at(2), now.Add(24 * time.Hour)},
	} {
		if got := college.OfferExpiry(now, college.OfferHold, tt.next); !got.Equal(tt.want) {
			t.Errorf("%s: OfferExpiry = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestNextSession(t *testing.T) {
	now := time.Date(2027, 1, 11, 9, 0, 0, 0, time.UTC)
	ss := []college.Session{
		{ID: 1, Start: now.Add(-time.Hour), Status: college.Scheduled},
		{ID: 2, Start: now.Add(time.Hour), Status: college.Cancelled},
		{ID: 3, Start: now.Add(2 * time.Hour), Status: college.Moved},
	}
	if s, ok := college.NextSession(ss, now); !ok || s.ID != 3 {
		t.Errorf("NextSession = %d, %v; want 3", s.ID, ok)
	}
	if _, ok := college.NextSession(ss[:2], now); ok {
		t.Error("a started and a cancelled session give a next session")
	}
}

func TestEnrolmentStatus(t *testing.T) {
	holds := map[college.EnrolmentStatus]bool{college.Booked: true, college.Offered: true}
	for _, s := range []college.EnrolmentStatus{college.Booked, college.Waiting, college.Offered, college.Dropped, college.Completed} {
		if s.HoldsPlace() != holds[s] {
			t.Errorf("%s.HoldsPlace() = %v", s, s.HoldsPlace())
		}
		if s.Active() != (s != college.Dropped && s != college.Completed) {
			t.Errorf("%s.Active() = %v", s, s.Active())
		}
	}
}

func TestProfileValidate(t *testing.T) {
	if err := college.DefaultProfile().Validate(); err != nil {
		t.Fatalf("default profile: %v", err)
	}
	for name, mutate := range map[string]func(*college.Profile){
		"no name":        func(p *college.Profile) { p.Name = "" },
		"negative age":   func(p *college.Profile) { p.MinAge = -1 },
		"no privacy url": func(p *college.Profile) { p.PrivacyURL = "" },
		"no consent":     func(p *college.Profile) { p.ConsentVersion = "" },
		"bad hold":       func(p *college.Profile) { p.OfferHold = "a day" },
		"zero hold":      func(p *college.Profile) { p.OfferHold = "0s" },
	} {
		p := college.DefaultProfile()
		mutate(&p)
		if err := p.Validate(); err == nil {
			t.Errorf("%s: Validate accepted it", name)
		}
	}
}

func TestFacilitates(t *testing.T) {
	c := college.Course{Facilitators: "Sam Green (peer trainer), Dr Ade Okafor; Jo Ince"}
	tests := []struct {
		name string
		want bool
	}{
		{"Sam Green", true}, {"sam green", true}, {"Dr Ade Okafor", true}, {"Jo Ince", true},
		{"Sam", false}, {"Green", false}, {"", false}, {"Ade Okafor", false},
	}
	for _, tt := range tests {
		if got := (college.StaffMember{Name: tt.name}).Facilitates(c); got != tt.want {
			t.Errorf("%q facilitates = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestRoleCan(t *testing.T) {
	if !college.Admin.Can(college.StaffRole) || !college.StaffRole.Can(college.Facilitator) ||
		college.Facilitator.Can(college.StaffRole) || college.StaffRole.Can(college.Admin) || college.Role("boss").Can(college.Facilitator) {
		t.Error("roles do not nest admin > staff > facilitator")
	}
}
