package conversation

import (
	"strconv"
	"strings"

	"collegebot/internal/college"
)

// The optional questions are skippable: SKIP or NO skips one, and any
// question is asked at most once.

// answerOptional takes the answer to one of the optional questions.
func (t *turn) answerOptional(c Command) (bool, error) {
	if keyword(c) {
		return false, nil
	}
	if c.Verb == Skip || c.Verb == No {
		t.optional(college.Answer{Asked: true})
		return true, t.proceed()
	}
	value, ok := t.optionalValue(c)
	if !ok {
		t.reaskOptional()
		return true, nil
	}
	t.optional(college.Answer{Asked: true, Value: value})
	return true, t.proceed()
}

// optionalValue reads the answer to the question asked, if it is one.
func (t *turn) optionalValue(c Command) (string, bool) {
	switch t.d.State {
	case askHeard:
		return clip(strings.TrimSpace(t.in.Text), 100), c.Verb != Yes
	case askDescribe:
		return describes(c)
	}
	return college.PostcodeDistrict(t.in.Text)
}

func (t *turn) optional(a college.Answer) {
	switch t.d.State {
	case askHeard:
		t.st.Heard = a
	case askDescribe:
		t.st.Describes = a
	default:
		t.st.District = a
	}
}

func (t *turn) reaskOptional() {
	switch t.d.State {
	case askHeard:
		t.sayAgain("reg.ask_heard", nil)
	case askDescribe:
		t.sayAgain("reg.describes_again", nil, t.describeChoices()...)
	default:
		t.sayAgain("reg.bad_district", nil)
	}
}

// describes reads "which best describes you": a number from the list, or
// the start of an answer's words ("carer", "rather not").
func describes(c Command) (string, bool) {
	if n, err := strconv.Atoi(c.Arg); c.Verb == Number && err == nil && n >= 1 && n <= len(college.Describes) {
		return college.Describes[n-1], true
	}
	said := strings.Join(c.Words, " ")
	for _, k := range college.Describes {
		for _, w := range describeWords[k] {
			if strings.Contains(said, w) {
				return k, true
			}
		}
	}
	return "", false
}

// describeWords are the words that pick out each answer when typed.
var describeWords = map[string][]string{
	"public":     {"PUBLIC"},
	"services":   {"SERVICE", "PATIENT"},
	"carer":      {"CARER", "CARING", "SUPPORTER"},
	"worker":     {"WORK", "STAFF", "NURSE"},
	"rather_not": {"RATHER", "PREFER NOT"},
}

func (t *turn) describeChoices() []college.Choice {
	cs := make([]college.Choice, len(college.Describes))
	for i, k := range college.Describes {
		cs[i] = college.Choice{Label: t.text("describes."+k, nil), Command: strconv.Itoa(i + 1)}
	}
	return cs
}

// clip shortens s to at most n characters, at a word boundary.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return cut
}
