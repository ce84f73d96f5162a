package college_test

import (
	"slices"
	"testing"
	"time"

	"collegebot/internal/college"
)

func TestOfficeHours(t *testing.T) {
	loc := london(t)
	monday := func(day, hour, min int) time.Time { return time.Date(2027, 1, day, hour, min, 0, 0, loc) }
	for _, tt := range []struct {
		hours string
		open  []time.Time
		shut  []time.Time
	}{
		{"Mon-Fri 9-5", []time.Time{monday(11, 9, 0), monday(15, 16, 59)},
			[]time.Time{monday(11, 8, 59), monday(11, 17, 0), monday(16, 10, 0), monday(17, 12, 0)}},
		{"Mon-Fri 09:00-17:00", []time.Time{monday(13, 12, 0)}, []time.Time{monday(13, 17, 30)}},
		{"Mon-Thu 9am-5pm; Fri 9-4:30", []time.Time{monday(14, 16, 59), monday(15, 16, 29)},
			[]time.Time{monday(15, 16, 30), monday(14, 17, 0)}},
		{"Mon, Wed 10-2", []time.Time{monday(11, 13, 59), monday(13, 10, 0)}, []time.Time{monday(12, 11, 0), monday(11, 14, 0)}},
		{"weekdays 8.30-4", []time.Time{monday(11, 8, 30), monday(11, 15, 59)}, []time.Time{monday(11, 8, 29), monday(16, 9, 0)}},
		{"", []time.Time{monday(16, 3, 0)}, nil}, // none given: always
	} {
		oh, err := college.ParseOfficeHours(tt.hours)
		if err != nil {
			t.Errorf("%q: %v", tt.hours, err)
			continue
		}
		for _, at := range tt.open {
			if !oh.Contain(at) {
				t.Errorf("%q does not contain %s", tt.hours, at.Format("Mon 15:04"))
			}
		}
		for _, at := range tt.shut {
			if oh.Contain(at) {
				t.Errorf("%q contains %s", tt.hours, at.Format("Mon 15:04"))
			}
		}
	}
	for _, bad := range []string{"9-5", "Mon-Fri", "Mon-Fri 5pm-9am", "Someday 9-5", "Mon-Fri 9-25", "Mon-Fri nine to five", "Mon 9:5-10"} {
		if _, err := college.ParseOfficeHours(bad); err == nil {
			t.Errorf("%q read as office hours", bad)
		}
		p := college.DefaultProfile()
		p.OfficeHours = bad
		if p.Validate() == nil {
			t.Errorf("a profile with office_hours %q is valid", bad)
		}
	}
}

func TestRepeatAfter(t *testing.T) {
	p := college.DefaultProfile()
	if d, err := p.RepeatAfter(); err != nil || d != 30*time.Minute {
		t.Errorf("default repeat_after: %v, %v; want 30m", d, err)
	}
	p.Safeguarding.RepeatAfter = "1h"
	if d, err := p.RepeatAfter(); err != nil || d != time.Hour {
		t.Errorf("repeat_after 1h: %v, %v", d, err)
	}
	for _, bad := range []string{"soon", "10s", "-5m"} {
		p.Safeguarding.RepeatAfter = bad
		if p.Validate() == nil {
			t.Errorf("repeat_after %q is valid", bad)
		}
	}
}

// TestEscalation: flagged members first, then admins, then staff, one
// new person each repeat, and round again once all have had it.
func TestEscalation(t *testing.T) {
	ms := []college.StaffMember{
		{ID: 1, Name: "Ann", Role: college.StaffRole},
		{ID: 2, Name: "Bea", Role: college.Facilitator},
		{ID: 3, Name: "Cal", Role: college.Admin},
		{ID: 4, Name: "Dee", Role: college.Facilitator, Safeguarding: true},
		{ID: 5, Name: "Eve", Role: college.Admin, Safeguarding: true},
		{ID: 6, Name: "Fin", Role: college.Admin},
	}
	order := college.Escalation(ms)
	if got := ids(order); !slices.Equal(got, []int64{4, 5, 3, 6, 1}) {
		t.Fatalf("escalation %v, want flagged (4 5), admins (3 6), staff (1)", got)
	}
	first, flagged := college.FirstAlerted(ms)
	a := college.Alert{Told: ids(first)}
	if !flagged || !slices.Equal(a.Told, []int64{4, 5}) {
		t.Fatalf("first alerted %v (flagged %v), want 4 and 5", a.Told, flagged)
	}
	reachable := func(m college.StaffMember) bool { return m.ID != 6 } // Fin has no phone
	var next []int64
	for range 5 {
		m, ok := a.NextInLine(order, reachable)
		if !ok {
			t.Fatal("nobody in line")
		}
		next = append(next, m.ID)
		a.Told = append(a.Told, m.ID)
	}
	if !slices.Equal(next, []int64{3, 1, 4, 5, 3}) {
		t.Errorf("repeats went to %v, want 3 1 (new people), then 4 5 3 (round again)", next)
	}
	if _, ok := a.NextInLine(order, func(college.StaffMember) bool { return false }); ok {
		t.Error("someone was next in line when nobody can be reached")
	}
	if first, flagged := college.FirstAlerted(ms[:3]); flagged || !slices.Equal(ids(first), []int64{3}) {
		t.Errorf("with nobody flagged, first alerted %v, want the admin", ids(first))
	}
}

func ids(ms []college.StaffMember) []int64 {
	var out []int64
	for _, m := range ms {
		out = append(out, m.ID)
	}
	return out
}
