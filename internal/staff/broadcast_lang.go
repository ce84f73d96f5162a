package staff

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"collegebot/internal/college"
	"collegebot/internal/sms"
	"collegebot/messages"
)

// A broadcast speaks every language the catalogs do. Staff write the
// English text, and may add one for the students who chose each other
// language; students of a language without one get the English text. A
// news broadcast ends, for each student, with how to stop news in their
// own language. In a message to the bot, each other language's text goes
// on lines of its own after the English, starting with the language's
// code and a colon:
//
//	#broadcast all news The spring prospectus is out: text COURSES.
//	cy: Mae prospectws y gwanwyn allan: tecstiwch CYRSIAU.
//
// Only the codes of languages the catalogs speak start a text ("NB:" is
// part of the text it is in); an "en:" line may start the English.

// LangPreview is what a broadcast does in one language: who it reaches
// there, the text they see, and its cost by SMS.
type LangPreview struct {
	Lang string
	Name string // the language's own name: "Cymraeg"
	// Own is set when staff wrote a text for this language; otherwise its
	// students get the default's.
	Own   bool
	Reach college.Reach
	Text  string
	// SMS is what Text costs by SMS; Segments what every SMS recipient of
	// this language costs together.
	SMS      sms.Segments
	Segments int
}

// SplitTexts reads what staff wrote for a broadcast: the default
// language's text, then lines starting "cy:" and so on with the text for
// each other language of langs. A language given twice, or given with
// nothing after it, is a *Problem.
func SplitTexts(text string, langs []string) (body string, texts map[string]string, err error) {
	parts, cur := map[string][]string{}, messages.Default
	order := []string{messages.Default}
	for _, line := range strings.Split(text, "\n") {
		if lang, rest, ok := langLine(line, langs); ok {
			if slices.Contains(order[1:], lang) || (lang == messages.Default && len(parts[lang]) > 0) {
				return "", nil, problemf("The %s: text is given twice: give each language one text.", lang)
			}
			cur, order = lang, append(order, lang)
			line = rest
		}
		parts[cur] = append(parts[cur], line)
	}
	texts = map[string]string{}
	for _, lang := range order[1:] {
		t := strings.TrimSpace(strings.Join(parts[lang], "\n"))
		if t == "" && lang != messages.Default {
			return "", nil, problemf("The %s: text is empty: write it after %s: on the same line.", lang, lang)
		}
		if lang != messages.Default {
			texts[lang] = t
		}
	}
	return strings.TrimSpace(strings.Join(parts[messages.Default], "\n")), texts, nil
}

// langLine reports whether a line starts a language's text ("cy: Helo"),
// and returns the language and the rest of the line.
func langLine(line string, langs []string) (string, string, bool) {
	code, rest, ok := strings.Cut(strings.TrimSpace(line), ":")
	code = strings.ToLower(strings.TrimSpace(code))
	if !ok || !(code == messages.Default || slices.Contains(langs, code)) {
		return "", "", false
	}
	return code, rest, true
}

// OtherLangs returns the languages other than the default that a
// broadcast may have a text in: those the catalogs speak.
func OtherLangs(cat *messages.Catalog) []string {
	var out []string
	for _, l := range cat.Langs() {
		if l != messages.Default {
			out = append(out, l)
		}
	}
	return out
}

// langTexts returns what the students of each language the catalogs
// speak are sent, by language: the text written for the language, or the
// default's, made plain and, on news, ending with how to stop news in
// that language. It also reports whether any text had look-alikes folded.
func langTexts(cat *messages.Catalog, b college.Broadcast) (map[string]string, bool, error) {
	for l := range b.Texts {
		if !slices.Contains(OtherLangs(cat), l) {
			return nil, false, problemf("There is no %s catalog: texts may be in %s.", l, strings.Join(OtherLangs(cat), ", "))
		}
	}
	out, anyFolded := map[string]string{}, false
	for _, l := range append([]string{messages.Default}, OtherLangs(cat)...) {
		body, ok := b.Texts[l]
		if !ok {
			body = b.Body
		}
		text, folded, err := studentText(cat, l, body, b.Kind)
		if err != nil {
			return nil, false, err
		}
		out[l], anyFolded = text, anyFolded || folded
	}
	return out, anyFolded, nil
}

