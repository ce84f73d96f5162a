package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"collegebot/internal/jobs"
	"collegebot/internal/sqlite"
)

// BackupConfig is where the nightly backup writes and how many it keeps.
type BackupConfig struct {
	Dir  string // COLLEGEBOT_BACKUP_DIR: "" for a "backups" directory beside the database
	Keep int    // COLLEGEBOT_BACKUP_KEEP: how many nightly backups to keep, at least 1
}

// defaultBackupKeep is a week of nightly backups.
const defaultBackupKeep = 7

// backupFromEnv reads the COLLEGEBOT_BACKUP_ variables; each error names
// its variable.
func backupFromEnv(getenv func(string) string) (BackupConfig, error) {
	b := BackupConfig{Dir: getenv("COLLEGEBOT_BACKUP_DIR"), Keep: defaultBackupKeep}
	if v := getenv("COLLEGEBOT_BACKUP_KEEP"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return b, fmt.Errorf("COLLEGEBOT_BACKUP_KEEP=%q must be a whole number of nightly backups to keep, 1 or more (default %d)", v, defaultBackupKeep)
		}
		b.Keep = n
	}
	return b, nil
}

// BackupDir is the directory of the nightly backups: COLLEGEBOT_BACKUP_DIR,
// or "backups" beside the database (after --db is applied).
func (c Config) BackupDir() string {
	if c.Backup.Dir != "" {
		return c.Backup.Dir
	}
	return filepath.Join(filepath.Dir(c.DB), "backups")
}

// backupCmd writes a copy of the database, and lists the nightly ones.
func backupCmd(e env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "backup FILE",
		Short: "Write a consistent copy of the database to FILE; safe while collegebot serve runs",
		Long: `Write a consistent copy of the database to FILE, as it is at one moment,
while collegebot serve carries on. FILE must not exist. The copy is checked
before the command ends. "collegebot restore FILE" puts it back.

The nightly job "backup" does the same at 04:00 into COLLEGEBOT_BACKUP_DIR
(default: "backups" beside the database), keeping COLLEGEBOT_BACKUP_KEEP
(default 7); "collegebot backup list" shows them.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withApp(cmd, e, func(a *app) error { return a.backup(cmd.Context(), args[0], e.stdout) })
		},
	}
	cmd.AddCommand(backupListCmd(e))
	return cmd
}

func backupListCmd(e env) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the nightly backups, newest first",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(cmd, e)
			if err != nil {
				return err
			}
			return listBackups(e.stdout, cfg, time.Now())
		},
	}
}

// backup writes the copy, checks it, and says where it is and how big.
func (a *app) backup(ctx context.Context, path string, out io.Writer) error {
	if err := a.db.Backup(ctx, path); err != nil {
		return err
	}
	info, err := sqlite.CheckBackup(ctx, path)
	if err != nil {
		return fmt.Errorf("the backup was written but fails its check: %w", err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Backed up %s to %s (%s, schema version %d, integrity ok).\n",
		a.cfg.DB, path, size(fi.Size()), info.Version)
	return nil
}

// listBackups prints the nightly backups, newest first, with their sizes
// and ages.
func listBackups(out io.Writer, cfg Config, now time.Time) error {
	have, err := jobs.ListBackups(cfg.BackupDir())
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Nightly backups in %s (keeping %d):\n", cfg.BackupDir(), cfg.Backup.Keep)
	if len(have) == 0 {
		fmt.Fprintln(out, "none yet: the job runs at 04:00, or run collegebot jobs run backup")
		return nil
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	for _, f := range slices.Backward(have) {
		fmt.Fprintf(tw, "%s\t%s\t%s ago\n", f.Path, size(f.Size), age(now.Sub(f.Modified)))
	}
	return tw.Flush()
}

// size writes a file size for people: 812 KB, 14.2 MB.
func size(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.0f KB", float64(n)/1000)
	case n < 1000*1000*1000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.1f GB", float64(n)/1e9)
}

// age writes a duration for people: 40 minutes, 5 hours, 3 days.
func age(d time.Duration) string {
	switch {
	case d < 2*time.Minute:
		return fmt.Sprintf("%d seconds", int(d.Seconds()))
	case d < 2*time.Hour:
		return fmt.Sprintf("%d minutes", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d hours", int(d.Hours()))
	}
	return fmt.Sprintf("%d days", int(d.Hours()/24))
}
