package demo

import "testing"

func TestProspectusAcrossClockChanges(t *testing.T) {
	loc := london(t)
	tests := []struct {
		today string
		code  string // a course whose sessions straddle the change
		local string // its wall-clock start
		utc   []string
	}{
		// Clocks go forward on 28 March 2027: 18:00 GMT, then 18:00 BST.
		{"2027-03-20", "MH1", "Tue 18:00", []string{"18:00", "17:00", "17:00"}},
		// Clocks go back on 25 October 2026: 13:30 BST, then 13:30 GMT.
		{"2026-10-20", "GA1", "Fri 13:30", []string{"12:30", "13:30", "13:30", "13:30"}},
	}
	for _, tt := range tests {
		t.Run(tt.today, func(t *testing.T) {
			p := Prospectus(day(t, tt.today, loc), loc)
			var got []string
			for _, c := range p.Courses {
				if c.Code != tt.code {
					continue
				}
				for _, s := range c.Sessions {
					if l := s.Start.In(loc).Format("Mon 15:04"); l != tt.local {
						t.Errorf("%s session at %s local, want %s", c.Code, l, tt.local)
					}
					got = append(got, s.Start.Format("15:04"))
				}
			}
			if len(got) != len(tt.utc) {
				t.Fatalf("%s starts at %v UTC, want %v", tt.code, got, tt.utc)
			}
			for i := range got {
				if got[i] != tt.utc[i] {
					t.Errorf("%s starts at %v UTC, want %v", tt.code, got, tt.utc)
					break
				}
			}
		})
	}
}

func TestTermName(t *testing.T) {
	loc := london(t)
	want := map[string]string{
		"2026-09-01": "Autumn 2026",
		"2026-10-20": "Autumn 2026",
		"2026-12-10": "Spring 2027",
		"2027-03-20": "Spring 2027",
		"2027-06-15": "Summer 2027",
	}
	for date, term := range want {
		p := Prospectus(day(t, date, loc), loc)
		for _, c := range p.Courses {
			if c.Term != term {
				t.Errorf("on %s, %s is in term %q, want %q", date, c.Code, c.Term, term)
				break
			}
		}
	}
}
