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

	Loc     *time.Location
	Profile college.Profile
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
