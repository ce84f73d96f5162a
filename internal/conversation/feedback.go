package conversation

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"collegebot/internal/college"
)

// The Friends and Family Test, asked the day after a course's last
// session: one question with six numbered answers, then one optional
// comment.

const (
	askScore   = "fft.score"
	askComment = "fft.comment"
)

// fftAnswers are the test's answers in order: 1 very good … 6 don't know.
var fftAnswers = []string{"very_good", "good", "neither", "poor", "very_poor", "dont_know"}

// AskFeedback queues the question, records that it was asked, and waits
// for the answer, unless the student is in the middle of another question.
func (e *Engine) AskFeedback(tx college.Tx, b college.Booking, sendAt time.Time) error {
	t := e.jobTurn(tx)
	st, ct, ok, err := t.reachableSince(b.Enrolment.StudentID, college.FeedbackDue(b.Session, e.loc))
	if !ok || err != nil {
		return err
	}
	if err := tx.SaveFeedback(college.Feedback{StudentID: st.ID, CourseID: b.Course.ID, Asked: t.now}); err != nil {
		return err
	}
	key := fmt.Sprintf("feedback:%d:%d", st.ID, b.Course.ID)
	t = t.to(st)
	msg, args := t.wordedFor(ct.Channel, "fft.ask", b.Course, &b.Session, t.courseArgs(b.Course))
	if err := t.queue(ct, key, msg, args, 0, sendAt, college.Routine, t.fftChoices()...); err != nil {
		return err
	}
	return t.awaitScore(st.ID, b.Course.ID)
}

// awaitScore sets the student's dialogue to wait for the answer, so a bare
// number is read as one; a question already being asked is left alone.
func (t *turn) awaitScore(studentID, courseID int64) error {
	d, err := t.tx.Dialogue(studentID)
	if err != nil || (d.State != "" && d.State != browsing) {
		return err
	}
	d = college.Dialogue{StudentID: studentID, State: askScore, Expires: t.now.Add(7 * 24 * time.Hour),
		Choices: commands(t.fftChoices())}
	d.Set("course", strconv.FormatInt(courseID, 10))
	return t.tx.SaveDialogue(d)
}

func (t *turn) fftChoices() []college.Choice {
	cs := make([]college.Choice, len(fftAnswers))
	for i, k := range fftAnswers {
		cs[i] = college.Choice{Label: t.text("fft."+k, nil), Command: strconv.Itoa(i + 1)}
	}
	return cs
}

// answerScore takes the answer to the test's question.
func (t *turn) answerScore(c Command) (bool, error) {
	n, _ := strconv.Atoi(c.Arg)
	switch {
	case c.Verb == Number && n >= 1 && n <= len(fftAnswers):
	case c.Verb == Skip || c.Verb == No:
		t.clear()
		t.say("fft.thanks", nil)
		return true, nil
	case keyword(c):
		return false, nil
	default:
		t.sayAgain("fft.again", nil)
		return true, nil
	}
	courseID, _ := strconv.ParseInt(t.d.Get("course"), 10, 64)
	if err := t.saveFeedback(courseID, func(f *college.Feedback) { f.Score = n }); err != nil {
		return true, err
	}
	t.ask(askComment, "fft.comment", nil)
	t.d.Set("course", strconv.FormatInt(courseID, 10))
	return true, nil
}

// answerComment takes the optional comment.
func (t *turn) answerComment(c Command) (bool, error) {
	if keyword(c) {
		return false, nil
	}
	courseID, _ := strconv.ParseInt(t.d.Get("course"), 10, 64)
	t.clear()
	if c.Verb != Skip && c.Verb != No {
		comment := clip(strings.TrimSpace(t.in.Text), 500)
		if err := t.saveFeedback(courseID, func(f *college.Feedback) { f.Comment = comment }); err != nil {
			return true, err
		}
	}
	t.say("fft.thanks", nil)
	return true, nil
}

func (t *turn) saveFeedback(courseID int64, set func(*college.Feedback)) error {
	f, err := t.tx.Feedback(t.st.ID, courseID)
	if errors.Is(err, college.ErrNotFound) {
		f = college.Feedback{StudentID: t.st.ID, CourseID: courseID, Asked: t.now}
	} else if err != nil {
		return err
	}
	set(&f)
	return t.tx.SaveFeedback(f)
}

// apologies answers a NO to a day-before reminder: the student can't come
// to that session, which is not a missed session.
func (t *turn) apologies() (bool, error) {
	ss, err := t.tx.Reminded(t.st.ID, t.now.Add(-36*time.Hour))
	if err != nil || len(ss) == 0 {
		return false, err
	}
	s := ss[0]
	if err := t.tx.SetAttendance(s.ID, t.st.ID, college.Apologies); err != nil {
		return true, err
	}
	t.say("reminder.apologies", map[string]any{"When": t.when(s.Start)})
	return true, nil
}
