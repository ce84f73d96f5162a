package messages_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"collegebot/messages"
)

// plainArgs fills every placeholder with an ordinary value from the demo
// college, so the words measured are the words a student reads. Unlike the
// segment test's longest values, these are typical ones.
var plainArgs = messages.Args{
	"College": "Calderbrook Recovery College", "Phone": "01924 000 000", "Hours": "Mon-Fri 9-5",
	"Privacy": "calderbrook.example/privacy", "Name": "Sam", "Pos": 3, "Count": 6, "Age": 18,
	"Verb": "JOIN", "Example": "PH1", "Code": "PH1", "Title": "Sleep well", "Course": "PH1 Sleep well",
	"Summary": "Why sleep goes wrong and what helps you sleep better.", "Topic": "Physical health",
	"Cohort": "carers", "When": "Tue 6 Oct 10:00", "Old": "Tue 6 Oct 10:00", "Expires": "Wed 7 Oct 10:00",
	"First": "Tue 6 Oct 10:00", "Last": "10 Nov", "Date": "Tue 6 Oct", "Time": "10:00",
	"Where": "Calderbrook Library, Market Street, WF1 2DD", "Link": "calderbrook.example/join/ph1",
	"Dates": "6 sessions from Tue 6 Oct 10:00 to 10 Nov", "Places": "5 places left.", "Who": "Open to anyone.",
	"Contacts": "Life at risk: 999. NHS 111, mental health option. Samaritans 116 123, free, any time. Text SHOUT to 85258",
}

// jargon lists words that are clinical, bureaucratic or blaming, each with why
// a student should not read it. Matching is by whole word, in any case.
var jargon = []struct{ word, why string }{
	{`DNA`, `NHS code for "did not attend": a label, not a word a student uses`},
	{`did not attend|didn't attend|failed to attend|non-?attendance|no-?show`, "counts a missed session against the student"},
	{`fail(s|ed|ure)?`, "blames; say what happened or what to do next"},
	{`non-?compliant|compliance|comply`, "clinical; treats the student as someone to be managed"},
	{`discharged?`, "clinical; a student leaves or finishes a course"},
	{`service users?|patients?|clients?`, "they are students of the college, not of a clinic"},
	{`default(s|ed)?`, "technical (and a word for unpaid debt)"},
	{`refused|refusal|denied|rejected`, "sounds like a verdict on the person"},
	{`terminated|termination`, "harsh; a booking or a course ends"},
	{`invalid`, `technical, and reads as "in-valid"`},
	{`errors?`, "technical; say what we didn't understand and what to send"},
	{`must|mandatory|compulsory|required`, "an order; say please or what happens instead"},
	{`ineligible|eligibility|unauthori[sz]ed|prohibited|forbidden`, "bureaucratic; say who a course is for"},
	{`absent|absence|penalty|penali[sz]ed|breach`, "register and rule-book words that shame"},
	{`cohort|facilitate|modality|intervention|referral`, "service jargon"},
	{`sufferers?|suffering from|mentally ill|the mentally|committed suicide|commit suicide`, "stigmatising ways to speak of mental health"},
}

func jargonRE() []*regexp.Regexp {
	var out []*regexp.Regexp
	for _, j := range jargon {
		out = append(out, regexp.MustCompile(`(?i)\b(?:`+j.word+`)\b`))
	}
	return out
}

// englishTexts returns every English text filled with plainArgs, by key.
func englishTexts(t *testing.T) map[string]string {
	t.Helper()
	c := mustLoad(t)
	out := map[string]string{}
	for _, k := range c.Keys(messages.Default) {
		tmpl, _ := c.Template(messages.Default, k)
		for _, p := range placeholders(tmpl) {
			if _, ok := plainArgs[p]; !ok {
				t.Fatalf("%s: no plain value for {{.%s}}: add one to plainArgs", k, p)
			}
		}
		out[k] = c.Text(messages.Default, k, plainArgs)
	}
	return out
}

