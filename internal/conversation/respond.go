package conversation

import (
	"strconv"
	"strings"

	"collegebot/internal/college"
)

// browsing is the state of a student who was shown a list or a page and
// may answer with a number or MORE; it asks no question.
const browsing = "browse"

// respond decides what one message asks for and does it. A message that
// suggests a crisis is answered before anything else (crisis).
func (t *turn) respond(c Command) error {
	if t.in.Event != college.EventBlocked {
		if crisis, err := t.crisis(); crisis || err != nil {
			return err
		}
	}
	if handled, err := t.event(); handled || err != nil {
		return err
	}
	if t.ct.OptedOut != nil {
		return t.optedOut(c)
	}
	if c.Verb == Stop {
		return t.stop()
	}
	if t.fresh && c.Verb != None && c.Verb != Lang {
		t.say("welcome.first", nil) // a first message that is a command gets both
	}
	if c.Verb == Number {
		c = t.choice(c)
	}
	t.viewing = t.d.Get("viewing")
	delete(t.d.Data, "viewing")
	if t.d.State != "" && t.d.State != browsing {
		if handled, err := t.answer(c); handled || err != nil {
			return err
		}
		if c.Verb == Help {
			return t.helpMidQuestion()
		}
		if c.Verb == Lang {
			return t.language(c) // the question stands, asked again in the new language
		}
		t.clear()
	}
	n := len(t.out)
	if err := t.command(c); err != nil {
		return err
	}
	return t.passOn(n)
}

// choice turns a bare number into the command it stood for in the list the
// student was last shown.
func (t *turn) choice(c Command) Command {
	n, _ := strconv.Atoi(c.Arg)
	if n < 1 || n > len(t.d.Choices) {
		return c
	}
	return Parse(t.d.Choices[n-1])
}

// helpMidQuestion answers HELP and leaves the question standing, so the
// student can carry on where they were.
func (t *turn) helpMidQuestion() error {
	if !t.quiet(Help) {
		t.sayAgain("help.text", t.helpArgs())
	}
	return nil
}

// command runs a command given outside any question.
func (t *turn) command(c Command) error {
	switch c.Verb {
	case Courses:
		return t.topics()
	case Topic:
		return t.topic(c.Arg, 0)
	case More:
		return t.more()
	case Info:
		return t.info(c)
	case Join, Wait:
		return t.join(c)
	case Drop:
		return t.drop(c)
	case My:
		return t.my(0)
	case Yes:
		return t.yes()
	case No:
		return t.no(c)
	case Talk:
		return t.talk()
	case Lang:
		return t.language(c)
	}
	return t.account(c)
}

// account runs the commands about the student themself.
func (t *turn) account(c Command) error {
	switch c.Verb {
	case Help:
		if !t.quiet(Help) {
			t.say("help.text", t.helpArgs())
		}
	case News:
		t.news(true)
	case NoNews:
		t.news(false)
	case Private:
		t.private(c.Arg != "OFF")
	case Start:
		if !t.quiet(Start) {
			t.say("start.already", nil)
		}
	case StopHint:
		t.sayAgain("unknown.stop", nil)
	case Delete:
		t.ask(askDelete, "delete.confirm", nil)
	case Number:
		t.number()
	default:
		return t.other(c)
	}
	return nil
}

// number answers a number that matches no choice shown: out of range of
// a list still on screen, or with no list at all.
func (t *turn) number() {
	if n := len(t.d.Choices); n > 0 {
		t.sayAgain("unknown.range", map[string]any{"Count": n})
		return
	}
	t.say("unknown.number", nil)
	t.puzzled = true
}

// other handles what matched no keyword: a course code, a first hello, or
// something we could not read. A list on screen stays answerable.
func (t *turn) other(c Command) error {
	if code := t.findCode(c.Words); code != "" && c.Verb == None {
		return t.info(Command{Verb: Info, Arg: code})
	}
	if l, ok := t.langByName(strings.Join(c.Words, "")); ok && c.Verb == None {
		return t.chooseLang(l)
	}
	if t.fresh {
		t.say("welcome.first", nil)
		return nil
	}
	t.sayAgain("unknown.text", nil)
	t.puzzled = true
	return nil
}

// ask puts a question and waits for its answer in state.
func (t *turn) ask(state, key string, args map[string]any, choices ...college.Choice) {
	t.say(key, args, choices...)
	t.d.State = state
	t.d.Expires = t.now.Add(college.DialogueTTL)
}

// clear forgets the question being asked and what was gathered for it.
func (t *turn) clear() {
	t.d.State = ""
	t.d.Data = nil
}

func (t *turn) helpArgs() map[string]any {
	return map[string]any{"Phone": t.profile.Phone, "Hours": t.profile.OfficeHours}
}
