package report

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"time"

	"collegebot/internal/college"
)

// describesLabel words the stored answers to "which best describes you",
// as the student was shown them.
var describesLabel = map[string]string{
	"public":     "Member of the public",
	"services":   "Using mental health services",
	"carer":      "Carer or supporter",
	"worker":     "Working in health or care",
	"rather_not": "Rather not say",
}

// Skipped and NotAsked name the students who skipped an optional question
// and those never asked it.
const (
	Skipped  = "(skipped)"
	NotAsked = "(not asked)"
)

// people counts the students: new and active, and the new students'
// answers to the optional questions.
func (x *facts) people(r *Report) {
	describes, heard := map[string]int{}, map[string]int{}
	for _, s := range x.Students {
		r.ActiveStudents++
		if !s.New {
			continue
		}
		r.NewStudents++
		d := answerName(s.Describes, func(v string) string { return cmp.Or(describesLabel[v], v) })
		describes[d]++
		if s.Describes.Asked && s.Describes.Value != "" {
			r.Answered++
		}
		heard[answerName(s.Heard, heardName)]++
	}
	for _, k := range college.Describes {
		r.Describes = append(r.Describes, Answer{describesLabel[k], describes[describesLabel[k]]})
		delete(describes, describesLabel[k])
	}
	r.Describes = append(r.Describes, byCount(describes)...)
	r.Heard = byCount(heard)
}

// answerName names an answer: its value as name words it, or Skipped or
// NotAsked.
func answerName(a college.Answer, name func(string) string) string {
	switch {
	case !a.Asked:
		return NotAsked
	case strings.TrimSpace(a.Value) == "":
		return Skipped
	}
	return name(a.Value)
}

// heardName folds free-text answers to "how did you hear about us" that
// differ only in case and spacing.
func heardName(v string) string { return strings.ToLower(strings.Join(strings.Fields(v), " ")) }

// byCount returns answers, most given first, then by name with bracketed
// names last.
func byCount(m map[string]int) []Answer {
	var as []Answer
	for _, k := range slices.Sorted(maps.Keys(m)) {
		as = append(as, Answer{k, m[k]})
	}
	slices.SortStableFunc(as, func(a, b Answer) int {
		return cmp.Or(cmp.Compare(bracketed(a.Answer), bracketed(b.Answer)), cmp.Compare(b.N, a.N))
	})
	return as
}

// outcomes counts the places offered from waiting lists and those taken,
// the courses finished, and the Friends and Family Test answers by score.
func (x *facts) outcomes(r *Report) {
	for _, o := range x.Offers {
		r.OffersMade++
		if o.Taken {
			r.OffersTaken++
		}
	}
	for _, c := range x.Courses {
		if x.finished(c) {
			r.CoursesFinished++
		}
	}
	for _, s := range x.Scores {
		if s.Score >= 1 && s.Score <= 6 {
			r.FFT[s.Score]++
		}
	}
}

// months counts new students and messages by calendar month.
func (x *facts) months(loc *time.Location) []Month {
	var ms []Month
	for _, sent := range x.Messages {
		m := Month{Start: sent.Month}
		for _, c := range sent.Counts {
			m.Messages += c.Messages
			switch c.Channel {
			case college.SMS:
				m.SMS, m.Segments = c.Messages, c.Segments
			case college.Telegram:
				m.Telegram = c.Messages
			}
		}
		m.Cost = float64(m.Segments) * x.prof.SMS.PricePerSegment
		for _, s := range x.Students {
			c := s.Created.In(loc)
			if s.New && c.Year() == m.Start.Year() && c.Month() == m.Start.Month() {
				m.NewStudents++
			}
		}
		ms = append(ms, m)
	}
	return ms
}
