package conversation

import (
	"strconv"
	"strings"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/sms"
	"collegebot/messages"
)

// RenderSMS writes a reply as one SMS text: choices become numbered lines,
// answered by sending the number.
func RenderSMS(cat *messages.Catalog, lang string, r college.Reply) string {
	if len(r.Choices) == 0 {
		return r.Text
	}
	var b strings.Builder
	b.WriteString(r.Text)
	for i, c := range r.Choices {
		b.WriteString("\n" + strconv.Itoa(i+1) + " " + c.Label)
	}
	b.WriteString("\n" + cat.Text(lang, "choices.hint", nil))
	return b.String()
}

// segments counts what a reply costs on channels that bill per segment.
func (t *turn) segments(ch college.Channel, r college.Reply) int {
	if !billed(ch) {
		return 0
	}
	return sms.Count(RenderSMS(t.cat, t.lang(), r)).Segments
}

func (t *turn) lang() string {
	if t.st.Lang == "" {
		return messages.Default
	}
	return t.st.Lang
}

// text fills a catalog message in the student's language.
func (t *turn) text(key string, args messages.Args) string {
	if args == nil {
		args = messages.Args{}
	}
	args["College"] = t.profile.Name
	plainName(t.in.Channel, args)
	return t.cat.Text(t.lang(), key, args)
}

// billed reports whether a channel is paid by the segment, so its texts
// must keep to GSM-7.
func billed(ch college.Channel) bool { return ch != college.Telegram }

// plainName puts a student's name in GSM-7 for channels billed by the
// segment: Siân is texted as Sian, and a name with no GSM-7 form is left
// out rather than sent as characters the phone shows as boxes.
func plainName(ch college.Channel, args messages.Args) {
	if n, ok := args["Name"].(string); ok && billed(ch) {
		args["Name"] = strings.TrimSpace(sms.Plain(n))
	}
}

// plainReply puts a whole reply in GSM-7 for channels billed by the
// segment; course titles imported with curly quotes or dashes are the
// usual cause.
func plainReply(ch college.Channel, r college.Reply) college.Reply {
	if !billed(ch) {
		return r
	}
	r.Text = sms.Plain(r.Text)
	cs := make([]college.Choice, len(r.Choices))
	for i, c := range r.Choices {
		cs[i] = college.Choice{Label: sms.Plain(c.Label), Command: c.Command}
	}
	r.Choices = cs
	return r
}

// say queues a reply to the student.
func (t *turn) say(key string, args messages.Args, choices ...college.Choice) {
	t.out = append(t.out, college.Reply{Text: t.text(key, args), Choices: choices})
	t.d.Choices = commands(choices)
}

func commands(cs []college.Choice) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Command
	}
	return out
}

// day formats a date as "Tue 3 Mar".
func (e *Engine) day(at time.Time) string { return at.In(e.loc).Format("Mon 2 Jan") }

// when formats a time as "Tue 3 Mar 10:00".
func (e *Engine) when(at time.Time) string { return at.In(e.loc).Format("Mon 2 Jan 15:04") }

// where says where a session meets, shortly enough for a text.
func (t *turn) where(s college.Session) string {
	if s.Venue == nil {
		return t.text("when.online_later", nil)
	}
	if s.Venue.Postcode == "" {
		return s.Venue.Name
	}
	return s.Venue.Name + ", " + s.Venue.Postcode
}
