package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
)

// castCLI is a CLI on goodCSV's prospectus with a profile without quiet
// hours, so what it queues is due whatever the time the test runs at, and
// Sam and Ann booked on ART1 from the terminal. Sam said yes to news; Ann
// did not.
type castCLI struct {
	*cli
	profile string
}

func newCastCLI(t *testing.T) *castCLI {
	c := &castCLI{cli: newCLI(t), profile: writeFile(t, "quiet_hours = \"\"\n[sms]\nprice_per_segment = 0.05\n")}
	c.ok("", "import", writeFile(t, goodCSV))
	c.ok("join art1\nSam\nyes\nyes\nskip\nskip\nskip\nnews\n", "chat", "--as", "07700900123")
	c.ok("join art1\nAnn\nyes\nyes\nskip\nskip\nskip\n", "chat", "--as", "07700900124")
	return c
}

func (c *castCLI) getenv(k string) string {
	return map[string]string{"COLLEGEBOT_DB": c.db, "COLLEGEBOT_COLLEGE": c.profile}[k]
}

// run returns stdout, stderr and the exit status.
func (c *castCLI) run(stdin string, args ...string) (string, string, int) {
	var out, errb bytes.Buffer
	if err := run(context.Background(), args, c.getenv, strings.NewReader(stdin), &out, &errb); err != nil {
		return out.String(), errb.String() + err.Error(), 1
	}
	return out.String(), errb.String(), 0
}

func (c *castCLI) ok(stdin string, args ...string) string {
	c.t.Helper()
	out, errs, code := c.run(stdin, args...)
	if code != 0 {
		c.t.Fatalf("collegebot %s: exit %d\n%s", strings.Join(args, " "), code, errs)
	}
	return out
}

func TestBroadcastDryRunStoresNothing(t *testing.T) {
	c := newCastCLI(t)
	out := c.ok("", "broadcast", "--to", "course:art1", "--kind", "service", "--dry-run",
		"--message", "Monday\u2019s session is in room 2 \u2013 upstairs")
	contains(t, "dry run", out,
		"Preview, service to course:ART1: 2 students, 0 by SMS, 0 on Telegram and 2 in the terminal (collegebot chat).\n"+
			"Curly quotes, dashes and other look-alikes were changed to plain ones, as below, so each text costs less.\n"+
			"Students will see:\nMonday's session is in room 2 - upstairs\nDry run: nothing was stored or sent.\n")
	if n := c.count(`SELECT count(*) FROM broadcast`) + c.count(`SELECT count(*) FROM outbox WHERE kind <> 'reply'`); n != 0 {
		t.Errorf("a dry run stored %d rows", n)
	}
}

func TestBroadcastRefusesToAskWithoutATerminal(t *testing.T) {
	c := newCastCLI(t)
	out, errs, code := c.run("y\n", "broadcast", "--to", "course:ART1", "--kind", "news", "--message", "Open day")
	contains(t, "preview", out, "Preview, news to course:ART1: 1 student", "Open day\nSend NO NEWS to stop college news.")
	if code == 0 || !strings.Contains(errs, "not sent: I can only ask in a terminal. Add --yes to send it") {
		t.Errorf("exit %d, %q; want a refusal with a hint", code, errs)
	}
	if n := c.count(`SELECT count(*) FROM outbox WHERE broadcast_id IS NOT NULL`); n != 0 {
		t.Errorf("queued %d", n)
	}
}

// A news broadcast reaches Sam only; status follows it, and stop leaves
// what was sent and cancels the rest.
func TestBroadcastSendStatusStop(t *testing.T) {
	c := newCastCLI(t)
	out := c.ok("", "broadcast", "--to", "course:ART1", "--kind", "news", "--message", "Open day on Saturday", "--yes")
	contains(t, "send", out, "Broadcast 1 is queued for 1 students and starts now",
		"Follow it with: collegebot broadcast status 1 --wait", "Stop it with:   collegebot broadcast stop 1")
	contains(t, "status", c.ok("", "broadcast", "status", "1"), "Broadcast 1, news to course:ART1: 0 / 1 sent, starting.\n")
	contains(t, "Sam's chat", c.ok("", "chat", "--as", "07700900123"), "Open day on Saturday\nSend NO NEWS to stop college news.")
	if strings.Contains(c.ok("", "chat", "--as", "07700900124"), "Open day") {
		t.Error("Ann, who did not say yes to news, got the news")
	}
	contains(t, "finished", c.ok("", "broadcast", "status", "1"), "Broadcast 1, news to course:ART1, finished: 1 / 1 sent.")

	c.ok("", "broadcast", "--to", "course:ART1", "--kind", "service", "--message", "Bring a pencil", "--yes")
	contains(t, "stop", c.ok("", "broadcast", "stop", "2"), "Stopped broadcast 2: 2 not sent, 0 sent.")
	if strings.Contains(c.ok("", "chat", "--as", "07700900123"), "pencil") {
		t.Error("Sam got a stopped broadcast")
	}
	_, errs, code := c.run("", "broadcast", "stop", "2")
	if code == 0 || !strings.Contains(errs, "Broadcast 2 is stopped: only a queued broadcast can be stopped.") {
		t.Errorf("stopping twice: exit %d, %q", code, errs)
	}
	contains(t, "list", c.ok("", "broadcast", "list"),
		"ID  CREATED", "2   ", "command line  service  course:ART1  stopped  0 / 2 sent, 2 not sent",
		"1   ", "command line  news     course:ART1  queued   1 / 1 sent")
}

