package telegram

import (
	"strings"
	"unicode"

	"collegebot/internal/college"
)

// courseLinkPrefix starts a deep-link payload that opens a course:
// t.me/<bot>?start=c_<CODE>.
const courseLinkPrefix = "c_"

// fromText reads a text message. A bot command is read as the word the
// SMS conversation knows ("/courses" is COURSES, "/my@CollegeBot" is MY),
// marked as a command, which staff commands need and students' ignore;
// /start opens the chat, following a poster's link when it carries one.
func fromText(in *college.Inbound, text string) {
	name, args, ok := botCommand(text)
	if !ok {
		in.Text = text
		return
	}
	if name == "START" {
		in.Event, in.Text = college.EventStart, startCommand(args)
		return
	}
	in.Event, in.Text = college.EventCommand, strings.TrimSpace(name+" "+args)
}

// botCommand splits a message that starts with a bot command into the
// command's name, upper-cased and without any @botname, and what follows.
// https://core.telegram.org/bots/features#commands
func botCommand(text string) (name, args string, ok bool) {
	rest, ok := strings.CutPrefix(text, "/")
	if !ok {
		return "", "", false
	}
	word := rest
	if i := strings.IndexFunc(rest, unicode.IsSpace); i >= 0 {
		word, args = rest[:i], strings.TrimSpace(rest[i:])
	}
	word, _, _ = strings.Cut(word, "@")
	if !commandName(word) {
		return "", "", false
	}
	return strings.ToUpper(word), args, true
}

// commandName reports whether s can name a bot command: 1 to 32 Latin
// letters, digits and underscores.
func commandName(s string) bool {
	if len(s) > 32 {
		return false
	}
	for _, r := range s {
		if !wordRune(r) {
			return false
		}
	}
	return s != ""
}

// wordRune reports whether r is a Latin letter, a digit or an underscore.
func wordRune(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
}

// startCommand returns the command a /start payload links to ("c_MH1"
// opens course MH1), or "" for none or a payload the bot does not know.
func startCommand(payload string) string {
	code, ok := strings.CutPrefix(payload, courseLinkPrefix)
	if !ok || code == "" || !validPayload(payload) {
		return ""
	}
	return "INFO " + strings.ToUpper(code)
}

// maxPayload is the longest deep-link payload Telegram passes on.
const maxPayload = 64

// validPayload reports whether s can be a deep-link payload: 1 to 64 of
// A-Z, a-z, 0-9, _ and -.
// https://core.telegram.org/bots/features#deep-linking
func validPayload(s string) bool {
	return s != "" && len(s) <= maxPayload && tokenChars(s)
}

// tokenChars reports whether s is made of A-Z, a-z, 0-9, _ and - only, as
// deep-link payloads and webhook secrets are.
func tokenChars(s string) bool {
	for _, r := range s {
		if !wordRune(r) && r != '-' {
			return false
		}
	}
	return true
}
