// Package report works out the figures commissioners and partners ask a
// Recovery and Wellbeing College for, over a term or a range of dates:
// students, enrolments and attendance, completions, prevention figures, the
// Friends and Family Test and what texting cost, overall and by topic,
// course, partner and postcode district. It reads raw facts through
// college.ReportTx, and writes them as a table, CSV files, a short text or
// a chart, hiding small numbers in anything that leaves the server.
package report

import (
	"time"

	"collegebot/internal/college"
)

// Facts are the raw records of a period, as the store gives them.
type Facts struct {
	// Now is when the facts were read: courses ending later have not
	// finished. Zero means the whole period is past.
	Now      time.Time
	Students []college.ReportStudent
	Courses  []college.ReportCourse
	Places   []college.ReportPlace
	Marks    []college.ReportMark
	Offers   []college.ReportOffer
	Scores   []college.ReportScore
	// Messages is what was sent in each calendar month of the period.
	Messages []Sent
}

// Sent is what was sent in one month of a period.
type Sent struct {
	Month  time.Time // the first of the month, local
	Counts []college.MessageCount
}

// Gather reads the facts of a period.
func Gather(tx college.ReportTx, p Period, loc *time.Location) (Facts, error) {
	f := Facts{Now: tx.Now()}
	var err error
	if f.Students, err = tx.ReportStudents(p.From, p.To); err != nil {
		return f, err
	}
	if f.Courses, err = tx.ReportCourses(p.From, p.To); err != nil {
		return f, err
	}
	if f.Places, err = tx.ReportPlaces(p.From, p.To); err != nil {
		return f, err
	}
	if f.Marks, err = tx.ReportMarks(p.From, p.To); err != nil {
		return f, err
	}
	if f.Offers, err = tx.ReportOffers(p.From, p.To); err != nil {
		return f, err
	}
	if f.Scores, err = tx.ReportScores(p.From, p.To); err != nil {
		return f, err
	}
	for _, m := range p.months(loc) {
		cs, err := tx.ReportMessages(m.From, m.To)
		if err != nil {
			return f, err
		}
		f.Messages = append(f.Messages, Sent{Month: m.Start, Counts: cs})
	}
	return f, nil
}

// Build reads a period's facts and works out its report.
func Build(tx college.ReportTx, p Period, prof college.Profile, loc *time.Location) (Report, error) {
	f, err := Gather(tx, p, loc)
	if err != nil {
		return Report{}, err
	}
	return Compute(f, p, prof, loc), nil
}

// Report is a period's figures, exact: the tables built from it hide small
// numbers.
type Report struct {
	College string
	Period  Period
	Title   string // the period as people read it
	Totals  Tally
	// NewStudents counts the students whose record was created in the
	// period; ActiveStudents those new or active in it (ReportStudent).
	NewStudents, ActiveStudents int
	// OffersMade and OffersTaken count places offered from waiting lists,
	// and of those the ones booked now.
	OffersMade, OffersTaken int
	// CoursesFinished counts the courses whose last session was in the
	// period.
	CoursesFinished int
	Months          []Month
	Topics          []Group
	Courses         []Group
	Partners        []Group
	Districts       []Group
	// Describes and Heard are the new students' answers to the optional
	// questions; Answered counts those who answered "which best describes
	// you" (rather not say included; skipped and not asked left out).
	Describes []Answer
	Heard     []Answer
	Answered  int
	// FFT counts the Friends and Family Test answers by score, 1 to 6.
	FFT [7]int
}

// Month is one calendar month of a report.
type Month struct {
	Start       time.Time
	NewStudents int
	Messages    int // on every channel
	SMS         int
	Segments    int // SMS segments
	Telegram    int
	Cost        float64 // SMS segments at the profile's price
}

// Answer is how many new students gave one answer to an optional question.
type Answer struct {
	Answer string
	N      int
}

// PublicShare returns the new students who describe themselves as members
// of the public, and the new students who answered.
func (r Report) PublicShare() (public, answered int) {
	for _, a := range r.Describes {
		if a.Answer == describesLabel["public"] {
			public = a.N
		}
	}
	return public, r.Answered
}

// FFTPositive returns the answers "very good" or "good" and all answers,
// "don't know" included, as NHS England counts the Friends and Family Test.
func (r Report) FFTPositive() (positive, responses int) {
	for s := 1; s <= 6; s++ {
		responses += r.FFT[s]
	}
	return r.FFT[1] + r.FFT[2], responses
}

// Sums adds up the months: messages, SMS, segments, Telegram and cost.
func (r Report) Sums() Month {
	var t Month
	for _, m := range r.Months {
		t.NewStudents += m.NewStudents
		t.Messages += m.Messages
		t.SMS += m.SMS
		t.Segments += m.Segments
		t.Telegram += m.Telegram
		t.Cost += m.Cost
	}
	return t
}
