package safeguard_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"collegebot/internal/safeguard"
)

// TestFindingNamesTheRule checks what the incident log will show: the list
// and the phrase as written in phrases.go, and the words as the student
// sent them.
func TestFindingNamesTheRule(t *testing.T) {
	tests := []struct{ msg, rule, match string }{
		{"i wanna kms", "suicide: kill|kills|killing|killed @self", "kms"},
		{"I'm not suicidal, just asking", "suicide: suicidal", "suicidal"},
		{"I CANT GO ON", "wish-to-die: cant go|carry on $|anymore|living|like|longer|any", "CANT GO ON"},
		{"JOIN MH6 i took 30 paracetamol",
			"overdose: took|taken|swallowed|popped|downed|necked ~1 all|every|many|loads|lots|lot|handful|bunch|load|# ~2 @drug",
			"took 30 paracetamol"},
		{"I overdosed on my meds", "overdose: overdosed|overdosing", "overdosed"},
		{"been self-harming again", "self-harm: am|is|are|was|were|been|be selfharming", "been self-harming"},
		{"I'm going to jump off a bridge", "means: jump|jumping|jumped|leap|leaping off|of|from ~2 @height", "jump off a bridge"},
		{"i dont feel safe at home", "not-safe: dont|not|never|cant feel safe", "dont feel safe"},
		{"goodbye everyone x", "goodbye: goodbye everyone|everybody|forever|world", "goodbye everyone"},
	}
	for _, tt := range tests {
		f := safeguard.Check(tt.msg)
		if !f.Crisis || f.Rule != tt.rule || f.Match != tt.match {
			t.Errorf("Check(%q) = %+v\nwant rule %q, match %q", tt.msg, f, tt.rule, tt.match)
		}
	}
}

// TestFirstPhraseInReadingOrder: with two phrases, the log names the
// first one the student wrote.
func TestFirstPhraseInReadingOrder(t *testing.T) {
	f := safeguard.Check("i took all my tablets because i want to die")
	if !strings.HasPrefix(f.Rule, "overdose: ") || f.Match != "took all my tablets" {
		t.Errorf("got %+v; want the overdose phrase, which comes first", f)
	}
}

// TestContextSilencesOnlyItsMatch: a quiet idiom does not hide a crisis
// later in the same message.
func TestContextSilencesOnlyItsMatch(t *testing.T) {
	tests := []struct{ msg, match string }{
		{"this course is killing me lol. honestly i want to kill myself", "kill myself"},
		{"I'm killing myself laughing but I'm also killing myself slowly", "killing myself"},
		{"suicide prevention week made me realise i'm suicidal", "suicidal"},
		{"I overdosed on chocolate, then I overdosed on my tablets", "overdosed"},
		{"I can't go on Tuesday. I can't go on.", "can't go on"},
		{"I want to die, my hair is falling out and I've lost everything", "want to die"},
		{"i cut myself. on purpose", "cut myself"},
	}
	for _, tt := range tests {
		f := safeguard.Check(tt.msg)
		if !f.Crisis || f.Match != tt.match {
			t.Errorf("Check(%q) = %+v; want a crisis on %q", tt.msg, f, tt.match)
		}
	}
	if f := safeguard.Check("I overdosed on chocolate, then I overdosed on my tablets"); !strings.Contains(f.Rule, "overdosed") {
		t.Errorf("second overdose: got %+v", f)
	}
}

// TestNegationOnlyTurnsAWishToDie: "don't want to die" is a wish to live,
// but denying suicide, self-harm or killing oneself still triggers.
func TestNegationOnlyTurnsAWishToDie(t *testing.T) {
	quiet := []string{"I don't want to die", "i never wanted to die", "nobody wants to die"}
	for _, msg := range quiet {
		if f := safeguard.Check(msg); f.Crisis {
			t.Errorf("Check(%q) = %+v; a wish to live is not a crisis", msg, f)
		}
	}
	loud := []string{"I'm not suicidal", "I won't kill myself", "I'm not going to hurt myself",
		"I'm not self-harming any more, honest", "I don't really want to die"}
	for _, msg := range loud {
		if f := safeguard.Check(msg); !f.Crisis {
			t.Errorf("Check(%q) is quiet; a denial that names it still gets the contacts", msg)
		}
	}
}

// TestAcceptedFalseAlarms records messages that trigger although the
// sender is probably fine. Each was weighed and left loud on purpose: the
// same words are how a real crisis is often put, and a false alarm costs
// one kind message. Change a row only with a reason in phrases.go.
func TestAcceptedFalseAlarms(t *testing.T) {
	for _, msg := range []string{
		"I took all my tablets this morning as normal",       // "took all my pills" is the classic disclosure
		"I've taken a lot of medication over the years",      // so is "taken a lot of medication"
		"my dad threatened to kill me if I fail lol",         // threats are not ours to judge
		"I don't feel safe around dogs",                      // "around him" is the same words
		"what should I do if someone says they are suicidal", // worry about someone else
		"My GP asked if I was suicidal and I said no",        // naming it, even to deny it
	} {
		if f := safeguard.Check(msg); !f.Crisis {
			t.Errorf("Check(%q) is quiet; this false alarm was accepted on purpose", msg)
		}
	}
}

func TestEmptyAndBlank(t *testing.T) {
	for _, msg := range []string{"", " ", "\n\t", "...", "??!", "\U0001F622\U0001F622"} {
		if f := safeguard.Check(msg); f != (safeguard.Finding{}) {
			t.Errorf("Check(%q) = %+v; want nothing", msg, f)
		}
	}
}

// FuzzCheck: Check never panics, and a finding is always words of the
// message with a rule that names a list.
func FuzzCheck(f *testing.F) {
	for _, c := range crises[:20] {
		f.Add(c.msg)
	}
	for _, msg := range ordinary[:20] {
		f.Add(msg)
	}
	f.Add("od'd \u2019 k1ll $$$ 2nite self- harm my self my self harm ~2 @self # $ |")
	f.Add(strings.Repeat("want ", 500) + "to die")
	f.Fuzz(func(t *testing.T, msg string) {
		got := safeguard.Check(msg)
		if got.Crisis != (got.Rule != "") || got.Crisis != (got.Match != "") {
			t.Fatalf("Check(%q) = %+v: Crisis, Rule and Match disagree", msg, got)
		}
		if got.Crisis && (!strings.Contains(msg, got.Match) || !strings.Contains(got.Rule, ": ")) {
			t.Fatalf("Check(%q) = %+v: match not in message or rule unnamed", msg, got)
		}
		if utf8.ValidString(msg) && !utf8.ValidString(got.Match) {
			t.Fatalf("Check(%q).Match %q is not valid UTF-8", msg, got.Match)
		}
	})
}

// BenchmarkCheck runs a mix of inbound messages: most are ordinary
// replies, a few are long, one in ten is a crisis.
func BenchmarkCheck(b *testing.B) {
	var msgs []string
	for i, msg := range ordinary {
		msgs = append(msgs, msg)
		if i%10 == 0 {
			msgs = append(msgs, crises[i%len(crises)].msg)
		}
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		safeguard.Check(msgs[i%len(msgs)])
	}
}

// BenchmarkCheckLong is a full 1,600-character message (ten SMS segments)
// with nothing to find: the worst a student can send by SMS.
func BenchmarkCheckLong(b *testing.B) {
	msg := strings.Repeat("Hiya, is the Tuesday session of MH2 still on? ", 40)[:1600]
	b.ReportAllocs()
	for b.Loop() {
		safeguard.Check(msg)
	}
}
