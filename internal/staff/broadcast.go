package staff

import (
	"fmt"
	"strings"
	"unicode"

	"collegebot/internal/college"
	"collegebot/messages"
)

func broadcastCommands() map[string]command {
	return map[string]command{
		"broadcast": {role: college.StaffRole,
			usage: "broadcast AUDIENCE service|news TEXT [then lines cy: TEXT], or broadcast send|discard|status|stop ID, or broadcast list",
			about: "message students: a preview first, then Send", run: (*request).broadcast},
	}
}

// broadcast drafts a broadcast and shows its preview, or acts on one.
func (r *request) broadcast() error {
	verb, rest, _ := strings.Cut(r.args, " ")
	acts := map[string]func(int64) error{
		"send": r.sendBroadcast, "discard": r.discardBroadcast,
		"status": r.broadcastStatus, "stop": r.stopBroadcast,
	}
	switch v := strings.ToLower(verb); {
	case v == "":
		return problemf("Send %s AUDIENCE service|news TEXT, e.g. %s. I show a preview before anything is sent.",
			r.cmd("broadcast"), r.example())
	case v == "list":
		return r.listBroadcasts()
	case acts[v] != nil:
		id, ok := ParseNumber(rest)
		if !ok {
			return problemf("Send %s %s ID, with the broadcast's number (%s shows them).",
				r.cmd("broadcast"), v, r.cmd("broadcast list"))
		}
		return acts[v](id)
	}
	return r.draftBroadcast()
}

// example is a whole broadcast command, for hints.
func (r *request) example() string {
	return r.cmd("broadcast") + " course:MH1 service Tuesday's session is in room 2 this week"
}

// draftBroadcast reads AUDIENCE KIND TEXT, with a text for each other
// language on lines of its own ("cy: Helo bawb"), stores a draft and shows
// its preview with the choice to send or discard it.
func (r *request) draftBroadcast() error {
	a, rest, err := college.CutAudience(r.args)
	if err != nil {
		return problemf("%s. For example: %s.", capitalised(err.Error()), r.example())
	}
	word, text := cutWord(rest)
	kind, err := ParseKind(word)
	if err != nil && (a.Scope == college.ScopeTerm || a.Scope == college.ScopeTopic) && !strings.Contains(a.Name, " ") {
		return problemf("After the audience say service or news, then the text; quote a %s name with spaces, "+
			"as in %s term:\"Spring 2026\" news Hi.", a.Scope, r.cmd("broadcast"))
	} else if err != nil {
		return problemf("After the audience say service or news, then the text. For example: %s.", r.example())
	}
	cat, err := messages.Load()
	if err != nil {
		return err
	}
	body, texts, err := SplitTexts(text, OtherLangs(cat))
	if err != nil {
		return err
	}
	p, err := r.DraftBroadcast(r.tx, college.Broadcast{Audience: a, Kind: kind, Body: body, Texts: texts, CreatedBy: r.member.Name})
	if err != nil {
		return err
	}
	r.offer(PreviewText(p),
		college.Choice{Label: "Send", Command: fmt.Sprintf("broadcast send %d", p.ID)},
		college.Choice{Label: "Discard", Command: fmt.Sprintf("broadcast discard %d", p.ID)})
	return nil
}

// sendBroadcast queues a draft. On Telegram the message that follows it,
// edited as it goes, is the answer.
func (r *request) sendBroadcast(id int64) error {
	b, n, err := r.SendBroadcast(r.tx, id, r.in.Channel, r.in.Address)
	if err != nil || r.in.Channel == college.Telegram {
		return err
	}
	when := "now"
	if start := college.QuietUntil(r.now, r.profile, r.loc); start.After(r.now) {
		when = startsAt(start, r.now, r.loc) + ", after quiet hours"
	}
	r.say("Broadcast %d is queued for %s and starts %s. I will text you when it has finished. To stop it send %s.",
		b.ID, studentCount(n), when, r.cmd(fmt.Sprintf("broadcast stop %d", b.ID)))
	return nil
}

func (r *request) discardBroadcast(id int64) error {
	if _, err := r.DiscardBroadcast(r.tx, id); err != nil {
		return err
	}
	r.say("Broadcast %d is discarded: nothing was sent.", id)
	return nil
}

func (r *request) broadcastStatus(id int64) error {
	b, err := broadcastOf(r.tx, id)
	if err != nil {
		return err
	}
	p, err := r.tx.BroadcastProgress(id)
	if err != nil {
		return err
	}
	r.say("%s", StatusText(b, p, r.now, r.loc))
	return nil
}

func (r *request) stopBroadcast(id int64) error {
	b, n, err := r.StopBroadcast(r.tx, id)
	if err != nil {
		return err
	}
	p, err := r.tx.BroadcastProgress(id)
	if err != nil {
		return err
	}
	r.say("%s", StopText(b, n, p))
	return nil
}

// listBroadcasts shows the last few broadcasts and how each went.
func (r *request) listBroadcasts() error {
	bs, err := r.tx.Broadcasts(5)
	if err != nil {
		return err
	}
	if len(bs) == 0 {
		r.say("No broadcasts yet. Try %s.", r.example())
		return nil
	}
	lines := make([]string, 0, len(bs))
	for _, b := range bs {
		p, err := r.tx.BroadcastProgress(b.ID)
		if err != nil {
			return err
		}
		lines = append(lines, StatusText(b, p, r.now, r.loc))
	}
	r.say("%s", strings.Join(lines, "\n"))
	return nil
}

// cutWord splits off the first word of s, which a space or a line break
// ends, and returns it and the rest.
func cutWord(s string) (word, rest string) {
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		return s[:i], strings.TrimLeft(s[i:], " ")
	}
	return s, ""
}

// capitalised starts a message with a capital letter.
func capitalised(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
