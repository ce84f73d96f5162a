// Package safeguard reads an inbound message and says whether it suggests
// a risk to life: suicidal thoughts, self-harm, overdose, wanting to die,
// not being safe. It is explainable on purpose: a message is normalised
// (case, punctuation, repeated letters, text-speak, leetspeak, one typo in
// a long list word), then matched against phrase lists (phrases.go) with
// context rules that keep course talk quiet ("suicide prevention training",
// "killing myself laughing", "I don't want to die young"). A Finding names
// the phrase that fired, for the incident log.
//
// Safety comes first: when in doubt it triggers. A false alarm costs one
// kind message with the crisis contacts and a glance from staff; a missed
// crisis can cost a life. phrases.go says how each rule decides.
package safeguard

import (
	"fmt"
	"strings"
)

// Finding is what Check says about one message.
type Finding struct {
	Crisis bool   // the message suggests a risk to life
	Rule   string // which list and phrase fired, e.g. `overdose: took ~1 all|...`
	Match  string // the words of the message that matched, as sent
}

// Check reads one inbound message and says whether it suggests a risk to
// life, and why. It is safe for concurrent use and linear in the length of
// the message.
func Check(text string) Finding {
	return std.check(text)
}

// A rule is one phrase of a group with the group's context rules.
type rule struct {
	group  string
	phrase pattern
	before []pattern // a match right after one of these is not a crisis
	after  []pattern // a match right before one of these is not a crisis
}

// detector holds the compiled lists; it is built once and never changed.
type detector struct {
	rules      []rule
	first      map[string][]int    // word -> rules whose phrase starts with it
	spelling   map[string][]string // text-speak and misspellings -> canonical words
	joins      map[string]string   // "my self" -> "myself"
	vocab      map[string]bool     // every word the lists use
	targets    []string            // words a typo is corrected to
	topicWords map[string]bool     // words gaps never skip
}

// std is the detector for the lists in this package.
var std = mustBuild()

func mustBuild() *detector {
	d, err := build(groups, context)
	if err != nil {
		panic(err)
	}
	return d
}

// build compiles the groups; every group also gets the shared context
// rules (topic words before and after a match).
func build(gs []group, ctx group) (*detector, error) {
	d := &detector{first: map[string][]int{}, vocab: map[string]bool{}, topicWords: map[string]bool{}}
	d.words()
	for _, w := range append(append([]string{}, classes["topic"]...), classes["topiclead"]...) {
		d.topicWords[canonical(w)] = true
	}
	for _, g := range gs {
		before, err := compileAll(append(g.unlessBefore, ctx.unlessBefore...), true)
		if err != nil {
			return nil, err
		}
		after, err := compileAll(append(g.unlessAfter, ctx.unlessAfter...), true)
		if err != nil {
			return nil, err
		}
		phrases, err := compileAll(g.phrases, false)
		if err != nil {
			return nil, err
		}
		for _, p := range phrases {
			d.add(rule{group: g.name, phrase: p, before: before, after: after})
		}
	}
	return d, nil
}

func compileAll(srcs []string, fixed bool) ([]pattern, error) {
	out := make([]pattern, 0, len(srcs))
	for _, s := range srcs {
		p, err := compile(s, classes)
		if err != nil {
			return nil, err
		}
		if fixed && !p.fixed() {
			return nil, fmt.Errorf("safeguard: context pattern %q may not use ~ or $", s)
		}
		out = append(out, p)
	}
	return out, nil
}

// add indexes a rule by the words its phrase can start with.
func (d *detector) add(r rule) {
	d.rules = append(d.rules, r)
	for _, e := range r.phrase.elems {
		for w := range e.words {
			d.vocab[w] = true
		}
	}
	for w := range r.phrase.elems[0].words {
		d.first[w] = append(d.first[w], len(d.rules)-1)
	}
}

// check finds the first phrase in the message, in reading order, that no
// context rule silences.
func (d *detector) check(text string) Finding {
	toks := d.tokens(text)
	for i, t := range toks {
		for _, ri := range d.first[t.word] {
			r := &d.rules[ri]
			end, ok := r.phrase.match(toks, i)
			if !ok || r.silenced(toks, i, end) {
				continue
			}
			last := max(end-1, i)
			return Finding{Crisis: true, Rule: r.name(), Match: text[toks[i].start:toks[last].end]}
		}
	}
	return Finding{}
}

// silenced reports whether a context rule makes the match at [i, end)
// course talk or an idiom rather than a crisis. Context is read within the
// clause only: in "I want to die, my hair is falling out" the words after
// the comma do not make "want to die" about hair dye.
func (r *rule) silenced(toks []token, i, end int) bool {
	for _, p := range r.before {
		if !toks[i].brk && p.endsAt(toks, i) {
			return true
		}
	}
	for _, p := range r.after {
		if end < len(toks) && !toks[end].brk {
			if e, ok := p.match(toks, end); ok && e > end {
				return true
			}
		}
	}
	return false
}

// name is the Finding.Rule text: the group and the phrase as written.
func (r *rule) name() string {
	return r.group + ": " + r.phrase.source
}

// canonical is a list word as the normaliser writes it.
func canonical(w string) string {
	return collapse(strings.ReplaceAll(strings.ToLower(w), "'", ""), 2)
}
