package demo

import "collegebot/internal/college"

// booking is a demo student's place on a course, by index into people().
type booking struct {
	student int
	code    string
}

// people returns the demo students: first names, and their answers to the
// optional questions, some given and some skipped. How they heard is free
// text; which describes them is a key of college.Describes. There must be
// enough of them to fill FullCourse and start its waiting list.
func people() []college.Student {
	return []college.Student{
		{FirstName: "Aisha", Heard: told("a friend"), Describes: told("public"), District: told("WF1")},
		{FirstName: "Ben", Heard: told("my GP"), Describes: told("services"), District: told("WF2")},
		{FirstName: "Chloe", Heard: told("poster at the library"), Describes: told("carer"), District: skipped()},
		{FirstName: "Dev", Heard: skipped(), Describes: told("public"), District: told("WF4")},
		{FirstName: "Ellie", Heard: told("Facebook"), Describes: told("worker"), District: told("WF1")},
		{FirstName: "Farhan", Heard: told("a friend"), Describes: told("public"), District: told("WF3")},
		{FirstName: "Grace", Heard: told("my GP"), Describes: told("services"), District: told("WF1"), Discreet: true},
		{FirstName: "Harry", Heard: skipped(), Describes: skipped(), District: skipped(), Discreet: true},
		{FirstName: "Imran", Heard: told("poster at the library"), Describes: told("public"), District: told("WF2")},
		{FirstName: "Jess", Heard: told("a friend"), Describes: told("carer"), District: told("WF5")},
		{FirstName: "Kasia", Heard: told("Facebook"), Describes: told("public"), District: told("WF1")},
		{FirstName: "Liam", Heard: told("my GP"), Describes: told("rather_not"), District: told("WF2")},
	}
}

// bookings returns the demo students' places on courses other than
// FullCourse, so that places left vary from course to course.
func bookings() []booking {
	return []booking{
		{0, "MH1"}, {9, "MH1"},
		{6, "MH2"}, {7, "MH2"}, {9, "MH2"},
		{7, SensitiveCourse},
		{10, WomenOnlyCourse}, {2, WomenOnlyCourse},
		{11, AdultsOnlyCourse},
		{1, "GA1"}, {3, "GA1"}, {5, "GA1"}, {9, "GA1"}, {11, "GA1"},
		{10, "SH2"}, {11, "SH2"}, {2, "SH2"}, {4, "SH2"}, {6, "SH2"}, {8, "SH2"},
	}
}

// told is an optional question answered.
func told(v string) college.Answer { return college.Answer{Asked: true, Value: v} }

// skipped is an optional question asked and skipped.
func skipped() college.Answer { return college.Answer{Asked: true} }
