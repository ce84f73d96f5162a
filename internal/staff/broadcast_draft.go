package staff

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"collegebot/internal/college"
	"collegebot/internal/sms"
	"collegebot/messages"
)

// maxBroadcast is the longest text a broadcast may be, in characters:
// Twilio's limit for one message.
const maxBroadcast = 1600

// Preview is a broadcast as it would go: who it reaches, the text exactly
// as a student sees it, and what it costs by SMS.
type Preview struct {
	college.Broadcast
	Reach college.Reach
	// Text is what every recipient is sent: look-alikes folded into GSM-7
	// (Folded says whether any were) and, on news, how to stop news.
	Text   string
	Folded bool
	// SMS is the cost of Text by SMS; Segments the segments of every SMS
	// recipient together, costing Cost pounds.
	SMS      sms.Segments
	Segments int
	Cost     float64
	// Spent is what texts cost the college this month so far, and Budget
	// its monthly budget (0 for none).
	Spent  float64
	Budget float64
}

// OverBudget reports whether the broadcast takes this month's SMS spending
// past the budget.
func (p Preview) OverBudget() bool { return p.Budget > 0 && p.Spent+p.Cost > p.Budget }

// ParseKind reads service or news.
func ParseKind(s string) (college.Kind, error) {
	switch k := college.Kind(strings.ToLower(strings.TrimSpace(s))); k {
	case college.KindService, college.KindNews:
		return k, nil
	}
	return "", problemf("Say service (about something booked: everyone in the audience gets it) or news (only students who said yes to news), not %q.", s)
}

// PreviewBroadcast shows what a broadcast would do, storing nothing. A mistake in
// what was asked (an unknown course, an empty text) is a *Problem.
func (d *Desk) PreviewBroadcast(tx college.OfficeTx, a college.Audience, kind college.Kind, body string) (Preview, error) {
	p := Preview{Broadcast: college.Broadcast{Audience: a, Kind: kind, Body: strings.TrimSpace(body)}}
	if _, err := ParseKind(string(kind)); err != nil {
		return p, err
	}
	text, folded, err := studentText(p.Body, kind)
	if err != nil {
		return p, err
	}
	p.Text, p.Folded, p.SMS = text, folded, sms.Count(text)
	a.Terminal = d.inTerminal()
	if p.Reach, err = tx.Reach(a, kind); errors.Is(err, college.ErrNotFound) {
		return p, problemf("There is no %s %q: check the name (%s).", scopeNoun(a.Scope), a.Name, college.AudienceExample)
	} else if err != nil {
		return p, err
	}
	p.Recipients = p.Reach.Total()
	p.Segments = p.SMS.Segments * p.Reach.SMS
	p.Cost = float64(p.Segments) * d.profile.SMS.PricePerSegment
	spent, err := tx.SMSSegmentsSince(monthStart(tx.Now(), d.loc))
	p.Spent = float64(spent) * d.profile.SMS.PricePerSegment
	p.Budget = d.profile.SMS.MonthlyBudget
	return p, err
}

// DraftBroadcast previews a broadcast and stores it as a draft, by, to confirm or
// discard. One that would reach nobody is a *Problem.
func (d *Desk) DraftBroadcast(tx college.OfficeTx, a college.Audience, kind college.Kind, body, by string) (Preview, error) {
	p, err := d.PreviewBroadcast(tx, a, kind, body)
	if err != nil {
		return p, err
	}
	if p.Recipients == 0 {
		return p, problemf("Nobody in %s can be sent this %s: %s", a, kind, nobodyWhy(kind))
	}
	p.CreatedBy = by
	p.Broadcast, err = tx.AddBroadcast(p.Broadcast)
	return p, err
}

// nobodyWhy says who a broadcast reaches, when it reaches nobody.
func nobodyWhy(kind college.Kind) string {
	why := "it goes to registered students with a phone or chat that has not opted out"
	if kind == college.KindNews {
		why += ", and news only to those who said yes to news"
	}
	return why + "."
}

