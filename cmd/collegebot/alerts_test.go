package main

import (
	"strings"
	"testing"
	"time"
)

// nextWeekday10 is 10:00 local time on the next weekday at least two
// days from now, as --at writes it: in office hours, and long after any
// alert raised now.
func nextWeekday10() string {
	loc, _ := time.LoadLocation("Europe/London")
	d := time.Now().In(loc).AddDate(0, 0, 2)
	for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
		d = d.AddDate(0, 0, 1)
	}
	return d.Format("2006-01-02") + " 10:00"
}

func TestAlertsIncidentLog(t *testing.T) {
	c := newCLI(t)
	c.ok("", "import", writeFile(t, goodCSV))
	out := c.ok("", "staff", "add", "--name", "Pat Lowe", "--role", "admin", "--phone", "07700 900500", "--safeguarding")
	contains(t, "add with the flag", out, "Added 1 Pat Lowe (admin) +447700900500, safeguarding")
	c.ok("", "staff", "add", "--name", "Ray", "--role", "staff", "--phone", "07700 900501")
	contains(t, "no alerts", c.ok("", "alerts"), "No safeguarding alerts.")

	c.ok("join art1\nSam\nyes\nyes\nskip\nskip\nskip\n", "chat", "--as", "07700900123")
	out = c.ok("I want to kill myself\n", "chat", "--as", "07700900123")
	contains(t, "crisis reply", out, "Glad you told us.", "Samaritans 116 123")
	if strings.Contains(out, "COURSES") {
		t.Errorf("the crisis reply came with more:\n%s", out)
	}
	out = c.ok("", "alerts")
	contains(t, "incident log", out, "id  raised", "student", "rule", "message", "acknowledged", "cleared",
		"1   ", "Sam", `"I want to kill myself"`, "  -  ")

	at := nextWeekday10()
	out = c.ok("", "jobs", "run", "alerts", "--at", at, "--dry-run")
	contains(t, "dry run", out, "safeguarding alert 1 (repeat) to student 1 (Sam): sent to Ray (terminal)",
		"alerts would do: repeats=1.")
	contains(t, "run", c.ok("", "jobs", "run", "alerts", "--at", at), "alerts did: repeats=1.")
	contains(t, "run again", c.ok("", "jobs", "run", "alerts", "--at", at), "alerts did: nothing.")

	contains(t, "ack", c.ok("", "alerts", "ack", "1", "--by", "Pat Lowe"), "Acknowledged alert 1")
	if _, errs, code := c.run("", "alerts", "ack", "1", "--by", "Ray"); code == 0 || !strings.Contains(errs, "already acknowledged by Pat Lowe") {
		t.Errorf("a second ack: exit %d, %q", code, errs)
	}
	if _, errs, code := c.run("", "alerts", "clear", "1"); code == 0 || !strings.Contains(errs, "--by NAME") {
		t.Errorf("clear without --by: exit %d, %q", code, errs)
	}
	if _, errs, code := c.run("", "alerts", "clear", "#9", "--by", "Pat Lowe"); code == 0 || !strings.Contains(errs, "no alert 9: collegebot alerts lists them") {
		t.Errorf("clear an unknown alert: exit %d, %q", code, errs)
	}
	contains(t, "clear", c.ok("", "alerts", "clear", "1", "--by", "Pat Lowe"), "Cleared alert 1")
	contains(t, "open alerts", c.ok("", "alerts", "--open"), "No safeguarding alerts.")
	out = c.ok("", "alerts")
	contains(t, "log after", out, "Pat Lowe 20", "Sam")
	if n := c.count(`SELECT count(*) FROM alert WHERE acked_by = 'Pat Lowe' AND cleared_by = 'Pat Lowe' AND repeats = 1`); n != 1 {
		t.Errorf("stored alert not acknowledged and cleared by Pat after one repeat")
	}
}
