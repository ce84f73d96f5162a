package conversation

import (
	"strconv"
	"strings"

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
		return t.yesNo(c, t.age)
	case askCohort:
		return t.yesNo(c, t.cohort)
	case askHeard:
		return t.answerHeard(c)
	case askDescribe:
		return t.answerDescribes(c)
	case askDistrict:
		return t.answerDistrict(c)
	case askDrop:
		return t.yesNo(c, t.confirmDrop)
	case askDelete:
		return t.yesNo(c, t.confirmDelete)
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

// sayAgain replies without changing the question being asked.
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
	if c.Verb == None || c.Verb == Skip || c.Verb == Number || c.Fuzzy {
		return false
	}
	return len(c.Words) == 1 || (c.Arg != "" && takesCode(c.Verb))
}

func takesCode(v Verb) bool {
	return v == Info || v == Join || v == Wait || v == Drop
}

func (t *turn) answerName(c Command) (bool, error) {
	if keyword(c) {
		return false, nil
	}
	name, ok := firstName(t.in.Text)
	if !ok {
		t.sayAgain("reg.bad_name", nil)
		return true, nil
	}
	t.st.FirstName = name
	return true, t.proceed()
}

func (t *turn) answerHeard(c Command) (bool, error) {
	if keyword(c) {
		return false, nil
	}
	t.st.Heard = college.Answer{Asked: true}
	if c.Verb != Skip {
		t.st.Heard.Value = clip(strings.TrimSpace(t.in.Text), 100)
	}
	return true, t.proceed()
}

func (t *turn) answerDescribes(c Command) (bool, error) {
	n, _ := strconv.Atoi(c.Arg)
	switch {
	case c.Verb == Skip:
		t.st.Describes = college.Answer{Asked: true}
	case c.Verb == Number && n >= 1 && n <= len(college.Describes):
		t.st.Describes = college.Answer{Asked: true, Value: college.Describes[n-1]}
	case keyword(c):
		return false, nil
	default:
		t.sayAgain("reg.ask_describes", nil, t.describeChoices()...)
		return true, nil
	}
	return true, t.proceed()
}

func (t *turn) answerDistrict(c Command) (bool, error) {
	if c.Verb == Skip {
		t.st.District = college.Answer{Asked: true}
		return true, t.proceed()
	}
	if d, ok := college.PostcodeDistrict(t.in.Text); ok {
		t.st.District = college.Answer{Asked: true, Value: d}
		return true, t.proceed()
	}
	if keyword(c) {
		return false, nil
	}
	t.sayAgain("reg.bad_district", nil)
	return true, nil
}

func (t *turn) describeChoices() []college.Choice {
	cs := make([]college.Choice, len(college.Describes))
	for i, k := range college.Describes {
		cs[i] = college.Choice{Label: t.text("describes."+k, nil), Command: strconv.Itoa(i + 1)}
	}
	return cs
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}
