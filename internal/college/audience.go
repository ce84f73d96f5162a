package college

import (
	"fmt"
	"strings"
	"unicode"
)

// Scope is which students an audience picks.
type Scope string

// The scopes of an audience. A course's students are those booked on it or
// offered a place; a term's or topic's, those booked, offered or completed
// on one of its courses; a waiting list's, those waiting for a place.
const (
	ScopeAll     Scope = "all"
	ScopeCourse  Scope = "course"
	ScopeTerm    Scope = "term"
	ScopeTopic   Scope = "topic"
	ScopeWaiting Scope = "waiting"
)

// Audience is who a broadcast goes to: a scope, the course code, term or
// topic it names, and optionally only the students reached on one channel.
// Written as selectors: all, course:MH1, term:"Spring 2026", topic:Sleep,
// waiting:MH1, channel:sms, or a scope and a channel (course:MH1
// channel:sms).
type Audience struct {
	Scope   Scope
	Name    string  // the course code, term or topic; "" for all
	Channel Channel // SMS or Telegram; "" for both
	// Terminal reaches students on their terminal contacts too: only when
	// no provider is on (the demo), since nothing else delivers to them.
	Terminal bool
}

// String writes the audience as ParseAudience reads it.
func (a Audience) String() string {
	s := string(a.Scope)
	if a.Scope == "" {
		s = string(ScopeAll)
	}
	if a.Scope != ScopeAll && a.Scope != "" {
		name := a.Name
		if strings.ContainsAny(name, " \t\"") {
			name = `"` + strings.ReplaceAll(name, `"`, "") + `"`
		}
		s += ":" + name
	}
	if a.Channel == "" {
		return s
	}
	if s == string(ScopeAll) {
		return "channel:" + string(a.Channel)
	}
	return s + " channel:" + string(a.Channel)
}

// AudienceExample shows how audiences are written, for a hint.
const AudienceExample = `all, course:MH1, term:"Spring 2026", topic:Sleep, waiting:MH1 or channel:sms, and a channel after another (course:MH1 channel:telegram)`

// ParseAudience reads an audience written as selectors.
func ParseAudience(s string) (Audience, error) {
	a, rest, err := CutAudience(s)
	if err != nil {
		return a, err
	}
	if rest != "" {
		return a, fmt.Errorf("%q is not an audience: use %s", firstWord(rest), AudienceExample)
	}
	return a, nil
}

// CutAudience reads the audience that s starts with and returns the rest
// of s after it, as written. Quotes of any kind (phones curl them) may
// hold a name with spaces: term:"Spring 2026".
func CutAudience(s string) (Audience, string, error) {
	var a Audience
	rest := strings.TrimSpace(s)
	for rest != "" {
		word, after := cutSelector(rest)
		sel, ok := readSelector(word)
		if !ok {
			break
		}
		if err := a.add(sel); err != nil {
			return a, rest, err
		}
		rest = strings.TrimSpace(after)
	}
	if a.Scope == "" && a.Channel == "" {
		return a, rest, fmt.Errorf("say who it goes to: %s", AudienceExample)
	}
	if a.Scope == "" {
		a.Scope = ScopeAll
	}
	return a, rest, nil
}

// selector is one word of an audience: a scope or channel and its name.
type selector struct{ key, value string }

// add puts a selector into the audience: one scope, one channel.
func (a *Audience) add(s selector) error {
	if s.key == "channel" {
		ch := Channel(strings.ToLower(s.value))
		if ch != SMS && ch != Telegram {
			return fmt.Errorf("channel:%s is not a channel: use channel:sms or channel:telegram", s.value)
		}
		if a.Channel != "" {
			return fmt.Errorf("give one channel, not %s and %s", a.Channel, ch)
		}
		a.Channel = ch
		return nil
	}
	if a.Scope != "" {
		return fmt.Errorf("give one of all, course, term, topic or waiting, then a channel if you like")
	}
	if s.key != string(ScopeAll) && s.value == "" {
		return fmt.Errorf("%s: needs a name, as in %s", s.key, AudienceExample)
	}
	a.Scope, a.Name = Scope(s.key), s.value
	if a.Scope == ScopeCourse || a.Scope == ScopeWaiting {
		a.Name = strings.ToUpper(a.Name)
	}
	return nil
}

// readSelector reads a word as a selector, if it is one.
func readSelector(word string) (selector, bool) {
	if strings.EqualFold(word, "all") || strings.EqualFold(word, "everyone") {
		return selector{key: string(ScopeAll)}, true
	}
	key, value, ok := strings.Cut(word, ":")
	key = strings.ToLower(key)
	switch Scope(key) {
	case ScopeCourse, ScopeTerm, ScopeTopic, ScopeWaiting:
	default:
		if key != "channel" {
			return selector{}, false
		}
	}
	return selector{key: key, value: strings.TrimSpace(strings.Map(unquote, value))}, ok
}

// cutSelector returns the first word of s, where a quoted stretch counts
// as one word with its spaces, and the rest of s.
func cutSelector(s string) (word, rest string) {
	quoted := false
	for i, r := range s {
		switch {
		case isQuote(r):
			quoted = !quoted
		case unicode.IsSpace(r) && !quoted:
			return s[:i], s[i:]
		}
	}
	return s, ""
}

// isQuote reports whether r is a double quote mark, straight or curly.
// Single quotes are apostrophes in names ("Men's health").
func isQuote(r rune) bool { return strings.ContainsRune("\"\u201c\u201d\u201e\u00ab\u00bb", r) }

// unquote drops quote marks.
func unquote(r rune) rune {
	if isQuote(r) {
		return -1
	}
	return r
}

// firstWord returns the first word of s.
func firstWord(s string) string {
	w, _ := cutSelector(s)
	return w
}