// TestPlainWords flags jargon and shaming words in what a student reads,
// and sentences over 25 words.
func TestPlainWords(t *testing.T) {
	res := jargonRE()
	for k, s := range englishTexts(t) {
		for i, re := range res {
			if m := re.FindString(s); m != "" {
				t.Errorf("%s says %q (%s):\n%s", k, m, jargon[i].why, s)
			}
		}
		for _, sen := range sentences(s) {
			if n := len(words(sen)); n > 25 {
				t.Errorf("%s has a sentence of %d words, over 25: %q", k, n, sen)
			}
		}
	}
}

// TestFleschReadingEase measures the whole English catalog, every text as
// a student would read it, and asks for at least 70 ("fairly easy").
func TestFleschReadingEase(t *testing.T) {
	var texts []string
	for _, s := range englishTexts(t) {
		texts = append(texts, s)
	}
	score, nw, ns := flesch(texts)
	t.Logf("English catalog: Flesch reading ease %.1f (%d words, %d sentences)", score, nw, ns)
	if testing.Verbose() {
		fmt.Printf("English catalog: Flesch reading ease %.1f (%d words, %d sentences)\n", score, nw, ns)
	}
	if score < 70 {
		t.Errorf("Flesch reading ease %.1f, want at least 70", score)
	}
}

// errorPath marks a text that tells a student something went wrong or
// cannot be done.
var errorPath = regexp.MustCompile(`(?i)\b(sorry|can't|cannot|couldn't|not|nothing|don't|doesn't|didn't|isn't|aren't|there's no|there are no|have no|has no)\b`)

// nextStep is an action a student can take: a keyword in capitals, a
// button or menu to tap, a phone number, or a verb that says what to send.
var nextStep = regexp.MustCompile(`\b(COURSES|JOIN|HELP|TALK|MY|DROP|INFO|MORE|YES|NO|SKIP|START|STOP)\b|(^|\s)/[a-z]+\b|` +
	regexp.QuoteMeta(plainArgs["Phone"].(string)) + `|(?i)\b(reply|send|text|call|tap|share)\b`)

// notErrors are texts that match errorPath without being an error: the
// student did what they meant to and there is nothing further to do.
var notErrors = map[string]string{
	"reminder.apologies": "thanks a student for saying they can't come",
}

// isErrorPath reports whether a text tells a student that something went
// wrong or cannot be done: every [unknown] text, and any message (a text
// that ends a sentence, so not a button label such as "Don't know") that
// is sorry, can't, or says not, nothing or no such thing.
func isErrorPath(key, s string) bool {
	if _, ok := notErrors[key]; ok {
		return false
	}
	s = strings.TrimSpace(s)
	return strings.HasPrefix(key, "unknown.") || strings.ContainsAny(s[len(s)-1:], ".?!") && errorPath.MatchString(s)
}

// TestErrorsNameNextStep checks that every error path tells the student
// what they can do next.
func TestErrorsNameNextStep(t *testing.T) {
	n := 0
	for k, s := range englishTexts(t) {
		if !isErrorPath(k, s) {
			continue
		}
		n++
		if !nextStep.MatchString(s) {
			t.Errorf("%s names no next step: %q", k, s)
		}
	}
	if n < 15 {
		t.Errorf("only %d error paths found; is errorPath still matching?", n)
	}
}

// TestPlainCheckersCatch shows each check failing on a text it must catch,
// and the syllable count on words whose count is known.
func TestPlainCheckersCatch(t *testing.T) {
	res := jargonRE()
	for _, bad := range []string{"You failed to attend.", "DNA noted.", "As a service user you must reply."} {
		if !slices.ContainsFunc(res, func(re *regexp.Regexp) bool { return re.MatchString(bad) }) {
			t.Errorf("no jargon found in %q", bad)
		}
	}
	if s := "Sorry, that didn't work."; !isErrorPath("x.y", s) || nextStep.MatchString(s) {
		t.Errorf("%q should be an error path without a next step", s)
	}
	hard := "Notwithstanding institutional considerations, registration necessitates contemporaneous documentation."
	if score, _, _ := flesch([]string{hard}); score >= 70 {
		t.Errorf("Flesch %.1f for %q", score, hard)
	}
	if got := sentences("Waiting list no. 3. Thanks! 6 places left.\nMORE"); len(got) != 4 {
		t.Errorf("sentences: %q", got)
	}
	for w, n := range map[string]int{"the": 1, "booked": 1, "courses": 2, "people": 2, "recovery": 4, "facilitator": 5, "WF1": 3, "NHS": 3, "you're": 1} {
		if got := syllables(w); got != n {
			t.Errorf("syllables(%q) = %d, want %d", w, got, n)
		}
	}
}

