package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"collegebot/internal/sqlite"
	"collegebot/internal/telegram"
)

// doctorCmd checks that collegebot can run as configured, one line a check.
func doctorCmd(e env) *cobra.Command {
	var providers bool
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Check the configuration, database, college profile and backups, and with --providers the Twilio and Telegram accounts",
		Long: `Check that collegebot can run as configured. Each line says OK, or FIX and
what to do. The exit status is 1 when anything needs fixing.

With --providers it also asks Twilio whether the credentials work and
TWILIO_FROM belongs to the account and sends its texts here, asks Telegram
whether the bot token works and where updates go, and fetches
COLLEGEBOT_PUBLIC_URL/healthz. Without it, doctor makes no network calls.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			d := &doctor{out: e.stdout, getenv: e.getenv, now: time.Now()}
			d.run(cmd, e, providers)
			if d.fixes > 0 {
				return exitError(1)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&providers, "providers", false, "also check the Twilio and Telegram credentials, number and webhook, and the public URL (network calls)")
	return cmd
}

// doctor runs the checks and prints a line for each.
type doctor struct {
	out    io.Writer
	getenv func(string) string
	now    time.Time
	fixes  int

	cfg   Config
	cfgOK bool
	db    *sqlite.DB // open when the database check got that far
}

// ok prints a check that passed.
func (d *doctor) ok(format string, args ...any) {
	fmt.Fprintf(d.out, "OK   "+format+"\n", args...)
}

// fix prints a check that failed: what is wrong and how to fix it.
func (d *doctor) fix(what, how string, args ...any) {
	d.fixes++
	fmt.Fprintf(d.out, "FIX  %s: "+how+"\n", append([]any{what}, args...)...)
}

// run runs every check in turn; each reports what it can even when an
// earlier one failed.
func (d *doctor) run(cmd *cobra.Command, e env, providers bool) {
	ctx := cmd.Context()
	d.checkConfig(cmd, e)
	if d.cfgOK {
		d.checkZone()
		d.checkPublicURL()
	}
	path := dbPath(cmd, e)
	if d.cfgOK {
		path = d.cfg.DB
	}
	if closeDB := d.checkDatabase(ctx, path); closeDB != nil {
		defer closeDB()
	}
	d.checkProfile()
	d.checkBackups(ctx, path)
	if providers {
		d.checkProviders(ctx)
	}
}

// checkConfig reads every variable and reports each problem found, not
// only the first as starting up does.
func (d *doctor) checkConfig(cmd *cobra.Command, e env) {
	problems := configProblems(d.getenv)
	cfg, err := loadConfig(cmd, e)
	if err != nil && len(problems) == 0 {
		problems = append(problems, err.Error())
	}
	for _, p := range problems {
		d.fix("configuration", "%s", p)
	}
	if err != nil {
		return
	}
	d.cfg, d.cfgOK = cfg, true
	d.ok("configuration: %s", channels(cfg))
}

// channels says which channels are on, and how.
func channels(c Config) string {
	sms, tg := "SMS off", "Telegram off"
	if c.SMS() {
		sms = "SMS on from " + c.Twilio.From
	}
	if c.Telegram() {
		tg = "Telegram on (" + c.Tg.Mode + ")"
	}
	return sms + ", " + tg
}

// configProblems checks each part of the configuration on its own, so that
// one mistake does not hide the next. Every rule is configFromEnv's own:
// the channels through the functions it calls, and each variable it checks
// after them through configFromEnv itself, given that variable alone (the
// defaults of the rest pass).
func configProblems(getenv func(string) string) []string {
	var out []string
	add := func(err error) {
		if err != nil && !slices.Contains(out, err.Error()) {
			out = append(out, err.Error())
		}
	}
	tw, err := twilioFromEnv(getenv)
	add(err)
	tg, err := telegramFromEnv(getenv)
	add(err)
	c := Config{PublicURL: getenv("COLLEGEBOT_PUBLIC_URL"), Twilio: tw, Tg: tg}
	add(c.checkSMS())
	add(c.checkTelegram())
	for _, name := range []string{"COLLEGEBOT_SEND_TIMEOUT", "COLLEGEBOT_BACKUP_KEEP", "COLLEGEBOT_TZ", "COLLEGEBOT_COLLEGE"} {
		_, err := configFromEnv(func(k string) string {
			if k == name {
				return getenv(k)
			}
			return ""
		})
		add(err)
	}
	return out
}

// checkZone shows the college's local time, which the schedule follows.
func (d *doctor) checkZone() {
	d.ok("time zone %s: it is %s there now", d.cfg.Loc, d.now.In(d.cfg.Loc).Format("Mon 2 Jan 15:04 MST"))
}

// checkPublicURL shows where the providers are told to post.
func (d *doctor) checkPublicURL() {
	var posts []string
	if d.cfg.SMS() {
		posts = append(posts, "Twilio posts to "+d.cfg.PublicURL+twilioInboundPath)
	}
	if d.cfg.Telegram() && d.cfg.Tg.Mode == telegram.ModeWebhook {
		posts = append(posts, "Telegram to "+d.cfg.PublicURL+telegramWebhookPath)
	}
	if len(posts) == 0 {
		d.ok("public URL: not needed (no SMS, and Telegram off or polling)")
		return
	}
	d.ok("public URL %s: %s", d.cfg.PublicURL, strings.Join(posts, ", "))
}

// withTimeout bounds one check's network calls.
func withTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, 20*time.Second)
}