// studentText is a broadcast's text as a student sees it: look-alikes such
// as curly quotes and dashes turned into GSM-7, so a text costs what it
// should, and on news, on every channel, how to stop news.
func studentText(body string, kind college.Kind) (text string, folded bool, err error) {
	body = strings.TrimSpace(body)
	if body == "" {
		return "", false, problemf("The message is empty: write it after the audience and kind, e.g. course:MH1 service Tuesday's session is in room 2.")
	}
	text, folded = sms.ToGSM7(body)
	if kind == college.KindNews {
		cat, err := messages.Load()
		if err != nil {
			return "", false, err
		}
		text += "\n" + cat.Text(messages.Default, "broadcast.news_footer", nil)
	}
	if n := utf8.RuneCountInString(text); n > maxBroadcast {
		return "", false, problemf("The message is %s characters; a text can be at most %s.", grouped(n), grouped(maxBroadcast))
	}
	return text, folded, nil
}

// studentSegments is what a broadcast's text costs each SMS recipient.
func studentSegments(text string) int { return sms.Count(text).Segments }

// monthStart returns the start of the month t falls in, in the college's
// time zone.
func monthStart(t time.Time, loc *time.Location) time.Time {
	l := t.In(loc)
	return time.Date(l.Year(), l.Month(), 1, 0, 0, 0, 0, loc)
}

// scopeNoun names a scope for a sentence.
func scopeNoun(s college.Scope) string {
	if s == college.ScopeWaiting {
		return "course"
	}
	return string(s)
}

// PreviewText shows a preview to staff: who it reaches, what it costs, any
// warning, and the text as a student sees it.
func PreviewText(p Preview) string {
	name := "Preview"
	if p.ID != 0 {
		name = fmt.Sprintf("Broadcast %d", p.ID)
	}
	reach := fmt.Sprintf("%s by SMS and %s on Telegram", grouped(p.Reach.SMS), grouped(p.Reach.Telegram))
	if p.Reach.Terminal > 0 {
		reach = fmt.Sprintf("%s by SMS, %s on Telegram and %s in the terminal (collegebot chat)",
			grouped(p.Reach.SMS), grouped(p.Reach.Telegram), grouped(p.Reach.Terminal))
	}
	lines := []string{fmt.Sprintf("%s, %s to %s: %s, %s.", name, p.Kind, p.Audience,
		studentCount(p.Reach.Total()), reach)}
	if p.Reach.SMS > 0 {
		lines = append(lines, fmt.Sprintf("By SMS: %s each (%s), %s in all, about %s.",
			segmentsOf(p.SMS.Segments), p.SMS.Encoding, grouped(p.Segments), pounds(p.Cost)))
	}
	return strings.Join(append(lines, warnings(p)...), "\n") + "\nStudents will see:\n" + p.Text
}

// warnings are what staff should know before they send.
func warnings(p Preview) []string {
	var w []string
	if p.Folded {
		w = append(w, "Curly quotes, dashes and other look-alikes were changed to plain ones, as below, so each text costs less.")
	}
	if p.SMS.Encoding == sms.UCS2 && p.Reach.SMS > 0 {
		w = append(w, "It has characters outside the SMS alphabet (emoji or accents), so a segment holds 70 characters, not 160.")
	}
	if p.OverBudget() {
		w = append(w, fmt.Sprintf("Over budget: texts this month have cost %s so far; with this broadcast %s, over the %s monthly budget.",
			pounds(p.Spent), pounds(p.Spent+p.Cost), pounds(p.Budget)))
	}
	if p.Reach.Discreet > 0 && p.Audience.Scope != college.ScopeAll {
		w = append(w, fmt.Sprintf("%s asked for discreet texts: do not name the course or topic.", studentCount(p.Reach.Discreet)))
	}
	return w
}

// studentCount counts students.
func studentCount(n int) string {
	if n == 1 {
		return "1 student"
	}
	return grouped(n) + " students"
}

// segmentsOf counts segments.
func segmentsOf(n int) string {
	if n == 1 {
		return "1 segment"
	}
	return grouped(n) + " segments"
}

// pounds shows an amount of money.
func pounds(v float64) string { return fmt.Sprintf("£%.2f", v) }

// grouped writes a count with commas between thousands: 1,240.
func grouped(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + grouped(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
