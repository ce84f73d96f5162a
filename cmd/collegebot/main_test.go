package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cli runs collegebot in-process, as a user would from a shell, with
// COLLEGEBOT_DB pointing at db.
type cli struct {
	t  *testing.T
	db string
}

func newCLI(t *testing.T) *cli {
	return &cli{t: t, db: filepath.Join(t.TempDir(), "collegebot.db")}
}

// run returns stdout, stderr and the exit status.
func (c *cli) run(stdin string, args ...string) (string, string, int) {
	c.t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string {
		if k == "COLLEGEBOT_DB" {
			return c.db
		}
		return ""
	}
	err := run(context.Background(), args, getenv, strings.NewReader(stdin), &out, &errb)
	var exit exitError
	switch {
	case errors.As(err, &exit):
		return out.String(), errb.String(), int(exit)
	case err != nil:
		return out.String(), errb.String() + err.Error(), 1
	}
	return out.String(), errb.String(), 0
}

func (c *cli) ok(stdin string, args ...string) string {
	c.t.Helper()
	out, errs, code := c.run(stdin, args...)
	if code != 0 {
		c.t.Fatalf("collegebot %s: exit %d\n%s", strings.Join(args, " "), code, errs)
	}
	return out
}

func contains(t *testing.T, what, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s: output\n%s\nlacks %q", what, got, w)
		}
	}
}

func TestDemoCreatesOnceAndChats(t *testing.T) {
	c := newCLI(t)
	out, errs, code := c.run("courses\n", "demo")
	if code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errs)
	}
	contains(t, "demo", errs, "Created Calderbrook Recovery College", "19 courses")
	contains(t, "demo", out, "Our courses by topic:", "1 Mental health")

	c.ok("join ga1\nSam\nyes\nyes\nskip\nskip\nskip\n", "demo")
	out, errs, _ = c.run("my\n", "demo")
	if strings.Contains(errs, "Created") {
		t.Errorf("second demo run created the college again: %s", errs)
	}
	contains(t, "second run", out, "GA1 Walking football: next")

	out, errs, _ = c.run("my\n", "demo", "--fresh")
	contains(t, "--fresh", errs, "Created")
	contains(t, "--fresh", out, "You have no bookings")
}

func TestChatKeysStudentsByE164(t *testing.T) {
	c := newCLI(t)
	c.ok("", "demo")
	c.ok("join mh1\nSam\nyes\nyes\nskip\nskip\nskip\n", "chat", "--as", "07700900123")
	for _, spelling := range []string{"07700 900123", "+44 7700 900123", "0044 (0)7700-900-123", "+447700900123"} {
		out := c.ok("my\n", "chat", "--as", spelling)
		contains(t, spelling, out, "MH1 Understanding anxiety: next")
	}
	_, errs, code := c.run("my\n", "chat", "--as", "hello")
	if code == 0 || !strings.Contains(errs, "--as") {
		t.Errorf("a bad --as gave exit %d: %s", code, errs)
	}
}

func TestChatPipedExitsAtEndOfInput(t *testing.T) {
	c := newCLI(t)
	c.ok("", "demo")
	out := c.ok("courses\n\n   \n3\n", "chat")
	if n := strings.Count(out, "Reply with a number."); n != 2 {
		t.Errorf("want two replies, one a topic list, got:\n%s", out)
	}
	contains(t, "chat", out, "Get active:", "GA1 Walking football")
}

const goodCSV = "\ufeffcourse_code,title,topic,mode,capacity,session_start,session_end,venue,venue_postcode,online_url\n" +
	"ART1,Drawing for calm,Skills and hobbies,in_person,10,2030-03-04 10:00,2030-03-04 12:00,Calder Library,WF1 2DD,\n" +
	"ART1,Drawing for calm,Skills and hobbies,in_person,10,2030-03-11 10:00,2030-03-11 12:00,Calder Library,WF1 2DD,\n" +
	"ONL1,Sleep well online,Physical health,online,20,2030-03-05 18:00,2030-03-05 19:00,,,https://meet.example.org/onl1\n"

func writeFile(t *testing.T, body string) string {
	p := filepath.Join(t.TempDir(), "prospectus.csv")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImport(t *testing.T) {
	c := newCLI(t)
	good := writeFile(t, goodCSV)
	contains(t, "import", c.ok("", "import", good), "courses 2 added", "sessions 3 added")
	contains(t, "re-import", c.ok("", "import", good), "no changes")
	contains(t, "chat", c.ok("info art1\n", "chat"), "ART1 Drawing for calm.", "2 sessions from Mon 4 Mar 10:00")

	moved := strings.Replace(goodCSV, "2030-03-11 10:00,2030-03-11 12:00", "2030-03-12 14:00,2030-03-12 16:00", 1)
	contains(t, "update", c.ok("", "import", writeFile(t, moved)), "1 updated")
	contains(t, "chat", c.ok("info art1\n", "chat"), "to 12 Mar")

	bad := moved + "ART2,,Skills and hobbies,in_person,ten,2030-03-04 10:00,2030-03-04 09:00,Hall,WF1 2DD,\n"
	out, errs, code := c.run("", "import", writeFile(t, bad))
	if code != 1 {
		t.Fatalf("bad file: exit %d, want 1\n%s%s", code, out, errs)
	}
	contains(t, "bad file", errs, "nothing imported", "line 5: ")
	contains(t, "after a bad file", c.ok("info art2\n", "chat"), "no course ART2")
}

func TestLinkPrintsAPosterLink(t *testing.T) {
	c := newCLI(t)
	c.ok("", "demo")
	out := c.ok("", "link", "mh1", "--bot", "CalderbrookCollegeBot")
	contains(t, "link", out, "MH1 Understanding anxiety", "https://t.me/CalderbrookCollegeBot?start=c_MH1")
	if _, errs, code := c.run("", "link", "ZZ9", "--bot", "CalderbrookCollegeBot"); code == 0 || !strings.Contains(errs, "no course ZZ9") {
		t.Errorf("unknown course: exit %d, %s", code, errs)
	}
	if _, errs, code := c.run("", "link", "MH1"); code == 0 || !strings.Contains(errs, "TELEGRAM_BOT_TOKEN") {
		t.Errorf("no bot: exit %d, %s", code, errs)
	}
}
