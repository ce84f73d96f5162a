package conversation

import (
	"strings"

	"collegebot/internal/college"
)

// resolveCode finds the course a command names: a code anywhere after the
// verb ("join GA2 please", "join mh 1"), or the number of a course in the
// list last shown ("join 2"). It returns what was typed when nothing
// matches, so the student hears which code was not found.
func (t *turn) resolveCode(c Command) string {
	if c.Arg == "" {
		return ""
	}
	if len(c.Words) > 1 {
		if code := t.findCode(c.Words[1:]); code != "" {
			return code
		}
	}
	if isNumber(c.Arg) {
		if ch := t.choice(Command{Verb: Number, Arg: c.Arg}); ch.Verb == Info {
			return ch.Arg
		}
	}
	if !strings.ContainsAny(c.Arg, "0123456789") {
		return "" // "drop my booking", "join please": no code was given
	}
	return c.Arg
}

// findCode returns the first course code among words: all of them run
// together, then each word, then each pair run together.
func (t *turn) findCode(ws []string) string {
	try := []string{strings.Join(ws, "")}
	try = append(try, ws...)
	for i := 0; i+1 < len(ws); i++ {
		try = append(try, ws[i]+ws[i+1])
	}
	for _, w := range try {
		if len(w) < 2 || len(w) > 8 {
			continue
		}
		if c, err := t.tx.Course(w); err == nil {
			return c.Code
		}
	}
	return ""
}

// exampleCode is a real course code to show in a hint, or "" when the
// prospectus has none to book.
func (t *turn) exampleCode() string {
	if ts, err := t.tx.Topics(); err == nil && len(ts) > 0 {
		if ls, err := t.tx.Listings(ts[0].ID); err == nil && len(ls) > 0 {
			return ls[0].Code
		}
	}
	return ""
}

// courseArgs names a course for a text to this student: its code and
// title, or its code alone when the course is sensitive or the student
// asked for discreet texts, since lock screens and shared phones are read
// by others.
func (t *turn) courseArgs(c college.Course) map[string]any {
	return map[string]any{"Code": c.Code, "Title": c.Title, "Course": courseName(c, t.st)}
}

// courseName names a course in a text: "MH1 Understanding anxiety", or
// "MH1" alone for a sensitive course or a student who asked for discretion.
func courseName(c college.Course, st college.Student) string {
	if c.Sensitive || st.Discreet {
		return c.Code
	}
	return c.Code + " " + c.Title
}

func withArgs(m map[string]any, k string, v any) map[string]any {
	m[k] = v
	return m
}
