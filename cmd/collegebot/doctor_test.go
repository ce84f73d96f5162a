package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"collegebot/internal/telegram"
	"collegebot/internal/twilio"
)

// runEnv runs collegebot in-process with the environment env and returns
// stdout, stderr and the exit status.
func runEnv(t *testing.T, env map[string]string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errb)
	var exit exitError
	switch {
	case errors.As(err, &exit):
		return out.String(), errb.String(), int(exit)
	case err != nil:
		return out.String(), errb.String() + err.Error(), 1
	}
	return out.String(), errb.String(), 0
}

// doctorRig is a college set up as it should be: a seeded database with
// last night's backup, its own profile, SMS from a number on the account
// and Telegram in webhook mode, both providers played by stubs, and a
// public URL that answers.
type doctorRig struct {
	t      *testing.T
	env    map[string]string
	tw     *stubTwilio
	tg     *stubTelegram
	public string
}

const doctorFrom = "+447700900999"

func newDoctorRig(t *testing.T) *doctorRig {
	r := &doctorRig{t: t, tw: newStubTwilio(t), tg: newStubTelegram(t), public: newHealthz(t)}
	r.tw.SetAccount("Riverside Recovery College", "Full")
	r.tw.AddNumber(doctorFrom, r.public+"/sms/twilio")
	r.tg.SetUsername("RiversideCollegeBot")
	r.tg.SetWebhook(r.public + "/telegram/webhook")
	profile := filepath.Join(t.TempDir(), "college.toml")
	if err := os.WriteFile(profile, []byte("name = \"Riverside Recovery College\"\nnation = \"wales\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r.env = map[string]string{"COLLEGEBOT_DB": seededDB(t), "COLLEGEBOT_PUBLIC_URL": r.public, "COLLEGEBOT_COLLEGE": profile,
		"TWILIO_ACCOUNT_SID": testSID, "TWILIO_AUTH_TOKEN": testToken, "TWILIO_FROM": doctorFrom,
		"TWILIO_API_URL": r.tw.URL(), "TELEGRAM_BOT_TOKEN": testBotToken, "TELEGRAM_MODE": "webhook",
		"TELEGRAM_WEBHOOK_SECRET": tgSecret, "TELEGRAM_API_URL": r.tg.URL()}
	if _, errs, code := runEnv(t, r.env, "jobs", "run", "backup"); code != 0 {
		t.Fatalf("jobs run backup: exit %d: %s", code, errs)
	}
	return r
}

// newHealthz is collegebot's public URL as the providers reach it: an
// address that answers /healthz.
func newHealthz(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintln(w, "ok")
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// doctor runs collegebot doctor and returns its lines and exit status.
func (r *doctorRig) doctor(args ...string) ([]string, int) {
	r.t.Helper()
	out, errs, code := runEnv(r.t, r.env, append([]string{"doctor"}, args...)...)
	if errs != "" {
		r.t.Errorf("doctor wrote to stderr: %s", errs)
	}
	return strings.Split(strings.TrimSpace(out), "\n"), code
}

func TestDoctorPassesAGoodSetup(t *testing.T) {
	r := newDoctorRig(t)
	lines, code := r.doctor("--providers")
	out := strings.Join(lines, "\n")
	if code != 0 {
		t.Errorf("exit %d, want 0:\n%s", code, out)
	}

	for _, l := range lines {
		if !strings.HasPrefix(l, "OK   ") {
			t.Errorf("line %q is not OK", l)
		}
	}
	contains(t, "doctor", out,
		"OK   configuration: SMS on from +447700900999, Telegram on (webhook)",
		"OK   time zone Europe/London",
		"OK   database "+r.env["COLLEGEBOT_DB"]+": schema version",
		"OK   college profile \"Riverside Recovery College\"",
		"OK   crisis contacts: the catalog's for wales, in all 4 languages",
		"OK   backups in "+filepath.Join(filepath.Dir(r.env["COLLEGEBOT_DB"]), "backups")+": 1 kept (up to 7)",
		"OK   public URL: "+r.public+"/healthz answers",
		"OK   Twilio account "+testSID+" (Riverside Recovery College): credentials accepted, active",
		"OK   TWILIO_FROM +447700900999 is the account's, and Twilio posts the texts it receives to "+r.public+"/sms/twilio",
		"OK   Telegram bot @RiversideCollegeBot: token accepted",
		"OK   Telegram webhook is "+r.public+"/telegram/webhook; 0 updates waiting")
}

func TestDoctorSaysWhatToFix(t *testing.T) {
	for _, tt := range []struct {
		name  string
		setup func(r *doctorRig)
		want  string
		fixes int
	}{
		{"a bad bot token", func(r *doctorRig) { r.env["TELEGRAM_BOT_TOKEN"] = "123456789:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
			"FIX  Telegram bot: Telegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized): copy the bot's token from BotFather", 1},
		{"a webhook pointing elsewhere", func(r *doctorRig) { r.tg.SetWebhook("https://old-college.fly.dev/telegram/webhook") },
			"FIX  Telegram webhook: Telegram sends the bot's updates to https://old-college.fly.dev/telegram/webhook, not ", 1},
		{"no webhook in webhook mode", func(r *doctorRig) { r.tg.SetWebhook("") },
			"FIX  Telegram webhook: Telegram sends the bot's updates to nowhere (no webhook is set)", 1},
		{"a webhook in polling mode", func(r *doctorRig) { r.env["TELEGRAM_MODE"] = "polling" },
			"FIX  Telegram webhook: one is set (", 1},
		{"a From number not on the account", func(r *doctorRig) { r.env["TWILIO_FROM"] = "+447700900111" },
			"FIX  TWILIO_FROM +447700900111: it is not a number of account " + testSID, 1},
		{"a bad auth token", func(r *doctorRig) { r.env["TWILIO_AUTH_TOKEN"] = strings.Repeat("f", 32) },
			"FIX  Twilio account " + testSID + ": Twilio refused the credentials (error 20003): copy the Account SID and Auth Token", 1},
		{"a number whose texts go elsewhere", func(r *doctorRig) { r.tw.AddNumber(doctorFrom, "https://demo.twilio.com/welcome/sms/reply") },
			"set A MESSAGE COMES IN to Webhook ", 1},
		{"a trial account", func(r *doctorRig) { r.tw.SetAccount("Riverside Recovery College", "Trial") },
			"FIX  Twilio account " + testSID + ": it is a trial", 1},
		{"a public URL that does not answer", func(r *doctorRig) { r.env["COLLEGEBOT_PUBLIC_URL"] = "http://127.0.0.1:1" },
			"FIX  public URL: http://127.0.0.1:1/healthz did not answer", 3},
		{"the demo profile", func(r *doctorRig) { delete(r.env, "COLLEGEBOT_COLLEGE") },
			"FIX  college profile: COLLEGEBOT_COLLEGE is not set", 1},
		{"no backups", func(r *doctorRig) { os.RemoveAll(filepath.Join(filepath.Dir(r.env["COLLEGEBOT_DB"]), "backups")) },
			"FIX  backups in " + "", 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := newDoctorRig(t)
			tt.setup(r)
			lines, code := r.doctor("--providers")
			out := strings.Join(lines, "\n")
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			contains(t, tt.name, out, tt.want)

			if n := strings.Count(out, "\nFIX  ") + strings.Count(out[:5], "FIX  "); n != tt.fixes {
				t.Errorf("%d lines to fix, want %d:\n%s", n, tt.fixes, out)
			}
		})
	}
}

func TestDoctorReportsEveryConfigurationProblem(t *testing.T) {
	r := newDoctorRig(t)
	r.env["TWILIO_MPS"] = "fast"
	r.env["COLLEGEBOT_TZ"] = "Mars/Olympus"
	r.env["COLLEGEBOT_BACKUP_KEEP"] = "0"
	r.env["TELEGRAM_WEBHOOK_SECRET"] = "short"
	r.env["COLLEGEBOT_SEND_TIMEOUT"] = "fast"
	lines, code := r.doctor("--providers")
	out := strings.Join(lines, "\n")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	contains(t, "doctor", out, "FIX  configuration: TWILIO_MPS=\"fast\"", "FIX  configuration: COLLEGEBOT_TZ=\"Mars/Olympus\"",
		"FIX  configuration: COLLEGEBOT_BACKUP_KEEP=\"0\"", "FIX  configuration: TELEGRAM_WEBHOOK_SECRET must be",
		"FIX  configuration: COLLEGEBOT_SEND_TIMEOUT=\"fast\"",
		"OK   database", "FIX  providers: not checked until the configuration is fixed")
}

func TestDoctorDoesNotCreateAMissingDatabase(t *testing.T) {
	r := newDoctorRig(t)
	missing := filepath.Join(t.TempDir(), "data", "collegebot.db")
	r.env["COLLEGEBOT_DB"] = missing
	lines, code := r.doctor()
	contains(t, "doctor", strings.Join(lines, "\n"), "FIX  database "+missing+": it does not exist: check COLLEGEBOT_DB")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("doctor created the database")
	}
}

// TestDoctorKnowsTheWebhookPaths checks doctor's idea of where the
// providers post against the routes serve registers.
func TestDoctorKnowsTheWebhookPaths(t *testing.T) {
	mux := http.NewServeMux()
	(&twilio.Handler{}).Register(mux)
	(&telegram.Handler{}).Register(mux)
	for _, path := range []string{twilioInboundPath, telegramWebhookPath} {
		if _, pattern := mux.Handler(httptest.NewRequest(http.MethodPost, path, nil)); pattern != "POST "+path {
			t.Errorf("POST %s is served by %q", path, pattern)
		}
	}
}
