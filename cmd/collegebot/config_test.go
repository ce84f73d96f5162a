package main

import (
	"strings"
	"testing"
)

const (
	testSID   = "AC0123456789abcdef0123456789abcdef"
	testToken = "12345678901234567890123456789012"
)

func envOf(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

func smsEnv(kv ...string) []string {
	base := []string{"TWILIO_ACCOUNT_SID", testSID, "TWILIO_AUTH_TOKEN", testToken,
		"TWILIO_FROM", "+447700900999", "COLLEGEBOT_PUBLIC_URL", "https://college.example.org/"}
	return append(base, kv...)
}

func TestConfigErrorsNameTheVariable(t *testing.T) {
	for _, tt := range []struct {
		env  []string
		want string
	}{
		{[]string{"COLLEGEBOT_TZ", "Mars/Olympus"}, "COLLEGEBOT_TZ"},
		{[]string{"COLLEGEBOT_COLLEGE", "/no/such/profile.toml"}, "COLLEGEBOT_COLLEGE"},
		{[]string{"TWILIO_AUTH_TOKEN", testToken}, "TWILIO_ACCOUNT_SID is empty"},
		{smsEnv("TWILIO_ACCOUNT_SID", "ACnope"), "TWILIO_ACCOUNT_SID"},
		{smsEnv("TWILIO_AUTH_TOKEN", ""), "TWILIO_AUTH_TOKEN"},
		{smsEnv("TWILIO_FROM", "07700900999"), "TWILIO_FROM"},
		{smsEnv("TWILIO_FROM", "MG123"), "TWILIO_FROM"},
		{smsEnv("COLLEGEBOT_PUBLIC_URL", ""), "COLLEGEBOT_PUBLIC_URL is empty"},
		{smsEnv("COLLEGEBOT_PUBLIC_URL", "http://college.example.org"), "must use https"},
		{smsEnv("COLLEGEBOT_PUBLIC_URL", "https://college.example.org/sms"), "base URL"},
		{smsEnv("TWILIO_MPS", "fast"), "TWILIO_MPS"},
		{smsEnv("TWILIO_MPS", "-1"), "TWILIO_MPS"},
		{smsEnv("TWILIO_OPT_OUT_REPLIES", "both"), "TWILIO_OPT_OUT_REPLIES"},
		{smsEnv("TWILIO_API_URL", "localhost:9"), "TWILIO_API_URL"},
	} {
		_, err := configFromEnv(envOf(tt.env...))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("env %q: error %v, want one naming %q", tt.env, err, tt.want)
		}
	}
}

func TestConfigSMS(t *testing.T) {
	c, err := configFromEnv(envOf(smsEnv("TWILIO_MPS", "2.5", "TWILIO_API_URL", "http://127.0.0.1:9999/")...))
	if err != nil {
		t.Fatal(err)
	}
	if !c.SMS() || c.PublicURL != "https://college.example.org" || c.Twilio.MPS != 2.5 ||
		c.Twilio.APIURL != "http://127.0.0.1:9999" || c.Twilio.OptOutReplies != "twilio" {
		t.Errorf("config %+v", c.Twilio)
	}
	if s := c.String(); strings.Contains(s, testToken) || !strings.Contains(s, "[redacted]") {
		t.Errorf("String() shows the token: %s", s)
	}
	c, err = configFromEnv(envOf(smsEnv("TWILIO_FROM", "MG0123456789abcdef0123456789abcdef")...))
	if err != nil || c.Twilio.From[:2] != "MG" {
		t.Errorf("a Messaging Service SID was refused: %v", err)
	}
	if c, err := configFromEnv(envOf()); err != nil || c.SMS() || c.DB != "collegebot.db" || c.Addr != ":8080" {
		t.Errorf("defaults: %+v, %v", c, err)
	}
}

func TestProfileFile(t *testing.T) {
	p := writeFile(t, "name = \"Riverside Recovery College\"\nmin_age = 18\n")
	c, err := configFromEnv(envOf("COLLEGEBOT_COLLEGE", p))
	if err != nil || c.Profile.Name != "Riverside Recovery College" || c.Profile.MinAge != 18 || c.Profile.PrivacyURL == "" {
		t.Errorf("profile %+v, %v", c.Profile, err)
	}
	bad := writeFile(t, "name = \"X\"\ncolour = \"red\"\n")
	if _, err := configFromEnv(envOf("COLLEGEBOT_COLLEGE", bad)); err == nil || !strings.Contains(err.Error(), "colour") {
		t.Errorf("unknown setting: %v", err)
	}
}

const testBotToken = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"

func TestTelegramConfig(t *testing.T) {
	c, err := configFromEnv(envOf("TELEGRAM_BOT_TOKEN", testBotToken))
	if err != nil || !c.Telegram() || c.Tg.Mode != "polling" {
		t.Fatalf("polling by default: %+v, %v", c.Tg, err)
	}
	if s := c.String(); strings.Contains(s, "AAHdq") {
		t.Errorf("String() shows the bot token: %s", s)
	}
	for _, tt := range []struct {
		env  []string
		want string
	}{
		{[]string{"TELEGRAM_BOT_TOKEN", "nope"}, "TELEGRAM_BOT_TOKEN"},
		{[]string{"TELEGRAM_MODE", "webhook"}, "TELEGRAM_BOT_TOKEN is empty"},
		{[]string{"TELEGRAM_BOT_TOKEN", testBotToken, "TELEGRAM_MODE", "push"}, "TELEGRAM_MODE"},
		{[]string{"TELEGRAM_BOT_TOKEN", testBotToken, "TELEGRAM_MODE", "webhook"}, "TELEGRAM_WEBHOOK_SECRET"},
		{[]string{"TELEGRAM_BOT_TOKEN", testBotToken, "TELEGRAM_MODE", "webhook", "TELEGRAM_WEBHOOK_SECRET", "s3cret-s3cret-s3cret"}, "COLLEGEBOT_PUBLIC_URL"},
		{[]string{"TELEGRAM_BOT_TOKEN", testBotToken, "TELEGRAM_API_URL", "nowhere"}, "TELEGRAM_API_URL"},
	} {
		if _, err := configFromEnv(envOf(tt.env...)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("env %q: error %v, want one naming %q", tt.env, err, tt.want)
		}
	}
	_, err = configFromEnv(envOf("TELEGRAM_BOT_TOKEN", testBotToken, "TELEGRAM_MODE", "webhook",
		"TELEGRAM_WEBHOOK_SECRET", "s3cret-s3cret-s3cret", "COLLEGEBOT_PUBLIC_URL", "https://college.example.org"))
	if err != nil {
		t.Errorf("webhook mode: %v", err)
	}
}
