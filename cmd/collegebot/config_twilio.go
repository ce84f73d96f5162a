package main

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

var (
	accountSID = regexp.MustCompile(`^AC[0-9a-fA-F]{32}$`)
	fromNumber = regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`)
	serviceSID = regexp.MustCompile(`^MG[0-9a-fA-F]{32}$`)
)

// twilioFromEnv reads the TWILIO_ variables; each error names its variable.
func twilioFromEnv(getenv func(string) string) (TwilioConfig, error) {
	t := TwilioConfig{
		AccountSID:    getenv("TWILIO_ACCOUNT_SID"),
		AuthToken:     getenv("TWILIO_AUTH_TOKEN"),
		From:          getenv("TWILIO_FROM"),
		APIURL:        strings.TrimRight(getenv("TWILIO_API_URL"), "/"),
		OptOutReplies: or(getenv("TWILIO_OPT_OUT_REPLIES"), "twilio"),
		MPS:           10,
	}
	if v := getenv("TWILIO_MPS"); v != "" {
		mps, err := strconv.ParseFloat(v, 64)
		if err != nil || mps <= 0 {
			return t, fmt.Errorf("TWILIO_MPS=%q is not a positive number of segments a second (a UK long code sends 10)", v)
		}
		t.MPS = mps
	}
	if t.OptOutReplies != "twilio" && t.OptOutReplies != "bot" {
		return t, fmt.Errorf("TWILIO_OPT_OUT_REPLIES=%q must be twilio (Twilio confirms STOP, START and HELP) or bot", t.OptOutReplies)
	}
	if t.APIURL != "" {
		if u, err := url.Parse(t.APIURL); err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			return t, fmt.Errorf("TWILIO_API_URL=%q is not an http(s) URL", t.APIURL)
		}
	}
	return t, nil
}

// checkSMS checks that SMS is either off or fully set up.
func (c *Config) checkSMS() error {
	t := c.Twilio
	switch {
	case t.AccountSID == "" && (t.AuthToken != "" || t.From != ""):
		return fmt.Errorf("TWILIO_ACCOUNT_SID is empty, but other TWILIO_ settings are set: set it to turn SMS on")
	case t.AccountSID == "":
		return nil
	case !accountSID.MatchString(t.AccountSID):
		return fmt.Errorf("TWILIO_ACCOUNT_SID must be AC followed by 32 hex digits")
	case t.AuthToken == "":
		return fmt.Errorf("TWILIO_AUTH_TOKEN is empty: it signs and checks every request")
	case !fromNumber.MatchString(t.From) && !serviceSID.MatchString(t.From):
		return fmt.Errorf("TWILIO_FROM=%q must be a number in E.164 (+447700900000) or a Messaging Service SID (MG...)", t.From)
	}
	return c.checkPublicURL()
}

// checkPublicURL checks the URL Twilio signs its webhooks with.
func (c *Config) checkPublicURL() error {
	c.PublicURL = strings.TrimRight(c.PublicURL, "/")
	u, err := url.Parse(c.PublicURL)
	switch {
	case c.PublicURL == "":
		return fmt.Errorf("COLLEGEBOT_PUBLIC_URL is empty: SMS needs the public https URL Twilio calls, to check its signatures")
	case err != nil || u.Host == "" || u.Path != "":
		return fmt.Errorf("COLLEGEBOT_PUBLIC_URL=%q must be a base URL such as https://college.fly.dev", c.PublicURL)
	case u.Scheme != "https" && u.Hostname() != "localhost" && u.Hostname() != "127.0.0.1":
		return fmt.Errorf("COLLEGEBOT_PUBLIC_URL=%q must use https (plain http only for localhost)", c.PublicURL)
	}
	return nil
}
