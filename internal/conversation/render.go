package conversation

import (
	"strconv"
	"strings"
	"time"
	"unicode"

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

// lang is the language the student is written to in: the one they chose,
// or the default for a language the catalog does not (or no longer)
// speak.
func (t *turn) lang() string {
	if !t.cat.Has(t.st.Lang) {
		return messages.Default
	}
	return t.st.Lang
}

// text fills a catalog message in the student's language, for the
// channel the student wrote on.
func (t *turn) text(key string, args messages.Args) string {
	return t.textOn(t.in.Channel, key, args)
}

// textOn fills a catalog message in the student's language, for channel
// ch.
func (t *turn) textOn(ch college.Channel, key string, args messages.Args) string {
	if args == nil {
		args = messages.Args{}
	}
	args["College"] = t.profile.Name
	t.plainName(ch, args)
	return t.cat.Text(t.lang(), key, args)
}

// billed reports whether a channel is paid by the segment, so its texts
// must keep to GSM-7.
func billed(ch college.Channel) bool { return ch != college.Telegram }

// plainName puts a student's name in GSM-7 for channels billed by the
// segment, in a language whose texts keep to GSM-7: Siân is texted as
// Sian, and a name with no GSM-7 form is left out rather than sent as
// characters the phone shows as boxes. In other languages the texts are
// sent as UCS-2 anyway, and the name stays as it is written.
func (t *turn) plainName(ch college.Channel, args messages.Args) {
	if n, ok := args["Name"].(string); ok && billed(ch) && t.cat.GSM7(t.lang()) {
		args["Name"] = strings.TrimSpace(sms.Plain(n))
	}
}

// plainReply puts a reply in GSM-7 for channels billed by the segment;
// course titles imported with curly quotes or dashes are the usual cause.
// Look-alikes always become plain (a curly quote is never worth a
// segment); accents go only in a language whose texts keep to GSM-7, as
// English's do. Welsh with ŵ and ŷ, or Urdu, travels as UCS-2 and is kept
// as written; so is a word in another script, which would otherwise
// vanish (the name of a language in a list of them, a title in Urdu).
func (t *turn) plainReply(ch college.Channel, r college.Reply) college.Reply {
	if !billed(ch) {
		return r
	}
	plain := t.cat.GSM7(t.lang())
	r.Text = plainText(r.Text, plain)
	cs := make([]college.Choice, len(r.Choices))
	for i, c := range r.Choices {
		cs[i] = college.Choice{Label: plainText(c.Label, plain), Command: c.Command}
	}
	r.Choices = cs
	return r
}

// plainText folds look-alikes in s into GSM-7, and with accents, drops
// accents too, unless that loses letters: a letter of another script has
// no GSM-7 form.
func plainText(s string, accents bool) string {
	folded, _ := sms.ToGSM7(s)
	if !accents {
		return folded
	}
	p := sms.Plain(folded)
	if letters(p) < letters(folded) {
		return folded
	}
	return p
}

// letters counts the letters in s.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
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

// day formats a date as "Tue 3 Mar", in the student's language.
func (t *turn) day(at time.Time) string {
	days := strings.Fields(t.cat.Text(t.lang(), "date.days", nil))
	if len(days) != 7 {
		days = strings.Fields("Sun Mon Tue Wed Thu Fri Sat")
	}
	return days[at.In(t.loc).Weekday()] + " " + t.dayMonth(at)
}

// dayMonth formats a date as "3 Mar", in the student's language.
func (t *turn) dayMonth(at time.Time) string {
	l := at.In(t.loc)
	months := strings.Fields(t.cat.Text(t.lang(), "date.months", nil))
	if len(months) != 12 {
		return l.Format("2 Jan")
	}
	return strconv.Itoa(l.Day()) + " " + months[l.Month()-1]
}

// when formats a time as "Tue 3 Mar 10:00", in the student's language.
func (t *turn) when(at time.Time) string { return t.day(at) + " " + at.In(t.loc).Format("15:04") }

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
