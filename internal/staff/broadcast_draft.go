package staff

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/sms"
	"collegebot/messages"
)

// maxBroadcast is the longest text a broadcast may be, in characters:
// Twilio's limit for one message.
const maxBroadcast = 1600

// Preview is a broadcast as it would go: who it reaches, the text exactly
// as a student sees it, and what it costs by SMS, in all and in each
// language.
type Preview struct {
	college.Broadcast
	Reach college.Reach
	// Text is what every recipient of the default language is sent:
	// look-alikes folded into GSM-7 (Folded says whether any were, in any
	// language) and, on news, how to stop news.
	Text   string
	Folded bool
	// SMS is the cost of Text by SMS; Segments the segments of every SMS
	// recipient together, in every language, costing Cost pounds.
	SMS      sms.Segments
	Segments int
	Cost     float64
	// Langs is the broadcast in each language, the default first: every
	// language with a text of its own or a student reached.
	Langs []LangPreview
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

// PreviewBroadcast shows what a broadcast (its Audience, Kind, Body and
// Texts in other languages) would do, storing nothing. A mistake in what
// was asked (an unknown course, an empty text) is a *Problem.
func (d *Desk) PreviewBroadcast(tx college.OfficeTx, b college.Broadcast) (Preview, error) {
	b.Body = strings.TrimSpace(b.Body)
	p := Preview{Broadcast: b}
	if _, err := ParseKind(string(b.Kind)); err != nil {
		return p, err
	}
	cat, err := messages.Load()
	if err != nil {
		return p, err
	}
	texts, folded, err := langTexts(cat, b)
	if err != nil {
		return p, err
	}
	a := b.Audience
	a.Terminal = d.inTerminal()
	byLang, err := tx.ReachByLang(a, b.Kind)
	if errors.Is(err, college.ErrNotFound) {
		return p, problemf("There is no %s %q: check the name (%s).", scopeNoun(a.Scope), a.Name, college.AudienceExample)
	} else if err != nil {
		return p, err
	}
	p.Langs = langPreviews(cat, b, texts, byLang)
	p.Text, p.Folded, p.SMS = p.Langs[0].Text, folded, p.Langs[0].SMS
	for _, l := range p.Langs {
		p.Reach, p.Segments = addReach(p.Reach, l.Reach), p.Segments+l.Segments
	}
	p.Recipients = p.Reach.Total()
	p.Cost = float64(p.Segments) * d.profile.SMS.PricePerSegment
	spent, err := tx.SMSSegmentsSince(monthStart(tx.Now(), d.loc))
	p.Spent = float64(spent) * d.profile.SMS.PricePerSegment
	p.Budget = d.profile.SMS.MonthlyBudget
	return p, err
}

// DraftBroadcast previews a broadcast and stores it as a draft, by
// b.CreatedBy, to confirm or discard. One that would reach nobody is a
// *Problem.
func (d *Desk) DraftBroadcast(tx college.OfficeTx, b college.Broadcast) (Preview, error) {
	p, err := d.PreviewBroadcast(tx, b)
	if err != nil {
		return p, err
	}
	if p.Recipients == 0 {
		return p, problemf("Nobody in %s can be sent this %s: %s", b.Audience, b.Kind, nobodyWhy(b.Kind))
	}
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
	if len(p.Langs) > 1 {
		if p.Reach.SMS > 0 {
			lines = append(lines, fmt.Sprintf("By SMS: %s in all, about %s.", segmentsOf(p.Segments), pounds(p.Cost)))
		}
		lines = append(lines, langLines(p)...)
		return strings.Join(append(lines, warnings(p)...), "\n") + "\nStudents will see:\n" + p.Text + langShown(p)
	}
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
	if p.SMS.Encoding == sms.UCS2 && textBySMS(p) {
		w = append(w, "It has characters outside the SMS alphabet (emoji or accents), so a segment holds 70 characters, not 160.")
	}
	w = append(w, langWarnings(p)...)
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
