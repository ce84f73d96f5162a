package conversation

import (
	"testing"
	"unicode/utf8"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in    string
		verb  Verb
		arg   string
		fuzzy bool
	}{
		{"courses", Courses, "", false},
		{"  COURSES  ", Courses, "", false},
		{"Courses.", Courses, "", false},
		{"cources", Courses, "", true},
		{"prospectus", Courses, "", false},
		{"join mh1", Join, "MH1", false},
		{"JOIN MH 1", Join, "MH1", false},
		{"join12", Join, "12", false},
		{"Joinmh1", Join, "MH1", false},
		{"jion mh1", Join, "MH1", true},
		{"book GA2", Join, "GA2", false},
		{"enrol ga2", Join, "GA2", false},
		{"info", Info, "", false},
		{"information", None, "INFORMATION", false},
		{"look MH1", None, "LOOKMH1", false}, // not BOOK: the first letter differs
		{"MH1", None, "MH1", false},
		{"2", Number, "2", false},
		{"2.", Number, "2", false},
		{"my", My, "", false},
		{"drop mh1", Drop, "MH1", false},
		{"leave", Drop, "", false},
		{"no news", NoNews, "", false},
		{"No News!", NoNews, "", false},
		{"news", News, "", false},
		{"private off", Private, "OFF", false},
		{"delete me", Delete, "", false},
		{"yes", Yes, "", false},
		{"Y", Yes, "", false},
		{"yeah", Yes, "", false},
		{"yes please", Yes, "", false},
		{"nope", No, "", false},
		{"n", No, "", false},
		{"no thanks", No, "", false},
		{"stop", Stop, "", false},
		{"STOP ", Stop, "", false},
		{"cancel", Stop, "", false},
		{"cancel mh1", Drop, "MH1", false},
		{"stop mh1", Drop, "MH1", false},
		{"cancel my booking", Drop, "MYBOOKING", false},
		{"please stop", StopHint, "", false},
		{"stop it", StopHint, "", false},
		{"opt out", StopHint, "", false},
		{"\U0001F44D", Yes, "", false},
		{"fine", Yes, "", false},
		{"back", Courses, "", false},
		{"stpo", None, "STPO", false}, // opt-out words are matched exactly
		{"start", Start, "", false},
		{"unstop", Start, "", false},
		{"hlep", Help, "", true},
		{"skip", Skip, "", false},
		{"", None, "", false},
		{"!!!", None, "", false},
	}
	for _, tt := range tests {
		c := Parse(tt.in)
		if c.Verb != tt.verb || c.Arg != tt.arg || c.Fuzzy != tt.fuzzy {
			t.Errorf("Parse(%q) = %s %q fuzzy=%v, want %s %q fuzzy=%v", tt.in, c.Verb, c.Arg, c.Fuzzy, tt.verb, tt.arg, tt.fuzzy)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"JOIN", "JOIN", 0}, {"JION", "JOIN", 1}, {"COURCES", "COURSES", 1}, {"HLEP", "HELP", 1}, {"ABC", "", 3}, {"KITTEN", "SITTING", 3}} {
		if got := distance(tt.a, tt.b); got != tt.d {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.d)
		}
	}
}

// FuzzParse checks that no message makes the parser panic, that what it
// returns is well formed, and that parsing is stable: the command a
// parsed message stands for parses to itself.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"courses", "join12", "JOIN MH 1", "no news", "delete me", "2", "cources", "stop", "\u2019yes\u2019", "🙂 join mh1", "Zoë", "\x00\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := Parse(s)
		if !utf8.ValidString(c.Arg) {
			t.Fatalf("Parse(%q) gave an invalid argument %q", s, c.Arg)
		}
		if c.Verb == None && c.Arg == "" && len(c.Words) > 0 {
			t.Fatalf("Parse(%q) lost the words %q", s, c.Words)
		}
		if c.Verb == Stop && c.Fuzzy {
			t.Fatalf("Parse(%q) guessed an opt-out", s)
		}
		if c.Verb != None && c.Verb != Number && !c.Fuzzy && len(c.Words) == 1 {
			if again := Parse(string(c.Verb)); again.Verb != c.Verb && c.Verb != NoNews {
				t.Fatalf("Parse(%q) = %s, but Parse(%q) = %s", s, c.Verb, c.Verb, again.Verb)
			}
		}
	})
}

func TestFirstName(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"sam", "Sam", true}, {"SAM", "Sam", true}, {"my name is sam", "Sam", true}, {"I'm Sam", "Sam", true},
		{"it\u2019s Jo", "Jo", true}, {"I\u2019m Zoë", "Zoë", true}, {"My name's Tom", "Tom", true},
		{"Ffion \U0001F60A", "Ffion", true}, {"Kev :)", "Kev", true}, {"Jo x", "Jo", true},
		{"Mary-Jane", "Mary-Jane", true}, {"mary-jane", "Mary-Jane", true}, {"O'Brien", "O'Brien", true},
		{"D'Arcy", "D'Arcy", true}, {"Siobhán Ní Bhriain", "Siobhán Ní Bhriain", true}, {"Siân", "Siân", true},
		{"hi", "", false}, {"skip", "", false}, {"", "", false}, {"12345", "", false},
		{"I would rather not give my name thanks", "", false},
	} {
		got, ok := firstName(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("firstName(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
