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

// eligibility asks the course's self-declared conditions, and turns the
// student away (reporting true) if they said no to one.
func (t *turn) eligibility(c college.Course, keep asker) (bool, error) {
	if age := max(t.profile.MinAge, c.MinAge); age > 0 {
		e, asked, err := t.tx.Eligibility(t.st.ID, college.AgeQuestion(age))
		switch {
		case err != nil:
			return false, err
		case !asked:
			t.d.Set("age", strconv.Itoa(age))
			return keep(askAge, "reg.ask_age", map[string]any{"Age": age})
		case !e.Yes:
			t.say("reg.age_no", map[string]any{"Age": age})
			return true, nil
		}
	}
	if c.Cohort == "" {
		return false, nil
	}
	e, asked, err := t.tx.Eligibility(t.st.ID, college.CohortQuestion(c.Cohort))
	switch {
	case err != nil:
		return false, err
	case !asked:
		return keep(askCohort, "reg.ask_cohort", map[string]any{"Cohort": c.Cohort})
	case !e.Yes:
		t.say("reg.cohort_no", map[string]any{"Cohort": c.Cohort})
		return true, nil
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
	return t.proceed()
}

func (t *turn) cohort(yes bool) error {
	c, err := t.tx.Course(t.d.Get("course"))
	if err != nil {
		return err
	}
	if err := t.tx.SetEligibility(t.st.ID, college.Eligibility{Question: college.CohortQuestion(c.Cohort), Yes: yes}); err != nil {
		return err
	}
	return t.proceed()
}

// firstName pulls a first name out of a reply such as "sam" or "I'm Sam".
func firstName(text string) (string, bool) {
	s := strings.TrimSpace(text)
	low := strings.ToLower(s)
	for _, p := range []string{"my name is ", "my names ", "it's ", "its ", "i'm ", "im ", "i am ", "this is "} {
		if strings.HasPrefix(low, p) {
			s = strings.TrimSpace(s[len(p):])
			break
		}
	}
	s = strings.TrimRight(s, ".!")
	ws := strings.Fields(s)
	if len(ws) == 0 || len(ws) > 2 || len(s) > 30 {
		return "", false
	}
	for i, w := range ws {
		for _, r := range w {
			if !unicode.IsLetter(r) && r != '-' && r != '\'' {
				return "", false
			}
		}
		ws[i] = titleCase(w)
	}
	return strings.Join(ws, " "), true
}

func titleCase(w string) string {
	r := []rune(strings.ToLower(w))
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
