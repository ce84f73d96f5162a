package main

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/sqlite"
)

// fanOutCode is the course whose session's reminders fall due in a run.
const fanOutCode = "FAN1"

// fanOut is a course whose one session's "starts soon" reminder falls due
// as the run starts, for every student booked on it.
type fanOut struct {
	session int64
	start   time.Time
	// enrolments are the places booked, each of which is due a reminder.
	enrolments []int64
}

// key is the start of the outbox key of the reminder for enrolment e
// (the conversation engine adds the session's start).
func (f fanOut) key(e int64) string {
	return fmt.Sprintf("reminder:%d:%d:%s:%d", e, f.session, college.Soon, f.start.Unix())
}

// soonLead is how long before a session its "starts soon" reminder is due.
func soonLead() time.Duration {
	return time.Duration(college.DefaultProfile().Reminders.HoursBefore) * time.Hour
}

// soonDue returns the start of a session whose "starts soon" reminder
// falls due at now.
func soonDue(now time.Time) time.Time { return now.UTC().Truncate(time.Second).Add(soonLead()) }

// seedFanOut adds to the database at path a course with one online session
// at start, and books n new registered students on it a minute before its
// reminder is due (or before now, if sooner), a share sms of them by SMS
// (the rest on Telegram). Their numbers and chats are apart from the
// crowd's.
func seedFanOut(ctx context.Context, path string, n int, sms float64, start time.Time) (fanOut, error) {
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return fanOut{}, err
	}
	defer db.Close()
	start = start.UTC().Truncate(time.Second)
	booked := start.Add(-soonLead() - time.Minute)
	if now := time.Now().Add(-time.Minute); now.Before(booked) {
		booked = now
	}
	db.Now = func() time.Time { return booked }
	spec := college.CourseSpec{Course: college.Course{Code: fanOutCode, Title: "Sleep well", Topic: "Wellbeing online",
		Summary: "Better sleep, online.", Description: "One evening online on sleeping better.", Mode: college.Online,
		Capacity: n + 1, Term: "Crash test"},
		Sessions: []college.SessionSpec{{Start: start, End: start.Add(time.Hour), OnlineURL: "https://meet.example/fan1"}}}
	if _, err := db.ImportProspectus(ctx, college.Prospectus{Courses: []college.CourseSpec{spec}}, nil); err != nil {
		return fanOut{}, err
	}
	f := fanOut{start: start}
	err = db.Update(ctx, func(tx college.Tx) error {
		c, err := tx.Course(fanOutCode)
		if err != nil {
			return err
		}
		ss, err := tx.Sessions(c.ID)
		if err != nil || len(ss) != 1 {
			return fmt.Errorf("the %s session: %v", fanOutCode, err)
		}
		f.session = ss[0].ID
		for i := range n {
			id, err := bookOne(tx, c.ID, i, onSMS(i, sms))
			if err != nil {
				return err
			}
			f.enrolments = append(f.enrolments, id)
		}
		return nil
	})
	if err != nil {
		return fanOut{}, fmt.Errorf("seeding the reminder fan-out: %w", err)
	}
	return f, nil
}

// onSMS says whether the i-th student is on SMS, spread so that any first
// n students hold the share.
func onSMS(i int, share float64) bool {
	return math.Floor(float64(i+1)*share) > math.Floor(float64(i)*share)
}

// bookOne registers the i-th fan-out student and books them on course,
// returning the enrolment's id.
func bookOne(tx college.Tx, course int64, i int, sms bool) (int64, error) {
	ch, addr := college.Telegram, fmt.Sprint(7_000_000_000+i)
	if sms {
		ch, addr = college.SMS, fmt.Sprintf("+447800%06d", i)
	}
	st, _, err := tx.CreateStudent(ch, addr, "en")
	if err != nil {
		return 0, err
	}
	now := tx.Now()
	st.FirstName, st.ConsentAt, st.ConsentVersion, st.LastActive = fmt.Sprintf("Fan%d", i), &now,
		college.DefaultProfile().ConsentVersion, now
	if err := tx.SaveStudent(st); err != nil {
		return 0, err
	}
	e, err := tx.Enrol(st.ID, course, college.Booked)
	return e.ID, err
}

// quietProfile writes a college profile without quiet hours into dir, so
// that reminders go whatever the time of the run, and returns its path.
func quietProfile(dir string) (string, error) {
	path := filepath.Join(dir, "college.toml")
	return path, os.WriteFile(path, []byte("quiet_hours = \"\"\n"), 0o600)
}
