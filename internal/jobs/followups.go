package jobs

import (
	"errors"
	"fmt"

	"collegebot/internal/college"
)

// offers lapses every offer whose hold has run out.
func (s *sweep) offers() error {
	es, err := s.tx.ExpiredOffers()
	if err != nil {
		return err
	}
	for _, e := range es {
		c, err := s.tx.CourseByID(e.CourseID)
		if err == nil {
			// Lapsing one offer may have settled another on the list.
			e, err = s.tx.Enrolment(e.StudentID, e.CourseID)
		}
		if err != nil {
			return err
		}
		if e.Status != college.Offered || e.OfferExpires == nil || e.OfferExpires.After(s.now) {
			continue
		}
		p := Planned{What: "offer lapsed", StudentID: e.StudentID, When: s.now,
			Why: fmt.Sprintf("%s place held until %s", c.Code, e.OfferExpires.In(s.Loc).Format("Mon 2 Jan 15:04"))}
		err = s.notify(&s.counts.Offers, p, true, func(tx college.Tx) error { return s.Notify.ExpireOffer(tx, e) })
		if err != nil {
			return err
		}
	}
	return nil
}

// surveys asks for feedback on the courses that ended lately, the day
// after their last session, of students not surveyed in the last month.
func (s *sweep) surveys() error {
	bs, err := s.tx.Finished(s.now.Add(-surveyWithin), s.now)
	if err != nil {
		return err
	}
	for _, b := range bs {
		ok, err := s.surveyDue(b)
		if err == nil && ok {
			p := Planned{What: "feedback survey", StudentID: b.Enrolment.StudentID, When: s.now, Why: s.describe(b)}
			err = s.notify(&s.counts.Surveys, p, false, func(tx college.Tx) error { return s.Notify.AskFeedback(tx, b, s.now) })
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// surveyDue reports whether a finished course's survey is to go now.
func (s *sweep) surveyDue(b college.Booking) (bool, error) {
	if college.FeedbackDue(b.Session, s.Loc).After(s.now) {
		return false, nil
	}
	_, err := s.tx.Feedback(b.Enrolment.StudentID, b.Course.ID)
	switch {
	case err == nil:
		return false, nil // asked already
	case !errors.Is(err, college.ErrNotFound):
		return false, err
	}
	last, ok, err := s.tx.LastSurveyed(b.Enrolment.StudentID)
	return !ok || s.now.Sub(last) >= surveyGap, err
}

// missedYou checks in, the day after, with students a register marked
// absent, while their course has a session to come ("your place is still
// yours").
func (s *sweep) missedYou() error {
	bs, err := s.tx.Absences(s.now.Add(-missedWithin), s.now)
	if err != nil {
		return err
	}
	for _, b := range bs {
		if college.MissedYouDue(b.Session, s.Loc).After(s.now) {
			continue
		}
		ok, err := s.hasSessionAhead(b.Course.ID)
		if err == nil && ok {
			p := Planned{What: "we missed you", StudentID: b.Enrolment.StudentID, When: s.now, Why: s.describe(b)}
			err = s.notify(&s.counts.MissedYou, p, false, func(tx college.Tx) error { return s.Notify.MissedYou(tx, b, s.now) })
		}
		if err != nil {
			return err
		}
	}
	return nil
}
