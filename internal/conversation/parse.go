package conversation

import (
	"strings"
	"unicode"
)

// Verb is what a student asks for.
type Verb string

// The verbs the engine understands. Topic and Wait are reached through
// choices; the rest can also be typed.
const (
	None    Verb = ""
	Courses Verb = "COURSES"
	Info    Verb = "INFO"
	Join    Verb = "JOIN"
	Wait    Verb = "WAIT"
	Topic   Verb = "TOPIC"
	More    Verb = "MORE"
	My      Verb = "MY"
	Drop    Verb = "DROP"
	News    Verb = "NEWS"
	NoNews  Verb = "NONEWS"
	Private Verb = "PRIVATE"
	Help    Verb = "HELP"
	Stop    Verb = "STOP"
	Start   Verb = "START"
	Delete  Verb = "DELETE"
	Yes     Verb = "YES"
	No      Verb = "NO"
	Skip    Verb = "SKIP"
	Number  Verb = "NUMBER" // a bare number answering a list
	// Talk asks for a person to get in touch (a hand-off to staff).
	Talk Verb = "TALK"
	// Lang lists the languages, or with an argument (a code such as CY,
	// or a name such as WELSH or CYMRAEG) chooses one.
	Lang Verb = "LANG"
	// StopHint is an opt-out word inside a longer message ("please stop"):
	// carriers only act on the word alone, so we say how, and do nothing.
	StopHint Verb = "STOPHINT"
)

// Command is one parsed message: a verb, its argument, and how sure the
// parser is.
type Command struct {
	Verb  Verb
	Arg   string // upper case, e.g. a course code with spaces removed
	Words []string
	// Fuzzy is set when the verb was guessed from a near-miss spelling.
	Fuzzy bool
}

// words maps every spelling a student may send to its verb. Opt-out words
// are matched exactly, never by near miss, and never mean anything else:
// carriers treat them as STOP whatever we do.
var words = map[string]Verb{
	"COURSES": Courses, "COURSE": Courses, "LIST": Courses, "MENU": Courses, "PROSPECTUS": Courses,
	"INFO": Info, "DETAILS": Info,
	"JOIN": Join, "BOOK": Join, "ENROL": Join, "ENROLL": Join,
	"WAIT": Wait, "TOPIC": Topic, "MORE": More, "NEXT": More,
	"MY": My, "BOOKINGS": My, "MINE": My,
	"DROP": Drop, "LEAVE": Drop,
	"NEWS": News, "PRIVATE": Private, "HELP": Help,
	"STOP": Stop, "STOPALL": Stop, "UNSUBSCRIBE": Stop, "CANCEL": Stop,
	"END": Stop, "QUIT": Stop, "REVOKE": Stop, "OPTOUT": Stop,
	"START": Start, "UNSTOP": Start,
	"DELETE": Delete,
	"YES":    Yes, "Y": Yes, "YEAH": Yes, "YEP": Yes, "YUP": Yes, "YA": Yes, "YEA": Yes, "YS": Yes,
	"YESS": Yes, "YESSS": Yes, "AYE": Yes, "OK": Yes, "OKAY": Yes, "OKE": Yes, "K": Yes, "SURE": Yes, "FINE": Yes,
	"BACK": Courses,
	"NO":   No, "N": No, "NOPE": No, "NAH": No, "NO THANKS": No,
	"SKIP": Skip, "PASS": Skip,
	"TALK": Talk, "PERSON": Talk, "HUMAN": Talk, "SPEAK": Talk,
	"LANG": Lang, "LANGUAGE": Lang, "LANGUAGES": Lang,
	// The keywords of the other languages the catalogs speak: what a
	// student reading the texts in their language sends. None is a
	// carrier's opt-out word, and none means STOP: carriers act on their
	// own (English) words only. Welsh:
	"CYRSIAU": Courses, "CWRS": Courses, "RHESTR": Courses, "BWYDLEN": Courses,
	"MANYLION": Info, "YMUNO": Join, "ARCHEBU": Join, "COFRESTRU": Join,
	"MWY": More, "NESAF": More, "ARCHEBION": My, "GADAEL": Drop,
	"NEWYDDION": News, "PREIFAT": Private, "CYMORTH": Help,
	"IE": Yes, "IAWN": Yes, "YDW": Yes, "YDY": Yes, "OES": Yes, "HOFFWN": Yes,
	"NA": No, "NAC": No, "NAGE": No, "NADW": No,
	"HEPGOR": Skip, "SIARAD": Talk,
	"IAITH": Lang, "IEITHOEDD": Lang,
	// The word for language in Polish, Urdu (also as Urdu speakers write
	// it in Latin letters) and Arabic.
	"JĘZYK": Lang, "JEZYK": Lang, "JĘZYKI": Lang, "JEZYKI": Lang,
	"زبان": Lang, "زبانیں": Lang, "ZABAN": Lang, "ZUBAN": Lang, "لغة": Lang, "اللغة": Lang,
}

// exactOnly lists spellings never reached by a near miss: the opt-out words,
// and words so short that any typo is another word.
func exactOnly(w string, v Verb) bool {
	return v == Stop || v == Start || len(w) < 4
}

