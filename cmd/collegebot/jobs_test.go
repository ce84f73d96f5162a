package main

import (
	"database/sql"
	"strings"
	"testing"
)

// count runs a query for one number on the CLI's database.
func (c *cli) count(query string) int {
	c.t.Helper()
	db, err := sql.Open("sqlite", c.db)
	if err != nil {
		c.t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(query).Scan(&n); err != nil {
		c.t.Fatalf("%s: %v", query, err)
	}
	return n
}

// bookedCLI is a CLI on goodCSV's prospectus (March 2030) with Sam booked
// on ART1, whose first session is Mon 4 Mar 2030 at 10:00.
func bookedCLI(t *testing.T) *cli {
	c := newCLI(t)
	c.ok("", "import", writeFile(t, goodCSV))
	c.ok("join art1\nSam\nyes\nyes\nskip\nskip\nskip\n", "chat", "--as", "07700900123")
	return c
}

func TestJobsRunDueQueuesOnce(t *testing.T) {
	c := bookedCLI(t)
	const reminders = `SELECT count(*) FROM outbox WHERE purpose LIKE 'reminder:%'`
	if n := c.count(reminders); n != 0 {
		t.Fatalf("%d reminders before the job ran", n)
	}

	out := c.ok("", "jobs", "run", "due", "--at", "2030-03-03 10:05", "--dry-run")
	contains(t, "dry run", out, "Dry run of due as at Sun 3 Mar 2030 10:05 GMT",
		"Sun 3 Mar 10:05  reminder (day before) to student 1 (Sam): ART1 session 1, Mon 4 Mar 10:00",
		"due would do: reminders=1.")
	if n := c.count(reminders); n != 0 {
		t.Fatalf("the dry run queued %d reminders", n)
	}

	contains(t, "first run", c.ok("", "jobs", "run", "due", "--at", "2030-03-03 10:05"), "due did: reminders=1.")
	contains(t, "second run", c.ok("", "jobs", "run", "due", "--at", "2030-03-03 10:06"), "due did: nothing.")
	if n := c.count(reminders); n != 1 {
		t.Errorf("reminders queued after two runs: %d, want 1", n)
	}
}

func TestJobsList(t *testing.T) {
	c := bookedCLI(t)
	out := c.ok("", "jobs", "list")
	contains(t, "jobs list", out, "Schedule (Europe/London):", "* * * * *", "0 7 * * *", "30 3 * * *",
		"due        never", "digest     never", "retention  never")

	c.ok("", "jobs", "run", "due", "--at", "2030-03-03 10:05")
	c.ok("", "jobs", "run", "due", "--at", "2030-03-03 10:05", "--dry-run") // not recorded
	c.ok("", "jobs", "run", "retention")
	out = c.ok("", "jobs", "list")
	if n := strings.Count(out, "\ndue "); n != 2 { // the schedule's line and one run
		t.Errorf("due appears %d times, want twice:\n%s", n, out)
	}
	contains(t, "jobs list after runs", out, "reminders=1", "digest     never", "retention  20")
	if strings.Contains(out, "due        never") || strings.Contains(out, "retention  never") {
		t.Errorf("a job that ran still shows never:\n%s", out)
	}
}

func TestJobsRunDigestPrintsTheTexts(t *testing.T) {
	c := bookedCLI(t)
	out := c.ok("", "jobs", "run", "digest", "--at", "2030-03-03 07:00", "--dry-run")
	contains(t, "digest on a Sunday", out, "Registers for Mon 4 Mar 2030", "ART1 Drawing for calm, 10:00-12:00, Calder Library",
		"1 booked\n  Sam\n", "go to staff on Mondays")
	out = c.ok("", "jobs", "run", "digest", "--at", "2030-03-04 07:00", "--dry-run")
	contains(t, "digest on a Monday", out, "Sessions Mon 4 Mar to Sun 10 Mar: 2",
		"Mon 4 Mar 10:00  ART1 Drawing for calm, Calder Library: 1/10 booked",
		"Tue 5 Mar 18:00  ONL1 Sleep well online, online: 0/20 booked")
	if n := c.count(`SELECT count(*) FROM job_run`); n != 0 {
		t.Errorf("a dry run was recorded: %d runs", n)
	}
}

func TestJobsRunRefusesBadInput(t *testing.T) {
	c := newCLI(t)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"due", "--at", "tomorrow"}, `--at "tomorrow" is not a local date and time such as "2026-12-01 09:00"`},
		{[]string{"due", "--at", "2026-13-01 09:00"}, "--at"},
		{[]string{"due", "--at", "2026-03-29 01:30"}, `--at "2026-03-29 01:30" does not happen in Europe/London`},
		{[]string{"reminders"}, `no job "reminders": the jobs are due, digest, retention`},
	} {
		_, errs, code := c.run("", append([]string{"jobs", "run"}, tt.args...)...)
		if code == 0 || !strings.Contains(errs, tt.want) {
			t.Errorf("jobs run %s: exit %d, %q; want %q", strings.Join(tt.args, " "), code, errs, tt.want)
		}
	}
}