// flesch returns the Flesch reading ease of texts taken together,
// 206.835 - 1.015 words/sentences - 84.6 syllables/words, with the number
// of words and sentences.
func flesch(texts []string) (score float64, nw, ns int) {
	syl := 0
	for _, s := range texts {
		for _, sen := range sentences(s) {
			ws := words(sen)
			if len(ws) == 0 {
				continue
			}
			ns++
			nw += len(ws)
			for _, w := range ws {
				syl += syllables(w)
			}
		}
	}
	if nw == 0 {
		return 0, 0, 0
	}
	return 206.835 - 1.015*float64(nw)/float64(ns) - 84.6*float64(syl)/float64(nw), nw, ns
}

// sentenceEnd is a full stop, ? or ! followed by a space and a capital or
// a digit, or a line break. A text, a button label or a list line without
// one is a sentence of its own.
var sentenceEnd = regexp.MustCompile(`[.?!]+\s+[A-Z0-9]|\n+`)

// abbreviations end in a full stop that does not end a sentence ("no. 3").
var abbreviations = map[string]bool{"no": true, "eg": true, "ie": true, "etc": true}

func sentences(s string) []string {
	var out []string
	start := 0
	for _, loc := range sentenceEnd.FindAllStringIndex(s, -1) {
		if f := strings.Fields(s[start:loc[0]]); s[loc[0]] == '.' && len(f) > 0 && abbreviations[strings.ToLower(f[len(f)-1])] {
			continue
		}
		end := loc[1]
		if s[end-1] != '\n' {
			end-- // the capital or digit starts the next sentence
		}
		out = append(out, s[start:end])
		start = end
	}
	if strings.TrimSpace(s[start:]) != "" {
		out = append(out, s[start:])
	}
	return out
}

// words splits a sentence at spaces and hyphens and trims punctuation; a
// token with no letter or digit ("-", "+") is not a word.
func words(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '-' }) {
		w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '/' })
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			out = append(out, w)
		}
	}
	return out
}

// syllables counts a word's syllables by a simple heuristic:
//   - a link (it has a /) is one: nobody reads it aloud;
//   - a code, time or number (it has a digit), or capitals without a vowel
//     (NHS), is read a character at a time: one per letter or digit;
//   - otherwise, groups of vowels (y counts) less a silent final e (not -le
//     after a consonant), a silent -ed (not after t or d) and a silent -es
//     (not after s, x, z, ch, sh, c or g); at least one.
var soundedES = regexp.MustCompile(`(s|x|z|ch|sh|c|g)es$`)

func syllables(w string) int {
	if strings.Contains(w, "/") {
		return 1
	}
	if strings.ContainsAny(w, "0123456789") || w == strings.ToUpper(w) && !strings.ContainsAny(w, "AEIOUY") {
		return len(strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r
			}
			return -1
		}, w))
	}
	w = strings.ToLower(strings.ReplaceAll(w, "'", ""))
	n, prev := 0, false
	for _, r := range w {
		v := strings.ContainsRune("aeiouy", r)
		if v && !prev {
			n++
		}
		prev = v
	}
	switch {
	case strings.HasSuffix(w, "le") && len(w) > 2 && !strings.ContainsRune("aeiouy", rune(w[len(w)-3])):
	case strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "ee"):
		n--
	case strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "ted") && !strings.HasSuffix(w, "ded"):
		n--
	case strings.HasSuffix(w, "es") && !soundedES.MatchString(w):
		n--
	}
	return max(n, 1)
}
