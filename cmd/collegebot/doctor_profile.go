package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"time"

	"collegebot/internal/college"
	"collegebot/internal/jobs"
	"collegebot/messages"
)

// maxBackupAge is how old the newest nightly backup may be before it needs
// looking into: one missed night is allowed for.
const maxBackupAge = 48 * time.Hour

// checkProfile checks the college profile: that it is the college's own,
// that a student in crisis is given contacts in every language, and how
// its office hours read. A profile that does not load is reported with
// the configuration.
func (d *doctor) checkProfile() {
	file := d.getenv("COLLEGEBOT_COLLEGE")
	p, err := loadProfile(file)
	if err != nil {
		return
	}
	if file == "" {
		d.fix("college profile", "COLLEGEBOT_COLLEGE is not set, so students are told they are talking to the demo "+
			"college, %s: write the college's profile (college.toml) and set COLLEGEBOT_COLLEGE to its path", p.Name)
	} else {
		d.ok("college profile %q from %s", p.Name, file)
	}
	d.checkCrisisContacts(p)
	d.checkOfficeHours(p)
}

// checkCrisisContacts checks that the reply to a crisis message has
// contacts in it, whatever the student's language.
func (d *doctor) checkCrisisContacts(p college.Profile) {
	if p.CrisisContacts != "" {
		d.ok("crisis contacts: the college's own, %q", p.CrisisContacts)
		return
	}
	cat, err := messages.Load()
	if err != nil {
		d.fix("crisis contacts", "the message catalog does not load (%v): this build is broken, reinstall it", err)
		return
	}
	nation := p.CrisisNation()
	var missing []string
	for _, lang := range cat.Langs() {
		if s, ok := cat.Template(lang, "crisis."+nation); !ok || strings.TrimSpace(s) == "" {
			missing = append(missing, lang)
		}
	}
	if len(missing) > 0 {
		d.fix("crisis contacts", "the catalog has none for %s in %s: set crisis_contacts in the college profile",
			nation, strings.Join(missing, ", "))
		return
	}
	d.ok("crisis contacts: the catalog's for %s, in all %d languages", nation, len(cat.Langs()))
}

// checkOfficeHours shows how the office hours read, and whether the
// office is open now: safeguarding alerts repeat only within them.
func (d *doctor) checkOfficeHours(p college.Profile) {
	if strings.TrimSpace(p.OfficeHours) == "" {
		d.ok("office hours: none set, so unacknowledged crisis alerts repeat at any hour")
		return
	}
	loc := time.UTC
	if d.cfgOK {
		loc = d.cfg.Loc
	}
	state := "closed"
	if p.InOfficeHours(d.now, loc) {
		state = "open"
	}
	d.ok("office hours %q: %s now; crisis alerts repeat only within them", p.OfficeHours, state)
}

// checkBackups checks the nightly backups: that their directory takes
// files, that the newest is recent, and that the job's last run worked.
func (d *doctor) checkBackups(ctx context.Context, dbPath string) {
	b, err := backupFromEnv(d.getenv)
	if err != nil {
		return // reported with the configuration
	}
	dir := Config{DB: dbPath, Backup: b}.BackupDir()
	what := "backups in " + dir
	if err := writable(dir); err != nil {
		d.fix(what, "the directory does not take files (%v): check that it belongs to the user collegebot runs as", err)
		return
	}
	have, err := jobs.ListBackups(dir)
	if err != nil {
		d.fix(what, "%v", err)
		return
	}
	if len(have) == 0 {
		d.fix(what, "none yet: run collegebot jobs run backup to make the first (the job runs nightly at 04:00)")
		return
	}
	newest := have[len(have)-1]
	if old := d.now.Sub(newest.Modified); old > maxBackupAge {
		d.fix(what, "the newest, %s, is %s old: check the backup job's runs (collegebot jobs list) and the log",
			filepath.Base(newest.Path), age(old))
		return
	}
	d.checkLastBackupRun(ctx, what)
	d.ok("%s: %d kept (up to %d); the newest, %s, is %s old (%s)", what, len(have), b.Keep,
		filepath.Base(newest.Path), age(d.now.Sub(newest.Modified)), size(newest.Size))
}

// checkLastBackupRun reports a backup job whose last run failed.
func (d *doctor) checkLastBackupRun(ctx context.Context, what string) {
	if d.db == nil {
		return
	}
	runs, err := d.db.LastRuns(ctx, "backup", 1)
	if err == nil && len(runs) == 1 && runs[0].Err != "" {
		d.fix(what, "the last nightly run failed: %s", runs[0].Err)
	}
}

// writable reports whether dir (or, before the first backup makes it, the
// nearest directory above it) takes a new file.
func writable(dir string) error {
	for {
		if _, err := os.Stat(dir); err == nil || filepath.Dir(dir) == dir {
			break
		}
		dir = filepath.Dir(dir)
	}
	f, err := os.CreateTemp(dir, ".collegebot-doctor-*")
	if err != nil {
		return err
	}
	f.Close()
	return os.Remove(f.Name())
}
