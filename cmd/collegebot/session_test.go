package main

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestSessionListMoveCancel(t *testing.T) {
	c := bookedCLI(t) // Sam on ART1: Mon 4 and Mon 11 Mar 2030, Calder Library
	contains(t, "list", c.ok("", "session", "list", "art1"),
		"ART1 Drawing for calm: 1 booked, 0 offered, 0 waiting of 10 places",
		"ART1/1 Mon 4 Mar 10:00-12:00, Calder Library\nART1/2 Mon 11 Mar 10:00-12:00, Calder Library")

	out := c.ok("", "session", "move", "ART1/2", "--start", "2030-03-12 14:00")
	contains(t, "move", out, "Moved ART1/2 from Mon 11 Mar 10:00-12:00, Calder Library to Tue 12 Mar 14:00-16:00, Calder Library. 1 student was told.")
	if n := c.count(`SELECT count(*) FROM outbox WHERE purpose LIKE 'change:%' AND kind = 'service'
		AND body LIKE '%the session on Mon 11 Mar 10:00 is now Tue 12 Mar 14:00%'`); n != 1 {
		t.Errorf("change notices with the new time: %d, want 1", n)
	}

	_, errs, code := c.run("", "session", "move", "ART1/2", "--venue", "Moon Base")
	if code != 1 || !strings.Contains(errs, "There is no venue called Moon Base. The venues are: Calder Library WF1 2DD.") {
		t.Errorf("unknown venue: exit %d\n%s", code, errs)
	}
	out = c.ok("", "session", "move", "ART1/2", "--venue", "Town Hall", "--venue-postcode", "wf1 1aa", "--end", "17:00")
	contains(t, "new venue", out, "to Tue 12 Mar 14:00-17:00, Town Hall. 1 student was told.")

	_, errs, code = c.run("", "session", "cancel", "ART1")
	if code != 1 || !strings.Contains(errs, "Which session? Name it as ART1/N:\nART1/1 Mon 4 Mar") {
		t.Errorf("a bare code: exit %d\n%s", code, errs)
	}
	contains(t, "cancel", c.ok("", "session", "cancel", "ART1/1"),
		"Cancelled ART1/1, Mon 4 Mar 10:00-12:00, Calder Library. 1 student was told.")
	contains(t, "list after", c.ok("", "session", "list", "ART1"),
		"ART1/1 Mon 4 Mar 10:00-12:00, Calder Library (cancelled)\nART1/2 Tue 12 Mar 14:00-17:00, Town Hall (moved)")
	if n := c.count(`SELECT count(*) FROM session WHERE changed_at IS NOT NULL`); n != 2 {
		t.Errorf("sessions with changed_at: %d, want 2", n)
	}
}

func TestCourseCancelNeedsYes(t *testing.T) {
	c := bookedCLI(t)
	contains(t, "preview", c.ok("", "course", "cancel", "ART1"),
		"Cancelling ART1 Drawing for calm cancels its 2 sessions to come and tells everyone on it (1 booked, 0 offered, 0 waiting)",
		"Nothing is changed yet: run again with --yes")
	if n := c.count(`SELECT count(*) FROM course WHERE status = 'cancelled'`); n != 0 {
		t.Fatalf("the preview cancelled %d courses", n)
	}
	contains(t, "cancel", c.ok("", "course", "cancel", "ART1", "--yes"),
		"Cancelled ART1 Drawing for calm: 2 sessions to come, 1 place dropped. 1 student was told.")
	if n := c.count(`SELECT count(*) FROM outbox WHERE purpose LIKE 'course-cancelled:%' AND body LIKE '%ART1 Drawing for calm is cancelled%'`); n != 1 {
		t.Errorf("course-cancelled notices: %d, want 1", n)
	}
	if n := c.count(`SELECT count(*) FROM enrolment WHERE status = 'dropped'`); n != 1 {
		t.Errorf("dropped places: %d, want 1", n)
	}
}

// registerCSV is a course whose first session began half an hour ago and
// whose second is in a week, local time, so that students booked now are
// on its register and it can be marked.
func registerCSV(t *testing.T) (csv string, first time.Time) {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	first = time.Now().In(loc).Truncate(time.Minute).Add(-30 * time.Minute)
	row := func(s time.Time) string {
		return fmt.Sprintf("REG1,Mindfulness,Wellbeing,in_person,10,%s,%s,Calder Library,WF1 2DD,\n",
			s.Format("2006-01-02 15:04"), s.Add(2*time.Hour).Format("2006-01-02 15:04"))
	}
	return "course_code,title,topic,mode,capacity,session_start,session_end,venue,venue_postcode,online_url\n" +
		row(first) + row(first.AddDate(0, 0, 7)), first
}

func TestRegisterPrintAndMark(t *testing.T) {
	c := newCLI(t)
	csv, first := registerCSV(t)
	c.ok("", "import", writeFile(t, csv))
	c.ok("join reg1\nSam\nyes\nyes\nskip\nskip\nskip\n", "chat", "--as", "07700900123")
	c.ok("join reg1\nKim\nyes\nyes\nskip\nskip\nskip\n", "chat", "--as", "07700900124")

	when := first.Format("Mon 2 Jan 15:04") + "-" + first.Add(2*time.Hour).Format("15:04") + ", Calder Library"
	contains(t, "today's register", c.ok("", "register", "REG1"),
		"REG1/1 Mindfulness\n"+when+"\n1 Kim: booked\n2 Sam: booked\n0 of 2 marked.")
	_, errs, code := c.run("", "register", "mark", "REG1", "--attended", "1")
	if code != 1 || !strings.Contains(errs, "Name the session to mark as CODE/N: today's is REG1/1.") {
		t.Errorf("mark without a number: exit %d\n%s", code, errs)
	}
	contains(t, "mark", c.ok("", "register", "mark", "REG1/1", "--attended", "2", "--absent", "1"),
		"Marked: 1 attended, 1 absent.", "1 Kim: absent\n2 Sam: attended\n2 of 2 marked.")
	contains(t, "summary", c.ok("", "register", "REG1", "--summary"),
		"REG1 Mindfulness: 2 booked, 2 sessions (1 to complete)", "1 Kim: attended 0 of 2\n2 Sam: attended 1 of 2, completed")

	// Kim, absent without apologies, is checked on the day after.
	at := first.Add(2*time.Hour).AddDate(0, 0, 1).Format("2006-01-02") + " 10:05"
	contains(t, "due", c.ok("", "jobs", "run", "due", "--at", at), "missed_you=1")
	if n := c.count(`SELECT count(*) FROM outbox WHERE purpose LIKE 'missed:%' AND address = '+447700900124'`); n != 1 {
		t.Errorf("we-missed-you texts to Kim: %d, want 1", n)
	}
}
