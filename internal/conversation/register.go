package conversation

import (
	"strconv"
	"strings"
	"unicode"

	"collegebot/internal/college"
)

// Registration happens on a student's first JOIN: each step asks for what
// is still missing, and once nothing is, the booking they asked for
// completes. What was asked is stored on the student, so a step is never
// asked twice and a restart resumes where they were.

// proceed carries on with the course the dialogue is about.
func (t *turn) proceed() error {
	code, action := t.d.Get("course"), t.d.Get("action")
	t.clear()
	return t.enrol(code, Verb(action))
}

// nextStep asks the next registration or eligibility question for a
// course. It reports false when nothing is left to ask.
func (t *turn) nextStep(c college.Course, action Verb) (bool, error) {
	keep := func(state, key string, args map[string]any, choices ...college.Choice) (bool, error) {
		t.ask(state, key, args, choices...)
		t.d.Set("course", c.Code)
		t.d.Set("action", string(action))
		return true, nil
	}
	switch {
	case t.st.FirstName == "":
		return keep(askName, "reg.ask_name", nil)
	case t.st.ConsentAt == nil:
		return keep(askConsent, "reg.consent", map[string]any{"Name": t.st.FirstName, "Privacy": t.profile.PrivacyURL})
	}
	if asked, err := t.eligibility(c, keep); asked || err != nil {
		return asked, err
	}
	switch {
	case !t.st.Heard.Asked:
		return keep(askHeard, "reg.ask_heard", nil)
	case !t.st.Describes.Asked:
		return keep(askDescribe, "reg.ask_describes", nil, t.describeChoices()...)
	case !t.st.District.Asked:
		return keep(askDistrict, "reg.ask_district", nil)
	}
	return false, nil
}

type asker func(state, key string, args map[string]any, choices ...college.Choice) (bool, error)

// eligibility asks the course's self-declared conditions that the
// student has not said yes to. A past no is asked again: people mistype,
// and the answer is theirs to give.
func (t *turn) eligibility(c college.Course, keep asker) (bool, error) {
	if age := max(t.profile.MinAge, c.MinAge); age > 0 {
		e, _, err := t.tx.Eligibility(t.st.ID, college.AgeQuestion(age))
		if err != nil || !e.Yes {
			t.d.Set("age", strconv.Itoa(age))
			return keep(askAge, "reg.ask_age", map[string]any{"Age": age})
		}
	}
	if c.Cohort == "" {
		return false, nil
	}
	e, _, err := t.tx.Eligibility(t.st.ID, college.CohortQuestion(c.Cohort))
	if err != nil || !e.Yes {
		return keep(askCohort, "reg.ask_cohort", map[string]any{"Cohort": c.Cohort})
	}
	return false, nil
}

func (t *turn) consent(yes bool) error {
	if !yes {
		// Without consent we keep nothing but the number we reply to.
		t.st.FirstName = ""
		t.clear()
		t.say("reg.consent_no", nil)
		return nil
	}
	now := t.now
	t.st.ConsentAt = &now
	t.st.ConsentVersion = t.profile.ConsentVersion
	return t.proceed()
}

// age records the answer to "are you N or over?". A yes to a course's
// higher age also answers the college's own minimum.
func (t *turn) age(yes bool) error {
	age, _ := strconv.Atoi(t.d.Get("age"))
	qs := []int{age}
	if yes && t.profile.MinAge > 0 && age > t.profile.MinAge {
		qs = append(qs, t.profile.MinAge)
	}
	for _, a := range qs {
		if err := t.tx.SetEligibility(t.st.ID, college.Eligibility{Question: college.AgeQuestion(a), Yes: yes}); err != nil {
			return err
		}
	}
	if yes {
		return t.proceed()
	}
	t.clear()
	if age <= t.profile.MinAge {
		t.say("reg.age_college_no", map[string]any{"Age": age, "Phone": t.profile.Phone})
		return nil
	}
	t.say("reg.age_no", map[string]any{"Age": age})
	return nil
}

func (t *turn) cohort(yes bool) error {
	c, err := t.tx.Course(t.d.Get("course"))
	if err != nil {
		return err
	}
	if err := t.tx.SetEligibility(t.st.ID, college.Eligibility{Question: college.CohortQuestion(c.Cohort), Yes: yes}); err != nil {
		return err
	}
	if yes {
		return t.proceed()
	}
	t.clear()
	t.say("reg.cohort_no", map[string]any{"Cohort": c.Cohort})
	return nil
}

// firstName pulls a first name out of a reply such as "sam", "I'm Sam" or
// "it’s Mary-Jane x", keeping the student's own capitals unless they
// typed all in one case. Emoji and emoticons are dropped; a greeting or
// SKIP is not a name.
func firstName(text string) (string, bool) {
	s := strings.NewReplacer("\u2019", "'", "\u2018", "'", ":)", " ", ":-)", " ", ";)", " ").Replace(text)
	s = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || r == '-' || r == '\'' || unicode.IsSpace(r) {
			return r
		}
		return ' '
	}, s)
	ws := dropPreamble(strings.Fields(s))
	if len(ws) > 1 && strings.EqualFold(ws[len(ws)-1], "x") {
		ws = ws[:len(ws)-1] // a kiss, not an initial
	}
	name := strings.Join(ws, " ")
	if len(ws) == 0 || len(ws) > 3 || len(name) > 40 || notNames[strings.ToUpper(name)] {
		return "", false
	}
	if name == strings.ToLower(name) || name == strings.ToUpper(name) {
		for i, w := range ws {
			ws[i] = titleCase(w)
		}
	}
	return strings.Join(ws, " "), true
}

// notNames are replies to "what's your first name?" that are not one.
var notNames = map[string]bool{"HI": true, "HELLO": true, "HEY": true, "SKIP": true, "WHY": true, "NO": true, "YES": true}

// dropPreamble removes "my name is", "I'm" and the like.
func dropPreamble(ws []string) []string {
	for _, p := range [][]string{{"my", "name", "is"}, {"my", "name's"}, {"my", "names"}, {"name's"},
		{"it's"}, {"its"}, {"i'm"}, {"im"}, {"i", "am"}, {"this", "is"}, {"call", "me"}} {
		if len(ws) > len(p) && equalFold(ws[:len(p)], p) {
			return ws[len(p):]
		}
	}
	return ws
}

func equalFold(a, b []string) bool {
	for i := range b {
		if !strings.EqualFold(a[i], b[i]) {
			return false
		}
	}
	return true
}

// titleCase capitalises each part of a name: "mary-jane" is "Mary-Jane".
func titleCase(w string) string {
	r := []rune(strings.ToLower(w))
	up := true
	for i, c := range r {
		if up {
			r[i] = unicode.ToUpper(c)
		}
		up = c == '-' || c == '\''
	}
	return string(r)
}
