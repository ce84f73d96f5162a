package sqlite_test

import (
	"time"

	"collegebot/internal/college"
)

// at returns start() moved on by days, at a time of day.
func at(days, hour, min int) time.Time {
	s := start()
	return time.Date(s.Year(), s.Month(), s.Day()+days, hour, min, 0, 0, time.UTC)
}

// library and park are venues of the fixture prospectus.
func library() *college.Venue {
	return &college.Venue{Name: "Calderbrook Library", Address: "1 Market St, Calderbrook", Postcode: "WF1 2DD"}
}

func park() *college.Venue {
	return &college.Venue{Name: "Park Cafe", Address: "Thornes Park", Postcode: "WF2 8QZ"}
}

// meeting is a session of two hours at a venue (nil for online).
func meeting(days, hour int, v *college.Venue) college.SessionSpec {
	s := college.SessionSpec{Start: at(days, hour, 0), End: at(days, hour+2, 0), Venue: v}
	if v == nil {
		s.OnlineURL = "https://meet.example/sleep"
	}
	return s
}

// fixture is a small prospectus: two topics, four courses, one of them over.
func fixture() college.Prospectus {
	return college.Prospectus{
		Partners: []college.Partner{{Name: "Calder NHS Trust", Kind: "NHS", Contact: "01924 111 111"}},
		Courses: []college.CourseSpec{
			{Course: college.Course{Code: "ANX1", Title: "Understanding anxiety", Topic: "Mental health",
				Summary: "What anxiety is and what helps", Mode: college.InPerson, Capacity: 5,
				Term: "Spring 2026", Facilitators: "Sam (peer trainer)", Partner: "Calder NHS Trust"},
				Sessions: []college.SessionSpec{meeting(1, 10, library()), meeting(8, 10, library()), meeting(15, 10, library())}},
			{Course: college.Course{Code: "SLP", Title: "Better sleep", Topic: "Mental health",
				Mode: college.Online, Capacity: 20, Term: "Spring 2026"},
				Sessions: []college.SessionSpec{meeting(2, 18, nil), meeting(9, 18, nil)}},
			{Course: college.Course{Code: "WALK", Title: "Walking for wellbeing", Topic: "Physical health",
				Mode: college.InPerson, Capacity: 10, MinAge: 18, Partner: "Calderbrook Harriers"},
				Sessions: []college.SessionSpec{meeting(1, 14, park()), meeting(8, 14, park())}},
			{Course: college.Course{Code: "OLD", Title: "Last term's course", Topic: "Mental health",
				Mode: college.InPerson, Capacity: 8},
				Sessions: []college.SessionSpec{meeting(-7, 10, library())}},
		},
	}
}
