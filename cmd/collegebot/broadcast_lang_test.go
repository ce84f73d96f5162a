package main

import (
	"strings"
	"testing"
)

// A text per language from the command line: Sam chose Welsh, so he is
// sent the --message-cy text, with the news line in Welsh; the preview
// prices each language.
func TestBroadcastMessagePerLanguage(t *testing.T) {
	c := newCastCLI(t)
	c.ok("iaith cy\n", "chat", "--as", "07700900123")
	out := c.ok("", "broadcast", "--to", "course:ART1", "--kind", "service", "--dry-run",
		"--message", "Room 2 on Monday", "--message-cy", "Ystafell 2 ddydd Llun")
	contains(t, "dry run", out,
		"Preview, service to course:ART1: 2 students, 0 by SMS, 0 on Telegram and 2 in the terminal (collegebot chat).\n"+
			"English (en): 1 student.\nCymraeg (cy): 1 student.\n",
		"Students will see:\nRoom 2 on Monday\nIn Cymraeg (cy):\nYstafell 2 ddydd Llun\nDry run: nothing was stored or sent.\n")
	c.ok("", "broadcast", "--to", "course:ART1", "--kind", "news", "--yes",
		"--message", "Open day on Saturday", "--message-cy", "Diwrnod agored ddydd Sadwrn")
	if n := c.count(`SELECT count(*) FROM broadcast_text WHERE lang = 'cy' AND body = 'Diwrnod agored ddydd Sadwrn'`); n != 1 {
		t.Errorf("Welsh texts stored: %d, want 1", n)
	}
	got := c.count(`SELECT count(*) FROM outbox WHERE broadcast_id = 1 AND lang = 'cy'
		AND body = 'Diwrnod agored ddydd Sadwrn' || char(10) || 'Anfonwch DIM NEWYDDION i atal newyddion y coleg.'`)
	if got != 1 {
		t.Errorf("Welsh news queued for Sam: %d, want 1", got)
	}
	help := c.ok("", "broadcast", "--help")
	if !strings.Contains(help, "--message-cy string") || !strings.Contains(help, "Cymraeg (Welsh)") {
		t.Errorf("help lacks --message-cy:\n%s", help)
	}
}
