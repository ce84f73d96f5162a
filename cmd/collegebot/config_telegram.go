package main

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// TelegramConfig turns Telegram on when a bot token is given.
type TelegramConfig struct {
	Token  string // TELEGRAM_BOT_TOKEN: secret
	Mode   string // TELEGRAM_MODE: webhook or polling
	Secret string // TELEGRAM_WEBHOOK_SECRET: secret, checked on every webhook
	APIURL string // TELEGRAM_API_URL: replaces Telegram's API host (tests)
}

var (
	botToken      = regexp.MustCompile(`^[0-9]+:[A-Za-z0-9_-]{20,}$`)
	webhookSecret = regexp.MustCompile(`^[A-Za-z0-9_-]{16,256}$`)
)

// Telegram reports whether the Telegram channel is on.
func (c Config) Telegram() bool { return c.Tg.Token != "" }

// telegramFromEnv reads the TELEGRAM_ variables; each error names its
// variable.
func telegramFromEnv(getenv func(string) string) (TelegramConfig, error) {
	t := TelegramConfig{
		Token:  getenv("TELEGRAM_BOT_TOKEN"),
		Mode:   or(getenv("TELEGRAM_MODE"), "polling"),
		Secret: getenv("TELEGRAM_WEBHOOK_SECRET"),
		APIURL: strings.TrimRight(getenv("TELEGRAM_API_URL"), "/"),
	}
	switch {
	case t.Mode != "polling" && t.Mode != "webhook":
		return t, fmt.Errorf("TELEGRAM_MODE=%q must be webhook or polling", t.Mode)
	case t.Token == "" && (t.Secret != "" || getenv("TELEGRAM_MODE") != ""):
		return t, fmt.Errorf("TELEGRAM_BOT_TOKEN is empty, but other TELEGRAM_ settings are set: set it (from BotFather) to turn Telegram on")
	case t.Token != "" && !botToken.MatchString(t.Token):
		return t, fmt.Errorf("TELEGRAM_BOT_TOKEN does not look like a BotFather token (123456:ABC...)")
	case t.APIURL != "":
		if u, err := url.Parse(t.APIURL); err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			return t, fmt.Errorf("TELEGRAM_API_URL=%q is not an http(s) URL", t.APIURL)
		}
	}
	return t, nil
}

// checkTelegram checks that webhook mode has what it needs.
func (c *Config) checkTelegram() error {
	if !c.Telegram() || c.Tg.Mode != "webhook" {
		return nil
	}
	if !webhookSecret.MatchString(c.Tg.Secret) {
		return fmt.Errorf("TELEGRAM_WEBHOOK_SECRET must be 16 to 256 of A-Z, a-z, 0-9, _ and - in webhook mode: Telegram sends it with every update")
	}
	return c.checkPublicURL()
}
