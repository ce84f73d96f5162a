package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBackupAndRestoreFromTheCommandLine(t *testing.T) {
	c := &cli{t: t, db: seededDB(t)}
	backup := filepath.Join(t.TempDir(), "before-term.db")
	out := c.ok("", "backup", backup)
	contains(t, "backup", out, "Backed up "+c.db+" to "+backup+" (", "schema version", "integrity ok")

	c.ok("join ga1\nSam\nyes\nyes\nskip\nskip\nskip\n", "chat", "--as", "07700900123") // a 13th student
	out = c.ok("", "restore", backup)
	contains(t, "restore", out, "Restored "+c.db+" from "+backup, "The database as it was is kept as "+c.db+".before-restore-",
		"12 students")
	kept, _ := filepath.Glob(c.db + ".before-restore-*")
	if len(kept) != 1 {
		t.Fatalf("kept %q, want one file", kept)
	}
	out = c.ok("", "restore", kept[0])
	contains(t, "undo", out, "13 students")

	if _, errs, code := c.run("", "backup", backup); code == 0 || !strings.Contains(errs, "already exists") {
		t.Errorf("a backup over an existing file: exit %d, %s", code, errs)
	}
}

func TestRestoreRefusedWhileTheDatabaseIsOpen(t *testing.T) {
	c := &cli{t: t, db: seededDB(t)}
	backup := filepath.Join(t.TempDir(), "backup.db")
	c.ok("", "backup", backup)
	cfg, err := configFromEnv(envOf("COLLEGEBOT_DB", c.db))
	if err != nil {
		t.Fatal(err)
	}
	other, err := openApp(context.Background(), cfg) // as collegebot serve has it
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(c.db)
	_, errs, code := c.run("", "restore", backup)
	if code != 1 || !strings.Contains(errs, "collegebot serve (or another collegebot command) is using "+c.db+": stop it first") {
		t.Errorf("restore while the database is open: exit %d, %q", code, errs)
	}
	if after, _ := os.ReadFile(c.db); !bytes.Equal(before, after) {
		t.Error("a refused restore changed the database")
	}
	other.Close()
	contains(t, "restore once closed", c.ok("", "restore", backup), "Restored")
}

func TestRestoreRefusesWhatIsNotABackup(t *testing.T) {
	c := &cli{t: t, db: seededDB(t)}
	notes := writeFile(t, "course_code,title\nGA1,Walking football\n")
	half := filepath.Join(t.TempDir(), "half.db")
	c.ok("", "backup", half)
	b, _ := os.ReadFile(half)
	os.WriteFile(half, b[:len(b)/2], 0o600) // a copy cut short
	before, _ := os.ReadFile(c.db)
	for _, tt := range []struct{ file, want string }{
		{notes, "not a collegebot database"},
		{half, "the database is damaged"},
		{filepath.Join(t.TempDir(), "missing.db"), "no such file"},
	} {
		_, errs, code := c.run("", "restore", tt.file)
		if code != 1 || !strings.Contains(errs, tt.file) || !strings.Contains(errs, tt.want) {
			t.Errorf("restore %s: exit %d, %q; want it refused saying %q", filepath.Base(tt.file), code, errs, tt.want)
		}
	}
	if after, _ := os.ReadFile(c.db); !bytes.Equal(before, after) {
		t.Error("a refused restore changed the database")
	}
	if matches, _ := filepath.Glob(c.db + ".before-restore-*"); len(matches) > 0 {
		t.Errorf("a refused restore set the database aside: %q", matches)
	}
}

func TestJobsRunBackupAndList(t *testing.T) {
	c := &cli{t: t, db: seededDB(t)}
	contains(t, "jobs run backup", c.ok("", "jobs", "run", "backup"), "backup did: written=1.")
	out := c.ok("", "backup", "list")
	contains(t, "backup list", out, "Nightly backups in "+filepath.Join(filepath.Dir(c.db), "backups")+" (keeping 7):",
		filepath.Join(filepath.Dir(c.db), "backups", "collegebot-"), "KB", "seconds ago")
	contains(t, "jobs list", c.ok("", "jobs", "list"), "backup", "0 4 * * *")
}

func TestBackupKeepMustBePositive(t *testing.T) {
	for _, v := range []string{"0", "-3", "seven"} {
		_, err := configFromEnv(envOf("COLLEGEBOT_BACKUP_KEEP", v))
		if err == nil || !strings.Contains(err.Error(), "COLLEGEBOT_BACKUP_KEEP") {
			t.Errorf("COLLEGEBOT_BACKUP_KEEP=%s: %v, want an error naming it", v, err)
		}
	}
	cfg, err := configFromEnv(envOf("COLLEGEBOT_DB", "/data/collegebot.db", "COLLEGEBOT_BACKUP_KEEP", "14"))
	if err != nil || cfg.Backup.Keep != 14 || cfg.BackupDir() != "/data/backups" {
		t.Errorf("keep 14: %+v %s, %v", cfg.Backup, cfg.BackupDir(), err)
	}
	cfg, _ = configFromEnv(envOf("COLLEGEBOT_BACKUP_DIR", "/backups"))
	if cfg.Backup.Keep != 7 || cfg.BackupDir() != "/backups" {
		t.Errorf("defaults: %+v %s", cfg.Backup, cfg.BackupDir())
	}
}
