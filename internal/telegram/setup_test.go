package telegram_test

import (
	"context"
	"strings"
	"testing"

	tgbot "github.com/go-telegram/bot"

	"collegebot/internal/telegram"
)

// descriptions stand in for the catalog's words for the menu.
func descriptions() map[string]string {
	return map[string]string{"courses": "Browse the courses", "my": "Your bookings",
		"help": "How this works and how to reach us", "stop": "Stop all messages"}
}

// newBot returns a go-telegram/bot client on the stub.
func newBot(t *testing.T, stub *botStub) *tgbot.Bot {
	t.Helper()
	b, err := telegram.NewBot(stub.config())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSetupWebhook(t *testing.T) {
	stub := newBotStub(t)
	err := telegram.Setup(context.Background(), newBot(t, stub), telegram.SetupConfig{Mode: telegram.ModeWebhook,
		PublicURL: "https://college.example.org/", Secret: secret, Commands: descriptions()})
	if err != nil {
		t.Fatal(err)
	}
	cmds := stub.callsTo("setMyCommands")
	if len(cmds) != 1 {
		t.Fatalf("setMyCommands called %d times, want 1", len(cmds))
	}
	assertJSONText(t, "commands", cmds[0].params["commands"], `[{"command":"courses","description":"Browse the courses"},`+
		`{"command":"my","description":"Your bookings"},{"command":"help","description":"How this works and how to reach us"},`+
		`{"command":"stop","description":"Stop all messages"}]`)
	hooks := stub.callsTo("setWebhook")
	if len(hooks) != 1 {
		t.Fatalf("setWebhook called %d times, want 1", len(hooks))
	}
	p := hooks[0].params
	if p["url"] != "https://college.example.org/telegram/webhook" || p["secret_token"] != secret {
		t.Errorf("setWebhook url %q, secret_token %q", p["url"], p["secret_token"])
	}
	assertJSONText(t, "allowed_updates", p["allowed_updates"], `["message","edited_message","callback_query","my_chat_member"]`)
	if _, dropped := p["drop_pending_updates"]; dropped {
		t.Error("setWebhook asked to drop pending updates: they would be lost")
	}
	if n := len(stub.callsTo("deleteWebhook")); n != 0 {
		t.Errorf("deleteWebhook called %d times in webhook mode", n)
	}
}

// assertJSONText compares a parameter's JSON text.
func assertJSONText(t *testing.T, name, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %s\nwant %s", name, got, want)
	}
}

func TestSetupPolling(t *testing.T) {
	stub := newBotStub(t)
	err := telegram.Setup(context.Background(), newBot(t, stub), telegram.SetupConfig{Mode: telegram.ModePolling, Commands: descriptions()})
	if err != nil {
		t.Fatal(err)
	}
	del := stub.callsTo("deleteWebhook")
	if len(del) != 1 || len(stub.callsTo("setMyCommands")) != 1 || len(stub.callsTo("setWebhook")) != 0 {
		t.Fatalf("calls: %d deleteWebhook, %d setMyCommands, %d setWebhook; want 1, 1, 0",
			len(del), len(stub.callsTo("setMyCommands")), len(stub.callsTo("setWebhook")))
	}
	if _, dropped := del[0].params["drop_pending_updates"]; dropped {
		t.Error("deleteWebhook asked to drop pending updates: they would be lost")
	}
}

// A bad configuration is refused before Telegram is asked anything.
func TestSetupChecksFirst(t *testing.T) {
	good := telegram.SetupConfig{Mode: telegram.ModeWebhook, PublicURL: "https://college.example.org", Secret: secret, Commands: descriptions()}
	tests := []struct {
		label  string
		change func(*telegram.SetupConfig)
		says   string
	}{
		{"unknown mode", func(c *telegram.SetupConfig) { c.Mode = "push" }, "mode"},
		{"a command with no description", func(c *telegram.SetupConfig) { delete(c.Commands, "stop") }, "/stop"},
		{"http URL", func(c *telegram.SetupConfig) { c.PublicURL = "http://college.example.org" }, "https"},
		{"no URL", func(c *telegram.SetupConfig) { c.PublicURL = "" }, "https"},
		{"no secret", func(c *telegram.SetupConfig) { c.Secret = "" }, "secret"},
		{"secret with a space", func(c *telegram.SetupConfig) { c.Secret = "two words" }, "secret"},
		{"a translation with no description", func(c *telegram.SetupConfig) {
			cy := descriptions()
			delete(cy, "help")
			c.Translations = map[string]map[string]string{"cy": cy}
		}, "/help"},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			stub := newBotStub(t)
			cfg := good
			cfg.Commands = descriptions()
			tt.change(&cfg)
			err := telegram.Setup(context.Background(), newBot(t, stub), cfg)
			if err == nil || !strings.Contains(err.Error(), tt.says) {
				t.Fatalf("err = %v, want one naming %s", err, tt.says)
			}
			if n := len(stub.calls); n != 0 {
				t.Errorf("made %d calls before refusing", n)
			}
		})
	}
}

func TestDeepLink(t *testing.T) {
	tests := []struct {
		bot, code, want string
	}{
		{"CalderbrookCollegeBot", "MH1", "https://t.me/CalderbrookCollegeBot?start=c_MH1"},
		{"@CalderbrookCollegeBot", "ART-4_b", "https://t.me/CalderbrookCollegeBot?start=c_ART-4_b"},
		{"CalderbrookCollegeBot", strings.Repeat("X", 62), "https://t.me/CalderbrookCollegeBot?start=c_" + strings.Repeat("X", 62)},
		{"CalderbrookCollegeBot", strings.Repeat("X", 63), ""},
		{"CalderbrookCollegeBot", "MH 1", ""},
		{"CalderbrookCollegeBot", "", ""},
		{"", "MH1", ""},
		{"bad name", "MH1", ""},
	}
	for _, tt := range tests {
		got, err := telegram.DeepLink(tt.bot, tt.code)
		if got != tt.want || (err == nil) != (tt.want != "") {
			t.Errorf("DeepLink(%q, %q) = %q, %v; want %q", tt.bot, tt.code, got, err, tt.want)
		}
	}
}

// A link the bot makes is one it follows: /start with its payload opens
// that course.
func TestDeepLinkRoundTrip(t *testing.T) {
	link, err := telegram.DeepLink("CalderbrookCollegeBot", "MH1")
	if err != nil {
		t.Fatal(err)
	}
	_, payload, _ := strings.Cut(link, "?start=")
	in, ok := telegram.Inbound(decode(t, []byte(text("/start "+payload))))
	if !ok || in.Text != "INFO MH1" {
		t.Errorf("following %s gave %+v, want INFO MH1", link, in)
	}
}

func TestUsername(t *testing.T) {
	stub := newBotStub(t)
	name, err := telegram.Username(context.Background(), newBot(t, stub))
	if err != nil || name != "CalderbrookCollegeBot" {
		t.Fatalf("Username = %q, %v", name, err)
	}
}

func TestNewBotNeedsAToken(t *testing.T) {
	if _, err := telegram.NewBot(telegram.Config{Token: " "}); err == nil {
		t.Error("NewBot with no token returned no error")
	}
	if _, err := telegram.NewSender(telegram.Config{}); err == nil {
		t.Error("NewSender with no token returned no error")
	}
}
