package conversation

import (
	"strconv"

	"collegebot/internal/college"
)

// The questions a dialogue can be waiting on.
const (
	askName     = "reg.name"
	askConsent  = "reg.consent"
	askAge      = "elig.age"
	askCohort   = "elig.cohort"
	askHeard    = "reg.heard"
	askDescribe = "reg.describes"
	askDistrict = "reg.district"
	askWait     = "confirm.wait"
	askDrop     = "confirm.drop"
	askDelete   = "confirm.delete"
)

// answer takes a message as the answer to the question asked. It reports
// false when the message is something else, such as a new command.
func (t *turn) answer(c Command) (bool, error) {
	switch t.d.State {
	case askName:
		return t.answerName(c)
	case askConsent:
		return t.yesNo(c, t.consent)
	case askAge:
		return t.answerAge(c)
	case askCohort:
		return t.yesNo(c, t.cohort)
	case askHeard, askDescribe, askDistrict:
		return t.answerOptional(c)
	case askWait:
		return t.yesNo(c, t.confirmWait)
	case askDrop:
		return t.yesNo(c, t.confirmDrop)
	case askDelete:
		return t.yesNo(c, t.confirmDelete)
	case askScore:
		return t.answerScore(c)
	case askComment:
		return t.answerComment(c)
	case askLang:
		return t.answerLang(c)
	}
	return false, nil
}

// yesNo passes YES or NO to fn. Another command is not an answer; anything
// else gets a nudge and the question stands.
func (t *turn) yesNo(c Command, fn func(yes bool) error) (bool, error) {
	switch {
	case c.Verb == Yes || c.Verb == No:
		return true, fn(c.Verb == Yes)
	case c.Verb != None && c.Verb != Number:
		return false, nil
	}
	t.sayAgain("reg.yes_no", nil)
	return true, nil
}

// sayAgain replies without changing the question being asked or the list
// on screen.
func (t *turn) sayAgain(key string, args map[string]any, choices ...college.Choice) {
	keep := t.d.Choices
	t.say(key, args, choices...)
	if len(choices) == 0 {
		t.d.Choices = keep
	}
}

// keyword reports whether a free-text answer is really a command: a whole
// message that is exactly one keyword, such as HELP, or a keyword and a
// course code, such as INFO MH1.
func keyword(c Command) bool {
	switch c.Verb {
	case None, Skip, Number, Yes, No:
		return false
	}
	return !c.Fuzzy && (len(c.Words) == 1 || (c.Arg != "" && (takesCode(c.Verb) || c.Verb == Lang)))
}

func takesCode(v Verb) bool {
	return v == Info || v == Join || v == Wait || v == Drop
}

func (t *turn) answerName(c Command) (bool, error) {
	if keyword(c) {
		return false, nil
	}
	name, ok := firstName(t.in.Text)
	if !ok || c.Verb == Yes || c.Verb == No || c.Verb == Skip {
		t.sayAgain("reg.bad_name", nil)
		return true, nil
	}
	t.st.FirstName = name
	return true, t.proceed()
}

// answerAge takes YES or NO, or an age ("34") compared with the minimum.
func (t *turn) answerAge(c Command) (bool, error) {
	if c.Verb == Number {
		n, _ := strconv.Atoi(c.Arg)
		min, _ := strconv.Atoi(t.d.Get("age"))
		return true, t.age(n >= min)
	}
	return t.yesNo(c, t.age)
}
