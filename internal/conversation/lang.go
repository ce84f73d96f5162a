package conversation

import (
	"strconv"
	"strings"

	"collegebot/internal/college"
	"collegebot/messages"
)

// Languages. LANG lists the languages the catalogs speak, each by its own
// name, as a numbered list (buttons on Telegram); a number, or LANG with a
// code or a name (LANG CY, LANG WELSH, LANG CYMRAEG, or CYMRAEG alone)
// chooses one. The choice is stored on the student and every message to
// them is worded in it from then on. Asked in the middle of a question
// (registration, a survey), the question stands and is asked again in the
// new language.

// askLang is the state of a student shown the list of languages in the
// middle of another question, kept in the dialogue's "after".
const askLang = "lang"

// language runs LANG: with an argument it chooses, without it lists.
func (t *turn) language(c Command) error {
	if c.Arg == "" {
		if t.fresh {
			t.say("welcome.first", nil)
		}
		return t.langList("lang.ask")
	}
	l, ok := t.langNamed(c.Arg)
	if !ok {
		return t.langList("lang.unknown")
	}
	return t.chooseLang(l)
}

// langList shows the languages to choose from. Shown in the middle of a
// question, it waits for the choice in askLang, remembering the question.
func (t *turn) langList(key string) error {
	var cs []college.Choice
	for _, l := range t.langs() {
		cs = append(cs, college.Choice{Label: t.cat.Name(l), Command: "LANG " + l})
	}
	if q := t.d.State; q != "" && q != browsing {
		if q != askLang {
			t.d.Set("after", q)
		}
		t.say(key, nil, cs...)
		t.d.State = askLang
		return nil
	}
	t.clear()
	t.say(key, nil, cs...)
	return nil
}

// langNamed finds the catalog language a student means: its code (CY),
// its own name (CYMRAEG), its English name (WELSH), or its number in the
// list of languages.
func (t *turn) langNamed(arg string) (string, bool) {
	want := fold(arg)
	langs := t.langs()
	if n, err := strconv.Atoi(want); err == nil && n >= 1 && n <= len(langs) {
		return langs[n-1], true
	}
	for _, l := range langs {
		if want == fold(l) {
			return l, true
		}
	}
	return t.langByName(want)
}

// langByName finds the catalog language a name (folded) stands for: its
// own name or its English name. A message that is only a language's name
// chooses it, as LANG and the name would.
func (t *turn) langByName(name string) (string, bool) {
	for _, l := range t.cat.Langs() {
		if name == fold(t.cat.Name(l)) || name == fold(t.cat.EnglishName(l)) {
			return l, true
		}
	}
	return "", false
}

// fold reads a name as the parser reads words: upper case, no spaces or
// punctuation.
func fold(s string) string { return strings.Join(normalise(s), "") }

// chooseLang stores a language, says so in it, and asks again, in it, the
// question the student was in the middle of.
func (t *turn) chooseLang(l string) error {
	if after := t.d.Get("after"); t.d.State == askLang {
		t.d.State = after
		delete(t.d.Data, "after")
	}
	t.st.Lang = l
	if t.fresh {
		t.say("welcome.first", nil)
	}
	keep := t.d.Choices
	t.say("lang.set", nil)
	if !langList(keep) {
		t.d.Choices = keep
	}
	return t.reask()
}

// langList reports whether choices are the list of languages.
func langList(cs []string) bool {
	return len(cs) > 0 && strings.HasPrefix(cs[0], "LANG ")
}

// answerLang takes the answer to the list of languages shown in the
// middle of another question. Anything but a language answers the
// question that was standing.
func (t *turn) answerLang(c Command) (bool, error) {
	if c.Verb == Lang && c.Arg != "" {
		return true, t.language(c)
	}
	t.d.State = t.d.Get("after")
	delete(t.d.Data, "after")
	if c.Verb == Lang {
		return true, t.langList("lang.ask")
	}
	return t.answer(c)
}

// reask asks again the question the student is in the middle of, after
// they changed language.
func (t *turn) reask() error {
	switch t.d.State {
	case askName, askConsent, askAge, askCohort, askHeard, askDescribe, askDistrict:
		c, ok, err := t.course(t.d.Get("course"))
		if ok {
			_, err = t.nextStep(c, Verb(t.d.Get("action")))
		}
		return err
	case askWait:
		c, ok, err := t.course(t.d.Get("course"))
		if ok {
			t.offerWaitingList(c)
		}
		return err
	case askDrop:
		return t.dropCode(t.d.Get("course"))
	case askDelete:
		t.ask(askDelete, "delete.confirm", nil)
	case askScore, askComment:
		return t.reaskFeedback()
	}
	return nil
}

// reaskFeedback asks the survey's question again.
func (t *turn) reaskFeedback() error {
	if t.d.State == askComment {
		t.sayAgain("fft.comment", nil)
		return nil
	}
	id, _ := strconv.ParseInt(t.d.Get("course"), 10, 64)
	c, err := t.tx.CourseByID(id)
	if err != nil {
		return err
	}
	t.sayAgain("fft.ask", t.courseArgs(c), t.fftChoices()...)
	return nil
}

// langs returns the catalog's languages in the order they are listed:
// the default first, then the others by code.
func (t *turn) langs() []string {
	out := []string{messages.Default}
	for _, l := range t.cat.Langs() {
		if l != messages.Default {
			out = append(out, l)
		}
	}
	return out
}

// langOf returns the catalog language for a language tag such as a
// Telegram app's language_code ("cy", "en-GB", "pt-br"), or the default
// when the catalog does not speak it.
func (e *Engine) langOf(tag string) string {
	base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
	base, _, _ = strings.Cut(base, "_")
	if e.cat.Has(base) {
		return base
	}
	return messages.Default
}
