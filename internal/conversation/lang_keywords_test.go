package conversation_test

import (
	"regexp"
	"testing"

	"collegebot/internal/conversation"
	"collegebot/messages"
)

// capsRun is a run of words in capitals, as texts name keywords: "COURSES",
// "NO NEWS", "DIM NEWYDDION".
var capsRun = regexp.MustCompile(`\b[A-Z]{2,}(?: [A-Z]{2,})*\b`)

// notKeywords are words in capitals that name something, not a command.
var notKeywords = map[string]bool{"NHS": true, "GIG": true, "SHOUT": true, "CALL": true, "OFF": true}

// TestEveryKeywordInEveryLanguageParses checks that each word in capitals
// a text asks a student to send, in any language, is one the parser
// understands: a Welsh text saying CYRSIAU works only if CYRSIAU does.
func TestEveryKeywordInEveryLanguageParses(t *testing.T) {
	cat, err := messages.Load()
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, lang := range cat.Langs() {
		for _, k := range cat.Keys(lang) {
			s, _ := cat.Template(lang, k)
			for _, run := range capsRun.FindAllString(s, -1) {
				if notKeywords[run] {
					continue
				}
				seen++
				if c := conversation.Parse(run); c.Verb == conversation.None || c.Fuzzy {
					t.Errorf("%s %s asks for %q, which the parser reads as %q (fuzzy %v)", lang, k, run, c.Verb, c.Fuzzy)
				}
			}
		}
	}
	if seen < 50 {
		t.Errorf("only %d keywords found", seen)
	}
}

// TestWelshKeywordsAreNotOptOutWords checks no language's keyword is one
// a carrier treats as STOP, or parses as STOP.
func TestWelshKeywordsAreNotOptOutWords(t *testing.T) {
	for _, w := range []string{"CYRSIAU", "YMUNO", "ARCHEBION", "GADAEL", "SIARAD", "IE", "NA", "MWY", "HEPGOR",
		"NEWYDDION", "DIM NEWYDDION", "IAITH", "NAC YDW", "DILEU FI"} {
		if v := conversation.Parse(w).Verb; v == conversation.Stop || v == conversation.StopHint || v == conversation.None {
			t.Errorf("%s parses as %q", w, v)
		}
	}
}
