package safeguard

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A token is one word of a message after normalisation.
type token struct {
	word       string // canonical form: lower case, no apostrophes, letters squeezed
	start, end int    // the original word's bytes in the message, for Finding.Match
	brk        bool   // a clause break (. , ! ? ; : brackets, new line) comes before it
	topic      bool   // a topic word ("prevention", "understanding"): gaps never skip it
}

// breaks are the characters that end a clause.
const breaks = ".,;:!?()[]{}\"\n\r\u2026\u2014\u2013"

// tokens splits a message into normalised words: spelling and text-speak
// read as plain English, one typo in a long list word corrected, and
// two-word forms ("my self", "self harm", "do not") joined.
func (d *detector) tokens(text string) []token {
	out := make([]token, 0, len(text)/5+1)
	start, brk := -1, false
	flush := func(end int) {
		if start >= 0 {
			out = d.expand(out, text[start:end], start, end, brk)
			start, brk = -1, false
		}
	}
	for i, r := range text {
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		default:
			flush(i)
			if strings.ContainsRune(breaks, r) {
				brk = true
			}
		}
	}
	flush(len(text))
	out = d.join(out)
	for i := range out {
		out[i].topic = d.topicWords[out[i].word]
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("'\u2019\u2018`@$", r)
}

// expand appends the canonical word(s) for one raw word: "kms" gives
// "kill myself", "k1ll" gives "kill", "sooo" gives "so".
func (d *detector) expand(out []token, raw string, start, end int, brk bool) []token {
	w := strings.Map(func(r rune) rune {
		if r == '\u2019' || r == '\u2018' || r == '`' {
			return '\''
		}
		return unicode.ToLower(r)
	}, raw)
	words, ok := d.spelling[w]
	if !ok {
		w = collapse(strings.ReplaceAll(w, "'", ""), 3)
		words, ok = d.spelling[w]
	}
	if !ok && mixed(w) {
		w = strings.Map(leet, w)
		words, ok = d.spelling[w]
	}
	if !ok {
		w = collapse(w, 2)
		if !d.vocab[w] {
			w = d.typo(w)
		}
		if w == "" {
			return out
		}
		words = []string{w}
	}
	for i, w := range words {
		out = append(out, token{word: w, start: start, end: end, brk: brk && i == 0})
	}
	return out
}

// collapse shortens every run of n or more of the same letter to one:
// collapse(w, 3) turns "sooo" into "so" and keeps "odd"; collapse(w, 2)
// squeezes every double letter, so "kill", "kil" and "killll" agree.
func collapse(w string, n int) string {
	if !hasRun(w, n) {
		return w
	}
	var b strings.Builder
	rs := []rune(w)
	for i := 0; i < len(rs); {
		j := i
		for j < len(rs) && rs[j] == rs[i] {
			j++
		}
		if j-i >= n && unicode.IsLetter(rs[i]) {
			b.WriteRune(rs[i])
		} else {
			b.WriteString(string(rs[i:j]))
		}
		i = j
	}
	return b.String()
}

// hasRun reports whether w may have a run of n same letters (any non-ASCII
// word may): the common case, no run, then costs no allocation.
func hasRun(w string, n int) bool {
	run := 1
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return true
		}
		if i == 0 || w[i] != w[i-1] {
			run = 1
		} else if run++; run >= n {
			return true
		}
	}
	return false
}

// mixed reports whether a word mixes letters with digits or @ and $, the
// sign of leetspeak ("k1ll", "su1c1de", "0d"); plain numbers stay numbers.
func mixed(w string) bool {
	letter, other := false, false
	for _, r := range w {
		letter = letter || unicode.IsLetter(r)
		other = other || unicode.IsDigit(r) || r == '@' || r == '$'
	}
	return letter && other
}

func leet(r rune) rune {
	if i := strings.IndexRune("013457@$", r); i >= 0 {
		return rune("oieastas"[i])
	}
	return r
}

// typo returns the list word one edit away from w (a letter missing, extra,
// wrong, or two swapped), if w is long enough and one is; else w. Only the
// long, distinctive words in typoTargets are corrected, so that ordinary
// words ("putting", "giving") are never read as list words.
func (d *detector) typo(w string) string {
	if len(w) < 5 {
		return w
	}
	for _, t := range d.targets {
		if oneEdit(w, t) {
			return t
		}
	}
	return w
}

// oneEdit reports whether a and b differ by at most one insertion,
// deletion, substitution or swap of adjacent letters.
func oneEdit(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if i == len(a) {
		return true
	}
	if len(a) < len(b) {
		return a[i:] == b[i+1:]
	}
	if a[i+1:] == b[i+1:] {
		return true
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// join merges two-word forms into one word ("my self" is "myself", "self
// harm" is "selfharm", "do not" is "dont"), as the lists write them.
func (d *detector) join(toks []token) []token {
	out := toks[:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if i+1 < len(toks) && !toks[i+1].brk {
			if w, ok := d.joins[t.word+" "+toks[i+1].word]; ok && !d.selfHarmNext(toks, i) {
				t.word, t.end = w, toks[i+1].end
				i++
			}
		}
		out = append(out, t)
	}
	return out
}

// selfHarmNext keeps "my self harm" as "my selfharm", not "myself harm".
func (d *detector) selfHarmNext(toks []token, i int) bool {
	return toks[i+1].word == "self" && i+2 < len(toks) &&
		d.joins["self "+toks[i+2].word] != "" && toks[i].word != "self"
}