// argVerbs take a course code, and may be run together with it ("join12").
var argVerbs = []string{"JOIN", "BOOK", "ENROL", "INFO", "DROP", "LEAVE", "WAIT", "TOPIC", "YMUNO", "ARCHEBU", "GADAEL"}

// Parse reads one message. It forgives case, extra spaces, punctuation, a
// missing space between a verb and a code, and near-miss spellings.
func Parse(text string) Command {
	ws := normalise(strings.NewReplacer("\U0001F44D", " YES ", "\U0001F44E", " NO ").Replace(text))
	if len(ws) == 0 {
		return Command{}
	}
	if v, ok := phrase(ws); ok {
		return Command{Verb: v, Words: ws}
	}
	ws = splitJoined(ws)
	if isNumber(ws[0]) && len(ws) == 1 {
		return Command{Verb: Number, Arg: ws[0], Words: ws}
	}
	v, fuzzy := verb(ws[0])
	switch {
	case (v == None || fuzzy) && asksForPerson(ws):
		return Command{Verb: Talk, Words: ws}
	case v == None:
		return Command{Arg: strings.Join(ws, ""), Words: ws}
	case v == Stop && len(ws) > 1:
		return stopWithMore(ws)
	}
	return Command{Verb: v, Arg: strings.Join(ws[1:], ""), Words: ws, Fuzzy: fuzzy}
}

// stopWithMore reads an opt-out word followed by more words. "CANCEL MH1"
// or "STOP MY BOOKING" means leaving a course; anything else gets a hint
// of how to opt out, since only the word on its own opts out.
func stopWithMore(ws []string) Command {
	for _, w := range ws[1:] {
		if strings.ContainsAny(w, "0123456789") || w == "BOOKING" || w == "PLACE" || w == "COURSE" {
			return Command{Verb: Drop, Arg: strings.Join(ws[1:], ""), Words: ws}
		}
	}
	return Command{Verb: StopHint, Words: ws}
}

// phrase matches whole messages of more than one word.
func phrase(ws []string) (Verb, bool) {
	s := strings.Join(ws, " ")
	switch s {
	case "NO NEWS", "NONEWS", "STOP NEWS", "DIM NEWYDDION":
		return NoNews, true
	case "DELETE ME", "DELETE MY DATA", "DELETEME", "DILEU FI", "DILEWCH FI":
		return Delete, true
	case "YES PLEASE", "NO THANKS", "NO THANK YOU", "IE PLIS", "IE DIOLCH":
		return words[strings.Fields(s)[0]], true
	case "NAC YDW", "NAC YDY", "NAC OES", "NA HOFFWN", "DIM DIOLCH":
		return No, true
	case "FY NGHYRSIAU", "FY ARCHEBION":
		return My, true
	case "PLEASE STOP", "OPT OUT", "UNSUB", "STOP TEXTING ME", "STOP TEXTS", "STOP MESSAGES":
		return StopHint, true
	}
	return None, false
}

// verb finds the verb for a word, exactly or by near miss.
func verb(w string) (Verb, bool) {
	if v, ok := words[w]; ok {
		return v, false
	}
	if len(w) < 4 {
		return None, false
	}
	best, bestD := None, 3
	for k, v := range words {
		if exactOnly(k, v) || k[0] != w[0] {
			continue // people rarely mistype the first letter: "look" is not "book"
		}
		if d := distance(w, k); d <= allowed(k) && d < bestD {
			best, bestD = v, d
		}
	}
	return best, best != None
}

// allowed is how many typos a keyword of this length tolerates.
func allowed(k string) int {
	if len(k) >= 7 {
		return 2
	}
	return 1
}

// normalise upper-cases, turns punctuation into spaces and splits.
func normalise(text string) []string {
	mapped := strings.Map(func(r rune) rune {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return unicode.ToUpper(r)
		case r == '\'' || r == '\u2019':
			return -1 // "don't" is one word
		default:
			return ' '
		}
	}, text)
	return strings.Fields(mapped)
}

// splitJoined separates a verb run together with a code: "JOIN12" or
// "INFOMH1" become two words. Only a remainder holding a digit is split,
// so "INFORMATION" stays whole.
func splitJoined(ws []string) []string {
	first := ws[0]
	for _, p := range argVerbs {
		rest, ok := strings.CutPrefix(first, p)
		if ok && rest != "" && strings.ContainsAny(rest, "0123456789") {
			return append([]string{p, rest}, ws[1:]...)
		}
	}
	return ws
}

func isNumber(w string) bool {
	if w == "" || len(w) > 3 {
		return false
	}
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// personWords and personPairs anywhere in a message ask for a person:
// "can I speak to someone", "a real person please", "call me back".
var (
	personWords = map[string]bool{"TALK": true, "SPEAK": true, "PERSON": true, "HUMAN": true, "SIARAD": true}
	personPairs = map[string]bool{"CALL ME": true, "RING ME": true, "PHONE ME": true,
		"CALL BACK": true, "RING BACK": true, "CONTACT ME": true}
)

// asksForPerson reports whether a message asks to talk to a person. "In
// person" is how a course meets, not a request.
func asksForPerson(ws []string) bool {
	for i, w := range ws {
		if personWords[w] && (w != "PERSON" || i == 0 || ws[i-1] != "IN") {
			return true
		}
		if i > 0 && personPairs[ws[i-1]+" "+w] {
			return true
		}
	}
	return false
}