// studentText is a broadcast's text as a student of lang sees it:
// look-alikes such as curly quotes and dashes turned into GSM-7, so a text
// costs what it should, and on news, on every channel, how to stop news.
func studentText(cat *messages.Catalog, lang, body string, kind college.Kind) (text string, folded bool, err error) {
	body = strings.TrimSpace(body)
	if body == "" {
		return "", false, problemf("The message is empty: write it after the audience and kind, e.g. course:MH1 service Tuesday's session is in room 2.")
	}
	text, folded = sms.ToGSM7(body)
	if kind == college.KindNews {
		text += "\n" + cat.Text(lang, "broadcast.news_footer", nil)
	}
	if n := utf8.RuneCountInString(text); n > maxBroadcast {
		what := "The message"
		if lang != messages.Default {
			what = fmt.Sprintf("The %s message (with its news line)", cat.Name(lang))
		}
		return "", false, problemf("%s is %s characters; a text can be at most %s.", what, grouped(n), grouped(maxBroadcast))
	}
	return text, folded, nil
}

// langPreviews previews a broadcast in each language, the default first:
// every language with a text of its own or a student reached. Students
// whose language has no catalog count under the default, whose text they
// get.
func langPreviews(cat *messages.Catalog, b college.Broadcast, texts map[string]string, byLang map[string]college.Reach) []LangPreview {
	reach := map[string]college.Reach{}
	for l, r := range byLang {
		if _, ok := texts[l]; !ok {
			l = messages.Default
		}
		reach[l] = addReach(reach[l], r)
	}
	var out []LangPreview
	for _, l := range append([]string{messages.Default}, OtherLangs(cat)...) {
		_, own := b.Texts[l]
		if l != messages.Default && !own && reach[l].Total() == 0 {
			continue
		}
		c := sms.Count(texts[l])
		out = append(out, LangPreview{Lang: l, Name: cat.Name(l), Own: own || l == messages.Default,
			Reach: reach[l], Text: texts[l], SMS: c, Segments: c.Segments * reach[l].SMS})
	}
	return out
}

// addReach adds two counts of an audience.
func addReach(a, b college.Reach) college.Reach {
	return college.Reach{SMS: a.SMS + b.SMS, Telegram: a.Telegram + b.Telegram,
		Terminal: a.Terminal + b.Terminal, Discreet: a.Discreet + b.Discreet}
}

// langLines are a preview's lines for each language, when it speaks more
// than one: who it reaches in each and what each costs by SMS.
func langLines(p Preview) []string {
	var lines []string
	for _, l := range p.Langs {
		s := fmt.Sprintf("%s: %s", langLabel(l), studentCount(l.Reach.Total()))
		if l.Reach.SMS > 0 {
			s += fmt.Sprintf(" (%s by SMS: %s each, %s)", grouped(l.Reach.SMS), segmentsOf(l.SMS.Segments), l.SMS.Encoding)
		}
		if !l.Own {
			s += fmt.Sprintf(", given the %s text: no %s: text", p.Langs[0].Name, l.Lang)
		}
		lines = append(lines, s+".")
	}
	return lines
}

// langLabel names a language for staff: "Cymraeg (cy)".
func langLabel(l LangPreview) string { return l.Name + " (" + l.Lang + ")" }

// textBySMS reports whether the default's text (p.Text) goes to anyone by
// SMS, in any language.
func textBySMS(p Preview) bool {
	for _, l := range p.Langs {
		if l.Text == p.Text && l.Reach.SMS > 0 {
			return true
		}
	}
	return false
}

// langWarnings warn of each other language's own text that travels as
// UCS-2.
func langWarnings(p Preview) []string {
	var w []string
	for _, l := range p.Langs[min(1, len(p.Langs)):] {
		if l.SMS.Encoding == sms.UCS2 && l.Reach.SMS > 0 && l.Text != p.Text {
			w = append(w, fmt.Sprintf("The %s text has characters outside the SMS alphabet (such as ŵ, or another script), "+
				"so a segment holds 70 characters, not 160.", langLabel(l)))
		}
	}
	return w
}

// langShown is what the students of each other language see, where it
// differs from the default's text.
func langShown(p Preview) string {
	var b strings.Builder
	for _, l := range p.Langs[min(1, len(p.Langs)):] {
		if l.Text != p.Text {
			fmt.Fprintf(&b, "\nIn %s:\n%s", langLabel(l), l.Text)
		}
	}
	return b.String()
}
