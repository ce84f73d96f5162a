package main

import (
	"fmt"
	"os"
	"time"

	"github.com/BurntSushi/toml"

	"collegebot/internal/college"
)

// Config is everything collegebot reads from its environment (DESIGN §5).
// Channel settings arrive with the issues that add the channels.
type Config struct {
	DB          string // COLLEGEBOT_DB
	Addr        string // COLLEGEBOT_ADDR
	PublicURL   string // COLLEGEBOT_PUBLIC_URL
	TZ          string // COLLEGEBOT_TZ
	CollegeFile string // COLLEGEBOT_COLLEGE
	// MetricsToken, when set, is the bearer token GET /metrics asks for:
	// COLLEGEBOT_METRICS_TOKEN, secret (never printed).
	MetricsToken string
	// MetricsAddr, when set, serves GET /metrics on its own address
	// instead, e.g. :9091, which Fly scrapes on its private network:
	// COLLEGEBOT_METRICS_ADDR.
	MetricsAddr string
	// SendTimeout bounds each call to a provider to send a message:
	// COLLEGEBOT_SEND_TIMEOUT, 30 s by default.
	SendTimeout time.Duration

	Twilio TwilioConfig
	Tg     TelegramConfig
	Backup BackupConfig

	Loc     *time.Location
	Profile college.Profile
}

// TwilioConfig turns SMS on when an account is given.
type TwilioConfig struct {
	AccountSID    string  // TWILIO_ACCOUNT_SID
	AuthToken     string  // TWILIO_AUTH_TOKEN: secret
	From          string  // TWILIO_FROM: +447700900000 or a Messaging Service MG...
	APIURL        string  // TWILIO_API_URL: replaces Twilio's API host (tests, simulators)
	MPS           float64 // TWILIO_MPS: segments a second
	OptOutReplies string  // TWILIO_OPT_OUT_REPLIES: who confirms STOP/START/HELP, twilio or bot
}

// SMS reports whether the SMS channel is on.
func (c Config) SMS() bool { return c.Twilio.AccountSID != "" }

// String prints the configuration with its secrets redacted.
func (c Config) String() string {
	return fmt.Sprintf("db=%s addr=%s public_url=%s tz=%s college=%q sms=%v twilio_account=%s twilio_token=%s twilio_from=%s twilio_api=%s twilio_mps=%g opt_out_replies=%s telegram=%v telegram_token=%s telegram_mode=%s telegram_secret=%s telegram_api=%s send_timeout=%s",
		c.DB, c.Addr, c.PublicURL, c.TZ, c.Profile.Name, c.SMS(), c.Twilio.AccountSID, redact(c.Twilio.AuthToken),
		c.Twilio.From, or(c.Twilio.APIURL, "twilio"), c.Twilio.MPS, c.Twilio.OptOutReplies,
		c.Telegram(), redact(c.Tg.Token), c.Tg.Mode, redact(c.Tg.Secret), or(c.Tg.APIURL, "telegram"), c.SendTimeout)
}

// redact hides a secret, saying only whether it is set.
func redact(secret string) string {
	if secret == "" {
		return ""
	}
	return "[redacted]"
}

// configFromEnv reads and validates the configuration; errors name the
// variable to fix.
func configFromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		DB:          or(getenv("COLLEGEBOT_DB"), "collegebot.db"),
		Addr:        or(getenv("COLLEGEBOT_ADDR"), ":8080"),
		PublicURL:   getenv("COLLEGEBOT_PUBLIC_URL"),
		TZ:          or(getenv("COLLEGEBOT_TZ"), "Europe/London"),
		CollegeFile: getenv("COLLEGEBOT_COLLEGE"),
	}
	c.MetricsToken = getenv("COLLEGEBOT_METRICS_TOKEN")
	c.MetricsAddr = getenv("COLLEGEBOT_METRICS_ADDR")
	var err error
	if c.SendTimeout, err = sendTimeoutFromEnv(getenv); err != nil {
		return c, err
	}
	if c.Twilio, err = twilioFromEnv(getenv); err != nil {
		return c, err
	}
	if err := c.checkSMS(); err != nil {
		return c, err
	}
	if c.Tg, err = telegramFromEnv(getenv); err != nil {
		return c, err
	}
	if err := c.checkTelegram(); err != nil {
		return c, err
	}
	if c.Backup, err = backupFromEnv(getenv); err != nil {
		return c, err
	}
	loc, err := time.LoadLocation(c.TZ)
	if err != nil {
		return c, fmt.Errorf("COLLEGEBOT_TZ=%q is not a time zone (e.g. Europe/London): %w", c.TZ, err)
	}
	c.Loc = loc
	if c.Profile, err = loadProfile(c.CollegeFile); err != nil {
		return c, fmt.Errorf("COLLEGEBOT_COLLEGE: %w", err)
	}
	return c, nil
}

// loadProfile reads a college profile over the built-in defaults, so a
// file need only name what differs.
func loadProfile(path string) (college.Profile, error) {
	p := college.DefaultProfile()
	if path != "" {
		buf, err := os.ReadFile(path)
		if err != nil {
			return p, err
		}
		md, err := toml.Decode(string(buf), &p)
		if err != nil {
			return p, fmt.Errorf("%s: %w", path, err)
		}
		if un := md.Undecoded(); len(un) > 0 {
			return p, fmt.Errorf("%s: unknown setting %q", path, un[0].String())
		}
	}
	return p, p.Validate()
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// staffChannels are the channels that reach staff, best first: Telegram
// costs nothing. With neither on, staff are reached in the terminal, by
// their phone number, when they next chat.
func (c Config) staffChannels() []college.Channel {
	var chs []college.Channel
	if c.Telegram() {
		chs = append(chs, college.Telegram)
	}
	if c.SMS() {
		chs = append(chs, college.SMS)
	}
	if len(chs) == 0 {
		chs = append(chs, college.Terminal)
	}
	return chs
}