// --wait follows a broadcast until nothing is left, and stops watching
// (not the broadcast) on Ctrl-C.
func TestBroadcastStatusWait(t *testing.T) {
	c := newCastCLI(t)
	c.ok("", "broadcast", "--to", "course:ART1", "--kind", "service", "--message", "Bring a pencil", "--yes")
	// Ctrl-C as soon as the first line is out.
	ctx, cancel := context.WithCancel(context.Background())
	ctrlC := &interrupter{cancel: cancel}
	c.runCtx(ctx, ctrlC, "broadcast", "status", "1", "--wait")
	contains(t, "Ctrl-C", ctrlC.String(),
		"Broadcast 1, service to course:ART1: 0 / 2 sent, starting.\n", "Stopped watching; the broadcast carries on.")

	done := make(chan string)
	go func() {
		var out bytes.Buffer
		c.runCtx(context.Background(), &out, "broadcast", "status", "1", "--wait", "--every", "5ms")
		done <- out.String()
	}()
	c.ok("", "chat", "--as", "07700900123")
	c.ok("", "chat", "--as", "07700900124")
	out := <-done
	contains(t, "wait", out, "Broadcast 1, service to course:ART1, finished: 2 / 2 sent.\n")
	if strings.Contains(out, "Stopped watching") {
		t.Errorf("--wait did not see the end:\n%s", out)
	}
}

// interrupter is a stdout that presses Ctrl-C once something is written.
type interrupter struct {
	bytes.Buffer
	cancel context.CancelFunc
}

func (w *interrupter) Write(p []byte) (int, error) {
	defer w.cancel()
	return w.Buffer.Write(p)
}

// runCtx runs collegebot with a context, writing to out.
func (c *castCLI) runCtx(ctx context.Context, out io.Writer, args ...string) {
	var errb bytes.Buffer
	if err := run(ctx, args, c.getenv, strings.NewReader(""), out, &errb); err != nil {
		c.t.Errorf("collegebot %s: %v", strings.Join(args, " "), err)
	}
}

func TestBroadcastMistakes(t *testing.T) {
	c := newCastCLI(t)
	for _, m := range []struct {
		args []string
		says string
	}{
		{[]string{"--to", "course:ART1", "--kind", "service"}, "give --to, --kind and --message, e.g. collegebot broadcast --to course:MH1"},
		{[]string{"--to", "course:NOPE", "--kind", "service", "--message", "Hi"}, `There is no course "NOPE"`},
		{[]string{"--to", "course:ART1 topic:Art", "--kind", "service", "--message", "Hi"}, "--to: give one of all, course, term, topic or waiting"},
		{[]string{"--to", "students", "--kind", "service", "--message", "Hi"}, "--to: say who it goes to"},
		{[]string{"--to", "course:ART1", "--kind", "spam", "--message", "Hi"}, "--kind: Say service"},
		{[]string{"--to", "waiting:ART1", "--kind", "service", "--message", "Hi", "--yes"}, "nobody in waiting:ART1 can be sent this service"},
		{[]string{"status", "x"}, `"x" is not a broadcast number`},
		{[]string{"status", "9"}, "broadcast 9: not found"},
	} {
		_, errs, code := c.run("", append([]string{"broadcast"}, m.args...)...)
		if code == 0 || !strings.Contains(errs, m.says) {
			t.Errorf("broadcast %q: exit %d, %q; want %q", m.args, code, errs, m.says)
		}
	}
	if n := c.count(`SELECT count(*) FROM broadcast`); n != 0 {
		t.Errorf("mistakes stored %d broadcasts", n)
	}
}

func TestConfirmTakesOnlyYes(t *testing.T) {
	for in, want := range map[string]bool{"y\n": true, "YES\n": true, " yes ": true, "\n": false, "n\n": false, "": false, "sure\n": false} {
		var out bytes.Buffer
		if got := confirm(strings.NewReader(in), &out, 1240); got != want || out.String() != "Send to 1240 students? [y/N] " {
			t.Errorf("confirm(%q) = %v, asked %q; want %v", in, got, out.String(), want)
		}
	}
}

// A member of staff at the terminal: #broadcast shows the preview, and
// #broadcast send queues it for Sam and Ann, who see it when they next
// chat.
func TestBroadcastFromTheChat(t *testing.T) {
	c := newCastCLI(t)
	c.ok("", "staff", "add", "--name", "Pat", "--role", "staff", "--phone", "07700 900500")
	out := c.ok("#broadcast course:ART1 service Monday\u2019s session starts at 10:30.\n#broadcast send 1\n",
		"chat", "--as", "07700900500")
	contains(t, "staff chat", out,
		"Broadcast 1, service to course:ART1: 2 students, 0 by SMS, 0 on Telegram and 2 in the terminal (collegebot chat).\n"+
			"Curly quotes, dashes and other look-alikes were changed to plain ones, as below, so each text costs less.\n"+
			"Students will see:\nMonday's session starts at 10:30.\n"+
			"Send: send #broadcast send 1\nDiscard: send #broadcast discard 1",
		"Broadcast 1 is queued for 2 students and starts now. I will text you when it has finished. "+
			"To stop it send #broadcast stop 1.")
	contains(t, "Ann's chat", c.ok("", "chat", "--as", "07700900124"), "Monday's session starts at 10:30.")
}
