package safeguard

import (
	"fmt"
	"strconv"
	"strings"
)

// A pattern is one phrase of the lists, compiled. Its source is a line of
// space-separated elements, each of which matches one word of a message:
//
//	kill|killing      any one of the words (after normalisation)
//	@self             any word of the class "self" (myself, herself...)
//	#                 a count of pills: a number of 16 or more, or "fifty"
//	$                 zero width: the message or a clause ends here
//	~2                skips up to 2 words of the same clause, never a topic word
//
// A pattern starts with a word or a class, so that it can be indexed by its
// first word, and it never backtracks more than its gaps allow: matching is
// plain string comparison, linear in the length of the message.
type pattern struct {
	source string
	elems  []element
}

// An element is one position of a pattern.
type element struct {
	words  map[string]bool
	end    bool // "$" is one of the alternatives
	number bool // "#" is one of the alternatives
	gap    int  // "~N": skip 0..N words; no alternatives then
}

// bigCount is the smallest number that "#" accepts: a count of tablets well
// over a day's dose, so "I take 8 paracetamol a day" stays quiet.
const bigCount = 16

// countWords are the number words "#" accepts.
var countWords = []string{"sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
	"forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds", "dozens"}

// compile turns a pattern's source into elements. Words are normalised the
// way a message's words are, so the lists may be written in plain English.
func compile(src string, classes map[string][]string) (pattern, error) {
	p := pattern{source: src}
	for _, f := range strings.Fields(src) {
		e, err := compileElement(f, classes)
		if err != nil {
			return p, fmt.Errorf("safeguard: pattern %q: %w", src, err)
		}
		p.elems = append(p.elems, e)
	}
	if len(p.elems) == 0 || p.elems[0].gap > 0 || p.elems[0].end || p.elems[0].number {
		return p, fmt.Errorf("safeguard: pattern %q must start with a word or a class", src)
	}
	return p, nil
}

func compileElement(f string, classes map[string][]string) (element, error) {
	if n, ok := strings.CutPrefix(f, "~"); ok {
		gap, err := strconv.Atoi(n)
		if err != nil || gap < 1 || gap > 3 {
			return element{}, fmt.Errorf("gap %q is not ~1, ~2 or ~3", f)
		}
		return element{gap: gap}, nil
	}
	e := element{words: map[string]bool{}}
	for _, alt := range strings.Split(f, "|") {
		switch {
		case alt == "$":
			e.end = true
		case alt == "#":
			e.number = true
			for _, w := range countWords {
				e.words[w] = true
			}
		case strings.HasPrefix(alt, "@"):
			words, ok := classes[alt[1:]]
			if !ok {
				return e, fmt.Errorf("no class %q", alt)
			}
			for _, w := range words {
				e.words[canonical(w)] = true
			}
		case alt == "" || canonical(alt) == "":
			return e, fmt.Errorf("empty alternative in %q", f)
		default:
			e.words[canonical(alt)] = true
		}
	}
	return e, nil
}

// match reports where the pattern ends if it matches the words from i on.
func (p *pattern) match(toks []token, i int) (end int, ok bool) {
	return p.from(toks, i, 0)
}

func (p *pattern) from(toks []token, i, k int) (int, bool) {
	if k == len(p.elems) {
		return i, true
	}
	e := &p.elems[k]
	if e.gap > 0 {
		for g := 0; g <= e.gap && i+g <= len(toks); g++ {
			if g > 0 && (toks[i+g-1].brk || toks[i+g-1].topic) {
				break
			}
			if end, ok := p.from(toks, i+g, k+1); ok {
				return end, true
			}
		}
		return 0, false
	}
	if i < len(toks) && e.accepts(toks[i]) {
		if end, ok := p.from(toks, i+1, k+1); ok {
			return end, true
		}
	}
	if e.end && (i == len(toks) || toks[i].brk) {
		return p.from(toks, i, k+1)
	}
	return 0, false
}

func (e *element) accepts(t token) bool {
	if e.words[t.word] {
		return true
	}
	if !e.number || len(t.word) > 6 {
		return false
	}
	n, err := strconv.Atoi(t.word)
	return err == nil && n >= bigCount
}

// fixed reports whether the pattern always matches the same number of
// words (no gaps, no "$"), as the context rules need.
func (p *pattern) fixed() bool {
	for _, e := range p.elems {
		if e.gap > 0 || e.end {
			return false
		}
	}
	return true
}

// endsAt reports whether the fixed-length pattern matches the words just
// before position i.
func (p *pattern) endsAt(toks []token, i int) bool {
	start := i - len(p.elems)
	if start < 0 {
		return false
	}
	end, ok := p.match(toks, start)
	return ok && end == i
}
